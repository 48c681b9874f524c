#include "summary.hpp"

#include <einspan/tensor/create.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

namespace einspan::kmeans_app {

DType labels_dtype(const std::string& name, index_t k) {
  if (name != "int32") return DType::int64;
  if (k > std::numeric_limits<std::int32_t>::max())
    throw ValueError(fmt::format("--labels-dtype int32 holds labels below 2^31, but k={}; use int64", k));
  return DType::int32;
}

Tensor<std::int64_t> cluster_sizes(const AnyTensor& labels, index_t k) {
  Tensor<std::int64_t> sizes = zeros<std::int64_t>({k});
  labels.visit([&](const auto& t) {
    for (const auto label : t) ++sizes(static_cast<index_t>(label));
  });
  return sizes;
}

nlohmann::json input_json(const std::vector<std::string>& inputs) {
  if (inputs.empty()) return "workshop";
  if (inputs.size() == 1) return inputs.front();
  return inputs;
}

std::string input_text(const std::vector<std::string>& inputs) { return fmt::format("{}", fmt::join(inputs, " ")); }

}  // namespace einspan::kmeans_app
