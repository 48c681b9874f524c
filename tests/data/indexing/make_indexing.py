#!/usr/bin/env python3
"""Writes indexing.json: NumPy's answers for advanced indexing and assignment.

Each read or write case indexes a float64 arange of a given shape with an index expression and records what
NumPy returns (shape and values), or for an assignment case the whole array after
`a[index] = value` (or `+=`), or the exception NumPy raises. tests/tensor/indexing_fixture_test.cpp
replays every case through einspan; the search cases record nonzero, argwhere, flatnonzero and
count_nonzero of a few arrays, and the slice cases what np.arange(n)[start:stop:step] is for bounds and
steps at the ends of the int64 range. Run with Debian's NumPy: /usr/bin/python3 make_indexing.py
"""
import json
import pathlib

import numpy as np


def entry(e):
    """An index entry as JSON: ints, slices, None, Ellipsis, integer arrays and boolean masks."""
    if e is None:
        return {"newaxis": True}
    if e is Ellipsis:
        return {"ellipsis": True}
    if isinstance(e, slice):
        return {"slice": [e.start, e.stop, e.step]}
    if isinstance(e, (int, np.integer)):
        return {"int": int(e)}
    e = np.asarray(e)
    kind = "mask" if e.dtype == bool else "array"
    return {kind: e.ravel().tolist(), "shape": list(e.shape), "dtype": str(e.dtype)}


def as_tuple(index):
    return index if isinstance(index, tuple) else (index,)


def source(shape):
    return np.arange(np.prod(shape), dtype=np.float64).reshape(shape)


def read_case(name, shape, index):
    a = source(shape)
    case = {"name": name, "shape": list(shape), "index": [entry(e) for e in as_tuple(index)]}
    try:
        r = a[index]
        case["result_shape"] = list(r.shape)
        case["result"] = r.ravel().tolist()
    except (IndexError, ValueError) as error:
        case["error"] = type(error).__name__
    return case


def write_case(name, shape, index, value, op="="):
    a = source(shape)
    case = {"name": name, "shape": list(shape), "index": [entry(e) for e in as_tuple(index)], "op": op}
    v = np.asarray(value, dtype=np.float64)
    case["value_shape"] = list(v.shape)
    case["value"] = v.ravel().tolist()
    try:
        if op == "=":
            a[index] = v
        else:
            a[index] += v
        case["after"] = a.ravel().tolist()
    except (IndexError, ValueError) as error:
        case["error"] = type(error).__name__
    return case


i64 = lambda *v: np.array(v, dtype=np.int64)
i32 = lambda *v: np.array(v, dtype=np.int32)
a2 = source((3, 4))
a3 = source((4, 5, 6))

reads = [
    read_case("1-d gather", (5,), i64(4, 0, 4, -1)),
    read_case("rows", (3, 4), i64(0, 2)),
    read_case("rows by int32", (3, 4), i32(2, -3)),
    read_case("2-d index array", (3, 4), np.array([[0, 1], [2, 0]])),
    read_case("columns", (3, 4), (slice(None), i64(3, 0))),
    read_case("pairs", (3, 4), (i64(0, 2), i64(1, 3))),
    read_case("broadcast pairs", (3, 4), (np.array([[0], [2]]), i64(1, 3))),
    read_case("adjacent in the middle", (4, 5, 6), (slice(None), i64(0, 2, 4), slice(None))),
    read_case("separated go first", (4, 5, 6), (i64(0, 1), slice(None), i64(2, 3))),
    read_case("int and array separated", (4, 5, 6), (1, slice(None), i64(0, 2))),
    read_case("int and array adjacent", (4, 5, 6), (slice(None), 1, i64(0, 2))),
    read_case("ellipsis then array", (4, 5, 6), (Ellipsis, i64(0, 5))),
    read_case("array then ellipsis", (4, 5, 6), (i64(3, 0), Ellipsis)),
    read_case("newaxis before array", (4, 5, 6), (None, i64(0, 1))),
    read_case("array then newaxis", (4, 5, 6), (i64(0, 1), None)),
    read_case("strided slice and array", (4, 5, 6), (slice(None, None, 2), i64(1, 0))),
    read_case("reversed slice and array", (4, 5, 6), (i64(2,), slice(None, None, -2), slice(1, 4))),
    read_case("empty index array", (3, 4), np.array([], dtype=np.int64)),
    read_case("element mask", (3, 4), a2 > 5),
    read_case("row mask", (3, 4), np.array([True, False, True])),
    read_case("column mask", (3, 4), (slice(None), np.array([False, True, True, False]))),
    read_case("2-d mask over leading axes", (4, 5, 6), a3[:, :, 0] % 4 == 0),
    read_case("mask and slice", (4, 5, 6), (np.array([True, False, True, True]), slice(1, 3))),
    read_case("mask and array", (3, 4), (np.array([True, False, True]), i64(0, 3))),
    read_case("all-false mask", (3, 4), np.zeros(3, dtype=bool)),
    read_case("out of bounds", (3, 4), i64(0, 3)),
    read_case("out of bounds negative", (3, 4), (slice(None), i64(-5,))),
    read_case("mask of the wrong length", (3, 4), np.array([True, False])),
    read_case("arrays that do not broadcast", (3, 4), (i64(0, 1), i64(0, 1, 2))),
    read_case("too many indices", (3, 4), (i64(0,), 1, 2)),
]

