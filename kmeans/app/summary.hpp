#pragma once
// What the fit and `kmeans predict` both report and write: the labels' dtype, the cluster sizes,
// and how --input is named.
#include <cstdint>
#include <einspan/tensor/any_tensor.hpp>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace einspan::kmeans_app {

// The dtype --labels-dtype names, checked against k: int32 holds labels below 2^31.
DType labels_dtype(const std::string& name, index_t k);

// How many labels equal each of 0 .. k - 1.
Tensor<std::int64_t> cluster_sizes(const AnyTensor& labels, index_t k);

// --input for the JSON summary: "workshop" (none), the file, or the list of shards.
nlohmann::json input_json(const std::vector<std::string>& inputs);

// --input for the text summary and error messages: the files, space separated.
std::string input_text(const std::vector<std::string>& inputs);

}  // namespace einspan::kmeans_app
