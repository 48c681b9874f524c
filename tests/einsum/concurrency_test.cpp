// einsum called from several std::threads at once: the process-wide plan cache is filled and read
// concurrently (the same spec and shapes, the same spec with other shapes, other specs), and every
// result must equal the one computed before any thread started. The operands hold small
// integers, so each sum is exact in any order and equality is the right test. Run under
// ThreadSanitizer by scripts/tsan.
#include <einspan/einsum.hpp>
#include <gtest/gtest.h>
#include <thread>
#include <vector>

using namespace einspan;

namespace {

Tensor<double> small_integers(const Dims& shape, std::uint64_t seed) {
  return Generator(seed).integers(-4, 5, shape).astype<double>();
}

struct Call {
  std::string spec;
  std::vector<Tensor<double>> operands;
  Tensor<double> expected;
};

std::vector<Call> calls() {
  std::vector<Call> out;
  std::uint64_t seed = 0;
  const auto add = [&](std::string spec, std::vector<Dims> shapes) {
    Call call{std::move(spec), {}, {}};
    for (const Dims& shape : shapes) call.operands.push_back(small_integers(shape, ++seed));
    out.push_back(std::move(call));
  };
  for (index_t n : {5, 17, 64, 130}) add("ij,jk->ik", {{n, 26}, {26, n + 3}});
  add("nkd,nkd->nk", {{300, 26, 26}, {300, 26, 26}});
  add("nd,kd->nk", {{500, 26}, {26, 26}});
  add("bij,bjk->bik", {{8, 40, 30}, {8, 30, 20}});
  add("ij->ji", {{33, 65}});
  add("i,i->", {{1000}, {1000}});
  add("...ij,...jk->...ik", {{4, 1, 64, 32}, {1, 8, 32, 48}});  // large enough for OpenMP threads
  return out;
}

}  // namespace

TEST(einsum_concurrency, threads_sharing_the_plan_cache_get_the_sequential_results) {
  std::vector<Call> work = calls();
  for (Call& call : work) call.expected = einsum(call.spec, call.operands).copy();
  constexpr int thread_count = 6, rounds = 20;
  std::vector<int> mismatches(thread_count, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < thread_count; ++t) {
    threads.emplace_back([&, t] {
      // Each thread walks the calls from a different start, so that the same spec is planned,
      // looked up and executed by several threads at the same moment.
      for (int r = 0; r < rounds; ++r)
        for (std::size_t c = 0; c < work.size(); ++c) {
          const Call& call = work[(c + static_cast<std::size_t>(t)) % work.size()];
          const Tensor<double> got = einsum(call.spec, call.operands);
          if (!array_equal(got, call.expected)) ++mismatches[t];
        }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int t = 0; t < thread_count; ++t) EXPECT_EQ(mismatches[t], 0) << "thread " << t;
}
