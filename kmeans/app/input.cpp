#include "input.hpp"

#include "csv.hpp"

#include <algorithm>
#include <cmath>
#include <einspan/tensor/any_tensor.hpp>
#include <einspan/tensor/create.hpp>
#include <einspan/tensor/random.hpp>
#include <fmt/format.h>
#include <fstream>

namespace einspan::kmeans_app {

namespace fs = std::filesystem;

namespace {

constexpr index_t workshop_n = 5000, workshop_d = 26;
constexpr std::uint64_t workshop_data_seed = 0;

// Rows converted from a file that cannot be mapped as T go through a buffer of about this size.
constexpr index_t conversion_bytes = index_t{4} << 20;

}  // namespace

void check_is_a_file(const fs::path& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) throw IOError(fmt::format("cannot open {}: no such file", path.string()));
  if (fs::is_directory(path, ec)) throw IOError(fmt::format("cannot read {}: it is a directory", path.string()));
}

bool is_npy(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[6] = {};
  in.read(magic, 6);
  return in.gcount() == 6 && std::string_view(magic, 6) == "\x93NUMPY";
}

NpyRows::NpyRows(std::vector<fs::path> files) : files_(std::move(files)), starts_{0} {
  for (const fs::path& file : files_) {
    check_is_a_file(file);
    // A file named .npy that is not one would otherwise be parsed as CSV, its bytes quoted back.
    if (!is_npy(file))
      throw IOError(fmt::format("{}: not a .npy file (it does not start with \"\\x93NUMPY\")", file.string()));
    NpyHeader header = read_npy_header(file);
    if (header.shape.size() != 1 && header.shape.size() != 2)
      throw ShapeError(fmt::format("{}: expected a 2-d array (n_samples, n_features), got shape {}", file.string(),
                                   format_shape(header.shape)));
    const index_t features = header.shape.size() == 2 ? header.shape[1] : 1;
    if (headers_.empty()) features_ = features;
    if (features != features_)
      throw ShapeError(fmt::format("{}: has {} features per row, but {} has {}; every --input file must have the same",
                                   file.string(), features, files_.front().string(), features_));
    starts_.push_back(starts_.back() + header.shape[0]);
    headers_.push_back(std::move(header));
  }
}

template <class T>
Tensor<T> NpyRows::read(index_t begin, index_t end) const {
  // The files that hold some of the rows: [first, last].
  const auto file_of = [&](index_t row) {
    return static_cast<std::size_t>(std::upper_bound(starts_.begin(), starts_.end(), row) - starts_.begin()) - 1;
  };
  const std::size_t first = file_of(begin);
  if (begin < end && file_of(end - 1) == first && headers_[first].dtype == dtype_of<T> && can_map_npy(headers_[first]) &&
      !(headers_[first].fortran_order && headers_[first].shape.size() > 1)) {
    const index_t offset = starts_[first];
    return map_npy_rows(files_[first], begin - offset, end - offset).template get<T>().reshape({-1, features_});
  }
  Tensor<T> out = empty<T>({end - begin, features_});
  const index_t chunk_rows = std::max<index_t>(1, conversion_bytes / static_cast<index_t>(sizeof(T)) / std::max<index_t>(features_, 1));
  for (index_t row = begin; row < end;) {
    const std::size_t f = file_of(row);
    if (headers_[f].fortran_order && headers_[f].shape.size() > 1 && row == starts_[f] && end >= starts_[f + 1]) {
      // A Fortran-order file's rows are not contiguous in it: only the whole file can be read.
      out[{slice(row - begin, starts_[f + 1] - begin)}] = load_npy_as<T>(files_[f], Casting::unsafe);
      row = starts_[f + 1];
      continue;
    }
    const index_t stop = std::min({end, starts_[f + 1], row + chunk_rows});
    out[{slice(row - begin, stop - begin)}] =
        load_npy_rows_as<T>(files_[f], row - starts_[f], stop - starts_[f], Casting::unsafe).reshape({-1, features_});
    row = stop;
  }
  return out;
}

template <class T>
Tensor<T> read_input(const std::vector<std::string>& inputs) {
  if (inputs.empty()) return AnyTensor(Generator(workshop_data_seed).random({workshop_n, workshop_d})).as<T>();
  if (inputs.size() == 1) {
    check_is_a_file(inputs.front());
    if (!is_npy(inputs.front()) && fs::path(inputs.front()).extension() != ".npy")
      return AnyTensor(read_csv(inputs.front())).as<T>();
  }
  const NpyRows rows(std::vector<fs::path>(inputs.begin(), inputs.end()));
  return rows.read<T>(0, rows.rows());
}

template <class T>
Tensor<T> read_sample_weight(const fs::path& path, index_t rows, index_t begin, index_t end) {
  const NpyRows file({path});
  if (read_npy_header(path).shape != Dims{rows})
    throw ShapeError(fmt::format("{}: sample weights must be a 1-d array of one value per row ({},), got shape {}",
                                 path.string(), rows, format_shape(read_npy_header(path).shape)));
  const Tensor<T> weights = file.read<T>(begin, end).reshape({-1});
  for (index_t i = 0; i < weights.size(); ++i) {
    const T w = weights(i);
    if (!(w >= T{0}) || !std::isfinite(w))
      throw ValueError(fmt::format("{}: sample weights must be finite and >= 0, got {} for row {}", path.string(), w,
                                   begin + i));
  }
  return weights;
}

template Tensor<float> NpyRows::read(index_t, index_t) const;
template Tensor<double> NpyRows::read(index_t, index_t) const;
template Tensor<float> read_input(const std::vector<std::string>&);
template Tensor<double> read_input(const std::vector<std::string>&);
template Tensor<float> read_sample_weight(const fs::path&, index_t, index_t, index_t);
template Tensor<double> read_sample_weight(const fs::path&, index_t, index_t, index_t);

}  // namespace einspan::kmeans_app
