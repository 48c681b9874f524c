// The kmeans program built without MPI: always one process.
#include "ranks.hpp"

#include <einspan/tensor/error.hpp>

namespace einspan::kmeans_app {

Ranks::Ranks(int&, char**&) {}
Ranks::~Ranks() = default;

void Ranks::check_on_every_rank(const std::function<void()>& check) const { check(); }

template <class T>
RanksFit<T> fit_on_ranks(const Ranks&, const std::vector<std::string>&, const std::string&, const KMeansOptions&,
                         const std::optional<Tensor<T>>&, DType, bool) {
  throw Error("kmeans: this program was built without MPI (EINSPAN_MPI=OFF or no MPI found)");
}

template RanksFit<float> fit_on_ranks(const Ranks&, const std::vector<std::string>&, const std::string&,
                                      const KMeansOptions&, const std::optional<Tensor<float>>&, DType, bool);
template RanksFit<double> fit_on_ranks(const Ranks&, const std::vector<std::string>&, const std::string&,
                                       const KMeansOptions&, const std::optional<Tensor<double>>&, DType, bool);

}  // namespace einspan::kmeans_app
