#!/usr/bin/python3
"""Writes summation.json: NumPy's np.sum of test data that einspan's summation_test rebuilds exactly.

Usage: /usr/bin/python3 tests/data/summation/make_summation.py   (NumPy 1.24, Debian's python3-numpy)

The data are x[i] = (m(i) - 2^52) * 2^(i % 7 - 52), m(i) = h(i) >> 11 the top 53 bits of
h(i) = (6364136223846793005 i + 1442695040888963407) mod 2^64 (Knuth's MMIX generator): integers
and powers of two, so C++ builds the same float64 values bit for bit, with full 53-bit
significands (so additions round and their order shows in the last bits) and magnitudes spread
over 2^7. The float32 data are the float64 values rounded to float32 (x.astype(np.float32),
static_cast<float>).

Recorded per dtype and length: np.sum(x) (a contiguous 1-d sum, NumPy's pairwise order in chunks
of 8192) and, for the matrices, np.sum(x.reshape(rows, cols), axis=1). Values are written as the
integer of their IEEE bits, so the test compares bits, not decimal renderings.
"""
import json
import os

import numpy as np

LENGTHS = [0, 1, 7, 8, 9, 127, 128, 129, 1000, 8191, 8192, 8193, 100000, 1000000]
MATRICES = [(5, 1000), (3, 20000), (64, 26)]


def data(n, dtype):
    i = np.arange(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        h = np.uint64(6364136223846793005) * i + np.uint64(1442695040888963407)  # wraps mod 2^64
    m = h >> np.uint64(11)
    x = (m.astype(np.float64) - 2.0**52) * np.exp2((i % np.uint64(7)).astype(np.float64) - 52.0)
    return x.astype(dtype)


def bits(v, dtype):
    return int(np.array([v], dtype=dtype).view(np.uint64 if dtype == np.float64 else np.uint32)[0])


def main():
    assert np.getbufsize() == 8192, "the fixture records NumPy's default buffer size"
    out = {"numpy": np.__version__}
    for dtype, name in ((np.float64, "float64"), (np.float32, "float32")):
        out[name] = {
            "sums": [{"n": n, "bits": bits(np.sum(data(n, dtype)), dtype)} for n in LENGTHS],
            "rows": [{"shape": [r, c], "bits": [bits(v, dtype) for v in np.sum(data(r * c, dtype).reshape(r, c), axis=1)]}
                     for r, c in MATRICES],
        }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "summation.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
