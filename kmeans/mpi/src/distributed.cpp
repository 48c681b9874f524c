#include <einspan/kmeans/distributed.hpp>

#include "fit_across.hpp"
#include "validate.hpp"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace einspan {
namespace {

using kmeans_detail::ChainLayout;

int comm_rank(MPI_Comm comm) {
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  return rank;
}

int comm_size(MPI_Comm comm) {
  int size = 1;
  MPI_Comm_size(comm, &size);
  return size;
}

// The fit's peers on an MPI communicator: the chains' values are gathered by MPI_Allgatherv, each
// process contributing the values of its own chains in place.
class MpiPeers final : public kmeans_detail::Peers {
 public:
  MpiPeers(MPI_Comm comm, const ChainLayout& layout) : comm_(comm), layout_(layout) {}
  int rank() const override { return layout_.rank; }
  int size() const override { return layout_.ranks; }
  void share_chains(std::span<double> values, index_t per_chain) override { gather(values, per_chain); }
  void share_chains(std::span<float> values, index_t per_chain) override { gather(values, per_chain); }
  void share_chains(std::span<std::int64_t> values, index_t per_chain) override { gather(values, per_chain); }
  void broadcast(std::span<double> values, int owner) override { bcast(values, owner); }
  void broadcast(std::span<float> values, int owner) override { bcast(values, owner); }
  void broadcast(std::span<std::int64_t> values, int owner) override { bcast(values, owner); }
  index_t sum(index_t value) override {
    const Timed timed(seconds_);
    std::int64_t total = value;
    MPI_Allreduce(MPI_IN_PLACE, &total, 1, MPI_INT64_T, MPI_SUM, comm_);
    return total;
  }

  // Wall time spent in the collectives so far, waiting for slower processes included.
  double seconds() const { return seconds_; }

 private:
  struct Timed {
    explicit Timed(double& total) : total(total), start(MPI_Wtime()) {}
    ~Timed() { total += MPI_Wtime() - start; }
    double& total;
    double start;
  };

  template <class T>
  void gather(std::span<T> values, index_t per_chain) {
    const Timed timed(seconds_);
    counts_.resize(static_cast<std::size_t>(layout_.ranks));
    offsets_.resize(static_cast<std::size_t>(layout_.ranks));
    for (int r = 0; r < layout_.ranks; ++r) {
      const detail::Range chains = layout_.process_chains(r);
      counts_[r] = static_cast<int>((chains.end - chains.begin) * per_chain);
      offsets_[r] = static_cast<int>(chains.begin * per_chain);
    }
    MPI_Allgatherv(MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, values.data(), counts_.data(), offsets_.data(), mpi_datatype<T>(),
                   comm_);
  }
  template <class T>
  void bcast(std::span<T> values, int owner) {
    const Timed timed(seconds_);
    MPI_Bcast(values.data(), static_cast<int>(values.size()), mpi_datatype<T>(), owner, comm_);
  }

