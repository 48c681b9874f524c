#pragma once
// k-means (Lloyd's algorithm) on einspan's primitives, with scikit-learn's semantics.
//
//   NumPy / sklearn                                    einspan
//   KMeans(k, n_init=1, random_state=0).fit(X)         kmeans(X, {.k = k, .seed = 0})
//   KMeans(k, init=C0, n_init=1, tol=0, max_iter=50)   kmeans(X, C0, {.k = k, .max_iter = 50, .tol = 0})
//   KMeans(k).fit(X, sample_weight=w)                  kmeans(X, {.k = k}, w)
#include <einspan/kmeans/options.hpp>
#include <einspan/sparse/csr_matrix.hpp>
#include <einspan/tensor/tensor.hpp>
#include <vector>

namespace einspan {

template <class T>
struct KMeansResult {
  Tensor<T> centroids;                 // (k, d)
  Tensor<std::int64_t> labels;         // (n,): index of each point's nearest centroid
  double inertia = 0;                  // sum of squared distances of points to their centroid
  index_t iterations = 0;              // Lloyd iterations run (of the best run)
  bool converged = false;              // the last iteration changed no label, or (tol > 0) its
                                       // squared centroid shift was <= tol; tol = 0 runs all
                                       // max_iter iterations and reports the first test only
  std::vector<double> inertia_history; // inertia of each iteration's assignment, best run
  index_t reseeded = 0;                // empty clusters re-seeded from far points, best run
  index_t best_run = 0;                // which of the n_init runs won
  int threads_run = 1;                 // threads that ran the fit: at most options.threads, fewer
                                       // below options.min_work_per_thread (same result)
  double exchange_seconds = 0;         // kmeans_distributed: this process's time in the fit's MPI
                                       // collectives, waiting for the others included; 0 in one
};

// Fits k centroids to the rows of `data` (n, d). Labels and inertia refer to the final
// centroids, as sklearn's. Does not copy data that is C-contiguous (otherwise copies it once).
// Throws ValueError for k <= 0, k > n, n_init <= 0, max_iter <= 0, tol < 0, empty data or data
// holding NaN or infinity; ShapeError when data is not 2-d.
template <class T>
KMeansResult<T> kmeans(const Tensor<T>& data, const KMeansOptions& options);

// Same, starting from the given (k, d) centroids (options.init and n_init are ignored; options.k
// must be k or 0). Throws ShapeError when the centroids are not (k, d), ValueError when they hold
// NaN or infinity, as well as the errors above.
template <class T>
KMeansResult<T> kmeans(const Tensor<T>& data, const Tensor<T>& initial_centroids, const KMeansOptions& options);

// Weighted k-means, scikit-learn's fit(X, sample_weight=w): sample_weight (n,) of finite values
// >= 0, at least k of them positive. Each point counts with its weight in the centroids (weighted
// means), the inertia, the k-means++ and random draws, and tol's variance: integer weights give
// the fit of the data with every row repeated that many times (from k-means++: their fit with unit
// weights; docs/kmeans.md, "Sample weights").
// Throws ShapeError when sample_weight is not (n,), ValueError for a negative, NaN or infinite
// weight or fewer than k positive ones, as well as the errors above.
template <class T>
KMeansResult<T> kmeans(const Tensor<T>& data, const KMeansOptions& options, const Tensor<T>& sample_weight);
template <class T>
KMeansResult<T> kmeans(const Tensor<T>& data, const Tensor<T>& initial_centroids, const KMeansOptions& options,
                       const Tensor<T>& sample_weight);

// The same on the rows of a CSR matrix (n, d), as scikit-learn's KMeans on sparse X: dense (k, d)
// centroids, the same options, results and errors (docs/kmeans.md, "Sparse data"). The data is
// never densified: an iteration costs O(nnz x k) for the assignment and O(nnz + k x d) for the
// update, and memory beyond the data is O(n + k x d).
template <class T>
KMeansResult<T> kmeans(const sparse::CsrMatrix<T>& data, const KMeansOptions& options);
template <class T>
KMeansResult<T> kmeans(const sparse::CsrMatrix<T>& data, const Tensor<T>& initial_centroids, const KMeansOptions& options);
template <class T>
KMeansResult<T> kmeans(const sparse::CsrMatrix<T>& data, const KMeansOptions& options, const Tensor<T>& sample_weight);
template <class T>
KMeansResult<T> kmeans(const sparse::CsrMatrix<T>& data, const Tensor<T>& initial_centroids,
                       const KMeansOptions& options, const Tensor<T>& sample_weight);

extern template KMeansResult<float> kmeans(const Tensor<float>&, const KMeansOptions&);
extern template KMeansResult<double> kmeans(const Tensor<double>&, const KMeansOptions&);
extern template KMeansResult<float> kmeans(const Tensor<float>&, const Tensor<float>&, const KMeansOptions&);
extern template KMeansResult<double> kmeans(const Tensor<double>&, const Tensor<double>&, const KMeansOptions&);
extern template KMeansResult<float> kmeans(const Tensor<float>&, const KMeansOptions&, const Tensor<float>&);
extern template KMeansResult<double> kmeans(const Tensor<double>&, const KMeansOptions&, const Tensor<double>&);
extern template KMeansResult<float> kmeans(const Tensor<float>&, const Tensor<float>&, const KMeansOptions&,
                                           const Tensor<float>&);
extern template KMeansResult<double> kmeans(const Tensor<double>&, const Tensor<double>&, const KMeansOptions&,
                                            const Tensor<double>&);
extern template KMeansResult<float> kmeans(const sparse::CsrMatrix<float>&, const KMeansOptions&);
extern template KMeansResult<double> kmeans(const sparse::CsrMatrix<double>&, const KMeansOptions&);
extern template KMeansResult<float> kmeans(const sparse::CsrMatrix<float>&, const Tensor<float>&, const KMeansOptions&);
extern template KMeansResult<double> kmeans(const sparse::CsrMatrix<double>&, const Tensor<double>&,
                                            const KMeansOptions&);
extern template KMeansResult<float> kmeans(const sparse::CsrMatrix<float>&, const KMeansOptions&, const Tensor<float>&);
extern template KMeansResult<double> kmeans(const sparse::CsrMatrix<double>&, const KMeansOptions&,
                                            const Tensor<double>&);
extern template KMeansResult<float> kmeans(const sparse::CsrMatrix<float>&, const Tensor<float>&, const KMeansOptions&,
                                           const Tensor<float>&);
extern template KMeansResult<double> kmeans(const sparse::CsrMatrix<double>&, const Tensor<double>&,
                                            const KMeansOptions&, const Tensor<double>&);

}  // namespace einspan
