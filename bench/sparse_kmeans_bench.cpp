// k-means on CSR data (kmeans(CsrMatrix, ...)): the fits of bench/compare_sparse_kmeans.py, which
// runs scikit-learn's sparse Lloyd on the same matrix from the same start.
//
// kmeans_sparse_fit/n/d/per_row/k: at most 50 Lloyd iterations, stopping when no label changes
// (scikit-learn's rule at tol = 0), float64, on an (n, d) CSR matrix
// whose row i holds per_row entries at columns sorted(rng.choice(d, per_row, replace=False)) with
// values rng.random(per_row), rows in order, rng = default_rng(0) (einspan's Generator draws the
// same numbers); the initial centroids are the rows default_rng(1).choice(n, k, replace=False),
// densified. OpenMP's thread count (OMP_NUM_THREADS).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <einspan/kmeans.hpp>
#include <einspan/sparse/csr_matrix.hpp>
#include <einspan/tensor/create.hpp>
#include <einspan/tensor/random.hpp>
#include <limits>
#include <map>
#include <tuple>
#include <vector>

namespace {

using namespace einspan;
using sparse::CsrMatrix;

const CsrMatrix<double>& tfidf_like(index_t n, index_t d, index_t per_row) {
  static std::map<std::tuple<index_t, index_t, index_t>, CsrMatrix<double>> cache;
  const auto key = std::make_tuple(n, d, per_row);
  if (const auto found = cache.find(key); found != cache.end()) return found->second;
  Generator rng(0);
  std::vector<double> data;
  std::vector<index_t> indices, indptr{0};
  data.reserve(static_cast<std::size_t>(n * per_row));
  indices.reserve(static_cast<std::size_t>(n * per_row));
  for (index_t i = 0; i < n; ++i) {
    const Tensor<std::int64_t> cols = rng.choice(d, per_row, false);
    std::vector<index_t> sorted(cols.begin(), cols.end());
    std::sort(sorted.begin(), sorted.end());
    const Tensor<double> values = rng.random({per_row});
    indices.insert(indices.end(), sorted.begin(), sorted.end());
    data.insert(data.end(), values.begin(), values.end());
    indptr.push_back(static_cast<index_t>(indices.size()));
  }
  return cache.emplace(key, CsrMatrix<double>({n, d}, std::move(data), std::move(indices), std::move(indptr)))
      .first->second;
}

void kmeans_sparse_fit(benchmark::State& state) {
  const index_t n = state.range(0), d = state.range(1), per_row = state.range(2), k = state.range(3);
  const CsrMatrix<double>& x = tfidf_like(n, d, per_row);
  const Tensor<std::int64_t> pick = Generator(1).choice(n, k, false);
  Tensor<double> init = zeros<double>({k, d});
  for (index_t j = 0; j < k; ++j)
    for (index_t p = x.indptr()[pick(j)]; p < x.indptr()[pick(j) + 1]; ++p) init(j, x.indices()[p]) = x.data()[p];
  // The smallest positive tol: the fit stops when no label changes, as scikit-learn's does even at
  // tol = 0 (einspan's tol = 0 would run all 50).
  const KMeansOptions options{.k = k, .max_iter = 50, .tol = std::numeric_limits<double>::min()};
  KMeansResult<double> fit;
  for ([[maybe_unused]] auto iteration : state) fit = kmeans(x, init, options);
  state.counters["inertia"] = fit.inertia;
  state.counters["lloyd_iterations"] = static_cast<double>(fit.iterations);
  state.counters["GFLOP/s"] = benchmark::Counter(2.0 * static_cast<double>(x.nnz() * k * fit.iterations),
                                                 benchmark::Counter::kIsIterationInvariantRate,
                                                 benchmark::Counter::kIs1000);
}
BENCHMARK(kmeans_sparse_fit)->Args({20000, 400, 100, 64})->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(kmeans_sparse_fit)->Args({20000, 10000, 100, 64})->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(kmeans_sparse_fit)
    ->ArgsProduct({{100000}, {50000}, {100}, {64, 256}})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