  MPI_Comm comm_;
  const ChainLayout& layout_;
  std::vector<int> counts_, offsets_;
  double seconds_ = 0;
};

// The error types check_on_every_rank carries between processes.
enum class ErrorKind : int { value, shape, io, type, index, other };

ErrorKind kind_of(const Error& e) {
  if (dynamic_cast<const ValueError*>(&e)) return ErrorKind::value;
  if (dynamic_cast<const ShapeError*>(&e)) return ErrorKind::shape;
  if (dynamic_cast<const IOError*>(&e)) return ErrorKind::io;
  if (dynamic_cast<const TypeError*>(&e)) return ErrorKind::type;
  if (dynamic_cast<const IndexError*>(&e)) return ErrorKind::index;
  return ErrorKind::other;
}

[[noreturn]] void raise(ErrorKind kind, const std::string& message) {
  switch (kind) {
    case ErrorKind::value: throw ValueError(message);
    case ErrorKind::shape: throw ShapeError(message);
    case ErrorKind::io: throw IOError(message);
    case ErrorKind::type: throw TypeError(message);
    case ErrorKind::index: throw IndexError(message);
    case ErrorKind::other: break;
  }
  throw Error(message);
}

template <class T>
ChainLayout layout_for(index_t n, index_t d, index_t k, const KMeansOptions& options, MPI_Comm comm) {
  const ChainLayout layout = kmeans_detail::make_chain_layout(n, d, k, options.block_rows, sizeof(T), comm_rank(comm),
                                                              comm_size(comm));
  if (layout.ranks > layout.chains)
    throw ValueError(fmt::format("kmeans_distributed: {} processes, but a fit of {} rows in blocks of {} has {} chains "
                                 "(at most 16, one per block): run at most {} processes",
                                 layout.ranks, n, layout.block_rows, layout.chains, layout.chains));
  return layout;
}

// The checks of kmeans() on the local rows, on every process, and the whole fit's layout.
template <class T>
ChainLayout check_distributed(const Tensor<T>& local, index_t k, const KMeansOptions& options, MPI_Comm comm) {
  kmeans_detail::check_options(options);
  std::int64_t n = local.ndim() == 2 ? local.dim(0) : 0;
  MPI_Allreduce(MPI_IN_PLACE, &n, 1, MPI_INT64_T, MPI_SUM, comm);
  ChainLayout layout;
  check_on_every_rank(comm, [&] {
    if (local.ndim() != 2)
      throw ShapeError(fmt::format("kmeans: data must be 2-d (n_samples, n_features), got shape {}", format_shape(local.shape())));
    if (k <= 0) throw ValueError(fmt::format("kmeans: k must be positive, got {}", k));
    if (k > n) throw ValueError(fmt::format("kmeans: k={} is larger than the number of samples n={}", k, n));
    layout = layout_for<T>(n, local.dim(1), k, options, comm);
    const detail::Range rows = layout.local_rows();
    if (local.dim(0) != rows.end - rows.begin)
      throw ShapeError(fmt::format("kmeans_distributed: this process holds {} rows; a fit of {} rows on {} processes "
                                   "needs rows [{}, {}) here (kmeans_local_rows)",
                                   local.dim(0), n, layout.ranks, rows.begin, rows.end));
    if (!kmeans_detail::all_finite(local))
      throw ValueError(fmt::format("kmeans: data contains NaN or infinity in rows [{}, {})", rows.begin, rows.end));
  });
  std::int64_t d = local.dim(1), d_max = d;
  MPI_Allreduce(MPI_IN_PLACE, &d_max, 1, MPI_INT64_T, MPI_MAX, comm);
  check_on_every_rank(comm, [&] {
    if (d != d_max) throw ShapeError(fmt::format("kmeans_distributed: this process's rows have {} features, another's {}", d, d_max));
  });
  return layout;
}

}  // namespace

void check_on_every_rank(MPI_Comm comm, const std::function<void()>& check) {
  const int rank = comm_rank(comm), size = comm_size(comm);
  std::string message;
  ErrorKind kind = ErrorKind::other;
  int failed = size;
  try {
    check();
  } catch (const Error& e) {
    message = e.what();
    kind = kind_of(e);
    failed = rank;
  } catch (const std::exception& e) {
    message = e.what();
    failed = rank;
  }
  MPI_Allreduce(MPI_IN_PLACE, &failed, 1, MPI_INT, MPI_MIN, comm);
  if (failed == size) return;
  int header[2] = {static_cast<int>(kind), static_cast<int>(message.size())};
  MPI_Bcast(header, 2, MPI_INT, failed, comm);
  message.resize(static_cast<std::size_t>(header[1]));
  MPI_Bcast(message.data(), header[1], MPI_CHAR, failed, comm);
  raise(static_cast<ErrorKind>(header[0]), fmt::format("rank {}: {}", failed, message));
}

template <class T>
RowRange kmeans_local_rows(index_t n, index_t d, const KMeansOptions& options, MPI_Comm comm) {
  if (n <= 0 || d <= 0) throw ValueError(fmt::format("kmeans_local_rows: the data must have rows and features, got ({}, {})", n, d));
  if (options.k <= 0) throw ValueError(fmt::format("kmeans_local_rows: options.k must be positive, got {}", options.k));
  const detail::Range rows = layout_for<T>(n, d, options.k, options, comm).local_rows();
  return {rows.begin, rows.end};
}

