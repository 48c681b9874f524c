#pragma once
// k-means over rows spread across the processes of an MPI communicator (target einspan::kmeans_mpi,
// the only one that links MPI). Each process holds one contiguous range of the rows, in rank order;
// every iteration runs the one-process kernels on the local rows and exchanges only per-chain
// cluster sums and sizes (at most 16 x (k x d + k) numbers). The result is the same bits on any
// number of processes as kmeans() in one process with the same options. Every MPI call is made by
// the calling thread (the fit's OpenMP helpers make none): MPI_THREAD_FUNNELED is enough.
//
//   one process                         P processes (mpirun -np P)
//   kmeans(X, options)                  const auto rows = kmeans_local_rows<T>(n, d, options, comm);
//                                       kmeans_distributed(X[rows.begin:rows.end], options, comm)
#include <einspan/kmeans/fit.hpp>
#include <cstdint>
#include <functional>
#include <type_traits>
#include <mpi.h>

namespace einspan {

// The MPI datatype of float, double, std::int32_t and std::int64_t.
template <class T>
MPI_Datatype mpi_datatype() {
  if constexpr (std::is_same_v<T, double>) return MPI_DOUBLE;
  else if constexpr (std::is_same_v<T, float>) return MPI_FLOAT;
  else if constexpr (std::is_same_v<T, std::int32_t>) return MPI_INT32_T;
  else if constexpr (std::is_same_v<T, std::int64_t>) return MPI_INT64_T;
  else static_assert(std::is_same_v<T, void>, "mpi_datatype: only float, double, int32 and int64 are mapped");
}

struct RowRange {
  index_t begin = 0, end = 0;
};

// The rows this process must hold in a distributed fit of n rows of d features: whole chains of
// row blocks (docs/kmeans.md, "Distributed"), split evenly over the ranks. Collective-free. Throws
// ValueError when the communicator has more processes than the fit has chains (min(16, blocks)).
template <class T>
RowRange kmeans_local_rows(index_t n, index_t d, const KMeansOptions& options, MPI_Comm comm);

// Collective over comm: fits the rows that every process holds (this one's: `local_rows`, the range
// kmeans_local_rows gives). Every process gets the same centroids, inertia, history and iteration
// count, and the labels of its own rows. The errors of kmeans() are raised on every process, with
// the rank that found them in the message ("rank 2: kmeans: data contains NaN or infinity"), as is
// a ShapeError when a process holds other rows than kmeans_local_rows gives it.
template <class T>
KMeansResult<T> kmeans_distributed(const Tensor<T>& local_rows, const KMeansOptions& options, MPI_Comm comm);

// Same, from the given (k, d) centroids, which every process passes.
template <class T>
KMeansResult<T> kmeans_distributed(const Tensor<T>& local_rows, const Tensor<T>& initial_centroids,
                                   const KMeansOptions& options, MPI_Comm comm);

// Weighted (kmeans() with sample_weight): each process passes its own rows' weights,
// local_sample_weight (local rows,). Its errors are raised on every process, as above.
template <class T>
KMeansResult<T> kmeans_distributed(const Tensor<T>& local_rows, const KMeansOptions& options,
                                   const Tensor<T>& local_sample_weight, MPI_Comm comm);
template <class T>
KMeansResult<T> kmeans_distributed(const Tensor<T>& local_rows, const Tensor<T>& initial_centroids,
                                   const KMeansOptions& options, const Tensor<T>& local_sample_weight, MPI_Comm comm);

// Runs check() on every process of comm; when it throws on any, every process throws the error of
// the lowest such rank, of the same type (ValueError, ShapeError, IOError, TypeError, IndexError;
// anything else as einspan::Error), its message prefixed "rank r: ". Lets a program stop all its
// processes, with one message, where only some of them met bad input.
void check_on_every_rank(MPI_Comm comm, const std::function<void()>& check);

extern template RowRange kmeans_local_rows<float>(index_t, index_t, const KMeansOptions&, MPI_Comm);
extern template RowRange kmeans_local_rows<double>(index_t, index_t, const KMeansOptions&, MPI_Comm);
extern template KMeansResult<float> kmeans_distributed(const Tensor<float>&, const KMeansOptions&, MPI_Comm);
extern template KMeansResult<double> kmeans_distributed(const Tensor<double>&, const KMeansOptions&, MPI_Comm);
extern template KMeansResult<float> kmeans_distributed(const Tensor<float>&, const Tensor<float>&, const KMeansOptions&,
                                                       MPI_Comm);
extern template KMeansResult<double> kmeans_distributed(const Tensor<double>&, const Tensor<double>&,
                                                        const KMeansOptions&, MPI_Comm);
extern template KMeansResult<float> kmeans_distributed(const Tensor<float>&, const KMeansOptions&, const Tensor<float>&,
                                                       MPI_Comm);
extern template KMeansResult<double> kmeans_distributed(const Tensor<double>&, const KMeansOptions&,
                                                        const Tensor<double>&, MPI_Comm);
extern template KMeansResult<float> kmeans_distributed(const Tensor<float>&, const Tensor<float>&, const KMeansOptions&,
                                                       const Tensor<float>&, MPI_Comm);
extern template KMeansResult<double> kmeans_distributed(const Tensor<double>&, const Tensor<double>&,
                                                        const KMeansOptions&, const Tensor<double>&, MPI_Comm);

}  // namespace einspan
