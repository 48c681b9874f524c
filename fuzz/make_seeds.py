#!/usr/bin/env python3
"""Writes the committed seed corpora in fuzz/corpus/<target>/: the test fixtures plus hand-made
edge cases. Plain Python (no NumPy): the .npy seeds are built byte by byte as numpy/lib/format.py
lays them out.

    /usr/bin/python3 fuzz/make_seeds.py

Seeds are named for what they hold; the fuzzers never write here (their new inputs go to a
scratch corpus in the build tree). Files named regression-* are inputs that once failed, copied
by hand from build/clang-sanitize/fuzz/artifacts/; this script keeps them."""
import shutil
import struct
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"


def write(target, name, data):
    d = CORPUS / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data if isinstance(data, bytes) else data.encode("latin-1"))


def npy_header(dict_text, version=1):
    """The magic, version, length and padded dict, as format.py's _wrap_header writes them."""
    text = dict_text.encode("latin-1")
    length_size = 2 if version == 1 else 4
    hlen = len(text) + 1
    pad = 64 - (8 + length_size + hlen) % 64
    length = struct.pack("<H" if version == 1 else "<I", hlen + pad)
    return b"\x93NUMPY" + bytes([version, 0]) + length + text + b" " * pad + b"\n"


def npy_dict(descr, shape, fortran=False):
    shape_text = "(" + ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"
    text = "{'descr': '%s', 'fortran_order': %s, 'shape': %s, }" % (descr, fortran, shape_text)
    return text + (" " * (21 - len(str(shape[0]))) if shape else "")


def einsum_seeds():
    # The spec, then '\n', then the bytes that choose sizes, layouts, the element type and values.
    choices = bytes(range(1, 64))
    specs = {
        "matmul": "ij,jk->ik", "diagonal": "ii->i", "trace": "ii", "implicit": "ba,...aC",
        "batched": "...ij,...jk->...ik", "spaces": " i j , j k -> i k ", "workshop": "nkd,nkd->nk",
        "transpose": "ij->ji", "chain": "abc,cd,de->abe", "outer": "i,j->ij", "scalar": "->",
        "sum_all": "ijk->", "ellipsis_out": "i...->...", "four": "ab,bc,cd,da->",
        "bad_char": "i$j", "bad_dot": "i..j", "absent": "ij->k", "two_arrows": "i->i->i",
        "repeated_out": "ij->ii", "comma_out": "i,j->i,j", "dash": "ij-ji",
    }
    for name, spec in specs.items():
        write("einsum_spec", name, spec.encode() + b"\n" + choices)
    write("einsum_spec", "empty", b"")


def npy_seeds():
    fixtures = ROOT / "tests" / "data" / "npy"
    for f in sorted(fixtures.glob("*.npy")):
        if f.stat().st_size <= 1024:
            shutil.copy(f, CORPUS / "npy_load" / f.name)
            header_end = f.read_bytes().index(b"\n") + 1
            data = f.read_bytes()
            start = 10 if data[6] == 1 else 12
            write("npy_header", f.stem, data[start:header_end])
    for f in ["lloyd_inertia.npy", "empty_centroids.npy"]:
        shutil.copy(ROOT / "tests" / "data" / "kmeans" / f, CORPUS / "npy_load" / ("kmeans_" + f))

    # Hand-made: bools that are not 0/1, float16 specials, a Fortran-order bool, keys out of order,
    # Python 2 spellings, version 2.0, trailing and missing bytes.
    write("npy_load", "b1_bytes_2_255.npy", npy_header(npy_dict("|b1", [3])) + b"\x00\x02\xff")
    write("npy_load", "f2_specials.npy",
          npy_header(npy_dict("<f2", [6])) + struct.pack("<6H", 0x7C00, 0xFC00, 0x7E01, 0x0001, 0x8000, 0x3C00))
    write("npy_load", "b1_fortran.npy", npy_header(npy_dict("|b1", [2, 3], True)) + bytes([1, 0, 1, 1, 0, 3]))
    write("npy_load", "reordered_keys.npy",
          npy_header("{'shape':(2,),'fortran_order':False,'descr':'>i2',}") + b"\x00\x01\x00\x02")
    write("npy_load", "python2_header.npy", npy_header("{'descr': u'<u2', 'fortran_order': False, 'shape': (2L,), }")
          + b"\x01\x00\x02\x00")
    write("npy_load", "v2_i1.npy", npy_header(npy_dict("|i1", [2]), version=2) + b"\x7f\x80")
    write("npy_load", "trailing_byte.npy", npy_header(npy_dict("<i4", [1])) + b"\x01\x00\x00\x00\x00")
    write("npy_load", "truncated_data.npy", npy_header(npy_dict("<f8", [2])) + b"\x00" * 9)
    write("npy_load", "huge_shape.npy", npy_header(npy_dict("<f8", [2**62, 4])))

    headers = {
        "nested_parens": "{'descr': '<f8', 'fortran_order': False, 'shape': ((3),), }",
        "escapes": "{'descr': '<f\\x38', \"fortran_order\": True, 'shape': (), }",
        "list_descr": "{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }",
        "negative": "{'descr': '<f8', 'fortran_order': False, 'shape': (-1,), }",
        "big_int": "{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999,), }",
        "duplicate": "{'descr': '<f8', 'descr': '<f8', 'fortran_order': False, 'shape': (1,), }",
        "extra_key": "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'x': 1}",
        "signs": "{'descr': '=u8', 'fortran_order': False, 'shape': (+ 2, 3L), }\n",
        "deep": "{'descr': '<f8', 'fortran_order': False, 'shape': " + "(" * 40 + ")" * 40 + "}",
    }
    for name, text in headers.items():
        write("npy_header", name, text)