writes = [
    write_case("scalar into rows", (3, 4), i64(0, 2), 7.5),
    write_case("row broadcast into rows", (3, 4), i64(0, 2), [1, 2, 3, 4]),
    write_case("repeated index keeps the last", (5,), i64(0, 0, 1), [1, 2, 3]),
    write_case("mask scalar", (3, 4), a2 > 5, 0),
    write_case("mask values", (3, 4), a2 > 5, np.arange(6) * 10),
    write_case("columns values", (3, 4), (slice(None), i64(1, 3)), np.arange(6).reshape(3, 2)),
    write_case("separated arrays", (4, 5, 6), (i64(0, 1), slice(None), i64(2, 3)), np.arange(10).reshape(2, 5)),
    write_case("leading ones are dropped", (3, 4), np.array([True, False, True]), np.arange(4).reshape(1, 1, 4)),
    write_case("value that does not broadcast", (3, 4), i64(0, 2), [1, 2, 3]),
    write_case("repeated index adds once", (5,), i64(0, 0, 1), 1, op="+="),
    write_case("mask compound", (3, 4), a2 % 2 == 0, [100], op="+="),
    write_case("basic column", (3, 4), (slice(None), 1), [10, 20, 30]),
    write_case("basic rows", (3, 4), slice(1, 3), 0),
    write_case("basic ellipsis", (4, 5, 6), (Ellipsis, 0), np.ones((5,))),
    write_case("basic strided", (4, 5, 6), (slice(None, None, 2), slice(None, None, -1)), np.arange(6)),
    write_case("basic value that does not broadcast", (3, 4), (slice(None), 1), [1, 2]),
]



def search_case(name, a):
    """nonzero, argwhere, flatnonzero and count_nonzero (total and per axis) of one array."""
    a = np.asarray(a)
    case = {"name": name, "dtype": str(a.dtype), "shape": list(a.shape),
            "values": [None if isinstance(v, float) and np.isnan(v) else v for v in a.ravel().tolist()]}
    case["nonzero"] = [ix.tolist() for ix in np.nonzero(a)]
    case["argwhere"] = np.argwhere(a).ravel().tolist()
    case["flatnonzero"] = np.flatnonzero(a).tolist()
    case["count_nonzero"] = int(np.count_nonzero(a))
    case["count_nonzero_axis"] = [np.count_nonzero(a, axis=k).ravel().tolist() for k in range(a.ndim)]
    return case


rng = np.random.default_rng(0)
searches = [
    search_case("bool 1-d of 37 (a ragged tail of the 8-wide kernel)", rng.random(37) > 0.5),
    search_case("bool 2-d", rng.random((5, 11)) > 0.3),
    search_case("bool 3-d", rng.random((3, 4, 9)) > 0.7),
    search_case("all false", np.zeros((4, 3), dtype=bool)),
    search_case("all true", np.ones(19, dtype=bool)),
    search_case("float with NaN and -0.0", np.array([[0.0, np.nan, -0.0], [2.5, 0.0, -1.0]])),
    search_case("int64", np.array([[0, 3, 0, -7], [0, 0, 1, 0]], dtype=np.int64)),
    search_case("empty", np.zeros((0, 3), dtype=bool)),
]



def slice_case(n, start, stop, step):
    """np.arange(n)[start:stop:step] for bounds and steps at the ends of the int64 range."""
    return {"n": n, "slice": [start, stop, step], "result": np.arange(n)[start:stop:step].tolist()}


big = [None, 0, 3, -3, 10**18, -10**18, 2**63 - 1, -2**63]
steps = [1, 2, -1, 2**62, -2**62, 2**63 - 1, -(2**63 - 1), -2**63]
slices = [slice_case(n, start, stop, step) for n in (0, 1, 5) for start in big for stop in big[:6] for step in steps]

out = pathlib.Path(__file__).with_name("indexing.json")
out.write_text(json.dumps({"numpy": np.__version__, "reads": reads, "writes": writes, "searches": searches,
                          "slices": slices},
                          indent=None, separators=(",", ":")) + "\n")
print(f"wrote {out} ({len(reads)} reads, {len(writes)} writes, {len(searches)} searches, {len(slices)} slices)")
