#pragma once
// Initial centroids for k-means.
#include <cstdint>
#include <einspan/sparse/csr_matrix.hpp>
#include <einspan/tensor/tensor.hpp>

namespace einspan {

// Greedy k-means++ (sklearn's _kmeans_plusplus): the first centroid is a uniformly drawn point;
// each next one is the best, by resulting inertia, of 2 + floor(log(k)) points drawn with
// probability proportional to their squared distance to the nearest centroid so far.
// Returns a fresh (k, d) tensor of data rows. Throws ValueError when k <= 0 or k > n. Its sums go
// per chain of row blocks as a fit's do (docs/kmeans.md, "Threads"), so it gives the bits of the
// initialisation of kmeans() with the default block_rows, on any number of threads or processes.
template <class T>
Tensor<T> kmeans_plusplus(const Tensor<T>& data, index_t k, std::uint64_t seed);

// k distinct rows drawn uniformly (the workshop's data[np.random.choice(n, k, replace=False)]).
// Returns a fresh (k, d) tensor. Throws ValueError when k <= 0 or k > n.
template <class T>
Tensor<T> random_init(const Tensor<T>& data, index_t k, std::uint64_t seed);

// The same draws weighted by sample_weight (n,), as the fit with sample_weight makes them: each
// point with probability proportional to weight x squared distance (later scikit-learn's
// weighted k-means++; 1.2 ignores the weights, bug #25527), and the first one proportional to
// weight. Throws as kmeans() with sample_weight does.
template <class T>
Tensor<T> kmeans_plusplus(const Tensor<T>& data, index_t k, std::uint64_t seed, const Tensor<T>& sample_weight);

// k distinct rows, each draw with probability proportional to weight among the rows not drawn yet
// (the distribution of rng.choice(n, k, replace=False, p=w / w.sum()), not its draws).
template <class T>
Tensor<T> random_init(const Tensor<T>& data, index_t k, std::uint64_t seed, const Tensor<T>& sample_weight);

// The same on the rows of a CSR matrix (n, d), as scikit-learn's on sparse X: dense (k, d) centroids
// (the chosen rows, densified), the same draws as on the dense matrix of the same values.
template <class T>
Tensor<T> kmeans_plusplus(const sparse::CsrMatrix<T>& data, index_t k, std::uint64_t seed);
template <class T>
Tensor<T> kmeans_plusplus(const sparse::CsrMatrix<T>& data, index_t k, std::uint64_t seed, const Tensor<T>& sample_weight);
template <class T>
Tensor<T> random_init(const sparse::CsrMatrix<T>& data, index_t k, std::uint64_t seed);
template <class T>
Tensor<T> random_init(const sparse::CsrMatrix<T>& data, index_t k, std::uint64_t seed, const Tensor<T>& sample_weight);

extern template Tensor<float> kmeans_plusplus(const Tensor<float>&, index_t, std::uint64_t);
extern template Tensor<double> kmeans_plusplus(const Tensor<double>&, index_t, std::uint64_t);
extern template Tensor<float> random_init(const Tensor<float>&, index_t, std::uint64_t);
extern template Tensor<double> random_init(const Tensor<double>&, index_t, std::uint64_t);
extern template Tensor<float> kmeans_plusplus(const Tensor<float>&, index_t, std::uint64_t, const Tensor<float>&);
extern template Tensor<double> kmeans_plusplus(const Tensor<double>&, index_t, std::uint64_t, const Tensor<double>&);
extern template Tensor<float> random_init(const Tensor<float>&, index_t, std::uint64_t, const Tensor<float>&);
extern template Tensor<double> random_init(const Tensor<double>&, index_t, std::uint64_t, const Tensor<double>&);
extern template Tensor<float> kmeans_plusplus(const sparse::CsrMatrix<float>&, index_t, std::uint64_t);
extern template Tensor<double> kmeans_plusplus(const sparse::CsrMatrix<double>&, index_t, std::uint64_t);
extern template Tensor<float> random_init(const sparse::CsrMatrix<float>&, index_t, std::uint64_t);
extern template Tensor<double> random_init(const sparse::CsrMatrix<double>&, index_t, std::uint64_t);
extern template Tensor<float> kmeans_plusplus(const sparse::CsrMatrix<float>&, index_t, std::uint64_t,
                                              const Tensor<float>&);
extern template Tensor<double> kmeans_plusplus(const sparse::CsrMatrix<double>&, index_t, std::uint64_t,
                                               const Tensor<double>&);
extern template Tensor<float> random_init(const sparse::CsrMatrix<float>&, index_t, std::uint64_t, const Tensor<float>&);
extern template Tensor<double> random_init(const sparse::CsrMatrix<double>&, index_t, std::uint64_t,
                                           const Tensor<double>&);

}  // namespace einspan
