#!/usr/bin/env python3
"""Writes linalg.json: NumPy's answers for matmul, dot, vdot, inner, outer, trace and tensordot.

Each case records the operands (dtype, shape, values: small integers, so every float result is exact
and any summation order gives NumPy's bits), the call, and what NumPy returns (dtype, shape, values) or
the exception it raises (class and message). tests/einsum/linalg_test.cpp replays every case through
einspan. Run with Debian's NumPy: /usr/bin/python3 make_linalg.py
"""
import json
import pathlib

import numpy as np


def operand(shape, dtype="float64", seed=0):
    """Small integer values in [-3, 3] (unsigned: [0, 4]; bool: a pattern with both values)."""
    n = int(np.prod(shape))
    base = (np.arange(n) * 5 + 3 * seed + 1) % 7
    if dtype == "bool":
        a = base % 3 == 0
    elif np.dtype(dtype).kind == "u":
        a = base % 5
    else:
        a = base - 3
    return np.asarray(a).astype(dtype).reshape(shape)


def encode(a):
    a = np.asarray(a)
    values = a.ravel().tolist()
    return {"dtype": str(a.dtype), "shape": list(a.shape), "values": values}


CALLS = {
    "matmul": lambda a, b, args: np.matmul(a, b),
    "dot": lambda a, b, args: np.dot(a, b),
    "vdot": lambda a, b, args: np.vdot(a, b),
    "inner": lambda a, b, args: np.inner(a, b),
    "outer": lambda a, b, args: np.outer(a, b),
    "tensordot": lambda a, b, args: np.tensordot(a, b, args["axes"] if "axes" in args else (args["axes_a"], args["axes_b"])),
    "trace": lambda a, b, args: np.trace(a, args.get("offset", 0), args.get("axis1", 0), args.get("axis2", 1)),
}


def case(fn, shape_a, shape_b=None, dtype_a="float64", dtype_b=None, **args):
    a = operand(shape_a, dtype_a, 0)
    b = None if shape_b is None else operand(shape_b, dtype_b or dtype_a, 1)
    name = f"{fn} {dtype_a}{list(shape_a)}"
    if b is not None:
        name += f" {b.dtype}{list(shape_b)}"
    if args:
        name += " " + " ".join(f"{k}={v}" for k, v in args.items())
    c = {"name": name, "fn": fn, "a": encode(a), "args": args}
    if b is not None:
        c["b"] = encode(b)
    try:
        c["result"] = encode(CALLS[fn](a, b, args))
    except (ValueError, IndexError) as error:
        c["error"] = {"type": type(error).__name__, "message": str(error)}
    return c


