#!/usr/bin/python3
"""Regenerates the sparse-input fixtures in this directory with SciPy and scikit-learn (Debian's
python3-scipy 1.10 and python3-sklearn 1.2), the oracles of tests/kmeans/sparse_input_test.cpp.

    /usr/bin/python3 tests/data/sparse_input/make_fixtures.py

<name>.npz / .svm      a data file; <name>.expected.npy its dense float64 matrix as the library that
                       reads it gives it: scipy.sparse.load_npz(f).toarray() or
                       sklearn.datasets.load_svmlight_file(f)[0].toarray() (zero_based="auto").
csr_*, csc_*           scipy.sparse.save_npz of a csr_matrix / csc_matrix: float32 or float64 data,
                       int32 or int64 indices, compressed or not.
*_unsorted_duplicates  raw arrays with unsorted and repeated indices (toarray() sums repeats).
csr_unicode_format     np.savez with format '<U3', as SciPy before 1.10's bytes ('|S3') wrote it.
svm_zero_based, svm_one_based
                       sklearn.datasets.dump_svmlight_file with a comment and query ids.
svm_hand_written       blank and comment lines, a trailing comment, an empty row, CRLF, '+1' labels.
svm_no_features        labels only: scikit-learn gives one all-zero column.
bad_*                  files that must be refused (no .expected.npy): format 'coo', an index out of
                       range, indptr not non-decreasing or of the wrong length, shape.npy of three
                       entries, complex data, float indices, no indptr member.
"""
import pathlib

import numpy as np
import scipy.sparse as sp
from sklearn.datasets import dump_svmlight_file, load_svmlight_file

here = pathlib.Path(__file__).resolve().parent
rng = np.random.default_rng(20260514)


def random_dense(rows, cols, density=0.4):
    # Multiples of 1/4: exact in float32, so the float32 and float64 reads hold the same numbers.
    values = rng.integers(-40, 40, size=(rows, cols)) / 4.0
    return np.where(rng.random((rows, cols)) < density, values, 0.0)


def expect(name, dense):
    np.save(here / f"{name}.expected.npy", np.ascontiguousarray(dense, dtype=np.float64))


def save_npz(name, matrix, compressed):
    path = here / f"{name}.npz"
    sp.save_npz(path, matrix, compressed=compressed)
    expect(name, sp.load_npz(path).toarray())


dense = random_dense(7, 5)
dense[3] = 0.0  # an empty row
dense[:, 2] = 0.0  # an empty column
for kind, convert in (("csr", sp.csr_matrix), ("csc", sp.csc_matrix)):
    for data_dtype, index_dtype, compressed in ((np.float64, np.int32, True), (np.float32, np.int64, False),
                                                (np.float32, np.int32, True), (np.float64, np.int64, False)):
        m = convert(dense.astype(data_dtype))
        m.indices = m.indices.astype(index_dtype)
        m.indptr = m.indptr.astype(index_dtype)
        name = (f"{kind}_f{np.dtype(data_dtype).itemsize * 8}_i{np.dtype(index_dtype).itemsize * 8}_"
                f"{'compressed' if compressed else 'stored'}")
        save_npz(name, m, compressed)

# Row (CSR) or column (CSC) 0 holds indices 3, 0, 3, 1; row 1 is empty; row 2 holds 2, 2.
data = np.array([1.5, -2.0, 0.25, 4.0, 1.0, 2.0])
indices = np.array([3, 0, 3, 1, 2, 2], dtype=np.int32)
indptr = np.array([0, 4, 4, 6], dtype=np.int32)
csr = sp.csr_matrix((data, indices, indptr), shape=(3, 4))
csc = sp.csc_matrix((data, indices, indptr), shape=(4, 3))
assert not csr.has_canonical_format and not csc.has_canonical_format
save_npz("csr_unsorted_duplicates", csr, compressed=True)
save_npz("csc_unsorted_duplicates", csc, compressed=False)

m = sp.csr_matrix(random_dense(4, 6))
np.savez(here / "csr_unicode_format.npz", format=np.array("csr"), shape=np.array(m.shape), data=m.data,
         indices=m.indices, indptr=m.indptr)
expect("csr_unicode_format", sp.load_npz(here / "csr_unicode_format.npz").toarray())


def save_svm(name, dump):
    path = here / f"{name}.svm"
    dump(path)
    expect(name, load_svmlight_file(path)[0].toarray())


X = random_dense(6, 9, density=0.5)
X[0, 0] = 1.0  # an index 0, so that zero_based="auto" sees the zero-based file as such
X[4] = 0.0
y = rng.integers(0, 3, size=6)
qid = np.array([1, 1, 2, 2, 3, 3])
save_svm("svm_zero_based", lambda p: dump_svmlight_file(sp.csr_matrix(X), y, p, zero_based=True,
                                                         comment="zero-based\nsecond line", query_id=qid))
save_svm("svm_one_based", lambda p: dump_svmlight_file(X, y, p, zero_based=False, comment="one-based",
                                                        query_id=qid))
save_svm("svm_hand_written", lambda p: p.write_bytes(
    b"# a comment line\n"
    b"\n"
    b"+1 qid:7 2:0.5 4:-1e-3 10:3   # a trailing comment\n"
    b"   \t  \n"
    b"-1\n"
    b"2.5 1:1.25 3:+2\r\n"
    b"   # an indented comment\n"
    b"0 qid:1 3:inf"))
save_svm("svm_no_features", lambda p: p.write_bytes(b"1\n2 # none\n3\n"))


def savez(name, **arrays):
    np.savez_compressed(here / f"bad_{name}.npz", **arrays)


good = dict(format=b"csr", shape=np.array([2, 3]), data=np.array([1.0, 2.0]), indices=np.array([0, 2], np.int32),
            indptr=np.array([0, 1, 2], np.int32))
sp.save_npz(here / "bad_coo.npz", sp.coo_matrix(dense))
savez("index_out_of_range", **{**good, "indices": np.array([0, 3], np.int32)})
savez("indptr_decreasing", **{**good, "indptr": np.array([0, 2, 1], np.int32)})
savez("indptr_length", **{**good, "indptr": np.array([0, 2], np.int32)})
savez("shape_of_three", **{**good, "shape": np.array([2, 3, 1])})
savez("complex_data", **{**good, "data": np.array([1 + 1j, 2])})
savez("float_indices", **{**good, "indices": np.array([0.0, 2.0])})
savez("no_indptr", **{k: v for k, v in good.items() if k != "indptr"})
print("wrote", len(list(here.glob("*.npz"))), ".npz and", len(list(here.glob("*.svm"))), ".svm files")
