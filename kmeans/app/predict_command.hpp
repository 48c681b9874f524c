#pragma once
// `kmeans predict`: assigns the rows of a data set to the nearest of given centroids (a fitted
// model, such as --centroids-out wrote), as scikit-learn's KMeans.predict, so a model fitted on a
// sample can label the whole data set (mapped, in bounded memory: kmeans_predict).
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace einspan::kmeans_app {

struct PredictArguments {
  std::vector<std::string> inputs;
  std::string centroids;
  std::string labels_out;
  std::string labels_dtype = "int64";
  int threads = 0;
  bool json = false;
};

// Adds the subcommand to `app`; its options fill `args`.
CLI::App* add_predict_command(CLI::App& app, PredictArguments& args);

// Runs it; the exit status. Throws einspan's errors for bad input, as the fit does.
int run_predict(const PredictArguments& args);

}  // namespace einspan::kmeans_app