def csv_seeds():
    data = {
        "header_comma": "x,y,z\n1,2,3\n4.5,-6e3,+7\n",
        "whitespace": "# comment\n1 2\t3\n\n 4 5 6 \n",
        "crlf": "a,b\r\n1.0,2.0\r\n3.0,4.0\r\n",
        "one_cell": "42",
        "ragged": "1,2\n3\n",
        "nan": "1,nan\n",
        "inf_header": "inf,x\n1,2\n",
        "empty_cell": "1,,2\n",
        "no_rows": "# only a comment\nx y\n",
        "exponents": "1e-308,2.5E+10,.5,5.\n-0,0x10,1_0\n",
        "tiny_and_huge": "1e-400,1e400\n",
        "sign_sign": "+-5,1\n",
    }
    for name, text in data.items():
        write("kmeans_csv", name, text)
    # A few rows of the k-means fixture's data, as the program's users write them.
    write("kmeans_csv", "lloyd_rows", "\n".join(",".join(f"{v:.17g}" for v in row) for row in
                                                 [[0.1, 0.25, 3.5], [1e-3, 2.0, -4.75], [5.0, 6.125, 7.0]]) + "\n")


def binary_seeds():
    # broadcast: shape count, then per shape its rank and dimensions (bytes below 224 are 0..4).
    write("broadcast", "4x3_with_3", bytes([2, 2, 4, 3, 1, 3]))
    write("broadcast", "4x1_with_3", bytes([2, 2, 4, 1, 1, 3]))
    write("broadcast", "mismatch", bytes([2, 2, 4, 3, 2, 1, 4]))
    write("broadcast", "three_ranks", bytes([3, 0, 3, 2, 1, 0, 2, 1, 4, 1]))
    write("broadcast", "huge_dims", bytes([2, 1, 250]) + b"\x40" + b"\x00" * 7 + bytes([2, 1, 1]))
    write("broadcast", "negative", bytes([1, 1, 255]) + b"\xff" * 8)
    # slice: the first byte picks resolve_slice (0), a huge layout (1) or tensor views (2).
    write("slice", "resolve_small", bytes([0, 0, 7, 1, 5, 1, 9, 1, 7]))
    write("slice", "resolve_extremes", bytes([0, 1]) + b"\x7f" + b"\xff" * 7 + bytes([1, 1, 1, 0, 1, 1]))
    write("slice", "huge_layout", bytes([1, 2, 1]) + b"\x3f" + b"\xff" * 7 + bytes([0, 3, 4, 4, 1, 0, 2, 1, 5]))
    write("slice", "views", bytes([2, 3, 4, 3, 5, 3, 4, 1, 4, 1, 1, 8, 6, 0, 4, 2, 2, 4, 5, 6, 7]))
    write("slice", "views_ellipsis_newaxis", bytes([2, 2, 5, 4, 4, 0, 1, 8, 2, 9, 2, 1, 1, 0]))


if __name__ == "__main__":
    for target in ["einsum_spec", "npy_header", "npy_load", "kmeans_csv", "broadcast", "slice"]:
        (CORPUS / target).mkdir(parents=True, exist_ok=True)
        # regression-* are inputs that once failed, copied from the fuzzers' artifacts: kept.
        for f in (CORPUS / target).iterdir():
            if not f.name.startswith("regression-"):
                f.unlink()
    einsum_seeds()
    npy_seeds()
    csv_seeds()
    binary_seeds()
