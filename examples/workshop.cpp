// The workshop's k-means lines, one line of C++ for each line of NumPy. README shows this file.
#include <einspan/einsum.hpp>
#include <einspan/kmeans.hpp>
#include <einspan/sparse.hpp>
#include <einspan/tensor.hpp>
#include <fmt/core.h>

using namespace einspan;

int main() {
  Generator rng(0);                                                // rng = np.random.default_rng(0)
  Tensor<double> data = rng.random({5000, 26});                    // data = rng.random((5000, 26))
  Tensor<int64_t> pick = rng.choice(5000, 26, false);              // np.random.choice(n, k, replace=False)
  Tensor<double> centroids = data[pick];                           // centroids = data[pick]

  // Assignment step, v3 -> v5: broadcasting, no square root, einsum.
  Tensor<double> diff = data[{_, newaxis}] - centroids[{newaxis}];  // data[:, None] - centroids[None]
  Tensor<double> dist = einsum("nkd,nkd->nk", diff, diff);          // np.einsum('nkd,nkd->nk', diff, diff)
  Tensor<int64_t> labels = argmin(dist, 1);                         // dist.argmin(axis=1)

  // Update step: mask and mean, one-hot matmul, sparse one-hot.
  Tensor<double> first = mean(data[labels == 0], 0);                // data[labels == 0].mean(axis=0)
  Tensor<double> onehot = eye<double>(26)[labels];                  // np.eye(k)[labels]
  Tensor<double> sums = einsum("nk,nd->kd", onehot, data);          // onehot.T @ data
  auto csc = sparse::one_hot_csc<double>(labels, 26);               // csc_matrix((ones, (labels, arange(n))))
  Tensor<double> counts = bincount(labels, 26).astype<double>();    // np.bincount(labels, minlength=k)
  Tensor<double> updated = sparse::matmul(csc, data) / counts[{_, newaxis}];  // (csc @ data) / counts[:, None]

  // v4 as one fused pass, no (n, k, d) temporary: lazy() opts in, the rest is the same line.
  Tensor<int64_t> fused = argmin(sum(square(lazy(data[{_, newaxis}]) - centroids[{newaxis}]), 2), 1);

  // The library does all of it, in row blocks, with no allocation per iteration.
  KMeansResult<double> fit = kmeans(data, centroids, {.k = 26, .max_iter = 50, .tol = 0});

  fmt::print("labels {} first centroid row {} sums equal: {} updated equal: {} fused labels equal: {} inertia {:.4f}\n",
             labels.shape(), first.shape(), allclose(sums, sparse::matmul(csc, data)),
             allclose(updated, sums / counts[{_, newaxis}]), array_equal(fused, labels), fit.inertia);
}
