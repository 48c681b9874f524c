// The kmeans program under mpirun: one fit over every process (einspan::kmeans_mpi).
#include "ranks.hpp"

#include "input.hpp"
#include "summary.hpp"

#include <cstdlib>
#include <limits>
#include <einspan/kmeans/distributed.hpp>
#include <einspan/tensor/create.hpp>
#include <einspan/tensor/npy.hpp>
#include <vector>

namespace einspan::kmeans_app {

namespace {

// Open MPI's, MPICH's and PMIx's launchers set these in every process they start.
bool started_by_a_launcher() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"})
    if (std::getenv(name)) return true;
  return false;
}

// Every process's rows of `local` (contiguous, `width` values per row) on rank 0, in rank order.
template <class T>
Tensor<T> gather_rows(const Tensor<T>& local, index_t n, index_t width, const Ranks& ranks) {
  // MPI counts are int; n and width are the same on every rank, so every rank refuses together.
  if (n * width > std::numeric_limits<int>::max())
    throw ValueError(fmt::format("{} rows of {} values are too many to gather to rank 0 in one MPI call (more than "
                                 "2^31 - 1 values; --plot gathers every row's features)", n, width));
  const int count = static_cast<int>(local.size());
  std::vector<int> counts(static_cast<std::size_t>(ranks.size())), offsets(counts.size());
  MPI_Gather(&count, 1, MPI_INT, counts.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
  for (std::size_t r = 1; r < counts.size(); ++r) offsets[r] = offsets[r - 1] + counts[r - 1];
  Dims shape = width == 1 && local.ndim() == 1 ? Dims{ranks.rank() == 0 ? n : 0} : Dims{ranks.rank() == 0 ? n : 0, width};
  Tensor<T> all = empty<T>(shape);
  MPI_Gatherv(local.data(), count, mpi_datatype<T>(), all.data(), counts.data(), offsets.data(), mpi_datatype<T>(), 0,
              MPI_COMM_WORLD);
  return all;
}

}  // namespace

Ranks::Ranks(int& argc, char**& argv) {
  if (!started_by_a_launcher()) return;
  // The fit's helper threads never call MPI; the calling thread makes every call.
  int provided = 0;
  MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
  joined_ = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

Ranks::~Ranks() {
  if (joined_) MPI_Finalize();
}

void Ranks::check_on_every_rank(const std::function<void()>& check) const {
  if (!joined_) return check();
  einspan::check_on_every_rank(MPI_COMM_WORLD, check);
}

template <class T>
RanksFit<T> fit_on_ranks(const Ranks& ranks, const std::vector<std::string>& inputs, const std::string& sample_weight,
                         const KMeansOptions& options, const std::optional<Tensor<T>>& given, DType labels_dtype,
                         bool gather_data) {
  RanksFit<T> fit;
  Tensor<T> local;
  std::optional<Tensor<T>> local_weights;
  ranks.check_on_every_rank([&] {
    const NpyRows data(std::vector<std::filesystem::path>(inputs.begin(), inputs.end()));
    fit.n = data.rows();
    fit.d = data.features();
    const RowRange rows = kmeans_local_rows<T>(fit.n, fit.d, options, MPI_COMM_WORLD);
    local = data.read<T>(rows.begin, rows.end);
    if (!sample_weight.empty()) local_weights = read_sample_weight<T>(sample_weight, fit.n, rows.begin, rows.end);
  });
  const double start = MPI_Wtime();
  try {
    if (local_weights) {
      fit.result = given ? kmeans_distributed(local, *given, options, *local_weights, MPI_COMM_WORLD)
                         : kmeans_distributed(local, options, *local_weights, MPI_COMM_WORLD);
    } else {
      fit.result = given ? kmeans_distributed(local, *given, options, MPI_COMM_WORLD)
                         : kmeans_distributed(local, options, MPI_COMM_WORLD);
    }
  } catch (const ValueError& e) {
    // The fit checks the data on every rank ("rank 2: kmeans: data contains NaN or infinity in
    // rows [4096, 6000)"); the files it came from are named here.
    throw ValueError(fmt::format("{}: {}", input_text(inputs), e.what()));
  }
  fit.fit_seconds = MPI_Wtime() - start;
  if (labels_dtype == DType::int32)
    fit.labels = gather_rows(fit.result.labels.template astype<std::int32_t>(), fit.n, 1, ranks);
  else
    fit.labels = gather_rows(fit.result.labels, fit.n, 1, ranks);
  fit.result.labels = Tensor<std::int64_t>();  // this process's; fit.labels has every row's on rank 0
  if (gather_data) fit.data = gather_rows(local, fit.n, fit.d, ranks);
  return fit;
}

template RanksFit<float> fit_on_ranks(const Ranks&, const std::vector<std::string>&, const std::string&,
                                      const KMeansOptions&, const std::optional<Tensor<float>>&, DType, bool);
template RanksFit<double> fit_on_ranks(const Ranks&, const std::vector<std::string>&, const std::string&,
                                       const KMeansOptions&, const std::optional<Tensor<double>>&, DType, bool);

}  // namespace einspan::kmeans_app