cases = [
    # matmul: 1-d promotion, stacks, batch broadcasting, empty dimensions, errors.
    case("matmul", (2, 3), (3, 4)),
    case("matmul", (3,), (3,)),
    case("matmul", (3,), (3, 4)),
    case("matmul", (2, 3), (3,)),
    case("matmul", (3,), (2, 3, 4)),
    case("matmul", (2, 4, 3), (3,)),
    case("matmul", (2, 1, 3, 4), (5, 4, 2)),
    case("matmul", (2, 3, 3), (5, 1, 3, 2)),
    case("matmul", (4, 2, 3), (3, 2)),
    case("matmul", (2, 3), (4, 3, 2)),
    case("matmul", (1, 2, 3), (4, 3, 2)),
    case("matmul", (0, 3), (3, 0)),
    case("matmul", (2, 0), (0, 3)),
    case("matmul", (0, 2, 3), (1, 3, 2)),
    case("matmul", (3, 0), (0,)),
    case("matmul", (2, 3), (3, 2), "int32"),
    case("matmul", (2, 3), (3, 2), "float32"),
    case("matmul", (2, 3), (3, 2), "uint8"),
    case("matmul", (2, 3), (3, 2), "int8", "uint8"),
    case("matmul", (2, 3), (3, 2), "int32", "float32"),
    case("matmul", (2, 4), (4, 3), "bool"),
    case("matmul", (3,), (3,), "bool"),
    case("matmul", (), (3,)),
    case("matmul", (3,), ()),
    case("matmul", (2, 3), (4, 2)),
    case("matmul", (2, 3), (4,)),
    case("matmul", (3,), (4, 2)),
    case("matmul", (3,), (4,)),
    case("matmul", (2, 3, 1), (4, 2)),
    case("matmul", (2, 2, 3), (5, 3, 2)),
    case("matmul", (3, 2, 2, 3), (4, 3, 2)),
    case("matmul", (0, 2, 3), (5, 3, 2)),
    # dot: no broadcasting; N-d . M-d pairs a's last axis with b's second-to-last.
    case("dot", (3,), (3,)),
    case("dot", (2, 3), (3, 4)),
    case("dot", (2, 3, 4), (4,)),
    case("dot", (4,), (2, 4, 3)),
    case("dot", (2, 3, 4), (5, 4, 2)),
    case("dot", (2, 3), (3,)),
    case("dot", (), (3, 2)),
    case("dot", (3, 2), ()),
    case("dot", (), ()),
    case("dot", (0, 3), (3, 2)),
    case("dot", (2, 0), (0, 3)),
    case("dot", (2, 3), (3, 2), "int32"),
    case("dot", (3, 2), (2,), "bool"),
    case("dot", (2, 3), (3, 2), "int8", "uint8"),
    case("dot", (2, 3), (4, 2)),
    case("dot", (3,), (4,)),
    case("dot", (2, 3, 4), (5,)),
    case("dot", (2, 3, 4), (5, 3, 2)),
    case("dot", (4,), (5, 3, 2)),
    # vdot: flattens both; sizes must match.
    case("vdot", (2, 3), (2, 3)),
    case("vdot", (2, 3), (3, 2)),
    case("vdot", (6,), (2, 3)),
    case("vdot", (), ()),
    case("vdot", (0,), (0, 2)),
    case("vdot", (3,), (3,), "bool"),
    case("vdot", (4,), (4,), "int8"),
    case("vdot", (2, 3), (4,)),
    case("vdot", (4,), (2, 3)),
    # inner: the last axes.
    case("inner", (3,), (3,)),
    case("inner", (2, 3), (4, 3)),
    case("inner", (2, 3), (4, 2, 3)),
    case("inner", (), (4, 3)),
    case("inner", (2, 0), (3, 0)),
    case("inner", (2, 3), (4, 3), "int32", "float32"),
    case("inner", (2, 3), (2, 4)),
    case("inner", (2, 7, 3), (5, 6, 4)),
    case("inner", (3,), (5, 6, 4)),
    case("inner", (3,), (4,)),
    # outer: flattens both.
    case("outer", (3,), (4,)),
    case("outer", (2, 3), (2, 2)),
    case("outer", (), (4,)),
    case("outer", (0,), (3,)),
    case("outer", (2,), (3,), "bool"),
    case("outer", (2,), (3,), "uint8", "int8"),
    # trace: sum's result type (int32 -> int64, uint8 -> uint64, bool -> int64).
    case("trace", (3, 3)),
    case("trace", (3, 4), offset=1),
    case("trace", (3, 4), offset=-2),
    case("trace", (3, 3), offset=5),
    case("trace", (3, 3), offset=-5),
    case("trace", (2, 3, 4), axis1=1, axis2=2),
    case("trace", (2, 3, 4), offset=1, axis1=-1, axis2=0),
    case("trace", (0, 0)),
    case("trace", (3, 3), dtype_a="int32"),
    case("trace", (3, 3), dtype_a="uint8"),
    case("trace", (3, 3), dtype_a="float32"),
    case("trace", (3, 3), dtype_a="bool"),
    case("trace", (3,)),
    case("trace", (2, 3, 4), axis1=0, axis2=0),
    case("trace", (2, 3, 4), axis1=0, axis2=3),
    case("trace", (2, 3, 4), axis1=-4, axis2=1),
    # tensordot: an axis count, or a pair of axis lists.
    case("tensordot", (2, 3, 4), (3, 4, 5), axes=2),
    case("tensordot", (2, 3), (3, 2), axes=1),
    case("tensordot", (2, 3), (4,), axes=0),
    case("tensordot", (2, 3, 4), (2, 3, 4), axes=3),
    case("tensordot", (), (3, 2), axes=0),
    case("tensordot", (2, 0), (0, 2), axes=1),
    case("tensordot", (2, 3, 4), (4, 3, 2), axes_a=[0, 1], axes_b=[2, 1]),
    case("tensordot", (2, 3, 4), (4, 3, 2), axes_a=[-3, -2], axes_b=[-1, 1]),
    case("tensordot", (2, 3, 4), (3, 5), axes_a=[1], axes_b=[0]),
    case("tensordot", (2, 3), (3, 2), axes_a=[], axes_b=[]),
    case("tensordot", (2, 3), (3, 2), "int32", axes=1),
    case("tensordot", (2, 3), (3, 2), "bool", axes=1),
    case("tensordot", (2, 3, 4), (4, 4, 5), axes=2),
    case("tensordot", (2, 3, 4), (3, 4, 5), axes=4),
    case("tensordot", (2, 3, 4), (4, 3, 2), axes_a=[0, 1], axes_b=[2]),
    case("tensordot", (2, 3, 4), (4, 3, 2), axes_a=[0, 0], axes_b=[2, 2]),
    case("tensordot", (2, 3, 4), (4, 3, 2), axes_a=[0, 5], axes_b=[2, 1]),
    case("tensordot", (2, 3, 4), (4, 3, 2), axes_a=[1], axes_b=[0]),
]

path = pathlib.Path(__file__).with_name("linalg.json")
# One case per line, so that a change of NumPy's answer is a one-line diff.
lines = ",\n".join("  " + json.dumps(c) for c in cases)
path.write_text(f'{{"numpy": "{np.__version__}", "cases": [\n{lines}\n]}}\n')
print(f"{len(cases)} cases -> {path}")
