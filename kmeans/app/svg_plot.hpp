#pragma once
// An SVG scatter plot of a clustering, so that a person can look at the result.
#include <cstdint>
#include <einspan/tensor/tensor.hpp>
#include <string>

namespace einspan::kmeans_app {

// Points coloured by cluster, centroids drawn as black-ringed crosses. With d > 2 the points are
// projected on the first two principal components of the data (eigenvectors of its d x d
// covariance); with d = 1 they lie on a line. At most `max_points` points are drawn (an even
// subsample), so the file stays viewable for large n. Returns the SVG document.
std::string scatter_svg(const Tensor<double>& data, const Tensor<std::int64_t>& labels, const Tensor<double>& centroids,
                        const std::string& title, index_t max_points = 20000);

}  // namespace einspan::kmeans_app
