// SciPy-style printing of CscMatrix (see format.hpp).
#include <cmath>
#include <einspan/sparse/format.hpp>

namespace einspan::sparse {

namespace {

// SciPy's maxprint: past this many stored entries only the first and last halves are printed.
constexpr index_t maxprint = 50;

template <class T>
constexpr const char* numpy_type_name() {
  return std::is_same_v<T, float> ? "numpy.float32" : "numpy.float64";
}

// A value as Python prints a numpy float64 (Python's repr) or float32 (NumPy's shortest repr):
// the shortest string that round-trips, positional for 1e-4 <= |x| < 1e16, scientific with at
// least two exponent digits otherwise. fmt's "{}" follows the same rules with two differences:
// Python writes a positional integer value as "2.0" where fmt writes "2", and NumPy compares the
// value itself with 1e-4 where fmt looks at the shortest digits' exponent, so float32(1e-4),
// which is 9.99999974e-05, is "1e-04" for NumPy and "0.0001" for fmt.
template <class T>
std::string python_repr(T value) {
  std::string s = fmt::format("{}", value);
  if (s.find_first_of("eni") != std::string::npos) return s;  // 1e+20, nan, inf
  if (value != T{0} && std::abs(static_cast<double>(value)) < 1e-4) {
    // Positional "0.000ddd" -> "d.dde-EE": the same digits, in scientific form.
    const bool negative = s[0] == '-';
    const std::string fraction = s.substr(s.find('.') + 1);
    const std::size_t zeros = fraction.find_first_not_of('0');
    const std::string digits = fraction.substr(zeros);
    std::string out = negative ? "-" : "";
    out += digits.substr(0, 1);
    if (digits.size() > 1) {
      out += '.';
      out += digits.substr(1);
    }
    return out + fmt::format("e-{:02}", zeros + 1);
  }
  if (s.find('.') == std::string::npos) s += ".0";
  return s;
}

template <class T>
void append_entries(std::string& out, const CscMatrix<T>& a, index_t first, index_t last) {
  // Entries are numbered in storage order; find the column of `first` once, then walk forward.
  const auto indptr = a.indptr();
  index_t j = static_cast<index_t>(std::upper_bound(indptr.begin(), indptr.end(), first) - indptr.begin()) - 1;
  for (index_t p = first; p < last; ++p) {
    while (indptr[j + 1] <= p) ++j;
    if (p > first) out += '\n';
    out += fmt::format("  ({}, {})\t{}", a.indices()[p], j, python_repr(a.data()[p]));
  }
}

}  // namespace

template <SparseElement T>
std::string format_header(const CscMatrix<T>& a) {
  return fmt::format("<{}x{} sparse matrix of type '<class '{}'>'\n\twith {} stored elements in Compressed Sparse "
                     "Column format>",
                     a.rows(), a.cols(), numpy_type_name<T>(), a.nnz());
}

template <SparseElement T>
std::string format_entries(const CscMatrix<T>& a) {
  std::string out;
  if (a.nnz() <= maxprint) {
    append_entries(out, a, 0, a.nnz());
  } else {
    append_entries(out, a, 0, maxprint / 2);
    out += "\n  :\t:\n";
    append_entries(out, a, a.nnz() - (maxprint - maxprint / 2), a.nnz());
  }
  return out;
}

template std::string format_header<float>(const CscMatrix<float>&);
template std::string format_header<double>(const CscMatrix<double>&);
template std::string format_entries<float>(const CscMatrix<float>&);
template std::string format_entries<double>(const CscMatrix<double>&);

}  // namespace einspan::sparse
