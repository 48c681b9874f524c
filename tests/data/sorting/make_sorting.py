#!/usr/bin/python3
"""Writes sorting.json: NumPy's answers for sort, argsort, partition, searchsorted, unique, median,
quantile and percentile.

Each case names a function, an input array (values in C order, shape, dtype) and its arguments,
and records what NumPy returns (shape and values) or the exception it raises (class and message).
Non-finite floats are written as the strings "nan", "inf" and "-inf" (JSON has no NaN).
tests/tensor/sorting_test.cpp replays every case through einspan. For partition the script
records np.sort's result: the test checks partition's contract (kth in sorted place, nothing
larger before it, nothing smaller after), not one particular order.
Run with Debian's NumPy: /usr/bin/python3 make_sorting.py
"""
import json
import math
import pathlib
import warnings

import numpy as np

nan, inf = np.nan, np.inf


def scalar(x):
    if isinstance(x, (float, np.floating)):
        x = float(x)
        if math.isnan(x):
            return "nan"
        if math.isinf(x):
            return "inf" if x > 0 else "-inf"
        return x
    if isinstance(x, (bool, np.bool_)):
        return bool(x)
    return int(x)


def array(a):
    a = np.asarray(a)
    return {"values": [scalar(x) for x in a.ravel().tolist()], "shape": list(a.shape), "dtype": str(a.dtype)}


def axis_json(axis):
    if axis is None:
        return None
    return list(axis) if isinstance(axis, tuple) else axis


def run(case, fn):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = fn()
    except Exception as error:  # noqa: BLE001 - the class name is the expected answer
        case["error"] = type(error).__name__
        case["message"] = str(error)
        return case
    if isinstance(result, tuple):
        case["results"] = [array(r) for r in result]
    else:
        case["result"] = array(result)
    return case


rng = np.random.default_rng(7)
cases = []

# ---- sort and argsort (stable) --------------------------------------------------------------------
floats_with_specials = np.array([3.0, nan, -inf, 1.0, -0.0, 0.0, inf, -nan, 1.0, -2.5, 0.0, -0.0])
sort_inputs = [
    ("nan_inf_zero", floats_with_specials, -1),
    ("float32_specials", floats_with_specials.astype(np.float32), -1),
    ("ties_2d_axis0", rng.integers(0, 4, (6, 5)).astype(np.float64), 0),
    ("ties_2d_axis1", rng.integers(0, 4, (6, 5)).astype(np.float64), 1),
    ("ties_2d_flat", rng.integers(0, 4, (6, 5)).astype(np.float64), None),
    ("int64_3d_axis1", rng.integers(-50, 50, (3, 7, 4)), 1),
    ("int64_3d_negative_axis", rng.integers(-50, 50, (3, 7, 4)), -3),
    ("int32_extremes", np.array([2**31 - 1, -2**31, 0, -1, 1, 2**31 - 1, -2**31], dtype=np.int32), -1),
    ("int8", rng.integers(-128, 128, 40).astype(np.int8), -1),
    ("uint8", rng.integers(0, 256, 40).astype(np.uint8), -1),
    ("uint64_big", np.array([2**64 - 1, 0, 2**63, 5, 2**63 - 1, 2**64 - 1], dtype=np.uint64), -1),
    ("int16", rng.integers(-3000, 3000, 30).astype(np.int16), -1),
    ("uint16", rng.integers(0, 60000, 30).astype(np.uint16), -1),
    ("uint32", rng.integers(0, 2**32, 30, dtype=np.uint64).astype(np.uint32), -1),
    ("bool", rng.integers(0, 2, 17).astype(bool), -1),
    ("empty", np.zeros((0,)), -1),
    ("empty_axis", np.zeros((3, 0)), 1),
    ("zero_d_flat", np.array(5.0), None),
    ("zero_d_axis", np.array(5.0), -1),
    ("axis_out_of_range", np.zeros((2, 3)), 2),
    # Long enough for the radix path (>= 256 per lane), with many ties and NaNs.
    ("radix_float_ties_nan", np.where(rng.random(700) < 0.1, nan, rng.integers(-20, 20, 700)).astype(np.float64), -1),
    ("radix_int64_wide", rng.integers(-2**62, 2**62, 600), -1),
    ("radix_float32", rng.standard_normal(500).astype(np.float32), -1),
    ("radix_uint8_ties", rng.integers(0, 3, 400).astype(np.uint8), -1),
    ("radix_axis0_strided", rng.integers(-5, 5, (300, 3)).astype(np.float64), 0),
]
for name, a, axis in sort_inputs:
    base = {"input": array(a), "axis": axis}
    cases.append(run({"name": "sort_" + name, "fn": "sort", **base}, lambda: np.sort(a, axis=axis)))
    cases.append(run({"name": "argsort_" + name, "fn": "argsort", **base}, lambda: np.argsort(a, axis=axis, kind="stable")))

