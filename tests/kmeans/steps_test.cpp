// The public Lloyd steps against brute-force loops.
#include <gtest/gtest.h>

#include <einspan/kmeans.hpp>
#include <einspan/tensor/create.hpp>
#include <einspan/tensor/random.hpp>
#include <limits>

using namespace einspan;

TEST(kmeans_steps, assignment_is_the_nearest_centroid_in_every_block_height) {
  const Tensor<double> x = Generator(3).random({250, 7});
  const Tensor<double> c = Generator(4).random({9, 7});
  AssignmentStep<double> assign(100, 9, 7);
  assign.set_centroids(c);
  Tensor<std::int64_t> labels = full<std::int64_t>({250}, -1);
  for (index_t r0 = 0; r0 < 250; r0 += 100) {
    const index_t r1 = std::min<index_t>(250, r0 + 100);
    assign(x[{slice(r0, r1)}], labels[{slice(r0, r1)}]);
  }
  for (index_t i = 0; i < 250; ++i) {
    double best = std::numeric_limits<double>::infinity();
    std::int64_t arg = -1;
    for (index_t j = 0; j < 9; ++j) {
      double s = 0;
      for (index_t q = 0; q < 7; ++q) s += (x(i, q) - c(j, q)) * (x(i, q) - c(j, q));
      if (s < best) best = s, arg = j;
    }
    ASSERT_EQ(labels(i), arg) << "row " << i;
  }
}

TEST(kmeans_steps, update_accumulates_sums_and_counts) {
  const Tensor<float> x = Generator(5).random({60, 3}).astype<float>();
  Tensor<std::int64_t> labels = empty<std::int64_t>({60});
  for (index_t i = 0; i < 60; ++i) labels(i) = (i * 7) % 4;
  UpdateStep<float> update(60, 4, 3);
  Tensor<float> sums = ones<float>({4, 3}), counts = ones<float>({4});  // accumulates into them
  update.accumulate(x, labels, sums, counts);
  for (index_t j = 0; j < 4; ++j) {
    float count = 1;
    for (index_t i = 0; i < 60; ++i) count += labels(i) == j;
    EXPECT_EQ(counts(j), count);
    for (index_t q = 0; q < 3; ++q) {
      double s = 1;
      for (index_t i = 0; i < 60; ++i)
        if (labels(i) == j) s += x(i, q);
      EXPECT_NEAR(sums(j, q), s, 1e-5);
    }
  }
}

TEST(kmeans_steps, shape_and_label_errors) {
  AssignmentStep<double> assign(10, 3, 2);
  Tensor<std::int64_t> four_labels = empty<std::int64_t>({4});
  EXPECT_THROW(assign(zeros<double>({4, 2}), four_labels), ValueError);  // no centroids yet
  EXPECT_THROW(assign.set_centroids(zeros<double>({3, 3})), ShapeError);
  assign.set_centroids(zeros<double>({3, 2}));
  Tensor<std::int64_t> labels = empty<std::int64_t>({11});
  EXPECT_THROW(assign(zeros<double>({11, 2}), labels), ShapeError);  // more rows than max_rows
  UpdateStep<double> update(10, 3, 2);
  Tensor<double> sums = zeros<double>({3, 2}), counts = zeros<double>({3});
  const Tensor<std::int64_t> bad = full<std::int64_t>({4}, 3);
  EXPECT_THROW(update.accumulate(zeros<double>({4, 2}), bad, sums, counts), IndexError);
  Tensor<double> out = empty<double>({4});
  EXPECT_THROW(row_squared_norms(zeros<double>({5, 2}), out), ShapeError);
}

TEST(kmeans_steps, row_squared_norms) {
  const Tensor<double> x = from_vector<double>({3, 4, 1, 2}, {2, 2});
  Tensor<double> out = empty<double>({2});
  row_squared_norms(x, out);
  EXPECT_DOUBLE_EQ(out(0), 25);
  EXPECT_DOUBLE_EQ(out(1), 5);
}
