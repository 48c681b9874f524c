#!/usr/bin/python3
"""Writes promotion.json, the oracle of tests/tensor/promotion_test.cpp: for every ordered pair of
einspan's 11 element types, NumPy's np.result_type and the dtype and values of a + b, a - b,
a * b, a / b, a // b, a % b, a < b and a == b, where a is the left array of the first type and b
the right array of the second; plus, for every type, the array with Python scalars under NumPy 2's
weak-scalar rule (NEP 50, which NumPy 1.24 offers as np._set_promotion_state("weak")).

Run from anywhere:  /usr/bin/python3 tests/data/promotion/make_promotion.py

The arrays exercise wrapping (uint8 250 + 10 -> 4, int8 -128 * -1 -> -128, uint16 65535 * 65535,
which overflows C++'s int), division by zero (0 for integers, inf/nan for floats), INT_MIN // -1
and negative operands of // and %. Non-finite floats are written as the strings "inf", "-inf"
and "nan", which JSON cannot hold as numbers.
"""
import json
import math
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))

TYPES = ["bool", "uint8", "int8", "uint16", "int16", "uint32", "int32", "uint64", "int64", "float32", "float64"]

T, F = True, False
LEFT = {
    "bool": [T, F, T, F, T, T, F, T],
    "uint8": [250, 255, 128, 7, 0, 200, 13, 1],
    "int8": [-128, 127, -7, 7, 100, -100, 0, -1],
    "uint16": [65535, 65000, 300, 7, 0, 40000, 13, 1],
    "int16": [-32768, 32767, -7, 7, 300, -300, 0, -1],
    "uint32": [2**32 - 1, 4000000000, 70000, 7, 0, 3000000000, 13, 1],
    "int32": [-2**31, 2**31 - 1, -7, 7, 70000, -70000, 0, -1],
    "uint64": [2**64 - 1, 2**63, 2**32 + 7, 7, 0, 10**19, 13, 1],
    "int64": [-2**63, 2**63 - 1, -7, 7, 2**32, -2**40, 0, -1],
    "float32": [2.5, -7.25, 0.5, 7.0, 0.0, -1.5, 3e38, 1.0],
    "float64": [2.5, -7.25, 0.5, 7.0, 0.0, -1.5, 1e308, 1.0],
}
RIGHT = {
    "bool": [T, T, F, F, T, F, T, T],
    "uint8": [10, 2, 128, 3, 5, 0, 255, 4],
    "int8": [-1, 1, 2, -2, 100, 3, 0, -128],
    "uint16": [65535, 1000, 300, 3, 5, 0, 65535, 4],
    "int16": [-1, 1, 2, -2, 300, 7, 0, -32768],
    "uint32": [2**32 - 1, 2, 70000, 3, 5, 0, 2**32 - 1, 4],
    "int32": [-1, 1, 2, -2, 70000, 3, 0, -2**31],
    "uint64": [2**64 - 1, 2, 2**32, 3, 5, 0, 2**64 - 1, 4],
    "int64": [-1, 1, 2, -2, 2**32, 3, 0, -2**63],
    "float32": [0.5, 2.0, -0.25, -2.0, 5.0, 0.0, 10.0, 3.0],
    "float64": [0.5, 2.0, -0.25, -2.0, 5.0, 0.0, 10.0, 3.0],
}
OPS = {
    "add": np.add, "subtract": np.subtract, "multiply": np.multiply, "true_divide": np.true_divide,
    "floor_divide": np.floor_divide, "remainder": np.remainder, "less": np.less, "equal": np.equal,
}
# Python scalars next to an array (weak: the scalar takes the array's type unless of a higher kind).
SCALARS = {"int_3": 3, "float_0.5": 0.5, "int_300": 300, "int_-1": -1}
SCALAR_OPS = {"add": np.add, "multiply": np.multiply, "floor_divide": np.floor_divide}


def as_json(value):
    value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    return value


def result(array):
    return {"dtype": str(array.dtype), "values": [as_json(v) for v in array]}


def main():
    left = {t: np.array(v, dtype=t) for t, v in LEFT.items()}
    right = {t: np.array(v, dtype=t) for t, v in RIGHT.items()}
    pairs = []
    with np.errstate(all="ignore"):
        for a in TYPES:
            for b in TYPES:
                entry = {"a": a, "b": b, "result_type": str(np.result_type(a, b)), "ops": {}}
                for name, op in OPS.items():
                    try:
                        entry["ops"][name] = result(op(left[a], right[b]))
                    except TypeError:  # bool - bool: NumPy refuses, einspan does not compile it
                        pass
                pairs.append(entry)
        np._set_promotion_state("weak")
        scalars = []
        for a in TYPES:
            for sname, s in SCALARS.items():
                for name, op in SCALAR_OPS.items():
                    entry = {"a": a, "scalar": sname, "op": name}
                    try:
                        entry.update(result(op(left[a], s)))
                    except OverflowError as e:
                        entry["error"] = str(e)
                    scalars.append(entry)
    with open(os.path.join(HERE, "promotion.json"), "w") as f:
        # One entry per line, so that a regenerated file diffs readably.
        f.write('{"numpy_version": "%s",\n' % np.__version__)
        f.write('"left": %s,\n"right": %s,\n' % (json.dumps(LEFT), json.dumps(RIGHT)))
        f.write('"pairs": [\n' + ",\n".join(json.dumps(p) for p in pairs) + "\n],\n")
        f.write('"scalars": [\n' + ",\n".join(json.dumps(s) for s in scalars) + "\n]}\n")
    print(f"wrote {len(pairs)} pairs and {len(scalars)} scalar cases with NumPy {np.__version__}")


if __name__ == "__main__":
    main()
