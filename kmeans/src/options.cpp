#include <einspan/kmeans/options.hpp>

#include <einspan/tensor/error.hpp>
#include <fmt/format.h>

namespace einspan {

KMeansInit parse_kmeans_init(std::string_view name) {
  if (name == "k-means++") return KMeansInit::kmeans_plusplus;
  if (name == "random") return KMeansInit::random;
  throw ValueError(fmt::format("kmeans: init must be \"k-means++\" or \"random\", got \"{}\"", name));
}

}  // namespace einspan
