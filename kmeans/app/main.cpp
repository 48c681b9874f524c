// kmeans: cluster the rows of a CSV or .npy file (or the workshop's data set) with einspan.
// Run `kmeans --help` for the options. Exit status: 0 on success, 2 on bad input or arguments
// (one line on stderr, and no output file created or changed), 1 on an internal error.
#include "atomic_file.hpp"
#include "csv.hpp"
#include "ranks.hpp"
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
#include <einspan/tensor/random.hpp>
#include <fmt/format.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unistd.h>

namespace {

using namespace einspan;
namespace fs = std::filesystem;

constexpr index_t workshop_n = 5000, workshop_d = 26, workshop_k = 26;
constexpr std::uint64_t workshop_data_seed = 0;

struct Arguments {
  std::string input;
  std::optional<index_t> k;
  index_t max_iter = 300;
  double tol = 1e-4;
  std::string init = "k-means++";
  index_t n_init = 1;
  std::uint64_t seed = 0;
  int threads = 0;
  std::string dtype = "f64";
  std::string labels_out, centroids_out, plot;
  bool json = false;
};

bool is_npy(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[6] = {};
  in.read(magic, 6);
  return in.gcount() == 6 && std::string_view(magic, 6) == "\x93NUMPY";
}

void check_is_a_file(const fs::path& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) throw IOError(fmt::format("cannot open {}: no such file", path.string()));
  if (fs::is_directory(path, ec)) throw IOError(fmt::format("cannot read {}: it is a directory", path.string()));
}

// The data as loaded: its own dtype for .npy files, float64 for CSV and the generated set.
AnyTensor load_input(const Arguments& args) {
  if (args.input.empty()) return Generator(workshop_data_seed).random({workshop_n, workshop_d});
  const fs::path path = args.input;
  check_is_a_file(path);
  if (!is_npy(path)) {
    // A file named .npy that is not one would otherwise be parsed as CSV, its bytes quoted back.
    if (path.extension() == ".npy")
      throw IOError(fmt::format("{}: not a .npy file (it does not start with \"\\x93NUMPY\")", path.string()));
    return kmeans_app::read_csv(path);
  }
  AnyTensor data = load_npy(path);
  if (data.ndim() == 1) data = data.visit([](const auto& t) { return AnyTensor(t.reshape({-1, 1})); });
  if (data.ndim() != 2)
    throw ShapeError(fmt::format("{}: expected a 2-d array (n_samples, n_features), got shape {}", path.string(),
                                 format_shape(data.shape())));
  return data;
}

template <class T>
Tensor<std::int64_t> cluster_sizes(const Tensor<std::int64_t>& labels, index_t k) {
  Tensor<std::int64_t> sizes = zeros<std::int64_t>({k});
  for (const std::int64_t label : labels) ++sizes(label);
  return sizes;
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
  kmeans_app::RanksFit<T> fit;
  if (distributed) {
    if (!args.input.empty()) check_is_a_file(args.input);
    if (args.input.empty() || !is_npy(args.input))
      throw ValueError(fmt::format("{}: with {} processes the input must be a .npy file, of which each process reads "
                                   "its own rows (convert it with np.save)",
                                   args.input.empty() ? "the workshop data set" : args.input, ranks.size()));
    fit = kmeans_app::fit_on_ranks<T>(ranks, args.input, options, given, !args.plot.empty());
  } else {
    fit.data = load_input(args).as<T>(Casting::unsafe);
    fit.n = fit.data.dim(0);
    fit.d = fit.data.dim(1);
    const auto fit_start = std::chrono::steady_clock::now();
    fit.result = given ? kmeans(fit.data, *given, options) : kmeans(fit.data, options);
    fit.fit_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - fit_start).count();
  }
  const double fit_seconds = fit.fit_seconds;
  if (ranks.rank() != 0) return 0;
  const KMeansResult<T>& result = fit.result;
  const Tensor<T>& data = fit.data;
  const index_t n = fit.n, d = fit.d;
  const index_t k = result.centroids.dim(0);
  const Tensor<std::int64_t> sizes = cluster_sizes<T>(result.labels, k);

  // Everything is computed; only now do files appear, each written atomically.
  if (!args.labels_out.empty()) save_npy(args.labels_out, result.labels);
  if (!args.centroids_out.empty()) save_npy(args.centroids_out, result.centroids);
  if (!args.plot.empty()) {
    const std::string title = fmt::format("k-means: n={} d={} k={} inertia={:.6g}", n, d, k, result.inertia);
    kmeans_app::write_file_atomically(
        args.plot, kmeans_app::scatter_svg(data.template astype<double>(), result.labels,
                                           result.centroids.template astype<double>(), title));
  }

  const std::string init_name = given ? args.init : args.init;
  if (args.json) {
    nlohmann::json j;
    j["input"] = args.input.empty() ? nlohmann::json("workshop") : nlohmann::json(args.input);
    j["n"] = n;
    j["d"] = d;
    j["k"] = k;
    j["dtype"] = std::string(dtype_name(dtype_of<T>));
    j["init"] = init_name;
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
    j["cluster_sizes"] = std::vector<std::int64_t>(sizes.begin(), sizes.end());
    j["reseeded_clusters"] = result.reseeded;
    j["inertia_history"] = result.inertia_history;
    j["labels_out"] = args.labels_out.empty() ? nlohmann::json(nullptr) : nlohmann::json(args.labels_out);
    j["centroids_out"] = args.centroids_out.empty() ? nlohmann::json(nullptr) : nlohmann::json(args.centroids_out);
    j["plot"] = args.plot.empty() ? nlohmann::json(nullptr) : nlohmann::json(args.plot);
    fmt::print("{}\n", j.dump());
  } else {
    fmt::print("data        {} ({} x {}, {})\n", args.input.empty() ? "workshop (uniform, seeded)" : args.input, n, d,
               dtype_name(dtype_of<T>));
    fmt::print("k           {} (init {}, n_init {}, seed {})\n", k, init_name, given ? 1 : args.n_init, args.seed);
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
  app.add_option("--input", args.input, "Data file: .npy (float32/64, int32/64, bool; 2-d, or 1-d as one feature) or CSV "
                                        "(comma or whitespace separated, optional header line)");
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
  app.add_option("--labels-out", args.labels_out, "Write the labels as an int64 .npy file");
  app.add_option("--centroids-out", args.centroids_out, "Write the centroids as a .npy file of the fit's dtype");
  app.add_option("--plot", args.plot, "Write an SVG scatter plot (first two principal components when d > 2)");
  app.add_flag("--json", args.json, "Print the summary as one JSON object on stdout (and no progress)");
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
