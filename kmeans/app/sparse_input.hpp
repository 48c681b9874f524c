#pragma once
// Sparse data sets for the kmeans program: a .npz file written by scipy.sparse.save_npz (CSR or
// CSC, compressed or not) or an svmlight / libsvm text file read as
// sklearn.datasets.load_svmlight_file reads it, each as an (n, d) CSR matrix.
#include <einspan/sparse/csr_matrix.hpp>
#include <filesystem>

namespace einspan::kmeans_app {

// Whether `path` names a sparse data file by its extension: .npz (scipy.sparse.save_npz), .svm,
// .svmlight or .libsvm (svmlight text). The file itself is not looked at.
bool is_sparse_input(const std::filesystem::path& path);

// The (n, d) matrix in `path`, chosen by its extension, in canonical CSR form (column indices
// strictly increasing within each row: duplicates summed, as SciPy's sum_duplicates does) with
// its values converted to T (np.asarray(x, T)); explicit zeros are kept. Reads the whole file.
//
// .npz: the members format ("csr" or "csc"), shape, data, indices and indptr; a CSC matrix is
// converted without going dense. svmlight: `label [qid:N] index:value ...` per line, '#' to the
// end of a line a comment, labels and qids checked and ignored; indices are zero-based when any
// is 0 and one-based otherwise (zero_based="auto"), and d is the largest zero-based index + 1
// (1 for a file whose rows are all empty, as scikit-learn gives). NaN and infinite values are
// kept, as both libraries keep them.
//
// Every message starts with the file name (and names the line for text). Throws
//   IOError     a file that cannot be read (missing, a directory; for .npz not a regular file), is not
//               a zip archive (a truncated one is not), lacks a member, or has a member that is not
//               valid .npy; an svmlight line that does not parse (a label or value that is not a
//               number, an index that is not an integer, a token without ':', a bad qid); no data line;
//   ValueError  an extension not listed above; a .npz format other than CSR and CSC; CSR/CSC arrays
//               that disagree (indptr's length, start, order or end; a negative shape); an svmlight
//               index that is negative or not strictly greater than the one before it on its line;
//   IndexError  an index outside the shape;
//   ShapeError  a member of the wrong shape (shape.npy not (2,), format not 0-d, the arrays not 1-d);
//   TypeError   a member of the wrong dtype (format not a string, data not real numbers, indices,
//               indptr or shape not integers).
template <class T>
sparse::CsrMatrix<T> read_sparse_input(const std::filesystem::path& path);

extern template sparse::CsrMatrix<float> read_sparse_input<float>(const std::filesystem::path& path);
extern template sparse::CsrMatrix<double> read_sparse_input<double>(const std::filesystem::path& path);

}  // namespace einspan::kmeans_app
