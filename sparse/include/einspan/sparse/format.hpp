#pragma once
// Printing in SciPy's style. fmt::format("{}", A) gives what Python shows for
// `print(repr(A)); print(A)` with SciPy 1.10 (Debian 12):
//   <3x4 sparse matrix of type '<class 'numpy.float64'>'
//   	with 2 stored elements in Compressed Sparse Column format>
//     (0, 0)	1.5
//     (2, 3)	-4.0
// Entries come in storage order (duplicates and explicit zeros included); values are printed as
// Python prints numpy scalars (the shortest repr that round-trips, "2.0" not "2", "1e-05", "nan");
// beyond 50 stored entries only the first 25 and the last 25 are printed, around a "  :\t:" line,
// as SciPy does with its maxprint of 50. The golden test compares against SciPy's own output.
// An empty matrix prints the header only (SciPy's str is then the empty string).
#include <einspan/sparse/csc_matrix.hpp>
#include <fmt/format.h>
#include <string>

namespace einspan::sparse {

// SciPy's repr(A): the two header lines.
template <SparseElement T>
std::string format_header(const CscMatrix<T>& a);
// SciPy's str(A): one "  (row, col)\tvalue" line per stored entry (truncated past 50), no header.
template <SparseElement T>
std::string format_entries(const CscMatrix<T>& a);

}  // namespace einspan::sparse

template <einspan::sparse::SparseElement T>
struct fmt::formatter<einspan::sparse::CscMatrix<T>> : fmt::formatter<std::string> {
  template <class Context>
  auto format(const einspan::sparse::CscMatrix<T>& a, Context& ctx) const {
    std::string text = einspan::sparse::format_header(a);
    if (a.nnz() > 0) {
      text += '\n';
      text += einspan::sparse::format_entries(a);
    }
    return fmt::formatter<std::string>::format(text, ctx);
  }
};