namespace {

// The distributed fit from options.init or from the given centroids; weights may be nullptr.
template <class T>
KMeansResult<T> fit_distributed(const Tensor<T>& local_rows, const Tensor<T>* initial, const KMeansOptions& options,
                                const Tensor<T>* weights, MPI_Comm comm) {
  index_t k = options.k;
  if (initial) {
    check_on_every_rank(comm, [&] {
      k = kmeans_detail::check_initial_centroids(*initial, local_rows.ndim() == 2 ? local_rows.dim(1) : -1, options.k);
    });
  }
  const ChainLayout layout = check_distributed(local_rows, k, options, comm);
  std::optional<Tensor<T>> w;
  if (weights) {
    check_on_every_rank(comm, [&] {
      kmeans_detail::check_sample_weight(*weights, local_rows.dim(0), layout.local_rows().begin);
      w = weights->contiguous();
    });
  }
  MpiPeers peers(comm, layout);
  const Tensor<T>* local_weights = w ? &*w : nullptr;
  KMeansResult<T> result =
      initial ? kmeans_detail::fit_across(local_rows.contiguous(), local_weights, initial->contiguous(), options, layout, peers)
              : kmeans_detail::fit_across(local_rows.contiguous(), local_weights, options, layout, peers);
  result.exchange_seconds = peers.seconds();
  return result;
}

}  // namespace

template <class T>
KMeansResult<T> kmeans_distributed(const Tensor<T>& local_rows, const KMeansOptions& options, MPI_Comm comm) {
  return fit_distributed<T>(local_rows, nullptr, options, nullptr, comm);
}

template <class T>
KMeansResult<T> kmeans_distributed(const Tensor<T>& local_rows, const Tensor<T>& initial_centroids,
                                   const KMeansOptions& options, MPI_Comm comm) {
  return fit_distributed<T>(local_rows, &initial_centroids, options, nullptr, comm);
}

template <class T>
KMeansResult<T> kmeans_distributed(const Tensor<T>& local_rows, const KMeansOptions& options,
                                   const Tensor<T>& local_sample_weight, MPI_Comm comm) {
  return fit_distributed<T>(local_rows, nullptr, options, &local_sample_weight, comm);
}

template <class T>
KMeansResult<T> kmeans_distributed(const Tensor<T>& local_rows, const Tensor<T>& initial_centroids,
                                   const KMeansOptions& options, const Tensor<T>& local_sample_weight, MPI_Comm comm) {
  return fit_distributed<T>(local_rows, &initial_centroids, options, &local_sample_weight, comm);
}

template RowRange kmeans_local_rows<float>(index_t, index_t, const KMeansOptions&, MPI_Comm);
template RowRange kmeans_local_rows<double>(index_t, index_t, const KMeansOptions&, MPI_Comm);
template KMeansResult<float> kmeans_distributed(const Tensor<float>&, const KMeansOptions&, MPI_Comm);
template KMeansResult<double> kmeans_distributed(const Tensor<double>&, const KMeansOptions&, MPI_Comm);
template KMeansResult<float> kmeans_distributed(const Tensor<float>&, const Tensor<float>&, const KMeansOptions&, MPI_Comm);
template KMeansResult<double> kmeans_distributed(const Tensor<double>&, const Tensor<double>&, const KMeansOptions&,
                                                 MPI_Comm);
template KMeansResult<float> kmeans_distributed(const Tensor<float>&, const KMeansOptions&, const Tensor<float>&, MPI_Comm);
template KMeansResult<double> kmeans_distributed(const Tensor<double>&, const KMeansOptions&, const Tensor<double>&,
                                                 MPI_Comm);
template KMeansResult<float> kmeans_distributed(const Tensor<float>&, const Tensor<float>&, const KMeansOptions&,
                                                const Tensor<float>&, MPI_Comm);
template KMeansResult<double> kmeans_distributed(const Tensor<double>&, const Tensor<double>&, const KMeansOptions&,
                                                 const Tensor<double>&, MPI_Comm);

}  // namespace einspan
