#include "predict_command.hpp"

#include "input.hpp"
#include "sparse_input.hpp"
#include "summary.hpp"

#include <algorithm>
#include <chrono>
#include <einspan/einsum/gemm_engine.hpp>
#include <einspan/kmeans/predict.hpp>
#include <einspan/tensor/any_tensor.hpp>
#include <einspan/tensor/create.hpp>
#include <einspan/tensor/isa.hpp>
#include <einspan/tensor/npy.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <optional>
#include <nlohmann/json.hpp>

namespace einspan::kmeans_app {

namespace {

template <class T>
int predict_sparse(const PredictArguments& args, const Tensor<T>& centroids, DType label_type);
template <class T>
int report(const PredictArguments& args, index_t k, index_t n, index_t features, std::optional<index_t> nnz,
           const Tensor<std::int64_t>& labels, DType label_type, double inertia, double seconds);

template <class T>
int predict_as(const PredictArguments& args) {
  const Tensor<T> centroids = load_npy_as<T>(args.centroids, Casting::unsafe);
  if (centroids.ndim() != 2)
    throw ShapeError(fmt::format("{}: centroids must be a (k, d) array, got shape {}", args.centroids,
                                 format_shape(centroids.shape())));
  const index_t k = centroids.dim(0);
  const DType label_type = labels_dtype(args.labels_dtype, k);
  // Shards are labelled one file at a time, each mapped when it can be, so that no copy of the
  // whole data set is made; a CSV file is read whole, and a sparse file (.npz, svmlight) as CSR.
  check_is_a_file(args.inputs.front());
  if (args.inputs.size() == 1 && is_sparse_input(args.inputs.front())) return predict_sparse<T>(args, centroids, label_type);
  if (std::any_of(args.inputs.begin(), args.inputs.end(), is_sparse_input))
    throw ValueError(fmt::format("{}: a sparse data file (.npz, .svm, .svmlight, .libsvm) must be the only --input",
                                 input_text(args.inputs)));
  const bool csv = args.inputs.size() == 1 && !is_npy(args.inputs.front());
  const std::optional<Tensor<T>> table = csv ? std::optional<Tensor<T>>(read_input<T>(args.inputs)) : std::nullopt;
  const std::optional<NpyRows> files =
      csv ? std::nullopt : std::optional<NpyRows>(std::vector<std::filesystem::path>(args.inputs.begin(), args.inputs.end()));
  const index_t features = csv ? table->dim(1) : files->features();
  if (features != centroids.dim(1))
    throw ShapeError(fmt::format("{} has {} features per row, but the centroids in {} have {}", input_text(args.inputs),
                                 features, args.centroids, centroids.dim(1)));

  const auto start = std::chrono::steady_clock::now();
  const index_t n = csv ? table->dim(0) : files->rows();
  Tensor<std::int64_t> labels = empty<std::int64_t>({n});
  double inertia = 0;
  try {
    for (std::size_t f = 0; f < (csv ? 1 : files->files()); ++f) {
      const index_t begin = csv ? 0 : files->file_start(f), end = csv ? n : files->file_start(f + 1);
      if (begin == end) continue;
      const Tensor<T> x = csv ? *table : files->template read<T>(begin, end);
      Tensor<std::int64_t> part;
      inertia -= kmeans_predict_and_score(centroids, x, part, args.threads);
      labels[{slice(begin, end)}] = part;
    }
  } catch (const ValueError& e) {
    throw ValueError(fmt::format("{}: {}", input_text(args.inputs), e.what()));  // NaN in the data names the files
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report<T>(args, k, n, features, std::nullopt, labels, label_type, inertia, seconds);
}

template <class T>
int predict_sparse(const PredictArguments& args, const Tensor<T>& centroids, DType label_type) {
  const sparse::CsrMatrix<T> x = read_sparse_input<T>(args.inputs.front());
  if (x.cols() != centroids.dim(1))
    throw ShapeError(fmt::format("{} has {} features per row, but the centroids in {} have {}", args.inputs.front(),
                                 x.cols(), args.centroids, centroids.dim(1)));
  const auto start = std::chrono::steady_clock::now();
  Tensor<std::int64_t> labels;
  double inertia = 0;
  try {
    inertia = -kmeans_predict_and_score(centroids, x, labels, args.threads);
  } catch (const ValueError& e) {
    throw ValueError(fmt::format("{}: {}", args.inputs.front(), e.what()));
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report<T>(args, centroids.dim(0), x.rows(), x.cols(), x.nnz(), labels, label_type, inertia, seconds);
}

// Writes the labels and prints the summary; nnz: a sparse input's stored entries.
template <class T>
int report(const PredictArguments& args, index_t k, index_t n, index_t features, std::optional<index_t> nnz,
           const Tensor<std::int64_t>& labels, DType label_type, double inertia, double seconds) {
  const Tensor<std::int64_t> sizes = cluster_sizes(AnyTensor(labels), k);
  if (!args.labels_out.empty()) {
    if (label_type == DType::int32)
      save_npy(args.labels_out, labels.astype<std::int32_t>());
    else
      save_npy(args.labels_out, labels);
  }
  if (args.json) {
    nlohmann::json j;
    j["command"] = "predict";
    j["input"] = input_json(args.inputs);
    j["centroids"] = args.centroids;
    j["n"] = n;
    j["nnz"] = nnz ? nlohmann::json(*nnz) : nlohmann::json(nullptr);
    j["d"] = features;
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
    fmt::print("data        {} ({} x {}{}, {})\n", input_text(args.inputs), n, features,
               nnz ? fmt::format(", sparse, {} stored", *nnz) : "", dtype_name(dtype_of<T>));
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
  predict->add_option("--input", args.inputs, "Data: .npy or CSV, or several .npy files, or one sparse file, as for the fit")
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
