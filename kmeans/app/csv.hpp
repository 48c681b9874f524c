#pragma once
// Reading a numeric table from a CSV or whitespace-separated text file.
#include <einspan/tensor/tensor.hpp>
#include <filesystem>

namespace einspan::kmeans_app {

// The rows of `path` as an (n, d) float64 tensor. Cells are separated by commas (a line holding
// a comma) or by whitespace; blank lines and lines starting with '#' are skipped. The first line
// is a header, and skipped, when none of its cells is a number. Throws IOError naming the file,
// the line and the column for an unreadable file, an empty table, a ragged row, a cell that is
// not a number, or a value that is NaN or infinite.
Tensor<double> read_csv(const std::filesystem::path& path);

}  // namespace einspan::kmeans_app
