#pragma once
// Using fitted centroids on data, as scikit-learn's KMeans.predict, transform and score:
//
//   scikit-learn                      einspan
//   km.predict(X)                     kmeans_predict(centroids, x)      labels (n,), int64
//   km.transform(X)                   kmeans_transform(centroids, x)    distances (n, k)
//   km.score(X)                       kmeans_score(centroids, x)        -inertia, a double
//   both                              kmeans_predict_and_score(c, x, labels)   one pass
//
// Each goes through row blocks (the fit's block size), so memory beyond the result is a block per
// thread, and x may be a mapped file larger than memory (map_npy_rows). kmeans_predict uses the
// fit's own assignment kernel (AssignmentStep), so kmeans_predict(fit.centroids, x) is fit.labels,
// bit for bit, ties to the lower index included. `threads` = 0 sizes the team by the work (as the
// fit does); the result does not depend on it. Throws ShapeError when x is not (n, d) with the
// centroids' (k, d), ValueError for an empty x or NaN or infinity in either.
#include <cstdint>
#include <einspan/sparse/csr_matrix.hpp>
#include <einspan/tensor/tensor.hpp>

namespace einspan {

template <class T>
Tensor<std::int64_t> kmeans_predict(const Tensor<T>& centroids, const Tensor<T>& x, int threads = 0);

// Euclidean distance of every row to every centroid: sqrt(max(||x||^2 - 2 x.c + ||c||^2, 0)),
// as scikit-learn's euclidean_distances computes it (in T; scikit-learn computes float32 input
// in float64 chunks, so float32 results differ from its by float32 rounding).
template <class T>
Tensor<T> kmeans_transform(const Tensor<T>& centroids, const Tensor<T>& x, int threads = 0);

// Minus the inertia of x under the centroids: -sum_i ||x_i - c_{label_i}||^2, with the labels of
// kmeans_predict and each distance computed from the differences (as the fit's exact inertia),
// summed in double.
template <class T>
double kmeans_score(const Tensor<T>& centroids, const Tensor<T>& x, int threads = 0);

// kmeans_predict and kmeans_score in one pass over x (a file larger than memory is read once, not
// twice): rebinds `labels` to kmeans_predict's result and returns kmeans_score's, bit for bit.
template <class T>
double kmeans_predict_and_score(const Tensor<T>& centroids, const Tensor<T>& x, Tensor<std::int64_t>& labels,
                                int threads = 0);

// The same on the rows of a CSR matrix (n, d), canonical (as the sparse fit needs it): predict
// runs the sparse fit's assignment kernel (sparse::matmul_argmin), so kmeans_predict(fit.centroids,
// x) is the sparse fit's labels; score takes each distance from the differences (as the sparse
// fit's inertia) and sums them in row order; transform is the same expansion as above.
template <class T>
Tensor<std::int64_t> kmeans_predict(const Tensor<T>& centroids, const sparse::CsrMatrix<T>& x, int threads = 0);
template <class T>
Tensor<T> kmeans_transform(const Tensor<T>& centroids, const sparse::CsrMatrix<T>& x, int threads = 0);
template <class T>
double kmeans_score(const Tensor<T>& centroids, const sparse::CsrMatrix<T>& x, int threads = 0);
template <class T>
double kmeans_predict_and_score(const Tensor<T>& centroids, const sparse::CsrMatrix<T>& x, Tensor<std::int64_t>& labels,
                                int threads = 0);

extern template Tensor<std::int64_t> kmeans_predict(const Tensor<float>&, const Tensor<float>&, int);
extern template Tensor<std::int64_t> kmeans_predict(const Tensor<double>&, const Tensor<double>&, int);
extern template Tensor<float> kmeans_transform(const Tensor<float>&, const Tensor<float>&, int);
extern template Tensor<double> kmeans_transform(const Tensor<double>&, const Tensor<double>&, int);
extern template double kmeans_score(const Tensor<float>&, const Tensor<float>&, int);
extern template double kmeans_score(const Tensor<double>&, const Tensor<double>&, int);
extern template double kmeans_predict_and_score(const Tensor<float>&, const Tensor<float>&, Tensor<std::int64_t>&, int);
extern template double kmeans_predict_and_score(const Tensor<double>&, const Tensor<double>&, Tensor<std::int64_t>&,
                                                int);
extern template Tensor<std::int64_t> kmeans_predict(const Tensor<float>&, const sparse::CsrMatrix<float>&, int);
extern template Tensor<std::int64_t> kmeans_predict(const Tensor<double>&, const sparse::CsrMatrix<double>&, int);
extern template Tensor<float> kmeans_transform(const Tensor<float>&, const sparse::CsrMatrix<float>&, int);
extern template Tensor<double> kmeans_transform(const Tensor<double>&, const sparse::CsrMatrix<double>&, int);
extern template double kmeans_score(const Tensor<float>&, const sparse::CsrMatrix<float>&, int);
extern template double kmeans_score(const Tensor<double>&, const sparse::CsrMatrix<double>&, int);
extern template double kmeans_predict_and_score(const Tensor<float>&, const sparse::CsrMatrix<float>&,
                                                Tensor<std::int64_t>&, int);
extern template double kmeans_predict_and_score(const Tensor<double>&, const sparse::CsrMatrix<double>&,
                                                Tensor<std::int64_t>&, int);

}  // namespace einspan
