"""Filters TensorFlow's native start-up log lines out of a command's stderr.

TensorFlow 2.21 writes its oneDNN, CUDA-probe and CPU-feature lines through absl before
``TF_CPP_MIN_LOG_LEVEL`` is read, so the variable alone does not quiet them. The
``keras-gans`` command routes file descriptor 2 through a pipe that drops those INFO and
WARNING lines (and the CUDA-probe errors of a machine without a GPU) and passes every
other line on; a user who sets ``TF_CPP_MIN_LOG_LEVEL`` sees everything, as set.
"""

import atexit
import os
import re
import sys
import threading

NOISE = re.compile(
    rb"^(?:[IW]\d{4} [\d:.]+ +\d+ [\w./-]+:\d+\]"       # absl INFO / WARNING lines
    rb"|E\d{4} [\d:.]+ +\d+ cuda_\w+\.cc:\d+\]"           # no GPU here: CUDA probe errors
    rb"|WARNING: All log messages before absl::InitializeLog\(\) is called"
    rb"|To enable the following instructions: )")


def quiet_native_logs():
    """Starts the filter unless the user chose a TF log level; returns whether it did."""
    if "TF_CPP_MIN_LOG_LEVEL" in os.environ:
        return False
    os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"  # what TensorFlow does honour, later on
    try:
        sys.stderr.flush()
        read_end, write_end = os.pipe()
        stderr = os.dup(2)
        os.dup2(write_end, 2)
        os.close(write_end)
    except OSError:  # no usable fd 2 (embedded interpreters): leave stderr as it is
        return False

    def pump():
        with os.fdopen(read_end, "rb") as lines:
            for line in lines:
                if not NOISE.match(line):
                    os.write(stderr, line)

    thread = threading.Thread(target=pump, name="keras-gans-stderr", daemon=True)
    thread.start()

    def restore():  # closing the pipe's one writer ends the pump
        try:
            sys.stderr.flush()
        finally:
            os.dup2(stderr, 2)
            thread.join(timeout=5)

    atexit.register(restore)
    return True
