"""Sample grids and 2-D scatter plots as PNG files (no plotting library needed)."""

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