# ---- partition and argpartition: the contract against np.sort --------------------------------------
partition_inputs = [
    ("middle", rng.standard_normal(11), [5], -1),
    ("negative_kth", rng.integers(0, 5, 9).astype(np.float64), [-1], -1),
    ("several_kth", rng.integers(0, 20, 15), [1, 7, -2], -1),
    ("with_nan", np.array([3.0, nan, 1.0, nan, -1.0, 2.0]), [3], -1),
    ("axis0", rng.integers(0, 9, (5, 4)).astype(np.int32), [2], 0),
    ("flat", rng.integers(0, 9, (3, 4)).astype(np.float64), [4], None),
    ("long", rng.integers(0, 100, 1000).astype(np.float64), [0, 499, 999], -1),
    ("uint8", rng.integers(0, 255, 20).astype(np.uint8), [10], -1),
    ("kth_too_big", np.arange(5.0), [5], -1),
    ("kth_too_small", np.arange(5.0), [-6], -1),
    ("kth_empty_axis", np.zeros(0), [0], -1),
]
for name, a, kth, axis in partition_inputs:
    case = {"name": "partition_" + name, "fn": "partition", "input": array(a), "kth": kth, "axis": axis}
    cases.append(run(case, lambda: (np.partition(a, kth, axis=axis), np.argpartition(a, kth, axis=axis))
                     and np.sort(a, axis=axis)))

# ---- searchsorted ---------------------------------------------------------------------------------
sorted_a = np.array([-inf, -1.0, 0.0, 0.0, 2.0, 2.0, 2.0, 5.0, inf, nan, nan])
search_inputs = [
    ("float_specials", sorted_a, np.array([[-inf, 0.0, 2.0], [3.0, inf, nan]])),
    ("int", np.array([1, 2, 2, 4, 8]), np.array([0, 1, 2, 3, 8, 9])),
    ("int_a_float_v", np.array([1, 2, 2, 4, 8]), np.array([1.5, 2.0, 8.5])),
    ("empty_a", np.zeros(0), np.array([1.0, 2.0])),
    ("empty_v", np.array([1.0, 2.0]), np.zeros((2, 0))),
    ("not_1d", np.zeros((2, 2)), np.array([1.0])),
]
for name, a, v in search_inputs:
    for side in ("left", "right"):
        case = {"name": f"searchsorted_{name}_{side}", "fn": "searchsorted", "input": array(a), "v": array(v),
                "side": side}
        cases.append(run(case, lambda: np.searchsorted(a, v, side=side)))
cases.append(run({"name": "searchsorted_bad_side", "fn": "searchsorted", "input": array(sorted_a),
                  "v": array(np.array([1.0])), "side": "middle"},
                 lambda: np.searchsorted(sorted_a, np.array([1.0]), side="middle")))

