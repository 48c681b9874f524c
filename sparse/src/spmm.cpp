// The A @ X kernel for a CSC matrix A and a strided dense X, with its OpenMP schedules.
#include <algorithm>
#include <einspan/sparse/detail/spmm.hpp>
#include <omp.h>
#include <vector>

namespace einspan::sparse::detail {

namespace {

// Below this many multiply-adds a parallel region costs more than it saves (measured with
// bench/sparse_bench: the fork/join of a region is a few microseconds on this machine).
constexpr index_t parallel_work_threshold = 1 << 16;

// o[c] += v * x[c] for c < d. Unit strides get their own instantiation so that it vectorises.
template <bool Unit, class T>
inline void axpy(T* o, index_t os, const T* x, index_t xs, index_t d, T v) {
  if constexpr (Unit) {
#pragma omp simd
    for (index_t c = 0; c < d; ++c) o[c] += v * x[c];
  } else {
    for (index_t c = 0; c < d; ++c) o[c * os] += v * x[c * xs];
  }
}

template <class T>
void zero_rows(StridedMatrix<T> m, index_t lo, index_t hi) {
  for (index_t r = lo; r < hi; ++r) {
    T* row = m.ptr + r * m.row_stride;
    if (m.col_stride == 1) {
      std::fill_n(row, m.cols, T{0});
    } else {
      for (index_t c = 0; c < m.cols; ++c) row[c * m.col_stride] = T{0};
    }
  }
}

// Scatters columns [j_lo, j_hi) of A into out, keeping only output rows in [r_lo, r_hi).
template <bool FilterRows, bool Unit, class T>
void scatter_loop(const CscMatrix<T>& a, StridedMatrix<const T> x, StridedMatrix<T> out, index_t j_lo, index_t j_hi,
                  index_t r_lo, index_t r_hi) {
  const index_t* indptr = a.indptr().data();
  const index_t* indices = a.indices().data();
  const T* data = a.data().data();
  const index_t d = x.cols;
  for (index_t j = j_lo; j < j_hi; ++j) {
    const T* xrow = x.ptr + j * x.row_stride;
    for (index_t p = indptr[j]; p < indptr[j + 1]; ++p) {
      const index_t r = indices[p];
      if constexpr (FilterRows) {
        if (r < r_lo || r >= r_hi) continue;
      }
      axpy<Unit>(out.ptr + r * out.row_stride, out.col_stride, xrow, x.col_stride, d, data[p]);
    }
  }
}

template <bool FilterRows, class T>
void scatter(const CscMatrix<T>& a, StridedMatrix<const T> x, StridedMatrix<T> out, index_t j_lo, index_t j_hi,
             index_t r_lo = 0, index_t r_hi = 0) {
  if (x.col_stride == 1 && out.col_stride == 1) {
    scatter_loop<FilterRows, true>(a, x, out, j_lo, j_hi, r_lo, r_hi);
  } else {
    scatter_loop<FilterRows, false>(a, x, out, j_lo, j_hi, r_lo, r_hi);
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
void run_partition_rows(const CscMatrix<T>& a, StridedMatrix<const T> x, StridedMatrix<T> out) {
#pragma omp parallel
  {
    const int t = omp_get_thread_num(), nt = omp_get_num_threads();
    const index_t r_lo = out.rows * t / nt, r_hi = out.rows * (t + 1) / nt;
    zero_rows(out, r_lo, r_hi);
    if (r_lo < r_hi) scatter<true>(a, x, out, 0, a.cols(), r_lo, r_hi);
  }
}

template <class T>
void run_thread_accumulators(const CscMatrix<T>& a, StridedMatrix<const T> x, StridedMatrix<T> out) {
  // One contiguous rows x d block per thread but the first, kept per calling thread so that
  // repeated calls (k-means iterations) allocate only the first time.
  thread_local std::vector<T> scratch;
  const int threads = omp_get_max_threads();
  const index_t block = out.rows * out.cols;
  const auto needed = static_cast<std::size_t>(block * (threads - 1));
  if (scratch.size() < needed) scratch.resize(needed);
  T* scratch_base = scratch.data();
#pragma omp parallel num_threads(threads)
  {
    const int t = omp_get_thread_num(), nt = omp_get_num_threads();
    StridedMatrix<T> mine = t == 0 ? out : StridedMatrix<T>{scratch_base + (t - 1) * block, out.rows, out.cols, out.cols, 1};
    zero_rows(mine, 0, mine.rows);
    scatter<false>(a, x, mine, balanced_column(a, t, nt), balanced_column(a, t + 1, nt));
#pragma omp barrier
    // Reduce: each thread adds every private block into its own share of the output rows.
    const index_t r_lo = out.rows * t / nt, r_hi = out.rows * (t + 1) / nt;
    for (int u = 1; u < nt; ++u) {
      const T* src = scratch_base + (u - 1) * block;
      for (index_t r = r_lo; r < r_hi; ++r) {
        T* o = out.ptr + r * out.row_stride;
        if (out.col_stride == 1) {
          axpy<true>(o, 1, src + r * out.cols, 1, out.cols, T{1});
        } else {
          axpy<false>(o, out.col_stride, src + r * out.cols, 1, out.cols, T{1});
        }
      }
    }
  }
}

}  // namespace

template <SparseElement T>
void spmm_csc_dense(const CscMatrix<T>& a, StridedMatrix<const T> x, StridedMatrix<T> out, SpmmSchedule schedule) {
  const index_t work = a.nnz() * x.cols;
  const int threads = omp_get_max_threads();
  if (schedule == SpmmSchedule::automatic) {
    if (threads == 1 || work < parallel_work_threshold) {
      schedule = SpmmSchedule::serial;
    } else if (out.rows * threads <= a.nnz() / 4) {
      schedule = SpmmSchedule::thread_accumulators;
    } else {
      schedule = SpmmSchedule::partition_rows;
    }
  }
  switch (schedule) {
    case SpmmSchedule::partition_rows: run_partition_rows(a, x, out); return;
    case SpmmSchedule::thread_accumulators: run_thread_accumulators(a, x, out); return;
    default:
      zero_rows(out, 0, out.rows);
      scatter<false>(a, x, out, 0, a.cols());
  }
}

template void spmm_csc_dense<float>(const CscMatrix<float>&, StridedMatrix<const float>, StridedMatrix<float>,
                                    SpmmSchedule);
template void spmm_csc_dense<double>(const CscMatrix<double>&, StridedMatrix<const double>, StridedMatrix<double>,
                                     SpmmSchedule);

}  // namespace einspan::sparse::detail
