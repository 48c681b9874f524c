// kmeans_predict, kmeans_transform and kmeans_score on the rows of a CSR matrix: the sparse fit's
// assignment kernel (sparse::matmul_argmin) applied by row blocks.
#include <einspan/kmeans/predict.hpp>

#include "rows.hpp"
#include "validate.hpp"
#include <einspan/sparse/matmul_argmin.hpp>
#include <einspan/tensor/create.hpp>
#include <einspan/tensor/detail/parallel.hpp>
#include <einspan/tensor/elementwise.hpp>
#include <exception>
#include <vector>

namespace einspan {

namespace {

using sparse::CsrMatrix;

constexpr index_t block_rows = kmeans_detail::sparse_block_rows;

// Checks the arguments (`what` names the entry point); returns the threads to run.
template <class T>
int check_and_plan(const char* what, const Tensor<T>& centroids, const CsrMatrix<T>& x, int threads) {
  if (centroids.ndim() != 2 || centroids.dim(0) < 1)
    throw ShapeError(fmt::format("{}: centroids must be a (k, d) matrix with k >= 1, got shape {}", what,
                                 format_shape(centroids.shape())));
  if (x.cols() != centroids.dim(1))
    throw ShapeError(fmt::format("{}: x has shape ({}, {}), expected (n, {}) for centroids of shape {}", what, x.rows(),
                                 x.cols(), centroids.dim(1), format_shape(centroids.shape())));
  if (x.rows() == 0) throw ValueError(fmt::format("{}: x has no rows (shape (0, {}))", what, x.cols()));
  if (!kmeans_detail::all_finite(centroids)) throw ValueError(fmt::format("{}: centroids contain NaN or infinity", what));
  kmeans_detail::check_csr_values(x, what, "x");
  const index_t blocks = (x.rows() + block_rows - 1) / block_rows;
  return threads > 0 ? static_cast<int>(std::min<index_t>(threads, blocks))
                     : detail::parallel_threads(x.nnz() * centroids.dim(0), blocks);
}

// The labels of every row (nearest centroid, the first on ties) and, when `per_row` is set, each
// row's exact squared distance to its centroid.
template <class T>
Tensor<std::int64_t> assign(const Tensor<T>& centroids, const CsrMatrix<T>& x, int threads, std::vector<double>* per_row) {
  const index_t n = x.rows(), k = centroids.dim(0), d = centroids.dim(1);
  const Tensor<T> c = centroids.contiguous(), transposed = centroids.T().contiguous();
  std::vector<double> norms(static_cast<std::size_t>(k));  // for the exact distances
  for (index_t j = 0; j < k; ++j)
    for (index_t q = 0; q < d; ++q) norms[static_cast<std::size_t>(j)] += static_cast<double>(c(j, q)) * c(j, q);
  // The fit's bias, 0.5 ||c||^2 computed in T the same way, so that predict gives the fit's labels.
  Tensor<T> bias = einsum("kd,kd->k", c, c);
  multiply(bias, T{0.5}, bias);
  Tensor<std::int64_t> labels = empty<std::int64_t>({n});
  std::vector<T> minima(static_cast<std::size_t>(n));
  const index_t blocks = (n + block_rows - 1) / block_rows;
  std::exception_ptr failure;  // none expected (the arguments are checked): rethrown after the region
#pragma omp parallel for if (threads > 1) num_threads(threads) schedule(dynamic, 1)
  for (index_t b = 0; b < blocks; ++b) {
    try {
      const index_t r0 = b * block_rows, r1 = std::min(n, r0 + block_rows);
      const auto m = static_cast<std::size_t>(r1 - r0);
      sparse::matmul_argmin(x, transposed, bias, T{-1}, r0, r1, std::span(labels.data() + r0, m),
                            std::span(minima.data() + r0, m));
      if (per_row)
        for (index_t i = r0; i < r1; ++i)
          (*per_row)[static_cast<std::size_t>(i)] =
              kmeans_detail::squared_distance(x, i, c.data() + labels(i) * d, norms[static_cast<std::size_t>(labels(i))]);
    } catch (...) {
#pragma omp critical(einspan_kmeans_sparse_assign)
      if (!failure) failure = std::current_exception();
    }
  }
  if (failure) std::rethrow_exception(failure);
  return labels;
}

// Minus the sum of the per-row distances, in row order: the same double on any number of threads.
double negative_total(const std::vector<double>& per_row) {
  double total = 0;
  for (const double v : per_row) total += v;
  return -total;
}

}  // namespace

template <class T>
Tensor<std::int64_t> kmeans_predict(const Tensor<T>& centroids, const CsrMatrix<T>& x, int threads) {
  return assign(centroids, x, check_and_plan("kmeans_predict", centroids, x, threads), nullptr);
}

template <class T>
double kmeans_score(const Tensor<T>& centroids, const CsrMatrix<T>& x, int threads) {
  std::vector<double> per_row(static_cast<std::size_t>(x.rows()));
  assign(centroids, x, check_and_plan("kmeans_score", centroids, x, threads), &per_row);
  return negative_total(per_row);
}

template <class T>
double kmeans_predict_and_score(const Tensor<T>& centroids, const CsrMatrix<T>& x, Tensor<std::int64_t>& labels,
                                int threads) {
  std::vector<double> per_row(static_cast<std::size_t>(x.rows()));
  labels = assign(centroids, x, check_and_plan("kmeans_predict_and_score", centroids, x, threads), &per_row);
  return negative_total(per_row);
}

template <class T>
Tensor<T> kmeans_transform(const Tensor<T>& centroids, const CsrMatrix<T>& x, int threads) {
  const int team = check_and_plan("kmeans_transform", centroids, x, threads);
  const index_t n = x.rows(), k = centroids.dim(0);
  const Tensor<T> c = centroids.contiguous();
  const Tensor<T> c_norms = einsum("kd,kd->k", c, c);
  Tensor<T> distances = empty<T>({n, k});
  const index_t blocks = (n + block_rows - 1) / block_rows;
  std::exception_ptr failure;  // a block's temporaries failing to allocate: rethrown after the region
#pragma omp parallel for if (team > 1) num_threads(team) schedule(dynamic, 1)
  for (index_t b = 0; b < blocks; ++b) {
    try {
      const index_t r0 = b * block_rows, r1 = std::min(n, r0 + block_rows);
      const Tensor<T> products = kmeans_detail::row_dots(x, r0, r1, c);
      const Tensor<T> x_norms = kmeans_detail::squared_row_norms(x, r0, r1);
      // Rounding can make the expansion slightly negative for a point on a centroid: clipped at 0.
      distances[{slice(r0, r1)}] = sqrt(maximum(x_norms[{_, newaxis}] - T{2} * products + c_norms[{newaxis, _}], T{0}));
    } catch (...) {
#pragma omp critical(einspan_kmeans_sparse_transform)
      if (!failure) failure = std::current_exception();
    }
  }
  if (failure) std::rethrow_exception(failure);
  return distances;
}

template Tensor<std::int64_t> kmeans_predict(const Tensor<float>&, const CsrMatrix<float>&, int);
template Tensor<std::int64_t> kmeans_predict(const Tensor<double>&, const CsrMatrix<double>&, int);
template Tensor<float> kmeans_transform(const Tensor<float>&, const CsrMatrix<float>&, int);
template Tensor<double> kmeans_transform(const Tensor<double>&, const CsrMatrix<double>&, int);
template double kmeans_score(const Tensor<float>&, const CsrMatrix<float>&, int);
template double kmeans_score(const Tensor<double>&, const CsrMatrix<double>&, int);
template double kmeans_predict_and_score(const Tensor<float>&, const CsrMatrix<float>&, Tensor<std::int64_t>&, int);
template double kmeans_predict_and_score(const Tensor<double>&, const CsrMatrix<double>&, Tensor<std::int64_t>&, int);

}  // namespace einspan
