// The one-hot product keeps its scratch per thread: a thread's first A @ X allocates it, unless
// reserve_matmul_scratch did so ahead, in which case even that first call allocates nothing.
// Global operator new is replaced by a counting one; each case runs on a thread of its own, so that
// "first call" means the thread's first.
#include <einspan/sparse.hpp>
#include <einspan/tensor/create.hpp>
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "support/counting_new.hpp"
#include "support/expect_error.hpp"

using namespace einspan;
using namespace einspan::sparse;
using einspan_test::allocations_during;

namespace {

constexpr index_t k = 9, m = 500, d = 5;

// Allocations made by the first one-hot update on a fresh thread, after `prepare` ran on it.
template <class Prepare>
long first_update_allocations(Prepare prepare) {
  std::vector<index_t> labels(static_cast<std::size_t>(m));
  for (index_t i = 0; i < m; ++i) labels[static_cast<std::size_t>(i)] = (i * 7) % k;
  const CscMatrix<double> one_hot = one_hot_csc<double>(labels, k);
  const Tensor<double> x = ones<double>({m, d});
  const Tensor<double> sums = zeros<double>({k, d});
  const Tensor<double> counts = zeros<double>({k});
  long counted = -1;
  std::thread([&] {
    prepare();
    counted = allocations_during([&] { matmul_with_row_sums(one_hot, x, sums, counts); });
  }).join();
  // The product is right either way: label j holds the rows i with 7i = j (mod 9).
  for (index_t j = 0; j < k; ++j) {
    index_t size = 0;
    for (const index_t label : labels) size += label == j;
    EXPECT_EQ(counts(j), static_cast<double>(size));
    EXPECT_EQ(sums(j, 0), static_cast<double>(size));
  }
  return counted;
}

}  // namespace

TEST(sparse_alloc, a_threads_first_one_hot_product_allocates_its_scratch) {
  EXPECT_GT(first_update_allocations([] {}), 0);
}

TEST(sparse_alloc, reserve_matmul_scratch_makes_the_first_product_allocate_nothing) {
  EXPECT_EQ(first_update_allocations([] { reserve_matmul_scratch<double>(k, d); }), 0);
}

TEST(sparse_alloc, reserve_matmul_scratch_rejects_negative_sizes) {
  einspan_test::expect_error<ValueError>([] { reserve_matmul_scratch<double>(-1, d); }, "non-negative");
}
