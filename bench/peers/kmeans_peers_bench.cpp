// Full k-means fits in the C++ libraries a C++ user would pick instead of einspan: OpenCV's
// cv::kmeans (float32, its only type) and Armadillo's arma::kmeans (float64), on the data and from
// the start of kmeans_bench's kmeans_fit: default_rng(0).random((n, d)), initial centroids
// data[default_rng(1).choice(n, k, replace=False)], 50 iterations, no tolerance. bench/compare_fit.py
// prints them beside einspan, scikit-learn and faiss. Threads: OMP_NUM_THREADS (Armadillo's OpenMP)
// and cv::setNumThreads from the same variable.
#include <benchmark/benchmark.h>

#include <armadillo>
#include <cstdlib>
#include <einspan/tensor.hpp>
#include <limits>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

using namespace einspan;

namespace {

constexpr int iterations = 50;

struct Problem {
  Tensor<double> data, init;
};

Problem make_problem(index_t n, index_t d, index_t k) {
  Tensor<double> data = Generator(0).random({n, d});
  Tensor<double> init = take(data, Generator(1).choice(n, k, false), 0);
  return {std::move(data), std::move(init)};
}

// Each point's nearest initial centroid: OpenCV starts from labels, not centroids, and its first
// step computes the centroids of these labels, the state Lloyd's first update step reaches from
// the given centroids.
std::vector<int> nearest_initial_centroid(const Problem& p) {
  const index_t n = p.data.shape()[0], d = p.data.shape()[1], k = p.init.shape()[0];
  const double* x = p.data.data();
  const double* c = p.init.data();
  std::vector<int> labels(static_cast<std::size_t>(n));
  for (index_t i = 0; i < n; ++i) {
    double best = std::numeric_limits<double>::infinity();
    for (index_t j = 0; j < k; ++j) {
      double dist = 0;
      for (index_t f = 0; f < d; ++f) dist += (x[i * d + f] - c[j * d + f]) * (x[i * d + f] - c[j * d + f]);
      if (dist < best) best = dist, labels[static_cast<std::size_t>(i)] = static_cast<int>(j);
    }
  }
  return labels;
}

int omp_threads() {
  const char* value = std::getenv("OMP_NUM_THREADS");
  return value != nullptr ? std::atoi(value) : 0;
}

void opencv_kmeans(benchmark::State& state) {
  const index_t n = state.range(0), d = state.range(1), k = state.range(2);
  const Problem p = make_problem(n, d, k);
  const Tensor<float> data32 = p.data.astype<float>();
  const std::vector<int> start = nearest_initial_centroid(p);
  if (omp_threads() > 0) cv::setNumThreads(omp_threads());
  const cv::Mat samples(static_cast<int>(n), static_cast<int>(d), CV_32F, const_cast<float*>(data32.data()));
  double compactness = 0;
  for ([[maybe_unused]] auto iteration : state) {
    cv::Mat labels(static_cast<int>(n), 1, CV_32S, const_cast<int*>(start.data()));
    labels = labels.clone();
    cv::Mat centers;
    compactness = cv::kmeans(samples, static_cast<int>(k), labels, cv::TermCriteria(cv::TermCriteria::COUNT, iterations, 0),
                             1, cv::KMEANS_USE_INITIAL_LABELS, centers);
  }
  state.counters["inertia"] = compactness;
  state.SetLabel(std::string("OpenCV ") + CV_VERSION + ", float32");
}
BENCHMARK(opencv_kmeans)->Args({5000, 26, 26})->Args({100000, 26, 26})->Unit(benchmark::kMillisecond);
BENCHMARK(opencv_kmeans)->Args({1000000, 32, 64})->Unit(benchmark::kMillisecond)->Iterations(1);

void armadillo_kmeans(benchmark::State& state) {
  const index_t n = state.range(0), d = state.range(1), k = state.range(2);
  const Problem p = make_problem(n, d, k);
  // Armadillo is column-major: an n x d row-major array is the d x n matrix of points as columns.
  const arma::mat points(const_cast<double*>(p.data.data()), static_cast<arma::uword>(d), static_cast<arma::uword>(n),
                         false, true);
  const arma::mat start(const_cast<double*>(p.init.data()), static_cast<arma::uword>(d), static_cast<arma::uword>(k),
                        false, true);
  arma::mat means;
  for ([[maybe_unused]] auto iteration : state) {
    means = start;
    if (!arma::kmeans(means, points, static_cast<arma::uword>(k), arma::keep_existing, iterations, false))
      state.SkipWithError("arma::kmeans failed");
  }
  // Armadillo returns no inertia: the sum of squared distances to the nearest final mean.
  double inertia = 0;
  for (arma::uword i = 0; i < points.n_cols; ++i) {
    double best = std::numeric_limits<double>::infinity();
    for (arma::uword j = 0; j < means.n_cols; ++j) best = std::min(best, arma::accu(arma::square(points.col(i) - means.col(j))));
    inertia += best;
  }
  state.counters["inertia"] = inertia;
  state.SetLabel("Armadillo " + arma::arma_version::as_string() + ", float64");
}
BENCHMARK(armadillo_kmeans)->Args({5000, 26, 26})->Args({100000, 26, 26})->Unit(benchmark::kMillisecond);
BENCHMARK(armadillo_kmeans)->Args({1000000, 32, 64})->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
