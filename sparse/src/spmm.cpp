// The A @ X kernel for a CSC matrix A and a strided dense X, with its OpenMP schedules.
//
// Each stored entry (r, j, v) adds v * X[j, :] to out[r, :]. That row update is the whole cost,
// so it gets a kernel per case: for rows of unit stride it runs in whole SIMD registers, with the
// d % lanes tail known at compile time (one instantiation per tail), so no d is left to a scalar
// remainder loop; a one-hot A (A.is_one_hot()) skips indptr and the multiplication by 1; other
// strides take a plain strided loop.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>
#include "one_hot_kernel.hpp"
#include <einspan/sparse/detail/spmm.hpp>
#include <einspan/tensor/detail/parallel.hpp>
#include <omp.h>
#include <utility>
#include <vector>

namespace einspan::sparse::detail {

namespace {

// Elements per 32-byte (AVX2) register. Narrower targets split each chunk into two registers.
template <class T>
constexpr index_t lanes = 32 / sizeof(T);

// Where a thread scatters: out rows and, optionally, the row sums.
template <class T>
struct Target {
  StridedMatrix<T> out;
  StridedVector<T> row_sums;
};

// o[0:d] += v * x[0:d] for unit strides, d = chunks * lanes + Tail. The fixed-length inner loops
// become one register operation each; __restrict is true because out never overlaps X.
template <index_t Tail, bool Unit, class T>
inline void row_update(T* __restrict o, const T* __restrict x, index_t chunks, T v) {
  constexpr index_t w = lanes<T>;
  for (index_t c = 0; c < chunks; ++c, o += w, x += w) {
    for (index_t l = 0; l < w; ++l) o[l] += Unit ? x[l] : v * x[l];
  }
  for (index_t l = 0; l < Tail; ++l) o[l] += Unit ? x[l] : v * x[l];
}

// Calls f(r, j, v) for every stored entry of columns [j_lo, j_hi). A one-hot matrix has entry j
// in column j with value 1, so it reads neither indptr nor data.
template <bool Unit, class T, class F>
inline void for_each_entry(const CscMatrix<T>& a, index_t j_lo, index_t j_hi, F&& f) {
  const index_t* indices = a.indices().data();
  if constexpr (Unit) {
    for (index_t j = j_lo; j < j_hi; ++j) f(indices[j], j, T{1});
  } else {
    const index_t* indptr = a.indptr().data();
    const T* data = a.data().data();
    for (index_t j = j_lo; j < j_hi; ++j)
      for (index_t p = indptr[j]; p < indptr[j + 1]; ++p) f(indices[p], j, data[p]);
  }
}

// Scatters columns [j_lo, j_hi) of A into the target, keeping only output rows in [r_lo, r_hi)
// when FilterRows, adding up the row sums when Sums. Tail < 0 selects the strided loop, otherwise
// rows have unit stride.
template <index_t Tail, bool Unit, bool Sums, bool FilterRows, class T>
void scatter_loop(const CscMatrix<T>& a, StridedMatrix<const T> x, Target<T> target, index_t j_lo, index_t j_hi,
                  index_t r_lo, index_t r_hi) {
  const StridedMatrix<T> out = target.out;
  T* const sums = target.row_sums.ptr;
  const index_t sums_stride = target.row_sums.stride;
  const index_t d = x.cols, chunks = d / lanes<T>;
  for_each_entry<Unit>(a, j_lo, j_hi, [&](index_t r, index_t j, T v) {
    if constexpr (FilterRows) {
      if (r < r_lo || r >= r_hi) return;
    }
    T* o = out.ptr + r * out.row_stride;
    const T* xrow = x.ptr + j * x.row_stride;
    if constexpr (Tail >= 0) {
      row_update<Tail, Unit>(o, xrow, chunks, v);
    } else {
      for (index_t c = 0; c < d; ++c) o[c * out.col_stride] += v * xrow[c * x.col_stride];
    }
    if constexpr (Sums) sums[r * sums_stride] += v;
  });
}

// The k-means update step's case (one_hot_kernel.hpp): a one-hot A (with or without row sums),
// X and out rows of unit stride, and a row plus its count fitting in at most max_counted_vectors
// registers (d < 32 doubles or 64 floats). The scratch is thread-local and 64-byte aligned, so
// repeated calls allocate nothing; it is added into the target at the end.
template <class T>
T* aligned_scratch(std::size_t elements) {
  thread_local std::vector<T> storage;
  constexpr std::size_t pad = 64 / sizeof(T);
  if (storage.size() < elements + pad) storage.resize(elements + pad);
  const auto address = reinterpret_cast<std::uintptr_t>(storage.data());
  return storage.data() + (64 - address % 64) % 64 / sizeof(T);
}

template <class T>
void scatter_counted(int vectors, const CscMatrix<T>& a, StridedMatrix<const T> x, Target<T> target,
                             index_t j_lo, index_t j_hi) {
  T* scratch = aligned_scratch<T>(counted_scratch_elements<T>(target.out.rows, vectors));
  detail::scatter_one_hot_counted(vectors, a.indices().data(), x, target.out, target.row_sums, scratch, j_lo, j_hi);
}

template <bool Unit, bool Sums, bool FilterRows, class T, index_t... Tails>
void scatter_unit_rows(std::integer_sequence<index_t, Tails...>, const CscMatrix<T>& a, StridedMatrix<const T> x,
                       Target<T> target, index_t j_lo, index_t j_hi, index_t r_lo, index_t r_hi) {
  const index_t tail = x.cols % lanes<T>;
  ((tail == Tails ? scatter_loop<Tails, Unit, Sums, FilterRows>(a, x, target, j_lo, j_hi, r_lo, r_hi) : void()), ...);
}

template <bool FilterRows, class T>
void scatter(const CscMatrix<T>& a, StridedMatrix<const T> x, Target<T> target, index_t j_lo, index_t j_hi,
             index_t r_lo = 0, index_t r_hi = 0) {
  const bool unit_rows = x.col_stride == 1 && target.out.col_stride == 1;
  const auto run = [&]<bool Unit, bool Sums>() {
    if (unit_rows) {
      scatter_unit_rows<Unit, Sums, FilterRows>(std::make_integer_sequence<index_t, lanes<T>>{}, a, x, target, j_lo,
                                                j_hi, r_lo, r_hi);
    } else {
      scatter_loop<-1, Unit, Sums, FilterRows>(a, x, target, j_lo, j_hi, r_lo, r_hi);
    }
  };
  const bool sums = target.row_sums.ptr != nullptr;
  const int vectors = counted_vectors<T>(x.cols);
  // The scratch costs rows x width to clear and add back: worth it while small next to the work.
  if (!FilterRows && a.is_one_hot() && unit_rows && vectors > 0 && x.row_stride >= x.cols &&
      target.out.rows <= j_hi - j_lo) {
    scatter_counted(vectors, a, x, target, j_lo, j_hi);
    return;
  }
  if (a.is_one_hot()) {
    sums ? run.template operator()<true, true>() : run.template operator()<true, false>();
  } else {
    sums ? run.template operator()<false, true>() : run.template operator()<false, false>();
  }
}

template <class T>
void zero_rows(Target<T> target, index_t lo, index_t hi) {
  const StridedMatrix<T> m = target.out;
  for (index_t r = lo; r < hi; ++r) {
    T* row = m.ptr + r * m.row_stride;
    if (m.col_stride == 1) {
      std::fill_n(row, m.cols, T{0});
    } else {
      for (index_t c = 0; c < m.cols; ++c) row[c * m.col_stride] = T{0};
    }
    if (target.row_sums.ptr) target.row_sums.ptr[r * target.row_sums.stride] = T{0};
  }
}

// First column of the t-th of `parts` blocks holding about equal numbers of stored entries.
template <class T>
index_t balanced_column(const CscMatrix<T>& a, int t, int parts) {
  const auto indptr = a.indptr();
  const index_t target = a.nnz() * t / parts;
  return static_cast<index_t>(std::lower_bound(indptr.begin(), indptr.end() - 1, target) - indptr.begin());
}

template <class T>
void run_partition_rows(const CscMatrix<T>& a, StridedMatrix<const T> x, Target<T> target, int threads) {
  einspan::detail::parallel_for_ranges(threads, target.out.rows, [&](index_t r_lo, index_t r_hi) {
    zero_rows(target, r_lo, r_hi);
    scatter<true>(a, x, target, 0, a.cols(), r_lo, r_hi);
  });
}

template <class T>
void run_thread_accumulators(const CscMatrix<T>& a, StridedMatrix<const T> x, Target<T> target, int threads) {
  // Every thread but the first gets a contiguous rows x d block plus rows row sums, kept per
  // calling thread so that repeated calls (k-means iterations) allocate only the first time.
  thread_local std::vector<T> scratch;
  const StridedMatrix<T> out = target.out;
  const bool with_sums = target.row_sums.ptr != nullptr;
  const index_t block = out.rows * out.cols + (with_sums ? out.rows : 0);
  const auto needed = static_cast<std::size_t>(block * (threads - 1));
  if (scratch.size() < needed) scratch.resize(needed);
  T* scratch_base = scratch.data();
  const auto private_target = [&](int t) {
    T* base = scratch_base + (t - 1) * block;
    return Target<T>{{base, out.rows, out.cols, out.cols, 1},
                     {with_sums ? base + out.rows * out.cols : nullptr, 1}};
  };
#pragma omp parallel num_threads(threads)
  {
    const int t = omp_get_thread_num(), nt = omp_get_num_threads();
    const Target<T> mine = t == 0 ? target : private_target(t);
    zero_rows(mine, 0, out.rows);
    scatter<false>(a, x, mine, balanced_column(a, t, nt), balanced_column(a, t + 1, nt));
#pragma omp barrier
    // Reduce: each thread adds every private block into its own share of the output rows.
    const index_t r_lo = out.rows * t / nt, r_hi = out.rows * (t + 1) / nt;
    for (int u = 1; u < nt; ++u) {
      const Target<T> src = private_target(u);
      for (index_t r = r_lo; r < r_hi; ++r) {
        T* o = out.ptr + r * out.row_stride;
        const T* s = src.out.ptr + r * out.cols;
        if (out.col_stride == 1) {
#pragma omp simd
          for (index_t c = 0; c < out.cols; ++c) o[c] += s[c];
        } else {
          for (index_t c = 0; c < out.cols; ++c) o[c * out.col_stride] += s[c];
        }
        if (with_sums) target.row_sums.ptr[r * target.row_sums.stride] += src.row_sums.ptr[r];
      }
    }
  }
}

}  // namespace

template <SparseElement T>
void spmm_csc_dense(const CscMatrix<T>& a, StridedMatrix<const T> x, StridedMatrix<T> out, SpmmSchedule schedule,
                    StridedVector<T> row_sums) {
  // A single column (SpMV) has no column stride to speak of; call it unit so it takes the fast loop.
  if (x.cols == 1) x.col_stride = 1;
  if (out.cols == 1) out.col_stride = 1;
  const Target<T> target{out, row_sums};
  const index_t work = a.nnz() * std::max<index_t>(x.cols, 1);
  // Chunks: output rows (partition_rows) or columns of A (thread_accumulators). A schedule asked
  // for by name runs on every thread, so that it can be tested on small inputs.
  const int threads = schedule == SpmmSchedule::automatic
                          ? einspan::detail::parallel_threads(work, std::max(out.rows, a.cols()))
                          : einspan::detail::parallel_threads(std::numeric_limits<index_t>::max());
  if (schedule == SpmmSchedule::automatic) {
    if (threads == 1) {
      schedule = SpmmSchedule::serial;
    } else if (out.rows * threads <= a.nnz() / 4) {
      schedule = SpmmSchedule::thread_accumulators;
    } else {
      schedule = SpmmSchedule::partition_rows;
    }
  }
  switch (schedule) {
    case SpmmSchedule::partition_rows: run_partition_rows(a, x, target, threads); return;
    case SpmmSchedule::thread_accumulators: run_thread_accumulators(a, x, target, threads); return;
    default:
      zero_rows(target, 0, out.rows);
      scatter<false>(a, x, target, 0, a.cols());
  }
}

template <SparseElement T>
void reserve_spmm_scratch(index_t rows, index_t cols) {
  if (const int vectors = counted_vectors<T>(cols); rows > 0 && vectors > 0)
    aligned_scratch<T>(counted_scratch_elements<T>(rows, vectors));
}

template void reserve_spmm_scratch<float>(index_t, index_t);
template void reserve_spmm_scratch<double>(index_t, index_t);
template void spmm_csc_dense<float>(const CscMatrix<float>&, StridedMatrix<const float>, StridedMatrix<float>,
                                    SpmmSchedule, StridedVector<float>);
template void spmm_csc_dense<double>(const CscMatrix<double>&, StridedMatrix<const double>, StridedMatrix<double>,
                                     SpmmSchedule, StridedVector<double>);

}  // namespace einspan::sparse::detail
