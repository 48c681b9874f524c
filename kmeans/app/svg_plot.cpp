#include "svg_plot.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <limits>

namespace einspan::kmeans_app {
namespace {

// Matplotlib's tab20, bright shades first, so neighbouring cluster ids differ clearly.
constexpr std::array<const char*, 20> palette = {
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94", "#f7b6d2", "#c7c7c7", "#dbdb8d", "#9edae5"};

using Matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

std::string escape(const std::string& s) {
  std::string out;
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

std::string scatter_svg(const Tensor<double>& data_in, const Tensor<std::int64_t>& labels_in,
                        const Tensor<double>& centroids_in, const std::string& title, index_t max_points) {
  const Tensor<double> data = data_in.contiguous(), centroids = centroids_in.contiguous();
  const Tensor<std::int64_t> labels = labels_in.contiguous();
  const index_t n = data.dim(0), d = data.dim(1), k = centroids.dim(0);
  const Eigen::Map<const Matrix> X(data.data(), n, d), C(centroids.data(), k, d);

  // Projection onto (at most) two axes: the principal components when d > 2.
  Matrix axes = Matrix::Zero(d, 2);
  std::string xlabel = "x0", ylabel = d > 1 ? "x1" : "";
  const Eigen::RowVectorXd mean = X.colwise().mean();
  if (d > 2) {
    const Matrix centered = X.rowwise() - mean;
    const Matrix cov = (centered.transpose() * centered) / static_cast<double>(std::max<index_t>(n - 1, 1));
    const Eigen::SelfAdjointEigenSolver<Matrix> eig(cov);
    // Eigenvalues come in increasing order.
    axes.col(0) = eig.eigenvectors().col(d - 1);
    axes.col(1) = eig.eigenvectors().col(d - 2);
    xlabel = "PC1";
    ylabel = "PC2";
  } else {
    axes(0, 0) = 1;
    if (d == 2) axes(1, 1) = 1;
  }
  const Matrix P = (X.rowwise() - mean) * axes;
  const Matrix Q = (C.rowwise() - mean) * axes;

  double lo_x = std::numeric_limits<double>::infinity(), hi_x = -lo_x, lo_y = lo_x, hi_y = -lo_x;
  const auto grow = [&](const Matrix& M) {
    for (index_t i = 0; i < M.rows(); ++i) {
      lo_x = std::min(lo_x, M(i, 0)), hi_x = std::max(hi_x, M(i, 0));
      lo_y = std::min(lo_y, M(i, 1)), hi_y = std::max(hi_y, M(i, 1));
    }
  };
  grow(P);
  grow(Q);
  if (hi_x - lo_x <= 0) lo_x -= 1, hi_x += 1;
  if (hi_y - lo_y <= 0) lo_y -= 1, hi_y += 1;

  constexpr double width = 800, height = 800, margin = 50;
  const auto sx = [&](double v) { return margin + (v - lo_x) / (hi_x - lo_x) * (width - 2 * margin); };
  const auto sy = [&](double v) { return height - margin - (v - lo_y) / (hi_y - lo_y) * (height - 2 * margin); };

  std::string svg = fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\">\n"
      "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      "<text x=\"{2}\" y=\"28\" font-family=\"sans-serif\" font-size=\"16\">{3}</text>\n"
      "<rect x=\"{2}\" y=\"{2}\" width=\"{4}\" height=\"{5}\" fill=\"none\" stroke=\"#999\"/>\n"
      "<text x=\"{6}\" y=\"{7}\" font-family=\"sans-serif\" font-size=\"13\" text-anchor=\"middle\">{8}</text>\n"
      "<text x=\"18\" y=\"{9}\" font-family=\"sans-serif\" font-size=\"13\" text-anchor=\"middle\" "
      "transform=\"rotate(-90 18 {9})\">{10}</text>\n",
      width, height, margin, escape(title), width - 2 * margin, height - 2 * margin, width / 2, height - 15, xlabel,
      height / 2, ylabel);
  const index_t step = std::max<index_t>(1, (n + max_points - 1) / max_points);
  svg += "<g stroke=\"none\" fill-opacity=\"0.7\">\n";
  for (index_t i = 0; i < n; i += step) {
    const std::int64_t label = labels.data()[i];
    svg += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"2.5\" fill=\"{}\"/>\n", sx(P(i, 0)), sy(P(i, 1)),
                       palette[static_cast<std::size_t>(label) % palette.size()]);
  }
  svg += "</g>\n<g stroke-width=\"2.5\">\n";
  for (index_t j = 0; j < k; ++j) {
    const double x = sx(Q(j, 0)), y = sy(Q(j, 1));
    const char* colour = palette[static_cast<std::size_t>(j) % palette.size()];
    svg += fmt::format(
        "<circle cx=\"{0:.1f}\" cy=\"{1:.1f}\" r=\"8\" fill=\"{2}\" stroke=\"black\"/>"
        "<path d=\"M{3:.1f} {1:.1f}H{4:.1f}M{0:.1f} {5:.1f}V{6:.1f}\" stroke=\"black\"><title>centroid {7}</title></path>\n",
        x, y, colour, x - 12, x + 12, y - 12, y + 12, j);
  }
  svg += "</g>\n</svg>\n";
  return svg;
}

}  // namespace einspan::kmeans_app
