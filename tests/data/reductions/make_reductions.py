#!/usr/bin/python3
"""Writes reductions.json: NumPy's results for the reductions, scans and elementwise functions
of tests/tensor/numpy_reductions_test.cpp (prod, var, std, ptp, nansum, nanmean, nanmin, nanmax,
average, cumsum, cumprod, floor, ceil, trunc, round, sign, power, arctan2, isclose).

Each case: fn, dtype, shape and flat values of the input (b_dtype/b_shape/b for a second operand
or weights), the keyword arguments, then NumPy's result (dtype, shape, flat values) or the class
name of the exception it raised. Non-finite floats are written as the strings "nan", "inf",
"-inf" (JSON has no NaN). Run with Debian's numpy 1.24: /usr/bin/python3 make_reductions.py
"""
import json
import math
import os
import warnings

import numpy as np

warnings.simplefilter("ignore")  # NumPy's RuntimeWarnings (ddof >= n, all-NaN slices, overflow)
cases = []


def enc(values):
    out = []
    for v in values:
        if isinstance(v, float) and not math.isfinite(v):
            out.append("nan" if math.isnan(v) else ("inf" if v > 0 else "-inf"))
        else:
            out.append(v)
    return out


def flat(a):
    return enc(np.asarray(a).ravel().tolist())


def dtype_name(dt):
    return "bool" if dt == np.bool_ else np.dtype(dt).name


def case(fn, a, call, b=None, **kwargs):
    c = {"fn": fn, "dtype": dtype_name(a.dtype), "shape": list(a.shape), "a": flat(a), "args": kwargs}
    if b is not None:
        c.update(b_dtype=dtype_name(b.dtype), b_shape=list(b.shape), b=flat(b))
    try:
        r = np.asarray(call())
        c["result"] = {"dtype": dtype_name(r.dtype), "shape": list(r.shape), "values": flat(r)}
    except (ValueError, TypeError, ZeroDivisionError) as e:
        c["error"] = type(e).__name__
    cases.append(c)


def reduction(fn, np_fn, a, axis=None, keepdims=False, **extra):
    ax = tuple(axis) if isinstance(axis, list) else axis
    case(fn, a, lambda: np_fn(a, axis=ax, keepdims=keepdims, **extra), axis=axis, keepdims=keepdims, **extra)


rng = np.random.default_rng(13)
f64 = np.round(rng.standard_normal((3, 4)) * 10, 3)
f32 = f64.astype(np.float32)
i64 = np.arange(-6, 6, dtype=np.int64).reshape(3, 4)
u8 = np.array([[250, 3, 7, 200], [1, 2, 128, 255]], np.uint8)
i8 = np.array([[-128, 127, 5], [3, -2, 100]], np.int8)
bools = np.array([[True, False, True], [True, True, False]])
with_nan = np.array([[1.0, np.nan, 3.0], [np.nan, np.nan, np.nan], [-2.0, 5.5, np.nan]])
empty = np.zeros((0, 3))
scalar = np.array(2.5)

# prod: sum's types, wrap-around, empty is 1
for a in (f64, i64, u8, i8, bools, empty, scalar):
    for axis in (None, 0, -1, [0, 1]) if a.ndim == 2 else (None,):
        reduction("prod", np.prod, a, axis)
reduction("prod", np.prod, np.full((2, 40), 3, np.int64), 1)  # 3**40 wraps in int64
reduction("prod", np.prod, np.full((70,), 2, np.uint8), 0)
reduction("prod", np.prod, f32, 1, True)

# var / std with ddof, including ddof >= n
for fn, np_fn in (("var", np.var), ("std", np.std)):
    for a in (f64, f32, i64, u8, bools):
        for axis in (None, 0, -1, [0, 1]):
            reduction(fn, np_fn, a, axis)
        reduction(fn, np_fn, a, 1, True, ddof=1)
    reduction(fn, np_fn, np.array([4.0]), None, ddof=1)  # 0 / 0: nan
    reduction(fn, np_fn, np.array([1.0, 2.0]), None, ddof=2)  # x / 0: inf
    reduction(fn, np_fn, np.array([1.0, 2.0, 4.0]), 0, ddof=5)
    reduction(fn, np_fn, f64, 0, ddof=-1)
    reduction(fn, np_fn, empty, 0)
    reduction(fn, np_fn, empty, 1)
    reduction(fn, np_fn, scalar, None)
    reduction(fn, np_fn, with_nan, 1)

