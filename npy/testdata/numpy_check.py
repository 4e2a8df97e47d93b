"""Loads every .npy and .npz file in a directory, for npy's NumPy interop test.

Usage: numpy_check.py DIR

Prints JSON: for each array ("x.npy", or "x.npz/key" for an entry of a .npz),
its dtype, shape, whether NumPy loaded it as little-endian and C-contiguous,
and the SHA-256 of its elements' bytes.
"""

import hashlib
import json
import os
import sys

import numpy as np


def describe(a):
    return {
        "dtype": a.dtype.name,
        "shape": list(a.shape),
        "little_c": a.dtype.str[0] in "<|" and a.flags.c_contiguous,
        "sha256": hashlib.sha256(a.tobytes()).hexdigest(),
    }


result = {}
d = sys.argv[1]
for name in sorted(os.listdir(d)):
    path = os.path.join(d, name)
    if name.endswith(".npy"):
        result[name] = describe(np.load(path, allow_pickle=False))
    elif name.endswith(".npz"):
        with np.load(path, allow_pickle=False) as z:
            for key in z.files:
                result[name + "/" + key] = describe(z[key])
json.dump(result, sys.stdout, indent=1)
