"""A fast reachability probe, run before any download that would otherwise block offline."""

import os
import socket


def host_reachable(host, port=443, timeout=3.0):
    """Whether ``host:port`` accepts a TCP connection within ``timeout`` seconds.

    ``KERAS_GANS_ASSUME_ONLINE=1`` skips the probe (answers True), for networks where
    the probe is blocked but downloads work through a proxy.
    """
    if os.environ.get("KERAS_GANS_ASSUME_ONLINE") == "1":
        return True
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False