# ptp: type kept, wraps; empty raises
for a in (f64, i64, u8, i8, f32):
    for axis in (None, 0, -1):
        reduction("ptp", np.ptp, a, axis)
reduction("ptp", np.ptp, empty, 0)
reduction("ptp", np.ptp, empty, 1)
reduction("ptp", np.ptp, with_nan, 0)

# the nan family
for fn, np_fn in (("nansum", np.nansum), ("nanmean", np.nanmean), ("nanmin", np.nanmin), ("nanmax", np.nanmax)):
    for a in (with_nan, with_nan.astype(np.float32), i64, u8, bools if fn in ("nansum", "nanmean") else i8):
        for axis in (None, 0, -1):
            reduction(fn, np_fn, a, axis)
    reduction(fn, np_fn, with_nan, [0, 1], True)
    reduction(fn, np_fn, empty, 0)
    reduction(fn, np_fn, empty, 1)
    reduction(fn, np_fn, np.array([np.nan, np.nan]), None)


# average, with and without weights
def average(a, w=None, axis=None, keepdims=False):
    ax = tuple(axis) if isinstance(axis, list) else axis
    if w is None:
        case("average", a, lambda: np.average(a, axis=ax, keepdims=keepdims), axis=axis, keepdims=keepdims)
    else:
        case("average", a, lambda: np.average(a, axis=ax, weights=w, keepdims=keepdims), b=w, axis=axis,
             keepdims=keepdims)


for a in (f64, f32, i64, u8):
    average(a)
    average(a, axis=0)
    average(a, np.arange(1, a.size + 1, dtype=a.dtype).reshape(a.shape), axis=-1)
    average(a, np.arange(1, a.shape[1] + 1, dtype=np.float64), axis=1)
    average(a, np.arange(1, a.shape[0] + 1, dtype=a.dtype), axis=0, keepdims=True)
average(f64, np.ones_like(f64), axis=[0, 1])
average(f64, np.ones_like(f64))
average(np.array([1.0, 2.0]), np.array([1.0, -1.0]))  # ZeroDivisionError
average(f64, np.array([1.0, -1.0, 0.0]), axis=0)  # ZeroDivisionError, 1-d weights
average(f64, np.array([1.0, 2.0]), axis=0)  # length does not fit
average(f64, np.array([1.0, 2.0, 3.0, 4.0]))  # axis must be specified
average(f64, np.ones((1, 4)), axis=1)  # 1-d weights expected
average(empty, axis=0)

# cumsum / cumprod
for fn, np_fn in (("cumsum", np.cumsum), ("cumprod", np.cumprod)):
    for a in (f64, f32, i64, u8, i8, bools, np.zeros((0, 3), np.int64), scalar):
        for axis in (None, 0, 1, -1) if a.ndim == 2 else (None,):
            case(fn, a, lambda: np_fn(a, axis=axis), axis=axis)
    t = np.arange(24, dtype=np.float64).reshape(2, 3, 4) - 7.5
    for axis in (None, 0, 1, 2, -2):
        case(fn, t, lambda: np_fn(t, axis=axis), axis=axis)
    tt = t.transpose(2, 0, 1).copy()
    case(fn, tt, lambda: np_fn(tt, axis=1), axis=1)
    case(fn, f64, lambda: np_fn(f64, axis=2), axis=2)  # AxisError -> not a ValueError subclass in 1.24?
    case(fn, with_nan, lambda: np_fn(with_nan, axis=1), axis=1)
big = np.full((2, 40), 3, np.int64)
case("cumprod", big, lambda: np.cumprod(big, axis=1), axis=1)  # wraps in int64
big8 = np.full((300,), 100, np.uint8)
case("cumsum", big8, lambda: np.cumsum(big8, axis=0), axis=0)  # uint64: no wrap at 8 bits
wrap = np.array([2**62, 2**62, 2**62, -5], np.int64)
case("cumsum", wrap, lambda: np.cumsum(wrap), axis=None)  # int64 wrap

# rounding and sign
halves = np.array([0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, 0.25, 0.35, 1.45, 2.675, -0.0, 1e300, np.nan, np.inf, -np.inf,
                   123.456, -987.654, 15.0, 25.0, -15.0, 149.9])
