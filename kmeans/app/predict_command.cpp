#include "predict_command.hpp"

#include "input.hpp"

#include <chrono>
#include <einspan/einsum/gemm_engine.hpp>
#include <einspan/kmeans/predict.hpp>
#include <einspan/tensor/any_tensor.hpp>
#include <einspan/tensor/create.hpp>
#include <einspan/tensor/isa.hpp>
#include <einspan/tensor/npy.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <limits>
#include <nlohmann/json.hpp>

namespace einspan::kmeans_app {

namespace {

template <class T>
int predict_as(const PredictArguments& args) {
  const Tensor<T> centroids = load_npy_as<T>(args.centroids, Casting::unsafe);
  if (centroids.ndim() != 2)
    throw ShapeError(fmt::format("{}: centroids must be a (k, d) array, got shape {}", args.centroids,
                                 format_shape(centroids.shape())));
  const index_t k = centroids.dim(0);
  if (args.labels_dtype == "int32" && k > std::numeric_limits<std::int32_t>::max())
    throw ValueError(fmt::format("--labels-dtype int32 holds labels below 2^31, but k={}; use int64", k));
  const Tensor<T> x = read_input<T>(args.inputs);
  if (x.dim(1) != centroids.dim(1))
    throw ShapeError(fmt::format("{} has {} features per row, but the centroids in {} have {}",
                                 fmt::join(args.inputs, " "), x.dim(1), args.centroids, centroids.dim(1)));

  const auto start = std::chrono::steady_clock::now();
  Tensor<std::int64_t> labels = kmeans_predict(centroids, x, args.threads);
  const double inertia = -kmeans_score(centroids, x, labels, args.threads);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  Tensor<std::int64_t> sizes = zeros<std::int64_t>({k});
  for (const std::int64_t label : labels) ++sizes(label);

  if (!args.labels_out.empty()) {
    if (args.labels_dtype == "int32")
      save_npy(args.labels_out, labels.astype<std::int32_t>());
    else
      save_npy(args.labels_out, labels);
  }
  const nlohmann::json input = args.inputs.size() == 1 ? nlohmann::json(args.inputs.front()) : nlohmann::json(args.inputs);
  if (args.json) {
    nlohmann::json j;
    j["command"] = "predict";
    j["input"] = input;
    j["centroids"] = args.centroids;
    j["n"] = x.dim(0);
    j["d"] = x.dim(1);
    j["k"] = k;
    j["dtype"] = std::string(dtype_name(dtype_of<T>));
    j["labels_dtype"] = args.labels_dtype;
    j["threads"] = args.threads;
    j["isa"] = std::string(isa_name(active_isa()));
    j["gemm_engine"] = einspan::gemm_engine_name();
    j["inertia"] = inertia;
    j["seconds"] = seconds;
    j["cluster_sizes"] = std::vector<std::int64_t>(sizes.begin(), sizes.end());
    j["labels_out"] = args.labels_out.empty() ? nlohmann::json(nullptr) : nlohmann::json(args.labels_out);
    fmt::print("{}\n", j.dump());
  } else {
    fmt::print("data        {} ({} x {}, {})\n", fmt::join(args.inputs, " "), x.dim(0), x.dim(1), dtype_name(dtype_of<T>));
    fmt::print("centroids   {} (k {})\n", args.centroids, k);
    fmt::print("inertia     {:.10g}\n", inertia);
    fmt::print("time        {:.4f} s\n", seconds);
    fmt::print("sizes       {}\n", fmt::join(sizes.begin(), sizes.end(), " "));
    if (!args.labels_out.empty()) fmt::print("labels      {}\n", args.labels_out);
  }
  return 0;
}

}  // namespace

CLI::App* add_predict_command(CLI::App& app, PredictArguments& args) {
  CLI::App* predict = app.add_subcommand(
      "predict", "Label the rows of --input with the nearest of the centroids in --centroids FILE.npy (a fitted model, "
                 "as --centroids-out writes it; scikit-learn's KMeans.predict), and report their inertia");
  predict->add_option("--input", args.inputs, "Data: .npy or CSV, or several .npy files, as for the fit")
      ->required()
      ->expected(1, -1);
  predict->add_option("--centroids", args.centroids,
                      "(k, d) .npy file of centroids; its dtype (float32, else float64) is the computation's")
      ->required();
  predict->add_option("--labels-out", args.labels_out, "Write the labels as a .npy file of --labels-dtype");
  predict->add_option("--labels-dtype", args.labels_dtype, "int32 halves the labels' file (k < 2^31)")
      ->check(CLI::IsMember({"int32", "int64"}));
  predict->add_option("--threads", args.threads, "OpenMP threads (0: by the work)")->check(CLI::NonNegativeNumber);
  predict->add_flag("--json", args.json, "Print the summary as one JSON object on stdout");
  return predict;
}

int run_predict(const PredictArguments& args) {
  return read_npy_header(args.centroids).dtype == DType::float32 ? predict_as<float>(args) : predict_as<double>(args);
}

}  // namespace einspan::kmeans_app
