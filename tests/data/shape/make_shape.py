#!/usr/bin/env python3
"""Writes shape.json: NumPy's answers for the shape functions of einspan's tensor module.

Each case names a function (flip, moveaxis, swapaxes, roll, tile, repeat, pad, vstack, hstack, split,
array_split, meshgrid, ravel), its inputs and its arguments, and records what NumPy returns: the shape
and C-order values of each result, and whether it shares memory with the (first) input
(np.shares_memory), or the exception NumPy raises (class and message). Inputs are int64 aranges of a
given shape, optionally seen through a view ("T": transposed, "flip": every axis reversed, "step": every
other element of the last axis), so that non-contiguous inputs are covered.
tests/tensor/shape_functions_test.cpp replays every case through einspan.
Run with Debian's NumPy: /usr/bin/python3 make_shape.py
"""
import json
import pathlib

import numpy as np


def source(spec):
    shape, view = spec["shape"], spec.get("view")
    a = np.arange(int(np.prod(shape)), dtype=np.int64).reshape(shape)
    if view == "T":
        a = a.T
    elif view == "flip":
        a = a[tuple(slice(None, None, -1) for _ in shape)]
    elif view == "step":
        a = a[..., ::2]
    return a


def inputs_of(case):
    return [source(s) for s in case["inputs"]]


def tup(x):
    return tuple(x) if isinstance(x, list) else x


def width(w):
    if isinstance(w, list):
        return tuple(tup(p) for p in w)
    return w


def run(case, xs):
    a = xs[0] if xs else None
    f, k = case["function"], case.get("args", {})
    if f == "flip":
        return np.flip(a) if "axes" not in k else np.flip(a, tup(k["axes"]))
    if f == "moveaxis":
        return np.moveaxis(a, tup(k["source"]), tup(k["destination"]))
    if f == "swapaxes":
        return np.swapaxes(a, k["i"], k["j"])
    if f == "roll":
        return np.roll(a, tup(k["shift"])) if "axes" not in k else np.roll(a, tup(k["shift"]), tup(k["axes"]))
    if f == "tile":
        return np.tile(a, tup(k["reps"]))
    if f == "repeat":
        return np.repeat(a, k["repeats"]) if "axis" not in k else np.repeat(a, k["repeats"], k["axis"])
    if f == "pad":
        kw = {"mode": k.get("mode", "constant")}
        if "constant" in k:
            kw["constant_values"] = k["constant"]
        return np.pad(a, width(k["width"]), **kw)
    if f == "vstack":
        return np.vstack(xs)
    if f == "hstack":
        return np.hstack(xs)
    if f in ("split", "array_split"):
        fn = np.split if f == "split" else np.array_split
        return fn(a, k["sections"], k.get("axis", 0))
    if f == "meshgrid":
        return np.meshgrid(*[x.ravel() for x in xs], indexing=k.get("indexing", "xy"))
    if f == "ravel":
        return np.ravel(a)
    raise KeyError(f)


def record(case):
    xs = inputs_of(case)
    try:
        out = run(case, xs)
    except Exception as e:  # the exception is the expected answer
        case["error"] = {"class": type(e).__name__, "message": str(e)}
        return case
    many = isinstance(out, list)
    results = out if many else [out]
    case["many"] = many
    if case.get("einspan", {}).get("results") == "periodic wrap":
        # NumPy 1.24's wrap is not periodic when a border is longer than the axis (numpy/numpy#22464,
        # fixed in 1.25 by #22575); einspan's is: index position q of the padded axis with q mod n.
        a = xs[0]
        w = np.broadcast_to(np.asarray(width(case["args"]["width"])), (a.ndim, 2))
        fixed = a[np.ix_(*[np.arange(-b, n + e) % n for (b, e), n in zip(w, a.shape)])]
        case["einspan"]["results"] = [{"shape": list(fixed.shape), "values": fixed.ravel().tolist(), "shares": False}]
        case["einspan"]["why"] = "NumPy 1.24's wrap repeats a partial period when a border is longer than the axis"
    case["results"] = [
        {
            "shape": list(r.shape),
            "values": r.ravel().tolist(),
            "shares": bool(xs) and bool(np.shares_memory(r, xs[0])),
        }
        for r in results
    ]
    if "shares" in case.get("einspan", {}):
        case["einspan"]["results"] = [dict(r, shares=case["einspan"]["shares"]) for r in case["results"]]
    return case


