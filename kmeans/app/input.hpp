#pragma once
// The data set the kmeans program clusters: one or more .npy files taken as one array (their rows
// concatenated in the order given, as `--input shard_*.npy` lists them), one CSV file, or the
// workshop's generated set. Rows that one .npy file holds as the fit's dtype in native byte order
// are mapped from it (map_npy_rows: no copy, pages shared with the page cache); otherwise, and
// for rows that span several files, they are converted into one buffer a chunk at a time.
#include <einspan/tensor/npy.hpp>
#include <einspan/tensor/tensor.hpp>
#include <filesystem>
#include <string>
#include <vector>

namespace einspan::kmeans_app {

// .npy files whose rows, concatenated, are the data set.
class NpyRows {
 public:
  // Reads and checks every file's header: 1-d (one feature) or 2-d, and the same number of
  // features in every file. Throws IOError, TypeError or ShapeError naming the file.
  explicit NpyRows(std::vector<std::filesystem::path> files);

  index_t rows() const { return starts_.back(); }
  index_t features() const { return features_; }
  // File f holds rows [file_start(f), file_start(f + 1)); f + 1 may be files().
  std::size_t files() const { return files_.size(); }
  index_t file_start(std::size_t f) const { return starts_[f]; }

  // Rows [begin, end) of the data set as a (end - begin, features) tensor, reading only those rows:
  // mapped when one file holds them all as T, otherwise read from each file that holds some and
  // converted to T (unsafe casting, as np.asarray(x, dtype)) into one buffer: rows that span
  // several files are always copied.
  template <class T>
  Tensor<T> read(index_t begin, index_t end) const;

 private:
  std::vector<std::filesystem::path> files_;
  std::vector<NpyHeader> headers_;
  std::vector<index_t> starts_;  // file f holds rows [starts_[f], starts_[f + 1])
  index_t features_ = 0;
};

// Rows [begin, end) of the sample weights in `path` (--sample-weight), a 1-d .npy file of one value
// per data row (`rows` of them, any numeric dtype, converted to T), read without the other rows.
// Throws IOError, TypeError or ShapeError naming the file, and ValueError naming the file and row
// for a negative, NaN or infinite weight.
template <class T>
Tensor<T> read_sample_weight(const std::filesystem::path& path, index_t rows, index_t begin, index_t end);

// Throws IOError when `path` does not exist or is a directory.
void check_is_a_file(const std::filesystem::path& path);

// Whether `path` starts with the .npy magic string.
bool is_npy(const std::filesystem::path& path);

// The whole data set of `inputs` (several .npy files, one .npy or CSV file, or none for the
// workshop's set) as an (n, d) tensor of T.
template <class T>
Tensor<T> read_input(const std::vector<std::string>& inputs);

}  // namespace einspan::kmeans_app
