"""Sample grids, 2-D scatter plots and training-history plots as PNG files, rasterised
with NumPy (no plotting library needed)."""

import math
import os

import numpy as np

from keras_gans.errors import InvalidInputError


def to_uint8(images, value_range=(-1.0, 1.0)):
    """Maps images from ``value_range`` to uint8 [0, 255] (clipping outside values)."""
    low, high = value_range
    x = (np.asarray(images, np.float32) - low) / (high - low)
    return np.clip(np.round(x * 255.0), 0, 255).astype(np.uint8)


def make_grid(images, columns=None, padding=2, value_range=(-1.0, 1.0)):
    """Tiles ``(N, H, W, C)`` images into one uint8 ``(rows·H, columns·W, C)`` image."""
    images = np.asarray(images)
    if images.ndim != 4 or images.shape[0] < 1:
        raise InvalidInputError(
            f"make_grid needs images of shape (N, H, W, C) with N ≥ 1; got {images.shape}."
        )
    n, h, w, c = images.shape
    columns = columns or int(np.ceil(np.sqrt(n)))
    rows = int(np.ceil(n / columns))
    grid = np.full((rows * (h + padding) + padding, columns * (w + padding) + padding, c),
                   255, np.uint8)
    tiles = to_uint8(images, value_range)
    for i in range(n):
        r, col = divmod(i, columns)
        y, x = padding + r * (h + padding), padding + col * (w + padding)
        grid[y:y + h, x:x + w] = tiles[i]
    return grid


def scatter_image(points, reference=None, size=400, extent=None):
    """Rasterises 2-D ``points`` (black) over ``reference`` points (red) into RGB uint8."""
    points = np.asarray(points, np.float64)
    if points.ndim != 2 or points.shape[1] != 2:
        raise InvalidInputError(f"scatter_image needs (N, 2) points; got {points.shape}.")
    everything = points if reference is None else np.concatenate([points, reference])
    if extent is None:
        finite = everything[np.all(np.isfinite(everything), axis=1)]
        lim = float(np.max(np.abs(finite))) * 1.1 if len(finite) else 1.0
        extent = max(lim, 1e-3)
    canvas = np.full((size, size, 3), 255, np.uint8)

    def plot(pts, color, radius):
        pts = pts[np.all(np.isfinite(pts), axis=1)]
        px = np.round((pts[:, 0] / extent + 1) / 2 * (size - 1)).astype(int)
        py = np.round((1 - (pts[:, 1] / extent + 1) / 2) * (size - 1)).astype(int)
        for dx in range(-radius, radius + 1):
            for dy in range(-radius, radius + 1):
                x, y = px + dx, py + dy
                ok = (x >= 0) & (x < size) & (y >= 0) & (y < size)
                canvas[y[ok], x[ok]] = color

    plot(points, (0, 0, 0), 0)
    if reference is not None:
        plot(np.asarray(reference, np.float64), (220, 30, 30), 2)
    return canvas


def save_png(image, path):
    """Writes a uint8 (H, W, C) image as PNG atomically (temp file, then rename)."""
    import tensorflow as tf

    image = np.asarray(image)
    if image.dtype != np.uint8 or image.ndim != 3 or image.shape[2] not in (1, 3, 4):
        raise InvalidInputError(
            f"save_png needs a uint8 (H, W, 1|3|4) image; got {image.dtype} {image.shape}."
        )
    from keras_gans.saving import atomic_path

    path = os.fspath(path)
    with atomic_path(path) as tmp, open(tmp, "wb") as f:
        f.write(tf.io.encode_png(image).numpy())
    return path


# ------------------------------------------------------------------ history plots

# A 3×5 pixel font (lowercase drawn as capitals), enough for keys and numbers.
_GLYPHS = {
    "0": "###|#.#|#.#|#.#|###", "1": ".#.|##.|.#.|.#.|###", "2": "###|..#|###|#..|###",
    "3": "###|..#|.##|..#|###", "4": "#.#|#.#|###|..#|..#", "5": "###|#..|###|..#|###",
    "6": "###|#..|###|#.#|###", "7": "###|..#|.#.|.#.|.#.", "8": "###|#.#|###|#.#|###",
    "9": "###|#.#|###|..#|###", "a": ".#.|#.#|###|#.#|#.#", "b": "##.|#.#|##.|#.#|##.",
    "c": ".##|#..|#..|#..|.##", "d": "##.|#.#|#.#|#.#|##.", "e": "###|#..|##.|#..|###",
    "f": "###|#..|##.|#..|#..", "g": ".##|#..|#.#|#.#|.##", "h": "#.#|#.#|###|#.#|#.#",
    "i": "###|.#.|.#.|.#.|###", "j": "..#|..#|..#|#.#|.#.", "k": "#.#|#.#|##.|#.#|#.#",
    "l": "#..|#..|#..|#..|###", "m": "#.#|###|###|#.#|#.#", "n": "##.|#.#|#.#|#.#|#.#",
    "o": ".#.|#.#|#.#|#.#|.#.", "p": "##.|#.#|##.|#..|#..", "q": ".#.|#.#|#.#|##.|.##",
    "r": "##.|#.#|##.|#.#|#.#", "s": ".##|#..|.#.|..#|##.", "t": "###|.#.|.#.|.#.|.#.",
    "u": "#.#|#.#|#.#|#.#|###", "v": "#.#|#.#|#.#|#.#|.#.", "w": "#.#|#.#|###|###|#.#",
    "x": "#.#|#.#|.#.|#.#|#.#", "y": "#.#|#.#|.#.|.#.|.#.", "z": "###|..#|.#.|#..|###",
    "_": "...|...|...|...|###", ".": "...|...|...|...|.#.", "-": "...|...|###|...|...",
    "+": "...|.#.|###|.#.|...", ":": "...|.#.|...|.#.|...", "=": "...|###|...|###|...",
    "(": "..#|.#.|.#.|.#.|..#", ")": "#..|.#.|.#.|.#.|#..", ",": "...|...|...|.#.|#..",
    "/": "..#|..#|.#.|#..|#..", " ": "...|...|...|...|...", "?": "###|..#|.##|...|.#.",
}
_FONT = {c: np.array([[p == "#" for p in row] for row in g.split("|")])
         for c, g in _GLYPHS.items()}