def c(function, inputs, einspan=None, **args):
    """einspan: where einspan raises another class or message than NumPy, that one, and why."""
    case = {"function": function, "inputs": inputs, "args": args}
    if einspan:
        case["einspan"] = einspan
    return case


AXIS2 = "axis 2 is out of bounds for array of dimension 2"


def s(*shape, view=None):
    d = {"shape": list(shape)}
    if view:
        d["view"] = view
    return d


CASES = [
    # flip: views with negative strides
    c("flip", [s(2, 3)]),
    c("flip", [s(2, 3, 4)], axes=1),
    c("flip", [s(2, 3, 4)], axes=[0, -1]),
    c("flip", [s(2, 3, 4)], axes=[]),
    c("flip", [s(3, 4, view="T")], axes=0),
    c("flip", [s(0, 3)], axes=0),
    c("flip", [s()], einspan={"shares": True, "why": "NumPy's m[()] makes a scalar copy of a 0-d array; einspan returns a 0-d view"}),
    c("flip", [s(2, 3)], axes=2),
    c("flip", [s(2, 3)], axes=[0, -2]),
    # moveaxis
    c("moveaxis", [s(2, 3, 4)], source=0, destination=-1),
    c("moveaxis", [s(2, 3, 4)], source=-1, destination=0),
    c("moveaxis", [s(2, 3, 4, 5)], source=[0, 1], destination=[-1, -2]),
    c("moveaxis", [s(2, 3, 4, 5)], source=[3, 0], destination=[0, 2]),
    c("moveaxis", [s(2, 3, 4)], source=[], destination=[]),
    c("moveaxis", [s(2, 3)], source=[0, 0], destination=[1, 0]),
    c("moveaxis", [s(2, 3)], source=[0, 1], destination=[1, 1]),
    c("moveaxis", [s(2, 3)], source=[0], destination=[1, 0]),
    c("moveaxis", [s(2, 3)], source=3, destination=0),
    c("moveaxis", [s(2, 3)], source=0, destination=-3),
    # swapaxes
    c("swapaxes", [s(2, 3, 4)], i=0, j=2),
    c("swapaxes", [s(2, 3, 4)], i=-1, j=1),
    c("swapaxes", [s(2, 3)], i=0, j=2, einspan={"class": "AxisError", "message": AXIS2, "why": "no argument name"}),
    # roll: copies
    c("roll", [s(10)], shift=2),
    c("roll", [s(10)], shift=-3),
    c("roll", [s(10)], shift=23),
    c("roll", [s(3, 4)], shift=5),
    c("roll", [s(3, 4, view="T")], shift=1),
    c("roll", [s(3, 4)], shift=1, axes=0),
    c("roll", [s(3, 4)], shift=-1, axes=1),
    c("roll", [s(3, 4)], shift=[1, 2], axes=[0, 1]),
    c("roll", [s(3, 4)], shift=1, axes=[0, 1]),
    c("roll", [s(3, 4)], shift=[1, 2], axes=0),
    c("roll", [s(3, 4)], shift=[1, 1], axes=[0, 0]),
    c("roll", [s(2, 3, 4, view="flip")], shift=[1, -1], axes=[2, 0]),
    c("roll", [s(0, 3)], shift=1, axes=0),
    c("roll", [s()], shift=1),
    c("roll", [s(3, 4)], shift=[1, 2], axes=[0, 1, 0]),
    c("roll", [s(3, 4)], shift=1, axes=2),
    # tile: copies
    c("tile", [s(3)], reps=2),
    c("tile", [s(3)], reps=[2, 2]),
    c("tile", [s(2, 3)], reps=2),
    c("tile", [s(2, 3)], reps=[2, 1, 3]),
    c("tile", [s(2, 3, view="T")], reps=[1, 2]),
    c("tile", [s(2, 3)], reps=[0, 2]),
    c("tile", [s()], reps=3),
    c("tile", [s()], reps=[]),
    c("tile", [s(0, 2)], reps=[2, 2]),
    c("tile", [s(2, 3)], reps=-1),
    c("tile", [s(2, 3)], reps=[2, -1]),
    # repeat: copies
    c("repeat", [s(3)], repeats=2),
    c("repeat", [s(2, 3)], repeats=2),
    c("repeat", [s(2, 3)], repeats=2, axis=0),
    c("repeat", [s(2, 3)], repeats=3, axis=-1),
    c("repeat", [s(2, 3)], repeats=[1, 0, 2], axis=1),
    c("repeat", [s(2, 3)], repeats=[2], axis=1),
    c("repeat", [s(2, 3, view="T")], repeats=[3, 1], axis=1),
    c("repeat", [s(2, 3)], repeats=[1, 2, 0, 1, 1, 2]),
    c("repeat", [s(2, 3)], repeats=0, axis=0),
    c("repeat", [s()], repeats=3),
    c("repeat", [s()], repeats=3, axis=0),
    c("repeat", [s(0, 3)], repeats=2, axis=1),
    c("repeat", [s(2, 3)], repeats=-1),
    c("repeat", [s(2, 3)], repeats=[1, 2], axis=1, einspan={"class": "ShapeError", "why": "einspan's class for shapes that do not fit"}),
    c("repeat", [s(2, 3)], repeats=[1, -2, 1], axis=1),
    c("repeat", [s(2, 3)], repeats=1, axis=2),
    # pad: copies
    c("pad", [s(3)], width=2),
    c("pad", [s(3)], width=[1, 3]),
    c("pad", [s(3)], width=[2]),
    c("pad", [s(2, 3)], width=1),
    c("pad", [s(2, 3)], width=[[1, 0], [2, 2]]),
    c("pad", [s(2, 3)], width=[[1, 2]]),
    c("pad", [s(2, 3)], width=[[1], [2]]),
    c("pad", [s(2, 3)], width=1, constant=7),
    c("pad", [s(2, 3)], width=0),
    c("pad", [s(2, 3, view="T")], width=[[1, 2], [0, 1]], mode="edge"),
    c("pad", [s(2, 3)], width=2, mode="edge"),
    c("pad", [s(3)], width=2, mode="reflect"),
    c("pad", [s(3)], width=8, mode="reflect"),
    c("pad", [s(3)], width=[7, 1], mode="reflect"),
    c("pad", [s(4)], width=[1, 9], mode="reflect"),
    c("pad", [s(1)], width=3, mode="reflect"),
    c("pad", [s(2, 3)], width=[[2, 1], [3, 4]], mode="reflect"),
    c("pad", [s(3, 4, view="flip")], width=[[1, 4], [2, 5]], mode="reflect"),
    c("pad", [s(3)], width=8, mode="symmetric"),
    c("pad", [s(2, 3)], width=[[3, 1], [2, 5]], mode="symmetric"),
    c("pad", [s(3)], width=[7, 2], mode="wrap", einspan={"results": "periodic wrap"}),
    c("pad", [s(2, 3)], width=[[3, 1], [2, 5]], mode="wrap", einspan={"results": "periodic wrap"}),
    c("pad", [s(4)], width=[2, 5], mode="wrap", einspan={"results": "periodic wrap"}),
    c("pad", [s(4)], width=[3, 4], mode="wrap"),
    c("pad", [s(2, 3)], width=1, mode="wrap"),
    # borders much longer than the axis: NumPy's rounds of mirroring are not periodic
    c("pad", [s(2)], width=[1, 8], mode="symmetric"),
    c("pad", [s(10)], width=[2, 50], mode="reflect"),
    c("pad", [s(10)], width=[50, 3], mode="symmetric"),
    c("pad", [s(3, 2)], width=[[1, 9], [7, 2]], mode="reflect"),
    c("pad", [s(2, 3, view="T")], width=[[5, 0], [1, 6]], mode="symmetric"),
    c("pad", [s(1, 3)], width=[[2, 3], [0, 0]], mode="symmetric"),
    c("pad", [s(2, 2, 2)], width=1, mode="reflect"),
    c("pad", [s()], width=1),
    c("pad", [s(0, 3)], width=1),
    c("pad", [s(0, 3)], width=[[0, 0], [1, 1]], mode="edge"),
    c("pad", [s(0, 3)], width=1, mode="reflect"),
    c("pad", [s(2, 3)], width=1, mode="foo"),
    c("pad", [s(2, 3)], width=-1),
    c("pad", [s(2, 3)], width=[1, 2, 3]),
    c("pad", [s(2, 3)], width=[[1, 2], [1, 2], [1, 2]]),
    c("pad", [s(2, 3)], width=1, mode="edge", constant=3),
    # vstack, hstack: copies
    c("vstack", [s(3), s(3)]),
    c("vstack", [s(2, 3), s(3)]),
    c("vstack", [s(1, 2), s(3, 2, view="flip")]),
    c("vstack", [s(), s()]),
    c("vstack", [s(2, 2, 2), s(1, 2, 2)]),
    c("vstack", [s(3), s(4)], einspan={"class": "ShapeError", "why": "concatenate's class"}),
    c("vstack", []),
    c("hstack", [s(3), s(2)]),
    c("hstack", [s(), s(2)]),
    c("hstack", [s(2, 3), s(2, 1)]),
    c("hstack", [s(2, 3, view="T"), s(3, 2)]),
    c("hstack", [s(2, 3), s(3, 3)], einspan={"class": "ShapeError", "why": "concatenate's class"}),
    c("hstack", []),
    # split, array_split: views
    c("split", [s(6)], sections=3),
    c("split", [s(6, 4)], sections=2, axis=1),
    c("split", [s(4, 6, view="T")], sections=2, axis=0),
    c("split", [s(6)], sections=[2, 5]),
    c("split", [s(6)], sections=[-2, 10, 1]),
    c("split", [s(6)], sections=[]),
    c("split", [s(0)], sections=2),
    c("split", [s(5)], sections=2),
    c("split", [s(5)], sections=-1),
    c("split", [s(2, 3)], sections=1, axis=2, einspan={"class": "AxisError", "message": AXIS2, "why": "NumPy: IndexError"}),
    c("array_split", [s(5)], sections=3),
    c("array_split", [s(2, 7)], sections=3, axis=-1),
    c("array_split", [s(2)], sections=4),
    c("array_split", [s(6)], sections=[1, 3]),
    c("array_split", [s(5)], sections=0),
    # meshgrid: copies
    c("meshgrid", [s(3), s(2)]),
    c("meshgrid", [s(3), s(2)], indexing="ij"),
    c("meshgrid", [s(2), s(3), s(4)]),
    c("meshgrid", [s(2), s(3), s(4)], indexing="ij"),
    c("meshgrid", [s(4)]),
    c("meshgrid", [s(2, 2), s(0)]),
    c("meshgrid", [s(6, view="step"), s(2)]),
    c("meshgrid", []),
    c("meshgrid", [s(2)], indexing="foo"),
    # ravel: a view when the strides allow, else a copy
    c("ravel", [s(2, 3)]),
    c("ravel", [s(2, 3, view="T")]),
    c("ravel", [s(2, 3, view="flip")]),
    c("ravel", [s(6, view="flip")]),
    c("ravel", [s(2, 4, view="step")]),
    c("ravel", [s()]),
]


def main():
    out = pathlib.Path(__file__).with_name("shape.json")
    cases = [record(case) for case in CASES]
    out.write_text(json.dumps({"numpy": np.__version__, "cases": cases}, indent=None, separators=(",", ":")) + "\n")
    print(f"wrote {len(cases)} cases to {out}")


if __name__ == "__main__":
    main()