ints = np.array([15, 25, 135, -15, -25, 5, 0, 9, -9, 1234567], np.int64)
for fn, np_fn in (("floor", np.floor), ("ceil", np.ceil), ("trunc", np.trunc), ("sign", np.sign)):
    for a in (halves, halves.astype(np.float32), ints, np.array([-128, 0, 127, 5], np.int8),
              np.array([0, 3, 255], np.uint8), np.array([[True, False]])):
        case(fn, a, lambda: np_fn(a))
for decimals in (0, 1, 2, -1, -2):
    for a in (halves, halves.astype(np.float32), ints, np.array([127, -128, 15, 25, -35], np.int8),
              np.array([250, 5, 15, 25], np.uint8), np.array([True, False])):
        case("round", a, lambda: np.round(a, decimals), decimals=decimals)
case("round", np.zeros((0, 2)), lambda: np.round(np.zeros((0, 2)), 1), decimals=1)
case("round", scalar, lambda: np.round(scalar), decimals=0)

# power, arctan2, isclose (operands of one dtype; mixed promotion is in the test file)
base = np.array([[2, 3, -2, 0], [1, -1, 7, 10]], np.int64)
expo = np.array([[10, 3, 3, 0], [100, 7, 2, 19]], np.int64)
for dt in (np.int64, np.int8, np.uint8, np.float64, np.float32):
    x, y = base.astype(dt), expo.astype(dt)
    case("power", x, lambda: np.power(x, y), b=y)
x = np.array([2.0, -8.0, 0.0, 4.0, np.nan, 1.0]); y = np.array([0.5, 1 / 3, -1.0, -0.5, 0.0, np.nan])
case("power", x, lambda: np.power(x, y), b=y)
case("power", base, lambda: np.power(base, -expo), b=-expo)  # ValueError
tb = np.array([True, False, True, False]); eb = np.array([True, True, False, False])
case("power", tb, lambda: np.power(tb, eb), b=eb)
case("power", base, lambda: np.power(base, expo[0]), b=expo[0])  # broadcast a row
ys = np.array([1.0, -1.0, 0.0, -0.0, 1.0, np.inf, -np.inf, np.nan, 3.0])
xs = np.array([1.0, -1.0, -1.0, -1.0, 0.0, np.inf, 2.0, 1.0, -4.0])
for dt in (np.float64, np.float32):
    case("arctan2", ys.astype(dt), lambda: np.arctan2(ys.astype(dt), xs.astype(dt)), b=xs.astype(dt))
ia, ib = np.array([1, -1, 0, 5], np.int8), np.array([1, 1, -3, 0], np.int8)
case("arctan2", ia, lambda: np.arctan2(ia, ib), b=ib)
ja, jb = np.array([1, -1, 0, 5], np.int64), np.array([1, 1, -3, 0], np.int64)
case("arctan2", ja, lambda: np.arctan2(ja, jb), b=jb)
p = np.array([1.0, 1.0, 1e10, 1e-8, 0.0, np.inf, np.inf, np.nan, np.nan, 1.0, 100.0])
q = np.array([1.0, 1.00001, 1.00001e10, 1e-9, 1e-9, np.inf, -np.inf, np.nan, 1.0, 1.0 + 1e-5, 100.001])
for dt in (np.float64, np.float32):
    for equal_nan in (False, True):
        case("isclose", p.astype(dt), lambda: np.isclose(p.astype(dt), q.astype(dt), equal_nan=equal_nan),
             b=q.astype(dt), rtol=1e-05, atol=1e-08, equal_nan=equal_nan)
    case("isclose", p.astype(dt), lambda: np.isclose(p.astype(dt), q.astype(dt), rtol=1e-3, atol=0.0),
         b=q.astype(dt), rtol=1e-3, atol=0.0, equal_nan=False)
ii, jj = np.array([[1, 2, 3]], np.int64), np.array([[1], [2], [4]], np.int64)
case("isclose", ii, lambda: np.isclose(ii, jj, rtol=0.3, atol=0.0), b=jj, rtol=0.3, atol=0.0, equal_nan=False)

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "reductions.json"), "w") as f:
    json.dump({"numpy": np.__version__, "cases": cases}, f, separators=(",", ":"))
    f.write("\n")
print(len(cases), "cases")
