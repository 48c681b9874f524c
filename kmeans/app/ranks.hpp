#pragma once
// The processes that one run of the kmeans program spans: one, or P when mpirun starts it and the
// program is built with MPI (ranks_mpi.cpp; ranks_local.cpp without MPI). In a run of P processes
// each reads its own rows of one .npy file, the fit is kmeans_distributed, and rank 0 alone
// receives the labels (in row order) and writes every output.
#include <einspan/kmeans/fit.hpp>
#include <einspan/tensor/any_tensor.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace einspan::kmeans_app {

class Ranks {
 public:
  // Joins MPI only when a launcher (mpirun) started this process.
  Ranks(int& argc, char**& argv);
  ~Ranks();
  Ranks(const Ranks&) = delete;
  Ranks& operator=(const Ranks&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }

  // check() on every process; when it throws on any, every process throws the lowest failing
  // rank's error, named "rank r: ..." (in one process: check() itself).
  void check_on_every_rank(const std::function<void()>& check) const;

 private:
  int rank_ = 0, size_ = 1;
  bool joined_ = false;
};

// What a run of P processes gives rank 0 to report.
template <class T>
struct RanksFit {
  KMeansResult<T> result;  // without labels: see `labels`
  AnyTensor labels;        // on rank 0, the label of every row in row order, of the dtype asked for
  index_t n = 0, d = 0;
  Tensor<T> data;          // every row, on rank 0, when asked for (the plot)
  double fit_seconds = 0;  // the fit alone, without reading the data
};

// The fit of the rows of the .npy files `inputs` (concatenated) over every process: each reads
// only its own rows (input.hpp), and their weights from `sample_weight` unless it is empty. Bad
// input on any process (a read that fails, NaN in its rows, k > n) throws on every process.
template <class T>
RanksFit<T> fit_on_ranks(const Ranks& ranks, const std::vector<std::string>& inputs, const std::string& sample_weight,
                         const KMeansOptions& options, const std::optional<Tensor<T>>& given, DType labels_dtype,
                         bool gather_data);

}  // namespace einspan::kmeans_app