# ---- unique ---------------------------------------------------------------------------------------
unique_inputs = [
    ("nan_zero", np.array([0.0, -0.0, nan, 1.0, nan, -inf, 1.0])),
    ("int_2d", rng.integers(-3, 4, (4, 6))),
    ("float32", np.array([2.5, nan, 2.5, -1.0], dtype=np.float32)),
    ("uint8", rng.integers(0, 5, 30).astype(np.uint8)),
    ("bool", np.array([True, False, True, True])),
    ("empty", np.zeros((0, 3))),
    ("zero_d", np.array(7)),
    ("radix_int64", rng.integers(0, 50, 2000)),
    ("radix_float_nan", np.where(rng.random(900) < 0.05, nan, rng.integers(0, 30, 900)).astype(np.float64)),
]
for name, a in unique_inputs:
    cases.append(run({"name": "unique_" + name, "fn": "unique", "input": array(a)},
                     lambda: np.unique(a, return_index=True, return_inverse=True, return_counts=True)))

# ---- median, quantile, percentile -----------------------------------------------------------------
m3 = rng.standard_normal((3, 4, 5))
stat_inputs = [
    # (name, array, axis, keepdims)
    ("odd_1d", rng.standard_normal(7), None, False),
    ("even_1d", rng.standard_normal(8), None, False),
    ("3d_all", m3, None, False),
    ("3d_axis1", m3, 1, False),
    ("3d_axis_neg1_keepdims", m3, -1, True),
    ("3d_axes02", m3, (0, 2), False),
    ("3d_axes02_keepdims", m3, (0, 2), True),
    ("nan_rows", np.array([[1.0, nan, 3.0, 4.0], [4.0, 1.0, 2.0, 3.0]]), 1, False),
    ("int64", rng.integers(-1000, 1000, (4, 6)), 0, False),
    ("int8_even", np.array([[1, 2], [3, 6]], dtype=np.int8), 1, False),
    ("uint32", rng.integers(0, 1000, 10).astype(np.uint32), None, False),
    ("float32", rng.standard_normal((3, 6)).astype(np.float32), 1, False),
    ("zero_d", np.array(4.0), None, False),
    ("inf", np.array([1.0, inf, inf, 2.0]), None, False),
    ("empty_slices", np.zeros((2, 0)), 1, False),
    ("empty_result", np.zeros((0, 3)), 1, False),
    ("axis_out_of_range", np.zeros((2, 3)), 2, False),
    ("duplicate_axis", np.zeros((2, 3)), (1, 1), False),
]
for name, a, axis, keepdims in stat_inputs:
    base = {"input": array(a), "axis": axis_json(axis), "keepdims": keepdims}
    cases.append(run({"name": "median_" + name, "fn": "median", **base},
                     lambda: np.median(a, axis=axis, keepdims=keepdims)))
    for q in (0.3, [0.0, 0.25, 0.5, 0.9, 1.0]):
        cases.append(run({"name": f"quantile_{name}_{'list' if isinstance(q, list) else 'scalar'}", "fn": "quantile",
                          "q": q, **base}, lambda: np.quantile(a, q, axis=axis, keepdims=keepdims)))
    cases.append(run({"name": "percentile_" + name, "fn": "percentile", "q": [10.0, 50.0, 99.5], **base},
                     lambda: np.percentile(a, [10.0, 50.0, 99.5], axis=axis, keepdims=keepdims)))
median_bool = np.array([True, False, True, False])
cases.append(run({"name": "median_bool", "fn": "median", "input": array(median_bool), "axis": None,
                  "keepdims": False}, lambda: np.median(median_bool)))
for name, q in (("quantile_above_one", 1.5), ("quantile_negative", -0.1), ("quantile_nan", nan)):
    cases.append(run({"name": name, "fn": "quantile", "q": scalar(q), "input": array(np.arange(4.0)), "axis": None,
                      "keepdims": False}, lambda: np.quantile(np.arange(4.0), q)))
cases.append(run({"name": "percentile_above_100", "fn": "percentile", "q": 101.0, "input": array(np.arange(4.0)),
                  "axis": None, "keepdims": False}, lambda: np.percentile(np.arange(4.0), 101.0)))

out = pathlib.Path(__file__).with_name("sorting.json")
out.write_text(json.dumps({"numpy": np.__version__, "cases": cases}, separators=(",", ":")) + "\n")
print(f"wrote {len(cases)} cases to {out}")
