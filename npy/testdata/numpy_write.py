"""Writes .npy and .npz files in many variants for npy's NumPy interop test.

Usage: numpy_write.py DIR

For every array it writes the raw bytes of its elements, little-endian and
in C order, to a .raw file, and it lists every array in DIR/manifest.json:
the file, the key within a .npz, the raw file, dtype, shape, and whether
the .npy file is what np.save writes for a little-endian C-order array, which
npy.Write must reproduce byte for byte.
"""

import json
import os
import sys

import numpy as np

out = sys.argv[1]
rng = np.random.default_rng(2024)

DTYPES = [
    "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
    "uint64", "float32", "float64", "complex64", "complex128",
]
# NaNs with payloads (quiet, negative, signaling), infinities, signed zeros,
# the smallest subnormal and the largest finite value.
SPECIAL = {
    8: [0x7FF8000000000000, 0xFFF8000000000123, 0x7FF0000000000001,
        0x7FF0000000000000, 0xFFF0000000000000, 0x8000000000000000, 0, 1,
        0x7FEFFFFFFFFFFFFF],
    4: [0x7FC00000, 0xFFC00123, 0x7F800001, 0x7F800000, 0xFF800000,
        0x80000000, 0, 1, 0x7F7FFFFF],
}
# GROWTH_AXIS_MAX_DIGITS came with NumPy 1.23; older versions pad less.
CANONICAL = hasattr(np.lib.format, "GROWTH_AXIS_MAX_DIGITS")

manifest = []


def values(dtype, shape):
    """Returns little-endian C-order values: random bits, special floats first."""
    dt = np.dtype(dtype).newbyteorder("<")
    n = int(np.prod(shape, dtype=np.int64))
    raw = rng.integers(0, 256, size=n * dt.itemsize, dtype=np.uint8)
    if dt.kind == "b":
        raw %= 2
    if dt.kind in "fc":
        part = dt.itemsize if dt.kind == "f" else dt.itemsize // 2
        special = np.array(SPECIAL[part], dtype="<u%d" % part).view(np.uint8)
        k = min(len(special), len(raw))
        raw[:k] = special[:k]
    return raw.view(dt).reshape(shape)


def record(name, a, key=None, canonical=False):
    raw = name + ("." + key if key else "") + ".raw"
    with open(os.path.join(out, raw), "wb") as f:
        f.write(np.ascontiguousarray(a).astype(a.dtype.newbyteorder("<")).tobytes())
    manifest.append({
        "file": name + (".npz" if key else ".npy"),
        "key": key or "",
        "raw": raw,
        "dtype": a.dtype.name,
        "shape": list(a.shape),
        "canonical": canonical and CANONICAL,
    })


def save(name, a, version=None, canonical=False):
    with open(os.path.join(out, name + ".npy"), "wb") as f:
        if version is None:
            np.save(f, a)
        else:
            np.lib.format.write_array(f, a, version=version)
    record(name, a, canonical=canonical)


for dtype in DTYPES:
    big = np.dtype(dtype).itemsize > 1
    save(dtype + "_c", values(dtype, (2, 3)), canonical=True)
    save(dtype + "_0d", values(dtype, ()), canonical=True)
    save(dtype + "_empty", values(dtype, (2, 0, 3)), canonical=True)
    save(dtype + "_fortran", np.asfortranarray(values(dtype, (3, 4))))
    save(dtype + "_v2", values(dtype, (5,)), version=(2, 0))
    save(dtype + "_v3", values(dtype, (5,)), version=(3, 0))
    if big:
        save(dtype + "_big", values(dtype, (2, 3)).astype(np.dtype(dtype).newbyteorder(">")))
        save(dtype + "_fortran_big", np.asfortranarray(
            values(dtype, (2, 3, 4)).astype(np.dtype(dtype).newbyteorder(">"))))
save("float64_large", values("float64", (300001,)), canonical=True)
save("int8_fortran_large", np.asfortranarray(values("int8", (300, 7, 101))))

arrays = {dtype: values(dtype, (3, 2)) for dtype in DTYPES}
arrays["empty"] = values("float32", (0,))
arrays["scalar"] = values("int64", ())
np.savez(os.path.join(out, "savez.npz"), **arrays)
np.savez_compressed(os.path.join(out, "savez_compressed.npz"), **arrays)
for name in ("savez", "savez_compressed"):
    for key, a in arrays.items():
        record(name, a, key=key)

with open(os.path.join(out, "manifest.json"), "w") as f:
    json.dump(manifest, f, indent=1)
