#pragma once
// Eigen interop. A CscMatrix in canonical form has exactly the arrays of a compressed
// Eigen::SparseMatrix<T, Eigen::ColMajor, int64_t>, so Eigen can read it in place.
#include <Eigen/SparseCore>
#include <einspan/sparse/csc_matrix.hpp>

namespace einspan::sparse {

template <SparseElement T>
using EigenCsc = Eigen::SparseMatrix<T, Eigen::ColMajor, index_t>;

// A read-only Eigen view of `a`'s arrays, without copying. The view aliases `a`: it must not
// outlive it, and writes through a.data() show through it. Eigen's algorithms assume sorted inner
// indices without duplicates, so this throws ValueError unless a.has_canonical_format() (call
// sum_duplicates() first). O(nnz) for that check.
template <SparseElement T>
Eigen::Map<const EigenCsc<T>> as_eigen(const CscMatrix<T>& a) {
  if (!a.has_canonical_format())
    throw ValueError(fmt::format(
        "as_eigen: the {}x{} matrix is not in canonical form (unsorted or duplicate row indices); "
        "call sum_duplicates() first",
        a.rows(), a.cols()));
  return Eigen::Map<const EigenCsc<T>>(a.rows(), a.cols(), a.nnz(), a.indptr().data(), a.indices().data(),
                                       a.data().data());
}

// A copy of any Eigen sparse matrix or expression with scalar T, in CSC form. Eigen's compressed
// storage is sorted and duplicate-free, so the result is canonical; the arrays are checked as the
// raw-array constructor checks them.
template <class Derived>
  requires SparseElement<typename Derived::Scalar>
CscMatrix<typename Derived::Scalar> from_eigen(const Eigen::SparseMatrixBase<Derived>& m) {
  using T = typename Derived::Scalar;
  EigenCsc<T> compressed = m.derived();
  compressed.makeCompressed();
  const auto nnz = static_cast<std::size_t>(compressed.nonZeros());
  const auto cols = static_cast<std::size_t>(compressed.cols());
  std::vector<T> data(compressed.valuePtr(), compressed.valuePtr() + nnz);
  std::vector<index_t> indices(compressed.innerIndexPtr(), compressed.innerIndexPtr() + nnz);
  std::vector<index_t> indptr(compressed.outerIndexPtr(), compressed.outerIndexPtr() + cols + 1);
  return CscMatrix<T>(Shape2{compressed.rows(), compressed.cols()}, std::move(data), std::move(indices),
                      std::move(indptr));
}

}  // namespace einspan::sparse
