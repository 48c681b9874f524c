#!/usr/bin/python3
"""Writes the .npy fixtures of tests/tensor/npy_test.cpp with NumPy itself, plus expected.json.

Run from anywhere:  /usr/bin/python3 tests/data/npy/make_fixtures.py
Every fixture is small. expected.json lists, for each file, the dtype einspan should load it as,
its shape, and its values flattened in C order as NumPy reads them back (np.load), so the C++
test compares against NumPy's own reading of the file. Files einspan must refuse are listed with
the error type instead.
"""
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))

# The einspan dtype each on-disk kind+size loads as: itself, except float16, which widens to float32.
LOADS_AS = {
    "f4": "float32", "f8": "float64", "i4": "int32", "i8": "int64", "b1": "bool",
    "i1": "int8", "i2": "int16", "u1": "uint8", "u2": "uint16", "u4": "uint32", "u8": "uint64",
    "f2": "float32",
}

# Values that exercise every byte: extremes, negatives, large magnitudes.
INTERESTING = {
    "f4": [-3.75, 0.0, 1.5, 3.4028234663852886e38, -1.1754943508222875e-38, 0.1, 1e-45, -123456.789],
    "f8": [-3.75, 0.0, 1.5, 1.7976931348623157e308, -2.2250738585072014e-308, 0.1, 5e-324, -123456.789],
    "i4": [-2**31, 2**31 - 1, -1, 0, 1, 123456789, -98765, 65536],
    "i8": [-2**63, 2**63 - 1, -1, 0, 1, 2**40 + 3, -98765, 65536],
    "i1": [-128, 127, -1, 0, 1, 42, -7, 100],
    "i2": [-32768, 32767, -1, 0, 1, 4242, -700, 256],
    "u1": [0, 255, 1, 128, 127, 42, 200, 7],
    "u2": [0, 65535, 1, 32768, 32767, 4242, 700, 256],
    "u4": [0, 2**32 - 1, 1, 2**31, 2**31 - 1, 424242, 70000, 65536],
    "u8": [0, 2**64 - 1, 1, 2**63, 2**63 - 1, 2**40 + 3, 70000, 65536],
    # float16: its largest value, smallest normal and subnormal, a rounded 0.1, -0.0 (inf and nan
    # are tested in C++; JSON cannot hold them).
    "f2": [-3.75, 0.0, 1.5, 65504.0, -6.103515625e-05, 0.1, 5.960464477539063e-08, -0.0],
    "b1": [True, False, False, True, True, False, True, False],
}

entries = []


def values_for(code, n):
    base = INTERESTING[code]
    return np.array([base[i % len(base)] for i in range(n)], dtype=code)


def record(name, array, version=None, loads_as=None):
    path = os.path.join(HERE, name)
    with open(path, "wb") as f:
        np.lib.format.write_array(f, array, version=version, allow_pickle=False)
    back = np.load(path)  # what NumPy itself reads from the file
    assert back.dtype == array.dtype and back.shape == array.shape
    code = back.dtype.str[1:]
    entries.append({
        "file": name,
        "descr": array.dtype.str,
        "dtype": loads_as or LOADS_AS[code],
        "shape": list(back.shape),
        "fortran_order": bool(back.flags.f_contiguous and not back.flags.c_contiguous),
        "version": list(version or (1, 0)),
        "values": [v.item() for v in back.ravel(order="C")],
    })


# Every dtype in every byte order it has, C order, shape (2, 3).
for code in LOADS_AS:
    orders = "|" if code in ("b1", "i1", "u1") else "<>"
    for order in orders:
        tag = {"<": "le", ">": "be", "|": "na"}[order]
        record(f"{code}_{tag}_c.npy", values_for(code, 6).reshape(2, 3).astype(order + code))

# Fortran order: np.save writes fortran_order True for F-contiguous, non-C-contiguous arrays.
for code in ("f8", "i4", "b1", "u2"):
    for order in ("<", ">") if code not in ("b1",) else ("|",):
        tag = {"<": "le", ">": "be", "|": "na"}[order]
        a = np.asfortranarray(values_for(code, 24).reshape(2, 3, 4).astype(order + code))
        record(f"{code}_{tag}_f.npy", a)
record("f4_le_f_2d.npy", np.asfortranarray(values_for("f4", 12).reshape(3, 4)))

# Header versions 2.0 and 3.0.
for version in ((2, 0), (3, 0)):
    record(f"f8_le_v{version[0]}.npy", values_for("f8", 6).reshape(3, 2), version=version)
    record(f"i8_be_v{version[0]}.npy", values_for("i8", 5).astype(">i8"), version=version)

# 0-d arrays.
record("f8_le_0d.npy", np.array(3.25, dtype="<f8"))
record("i8_be_0d.npy", np.array(-2**40, dtype=">i8"))
record("b1_0d.npy", np.array(True))

# Zero-size arrays.
record("f4_le_empty_1d.npy", np.zeros((0,), dtype="<f4"))
record("i4_le_empty_3d.npy", np.zeros((2, 0, 3), dtype="<i4"))
record("f8_be_empty_f.npy", np.asfortranarray(np.zeros((0, 3), dtype=">f8")))

# A longer 1-d array, and one whose first dimension has many digits (the header's growth padding).
record("f8_le_1d_long.npy", np.arange(300, dtype="<f8") * 0.25 - 7)
record("b1_big_first_dim.npy", np.zeros((12345, 0), dtype=bool))

# Dtypes einspan refuses (TypeError), all written by NumPy.
refused = {
    "c16.npy": np.array([1 + 2j, 3 - 4j], dtype="<c16"),
    "U3.npy": np.array(["abc", "de"], dtype="<U3"),
    "structured.npy": np.array([(1.0, 2)], dtype=[("a", "<f8"), ("b", "<i4")]),
    "datetime.npy": np.array(["2024-01-01"], dtype="datetime64[D]"),
}
for name, array in refused.items():
    with open(os.path.join(HERE, "refused_" + name), "wb") as f:
        np.lib.format.write_array(f, array, allow_pickle=False)
    entries.append({"file": "refused_" + name, "descr": str(array.dtype.descr if array.dtype.names else array.dtype.str),
                    "error": "TypeError"})
# An object array needs pickle; its header says '|O'.
with open(os.path.join(HERE, "refused_object.npy"), "wb") as f:
    np.lib.format.write_array(f, np.array([None, 1], dtype=object), allow_pickle=True)
entries.append({"file": "refused_object.npy", "descr": "|O", "error": "TypeError"})

with open(os.path.join(HERE, "expected.json"), "w") as f:
    # One fixture per line, so that a regenerated file diffs readably.
    f.write('{"numpy_version": "%s", "fixtures": [\n' % np.__version__)
    f.write(",\n".join(json.dumps(e) for e in entries))
    f.write("\n]}\n")
print(f"wrote {len(entries)} fixtures with NumPy {np.__version__}")