_SCALE = 2  # font pixels per glyph pixel
_TEXT_HEIGHT = 5 * _SCALE
_LINE = (31, 119, 180)
_FRAME = (160, 160, 160)
_INK = (0, 0, 0)


def _draw_text(canvas, text, x, y, color=_INK):
    """Writes ``text`` with its top-left corner at ``(x, y)``; clipped to the canvas."""
    for char in text.lower():
        glyph = np.kron(_FONT.get(char, _FONT["?"]), np.ones((_SCALE, _SCALE), bool))
        h, w = glyph.shape
        region = canvas[y:y + h, x:x + w]
        region[glyph[:region.shape[0], :region.shape[1]]] = color
        x += w + _SCALE
        if x >= canvas.shape[1]:
            return


def _draw_segment(canvas, p0, p1, color):
    steps = int(max(abs(p1[0] - p0[0]), abs(p1[1] - p0[1]))) + 1
    xs = np.round(np.linspace(p0[0], p1[0], steps)).astype(int)
    ys = np.round(np.linspace(p0[1], p1[1], steps)).astype(int)
    canvas[ys, xs] = color
    canvas[np.minimum(ys + 1, canvas.shape[0] - 1), xs] = color  # 2 px thick


def _fmt(value):
    return f"{value:.4g}"


def _draw_panel(canvas, name, points, x_range, top, width, height, x_label="epoch"):
    """One titled panel of ``points`` [(epoch, value)] in rows ``top:top + height``."""
    values = np.array([v for _, v in points], np.float64)
    finite = np.isfinite(values)
    title = name
    if finite.any():
        good = values[finite]
        title += f"  last {_fmt(values[-1])}  min {_fmt(good.min())}  max {_fmt(good.max())}"
    _draw_text(canvas, title, 6, top + 4)
    left, right = 6, width - 7
    plot_top, plot_bottom = top + _TEXT_HEIGHT + 10, top + height - _TEXT_HEIGHT - 10
    canvas[plot_top, left:right + 1] = _FRAME
    canvas[plot_bottom, left:right + 1] = _FRAME
    canvas[plot_top:plot_bottom + 1, left] = _FRAME
    canvas[plot_top:plot_bottom + 1, right] = _FRAME
    x_low, x_high = x_range
    _draw_text(canvas, f"{x_label} {_fmt(x_low)}", left, plot_bottom + 5)
    label = _fmt(x_high)
    _draw_text(canvas, label, right - len(label) * 4 * _SCALE + _SCALE, plot_bottom + 5)
    if not finite.any():
        return
    low, high = float(good.min()), float(good.max())
    if high - low < 1e-12 * max(1.0, abs(high)):
        low, high = low - 0.5, high + 0.5
    pad = 0.05 * (high - low)
    low, high = low - pad, high + pad

    def to_pixel(epoch, value):
        fx = 0.5 if x_high == x_low else (epoch - x_low) / (x_high - x_low)
        px = left + 2 + fx * (right - left - 4)
        py = plot_bottom - 2 - (value - low) / (high - low) * (plot_bottom - plot_top - 4)
        return px, py

    pixels = [to_pixel(e, v) if math.isfinite(v) else None for e, v in points]
    for a, b in zip(pixels, pixels[1:]):
        if a is not None and b is not None:
            _draw_segment(canvas, a, b, _LINE)
    for p in pixels:  # markers, so that single and sparse points show
        if p is not None:
            x, y = int(round(p[0])), int(round(p[1]))
            canvas[max(y - 1, 0):y + 2, max(x - 1, 0):x + 2] = _LINE


def history_image(history, width=480, panel_height=150, x_label="epoch"):
    """Rasterises training curves into an RGB uint8 picture, one panel per key.

    Args:
        history: ``{key: values}`` with one value per epoch (e.g.
            ``fit(...).history``), or ``{key: [(epoch, value), ...]}`` for curves
            sampled at some epochs (as :class:`PlotHistory` records them).
        width: picture width in pixels.
        panel_height: height of each panel in pixels.
        x_label: what the x values are (``"epoch"``; ``"s"`` for curves over time).

    Returns:
        uint8 ``(panels × panel_height, width, 3)`` array (save it with
        :func:`keras_gans.images.save_png`).

    Example:
        >>> history = gan.fit(ds, epochs=10)
        >>> save_png(history_image(history.history), "history.png")
    """
    if not isinstance(history, dict) or not history:
        raise InvalidInputError(
            f"history_image needs a non-empty dict of key → values; got {history!r:.80}."
        )
    series = {}
    for key, values in history.items():
        values = list(values)
        if values and all(isinstance(v, (tuple, list)) and len(v) == 2 for v in values):
            series[key] = [(e if isinstance(e, int) else float(e), float(v))
                           for e, v in values]
        else:
            series[key] = [(i + 1, float(v)) for i, v in enumerate(values)]
    epochs = [e for points in series.values() for e, _ in points]
    x_range = (min(epochs, default=1), max(epochs, default=1))
    canvas = np.full((panel_height * len(series), width, 3), 255, np.uint8)
    for i, (key, points) in enumerate(series.items()):
        _draw_panel(canvas, key, points, x_range, i * panel_height, width, panel_height,
                    x_label)
    return canvas
