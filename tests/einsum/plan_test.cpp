// EinsumPlan: compiled once, reused, and free of heap allocation after its first call (counted
// by replacing the global operator new in this test program).
#include <cstdlib>
#include <einspan/einsum.hpp>
#include <gtest/gtest.h>


#include "support/counting_new.hpp"

using einspan_test::allocations;

using namespace einspan;

template <class T>
void expect_no_allocation_after_first_call(const char* spec, std::vector<Tensor<T>> ops) {
  const Tensor<T> out = zeros<T>(EinsumPlan<T>(spec, std::span<const Tensor<T>>(ops)).output_shape());
  EinsumPlan<T> plan(spec, std::span<const Tensor<T>>(ops));
  const auto call = [&] {
    if (ops.size() == 1) plan(out, ops[0]);
    if (ops.size() == 2) plan(out, ops[0], ops[1]);
    if (ops.size() == 3) plan(out, ops[0], ops[1], ops[2]);
  };
  call();
  const Tensor<T> first = out.copy();
  const long before = allocations.load();
  for (int i = 0; i < 3; ++i) call();
  EXPECT_EQ(allocations.load() - before, 0) << spec;
  EXPECT_EQ(std::vector<T>(out.begin(), out.end()), std::vector<T>(first.begin(), first.end())) << spec;
}

TEST(einsum_plan, no_heap_allocation_after_first_call) {
  expect_no_allocation_after_first_call<double>("ij,jk->ik", {ones<double>({40, 30}), ones<double>({30, 20})});
  expect_no_allocation_after_first_call<double>("ij,jk->ik", {ones<double>({40, 30}).T().T(), ones<double>({20, 30}).T()});
  expect_no_allocation_after_first_call<double>("nkd,nkd->nk", {ones<double>({20, 5, 4}), ones<double>({20, 5, 4})});
  expect_no_allocation_after_first_call<double>("abc,cd,de->abe",
                                                {ones<double>({3, 4, 20}), ones<double>({20, 30}), ones<double>({30, 6})});
  expect_no_allocation_after_first_call<std::int64_t>("ii->i", {ones<std::int64_t>({5, 5})});
  expect_no_allocation_after_first_call<float>("bij,bjk->bik", {ones<float>({3, 20, 20}), ones<float>({3, 20, 20})});
  // A strided output (the transposed C of a GEMM) takes the pack-and-copy path.
  expect_no_allocation_after_first_call<double>("ij,jk->ki", {ones<double>({40, 30}), ones<double>({30, 20})});
}

TEST(einsum_plan, reuse_with_new_data_and_strided_out) {
  Tensor<double> a{{1, 2}, {3, 4}}, b{{5, 6}, {7, 8}};
  EinsumPlan<double> plan("ij,jk->ik", a, b);
  EXPECT_EQ(plan.output_shape(), (Dims{2, 2}));
  const auto c = plan.evaluate(a, b);
  EXPECT_EQ(std::vector<double>(c.begin(), c.end()), (std::vector<double>{19, 22, 43, 50}));
  a(0, 0) = 0;
  const auto out = zeros<double>({2, 2}).T();  // column-major output: the plan recompiles once
  plan(out, a, b);
  EXPECT_EQ(out(0, 0), 14);
  EXPECT_EQ(out(1, 1), 50);
}

TEST(einsum_plan, rejects_wrong_shapes_and_aliasing_out) {
  const auto a = ones<double>({2, 3}), b = ones<double>({3, 4});
  EinsumPlan<double> plan("ij,jk->ik", a, b);
  EXPECT_THROW(plan(zeros<double>({2, 4}), a, ones<double>({3, 5})), ShapeError);
  EXPECT_THROW(plan(zeros<double>({4, 2}), a, b), ShapeError);
  const auto square = ones<double>({3, 3});
  EinsumPlan<double> p2("ij,jk->ik", square, square);
  EXPECT_THROW(p2(square, square, ones<double>({3, 3})), ValueError);
}
