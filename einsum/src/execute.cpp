// Runs compiled programs. Explicitly instantiated for every einsum element type (floats and all
// integer types), so that the kernels are compiled once here rather than in every user's
// translation unit.
#include "gemm.hpp"
#include "kernels.hpp"
#include "lowering.hpp"
#include "program.hpp"

#include <algorithm>
#include <cstring>
#include <einspan/einsum/plan.hpp>
#include <einspan/tensor/detail/copy.hpp>
#include <einspan/tensor/detail/parallel.hpp>
#include <einspan/tensor/error.hpp>
#include <hwy/cache_control.h>

namespace einspan::detail {

namespace {

index_t nest_volume(const Dims& shape) {
  index_t n = 1;
  for (index_t d : shape) n *= d;
  return n;
}

template <class T>
void zero(const LoopNest<1>& nest, T* out) {
  for_each_run(
      nest,
      [](index_t n, const std::array<index_t, 1>& s, T* o) {
        if (s[0] == 1) {
          std::memset(static_cast<void*>(o), 0, static_cast<std::size_t>(n) * sizeof(T));
        } else {
          for (index_t i = 0; i < n; ++i) o[i * s[0]] = T{0};
        }
      },
      out);
}

template <class T>
void run_generic(const GenericStep& g, T* out, const T* a, const T* b) {
  if (g.accumulate) zero(g.out_nest, out);
  if (g.nest.empty) return;
  const bool stream = streams_output(std::is_floating_point_v<T>, g.accumulate, g.input_count,
                                     nest_volume(g.out_nest.shape), sizeof(T));
  const auto run = [&](const LoopNest<3>& nest, T* o, const T* x, const T* y) {
    for_each_run(
        nest,
        [&](index_t n, const std::array<index_t, 3>& s, T* po, const T* pa, const T* pb) {
          if constexpr (std::is_floating_point_v<T>) {
            if (stream && s[0] == 1 && (s[1] == 0 || s[1] == 1) && (s[2] == 0 || s[2] == 1)) {
              product_run_streaming(po, pa, s[1], pb, s[2], n);
              return;
            }
          }
          if (g.input_count == 1) {
            if (g.accumulate && s[0] == 0)
              *po = sum_run(*po, pa, s[1], n);
            else if (g.accumulate)
              copy_run<true>(po, s[0], pa, s[1], n);
            else
              copy_run<false>(po, s[0], pa, s[1], n);
          } else {
            if (g.accumulate && s[0] == 0)
              *po = add(*po, dot_run(pa, s[1], pb, s[2], n));
            else if (g.accumulate)
              product_run<true>(po, s[0], pa, s[1], pb, s[2], n);
            else
              product_run<false>(po, s[0], pa, s[1], pb, s[2], n);
          }
        },
        o, x, y);
    if (stream) hwy::FlushStream();  // order this thread's streaming stores before the results are read
  };
  // Threads split the outermost dimension when the output moves along it, so they never write
  // the same element.
  const bool splittable = g.nest.shape.size() >= 2 && g.nest.strides[0][0] != 0;
  const int threads = splittable ? parallel_threads(nest_volume(g.nest.shape), g.nest.shape[0]) : 1;
  if (threads == 1) {
    run(g.nest, out, a, b);
    return;
  }
  // A few blocks per thread, handed out dynamically: when another process takes a core from one
  // of the threads (a loaded machine), the others pick up its share instead of waiting for it.
  const index_t rows = g.nest.shape[0];
  const index_t blocks = std::min(rows, 4 * index_t{threads});
#pragma omp parallel for schedule(dynamic) num_threads(threads)
  for (index_t block = 0; block < blocks; ++block) {
    const Range r = split_range(rows, blocks, block);
    LoopNest<3> part = g.nest;
    part.shape[0] = r.end - r.begin;
    run(part, out + r.begin * g.nest.strides[0][0], a + r.begin * g.nest.strides[1][0],
        b + r.begin * g.nest.strides[2][0]);
  }
}

template <class T>
void run_gemm(const GemmStep& g, T* c, const T* a, const T* b) {
  if constexpr (std::is_floating_point_v<T>) {
    if (g.batch.empty) return;
    const std::size_t rank = g.batch.shape.size();
    const index_t count = nest_volume(g.batch.shape);
    // Rows [r0, r1) of batch entry `index`.
    const auto rows = [&](index_t index, index_t r0, index_t r1) {
      index_t oc = 0, oa = 0, ob = 0;
      for (std::size_t d = rank; d-- > 0;) {
        const index_t i = index % g.batch.shape[d];
        index /= g.batch.shape[d];
        oc += i * g.batch.strides[0][d];
        oa += i * g.batch.strides[1][d];
        ob += i * g.batch.strides[2][d];
      }
      oc += r0 * g.c_outer;
      oa += r0 * (g.a_row_major ? g.a_outer : 1);
      gemm<T>(r1 - r0, g.n, g.k, a + oa, g.a_row_major, g.a_outer, b + ob, g.b_row_major, g.b_outer, c + oc,
              g.c_outer);
    };
    const GemmSchedule schedule = gemm_schedule(count, g.m, g.n, g.k, g.a_row_major);
    const int threads = schedule.threads;
    if (threads <= 1) {
      for (index_t i = 0; i < count; ++i) rows(i, 0, g.m);
    } else if (schedule.whole_products) {
#pragma omp parallel for schedule(dynamic) num_threads(threads)
      for (index_t i = 0; i < count; ++i) rows(i, 0, g.m);
    } else {
      const index_t blocks = schedule.row_blocks;
      for (index_t i = 0; i < count; ++i) {
#pragma omp parallel for schedule(dynamic) num_threads(threads)
        for (index_t block = 0; block < blocks; ++block) rows(i, g.m * block / blocks, g.m * (block + 1) / blocks);
      }
    }
  } else {
    (void)g, (void)c, (void)a, (void)b;
    throw Error("einsum: internal error, GEMM step compiled for an integer type");
  }
}

}  // namespace

template <class T>
void run_program(const Program& p, Workspace<T>& ws, T* out, std::span<const T* const> inputs) {
  if (ws.capacity < p.workspace_size) {
    ws.buffer = std::make_unique<T[]>(static_cast<std::size_t>(p.workspace_size));
    ws.capacity = p.workspace_size;
  }
  if (ws.slots.size() < p.slot_count()) ws.slots.resize(p.slot_count());
  ws.slots[0] = out;
  for (std::size_t k = 0; k < inputs.size(); ++k) ws.slots[k + 1] = const_cast<T*>(inputs[k]);
  for (std::size_t s = inputs.size() + 1; s < p.slot_count(); ++s) ws.slots[s] = ws.buffer.get() + p.slot_offsets[s];

  for (const Step& step : p.steps) {
    T* o = ws.slots[static_cast<std::size_t>(step.out)];
    const T* a = ws.slots[static_cast<std::size_t>(step.a)];
    const T* b = ws.slots[static_cast<std::size_t>(step.b)];
    switch (step.kind) {
      case Step::Kind::generic:
        run_generic(step.generic, o, a, b);
        break;
      case Step::Kind::copy:
        copy_elements(o, step.copy.dst, a, step.copy.src);
        break;
      case Step::Kind::gemm:
        run_gemm(step.gemm, o, a, b);
        break;
    }
  }
}

#define EINSPAN_DEFINE_RUN_PROGRAM(T) \
  template void run_program<T>(const Program&, Workspace<T>&, T*, std::span<const T* const>);
EINSPAN_FOR_EACH_EINSUM_TYPE(EINSPAN_DEFINE_RUN_PROGRAM)
#undef EINSPAN_DEFINE_RUN_PROGRAM

}  // namespace einspan::detail
