// k-means fits run from several std::threads at once (each fit with its own OpenMP team) give
// the results of the same fits run one after another: labels, centroids and inertia equal.
// Run under ThreadSanitizer by scripts/tsan.
#include <einspan/kmeans/fit.hpp>
#include <einspan/tensor.hpp>
#include <gtest/gtest.h>
#include <thread>
#include <vector>

using namespace einspan;

TEST(kmeans_concurrency, concurrent_fits_equal_sequential_fits) {
  const Tensor<double> data = Generator(3).random({2000, 8});
  const Tensor<float> data32 = data.astype<float>();
  struct Fit {
    KMeansOptions options;
    KMeansResult<double> expected, got;
    KMeansResult<float> expected32, got32;
  };
  std::vector<Fit> fits;
  for (std::uint64_t seed : {0, 1, 1, 2})
    for (int threads : {1, 2})
      fits.push_back({{.k = 12, .max_iter = 30, .seed = seed, .threads = threads, .min_work_per_thread = 0}, {}, {}, {}, {}});
  for (Fit& f : fits) {
    f.expected = kmeans(data, f.options);
    f.expected32 = kmeans(data32, f.options);
  }
  std::vector<std::thread> threads;
  for (Fit& f : fits)
    threads.emplace_back([&data, &data32, &f] {
      f.got = kmeans(data, f.options);
      f.got32 = kmeans(data32, f.options);
    });
  for (std::thread& thread : threads) thread.join();
  for (const Fit& f : fits) {
    SCOPED_TRACE(testing::Message() << "seed " << f.options.seed << ", " << f.options.threads << " threads");
    EXPECT_TRUE(array_equal(f.got.labels, f.expected.labels));
    EXPECT_TRUE(array_equal(f.got.centroids, f.expected.centroids));
    EXPECT_EQ(f.got.inertia, f.expected.inertia);
    EXPECT_TRUE(array_equal(f.got32.labels, f.expected32.labels));
    EXPECT_TRUE(array_equal(f.got32.centroids, f.expected32.centroids));
    EXPECT_EQ(f.got32.inertia, f.expected32.inertia);
  }
}
