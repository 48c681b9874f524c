// kmeans: cluster the rows of a CSV or .npy file (or the workshop's data set) with einspan.
// Run `kmeans --help` for the options. Exit status: 0 on success, 2 on bad input or arguments
// (one line on stderr, and no output file created or changed), 1 on an internal error.
#include "atomic_file.hpp"
#include "input.hpp"
#include "predict_command.hpp"
#include "ranks.hpp"
#include "sparse_input.hpp"
#include "summary.hpp"
#include "svg_plot.hpp"

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <einspan/einsum/gemm_engine.hpp>
#include <einspan/kmeans.hpp>
#include <einspan/tensor/any_tensor.hpp>
#include <einspan/tensor/create.hpp>
#include <einspan/tensor/isa.hpp>
#include <einspan/tensor/npy.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unistd.h>

namespace {

using namespace einspan;
namespace fs = std::filesystem;

constexpr index_t workshop_k = 26;

struct Arguments {
  std::vector<std::string> inputs;
  std::string sample_weight;
  std::optional<index_t> k;
  index_t max_iter = 300;
  double tol = 1e-4;
  std::string init = "k-means++";
  index_t n_init = 1;
  std::uint64_t seed = 0;
  int threads = 0;
  std::string dtype = "f64";
  std::string labels_dtype = "int64";
  std::string labels_out, centroids_out, plot;
  bool json = false;
};

// The one-process fit of dense or CSR rows, with the --sample-weight file's weights when it is set;
// seconds: the fit's own time.
template <class Rows, class T>
KMeansResult<T> fit_one_process(const Rows& data, index_t n, const std::optional<Tensor<T>>& given,
                                const KMeansOptions& options, const std::string& sample_weight, double& seconds) {
  std::optional<Tensor<T>> weights;
  if (!sample_weight.empty()) weights = kmeans_app::read_sample_weight<T>(sample_weight, n, 0, n);
  const auto start = std::chrono::steady_clock::now();
  KMeansResult<T> result;
  if (weights) {
    result = given ? kmeans(data, *given, options, *weights) : kmeans(data, options, *weights);
  } else {
    result = given ? kmeans(data, *given, options) : kmeans(data, options);
  }
  seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

template <class T>
int run(const Arguments& args, const kmeans_app::Ranks& ranks) {
  const bool distributed = ranks.size() > 1;
  std::optional<Tensor<T>> given;
  if (args.init != "k-means++" && args.init != "random") {
    ranks.check_on_every_rank([&] { given = load_npy(args.init).as<T>(Casting::unsafe); });
  }
  KMeansOptions options;
  options.k = args.k.value_or(given ? (given->ndim() == 2 ? given->dim(0) : 0) : workshop_k);
  options.max_iter = args.max_iter;
  options.tol = args.tol;
  options.init = given ? KMeansInit::kmeans_plusplus : parse_kmeans_init(args.init);
  options.n_init = args.n_init;
  options.seed = args.seed;
  options.threads = args.threads;

  const auto start = std::chrono::steady_clock::now();
  const auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  if (!args.json && ranks.rank() == 0 && ::isatty(STDERR_FILENO)) {
    options.on_iteration = [&](const KMeansIteration& it) {
      fmt::print(stderr, "{}iter {:4d}  inertia {:<14.8g} shift {:<10.3g} changed {:<8d} {:8.3f} s\n",
                 args.n_init > 1 ? fmt::format("run {:2d}  ", it.run) : "", it.iteration, it.inertia, it.center_shift,
                 it.labels_changed, elapsed());
    };
  }
  const DType labels_dtype = kmeans_app::labels_dtype(args.labels_dtype, options.k);
  // A sparse file (.npz, svmlight) is fitted as CSR, in one process; it has no dense rows to plot.
  const bool sparse = args.inputs.size() == 1 && kmeans_app::is_sparse_input(args.inputs.front());
  if (!sparse && std::any_of(args.inputs.begin(), args.inputs.end(), kmeans_app::is_sparse_input))
    throw ValueError(fmt::format("{}: a sparse data file (.npz, .svm, .svmlight, .libsvm) must be the only --input",
                                 kmeans_app::input_text(args.inputs)));
  if (sparse && !args.plot.empty())
    throw ValueError(fmt::format("{}: --plot needs dense rows; a sparse input is not densified", args.inputs.front()));
  std::optional<index_t> nnz;  // stored entries of a sparse input
  kmeans_app::RanksFit<T> fit;
  if (distributed) {
    // On every rank, agreed: a file that one rank cannot see must not leave the others waiting.
    ranks.check_on_every_rank([&] {
      for (const std::string& input : args.inputs) kmeans_app::check_is_a_file(input);
      if (args.inputs.empty() || !std::all_of(args.inputs.begin(), args.inputs.end(), kmeans_app::is_npy))
        throw ValueError(fmt::format("{}: with {} processes the input must be .npy files, of which each process reads "
                                     "its own rows (convert it with np.save)",
                                     args.inputs.empty() ? "the workshop data set" : kmeans_app::input_text(args.inputs),
                                     ranks.size()));
    });
    fit = kmeans_app::fit_on_ranks<T>(ranks, args.inputs, args.sample_weight, options, given, labels_dtype,
                                      !args.plot.empty());
  } else if (sparse) {
    const sparse::CsrMatrix<T> x = kmeans_app::read_sparse_input<T>(args.inputs.front());
    fit.n = x.rows();
    fit.d = x.cols();
    nnz = x.nnz();
    fit.result = fit_one_process(x, fit.n, given, options, args.sample_weight, fit.fit_seconds);
  } else {
    fit.data = kmeans_app::read_input<T>(args.inputs);
    fit.n = fit.data.dim(0);
    fit.d = fit.data.dim(1);
    fit.result = fit_one_process(fit.data, fit.n, given, options, args.sample_weight, fit.fit_seconds);
  }
  if (!distributed) {
    fit.labels = labels_dtype == DType::int32 ? AnyTensor(fit.result.labels.template astype<std::int32_t>())
                                              : AnyTensor(fit.result.labels);
    fit.result.labels = Tensor<std::int64_t>();  // fit.labels holds them (int32: half the memory)
  }
  const double fit_seconds = fit.fit_seconds;
  if (ranks.rank() != 0) return 0;
  const KMeansResult<T>& result = fit.result;
  const Tensor<T>& data = fit.data;
  const index_t n = fit.n, d = fit.d;
  const index_t k = result.centroids.dim(0);
  const Tensor<std::int64_t> sizes = kmeans_app::cluster_sizes(fit.labels, k);

  // Everything is computed; only now do files appear, each written atomically.
  if (!args.labels_out.empty()) save_npy(args.labels_out, fit.labels);
  if (!args.centroids_out.empty()) save_npy(args.centroids_out, result.centroids);
  if (!args.plot.empty()) {
    const std::string title = fmt::format("k-means: n={} d={} k={} inertia={:.6g}", n, d, k, result.inertia);
    kmeans_app::write_file_atomically(
        args.plot, kmeans_app::scatter_svg(data.template astype<double>(), fit.labels.template as<std::int64_t>(),
                                           result.centroids.template astype<double>(), title));
  }

  if (args.json) {
    nlohmann::json j;
    j["input"] = kmeans_app::input_json(args.inputs);
    j["sample_weight"] = args.sample_weight.empty() ? nlohmann::json(nullptr) : nlohmann::json(args.sample_weight);
    j["n"] = n;
    j["nnz"] = nnz ? nlohmann::json(*nnz) : nlohmann::json(nullptr);
    j["d"] = d;
    j["k"] = k;
    j["dtype"] = std::string(dtype_name(dtype_of<T>));
    j["labels_dtype"] = args.labels_dtype;
    j["init"] = args.init;
    j["n_init"] = given ? 1 : args.n_init;
    j["seed"] = args.seed;
    j["max_iter"] = args.max_iter;
    j["tol"] = args.tol;
    j["ranks"] = ranks.size();
    j["threads"] = args.threads;
    j["threads_run"] = result.threads_run;
    j["isa"] = std::string(isa_name(active_isa()));
    j["gemm_engine"] = einspan::gemm_engine_name();  // "openblas:<core>" or "eigen:<level>"
    j["iterations"] = result.iterations;
    j["converged"] = result.converged;
    j["inertia"] = result.inertia;
    j["fit_seconds"] = fit_seconds;
    j["exchange_seconds"] = result.exchange_seconds;
    j["cluster_sizes"] = std::vector<std::int64_t>(sizes.begin(), sizes.end());
    j["reseeded_clusters"] = result.reseeded;
    j["inertia_history"] = result.inertia_history;
    j["labels_out"] = args.labels_out.empty() ? nlohmann::json(nullptr) : nlohmann::json(args.labels_out);
    j["centroids_out"] = args.centroids_out.empty() ? nlohmann::json(nullptr) : nlohmann::json(args.centroids_out);
    j["plot"] = args.plot.empty() ? nlohmann::json(nullptr) : nlohmann::json(args.plot);
    fmt::print("{}\n", j.dump());
  } else {
    fmt::print("data        {} ({} x {}{}, {})\n",
               args.inputs.empty() ? "workshop (uniform, seeded)" : kmeans_app::input_text(args.inputs), n, d,
               nnz ? fmt::format(", sparse, {} stored", *nnz) : "", dtype_name(dtype_of<T>));
    if (!args.sample_weight.empty()) fmt::print("weights     {}\n", args.sample_weight);
    fmt::print("k           {} (init {}, n_init {}, seed {})\n", k, args.init, given ? 1 : args.n_init, args.seed);
    fmt::print("iterations  {} ({})\n", result.iterations,
               result.converged ? "converged" : fmt::format("not converged, max_iter {}", args.max_iter));
    fmt::print("inertia     {:.10g}\n", result.inertia);
    fmt::print("fit time    {:.4f} s\n", fit_seconds);
    fmt::print("sizes       {}\n", fmt::join(sizes.begin(), sizes.end(), " "));
    if (result.reseeded > 0) fmt::print("reseeded    {} empty clusters\n", result.reseeded);
    for (const auto& [flag, path] : {std::pair{"labels", args.labels_out}, {"centroids", args.centroids_out}, {"plot", args.plot}})
      if (!path.empty()) fmt::print("{:<11} {}\n", flag, path);
  }
  return 0;
}

// A lower bound on a numeric option, worded as the library's own errors ("--k: must be >= 1,
// got 0") instead of CLI11's range check ("Value 0 not in range 1 to 9223372036854775807").
CLI::Validator at_least(double minimum) {
  return CLI::Validator(
      [minimum](const std::string& text) -> std::string {
        double value = 0;
        if (!CLI::detail::lexical_cast(text, value)) return fmt::format("'{}' is not a number", text);
        return value >= minimum ? std::string() : fmt::format("must be >= {}, got {}", minimum, text);
      },
      fmt::format(">= {}", minimum));
}

}  // namespace

int main(int argc, char** argv) {
  const kmeans_app::Ranks ranks(argc, argv);
  // Every process meets the same argument errors; rank 0 reports them.
  const auto report = [&](const std::string& line) {
    if (ranks.rank() == 0) fmt::print(stderr, "{}\n", line);
  };
  Arguments args;
  CLI::App app{"Cluster the rows of a data set with k-means (Lloyd's algorithm, sklearn's semantics), built on einspan.\n"
               "With no --input it clusters the workshop's data set: 5000 uniform points in 26-d, k = 26."};
  app.option_defaults()->always_capture_default();
  app.add_option("--input", args.inputs,
                 "Data file: .npy (float32/64, int32/64, bool; 2-d, or 1-d as one feature) or CSV (comma or whitespace "
                 "separated, optional header line); or several .npy files (--input shard_*.npy), their rows "
                 "concatenated in the order given. A .npy file of the fit's dtype is memory-mapped, not read. "
                 "Sparse data, fitted as CSR without densifying: .npz (scipy.sparse.save_npz, CSR or CSC) or "
                 "svmlight/libsvm text (.svm, .svmlight, .libsvm)")
      ->expected(1, -1);
  app.add_option("--sample-weight", args.sample_weight,
                 "Weight of each row, as scikit-learn's sample_weight: a 1-d .npy file of n values >= 0 (at least k "
                 "of them positive); integer weights fit as if each row were repeated that many times (docs/kmeans.md)");
  app.add_option("--k", args.k, "Number of clusters (default 26, or the number of rows of --init FILE.npy)")
      ->check(at_least(1));
  app.add_option("--max-iter", args.max_iter, "Maximum number of Lloyd iterations")->check(at_least(1));
  app.add_option("--tol", args.tol, "Stop when the squared centroid shift is below tol x mean feature variance; 0 runs "
                                    "exactly --max-iter iterations")
      ->check(at_least(0));
  app.add_option("--init", args.init, "k-means++, random, or FILE.npy holding (k, d) initial centroids");
  app.add_option("--n-init", args.n_init, "Runs from different initialisations; the lowest inertia wins")
      ->check(at_least(1));
  app.add_option("--seed", args.seed, "Seed of the initialisation");
  app.add_option("--threads", args.threads, "OpenMP threads (0: OMP_NUM_THREADS or all cores)")->check(at_least(0));
  app.add_option("--dtype", args.dtype, "Precision of the fit")->check(CLI::IsMember({"f32", "f64"}));
  app.add_option("--labels-out", args.labels_out, "Write the labels as a .npy file of --labels-dtype");
  app.add_option("--labels-dtype", args.labels_dtype, "int32 halves the labels' memory and file (k < 2^31)")
      ->check(CLI::IsMember({"int32", "int64"}));
  app.add_option("--centroids-out", args.centroids_out, "Write the centroids as a .npy file of the fit's dtype");
  app.add_option("--plot", args.plot, "Write an SVG scatter plot (first two principal components when d > 2)");
  app.add_flag("--json", args.json, "Print the summary as one JSON object on stdout (and no progress)");
  kmeans_app::PredictArguments predict_args;
  const CLI::App* predict = kmeans_app::add_predict_command(app, predict_args);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::string message = e.what();
    std::replace(message.begin(), message.end(), '\n', ' ');
    report(fmt::format("kmeans: error: {} (see --help)", message));
    return 2;
  }
  try {
    static_cast<void>(active_isa());  // a bad EINSPAN_ISA fails here, before any work
    if (predict->parsed()) {
      // The fit's options do nothing for predict: refused rather than ignored.
      for (const CLI::Option* option : app.get_options())
        if (option->count() > 0)
          throw ValueError(fmt::format("{} is an option of the fit, not of kmeans predict (see kmeans predict --help)",
                                       option->get_name()));
      if (ranks.size() > 1)
        throw ValueError("kmeans predict runs in one process; run it without mpirun (it needs no exchange between processes)");
      if (!predict_args.labels_out.empty()) kmeans_app::check_writable_path(predict_args.labels_out);
      return kmeans_app::run_predict(predict_args);
    }
    for (const std::string* path : {&args.labels_out, &args.centroids_out, &args.plot})
      if (!path->empty()) kmeans_app::check_writable_path(*path);
    return args.dtype == "f32" ? run<float>(args, ranks) : run<double>(args, ranks);
  } catch (const Error& e) {
    std::string message = e.what();
    std::replace(message.begin(), message.end(), '\n', ' ');
    report(fmt::format("kmeans: error: {}", message));
    return 2;
  } catch (const fs::filesystem_error& e) {
    report(fmt::format("kmeans: error: {}", e.what()));
    return 2;
  } catch (const std::exception& e) {
    report(fmt::format("kmeans: internal error: {}", e.what()));
    return 1;
  }
}
