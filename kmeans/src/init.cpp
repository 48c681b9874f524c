#include <einspan/kmeans/init.hpp>

#include "fit_across.hpp"
#include "rows.hpp"
#include "validate.hpp"
#include <algorithm>
#include <cmath>
#include <einspan/einsum.hpp>
#include <einspan/tensor/create.hpp>
#include <einspan/tensor/elementwise.hpp>
#include <einspan/tensor/indexing.hpp>
#include <einspan/tensor/random.hpp>
#include <einspan/tensor/reduce.hpp>
#include <optional>
#include <type_traits>
#include <vector>

namespace einspan {
namespace {

using kmeans_detail::ChainLayout;
using kmeans_detail::Peers;
using kmeans_detail::fold_chains;

// Distances are computed in blocks of this many rows, starting at each chain's first row: the same
// blocks on any number of processes, so the same bits.
constexpr index_t init_block_rows = 4096;

// Squared distances (m, c) from the rows [rows] of x (dense or CSR) to the rows of cands (c, d),
// clamped at 0 as sklearn's euclidean_distances: ||x||^2 - 2 x.c + ||c||^2 with x_norms = ||x||^2.
template <class Rows, class T>
Tensor<T> squared_distances(const Rows& x, Slice rows, const Tensor<T>& x_norms, const Tensor<T>& cands,
                            const Tensor<T>& c_norms) {
  Tensor<T> d = kmeans_detail::row_dots(x, *rows.start, *rows.stop, cands);
  multiply(d, T{-2}, d);
  add(d, x_norms[{_, newaxis}], d);
  add(d, c_norms, d);
  maximum(d, T{0}, d);
  return d;
}


// Calls fn(chain, rows) for this process's init blocks: `rows` slices the local data.
template <class F>
void for_each_init_block(const ChainLayout& layout, F&& fn) {
  const index_t row0 = layout.local_rows().begin;
  const detail::Range mine = layout.local_chains();
  for (index_t c = mine.begin; c < mine.end; ++c) {
    const detail::Range rows = layout.chain_rows(c);
    for (index_t r0 = rows.begin; r0 < rows.end; r0 += init_block_rows)
      fn(c, slice(r0 - row0, std::min(rows.end, r0 + init_block_rows) - row0));
  }
}

// out = global row `row` of the data, on every process (its owner sends it).
template <class Rows, class T>
void fetch_row(const Rows& local, const ChainLayout& layout, Peers& peers, index_t row, const Tensor<T>& out) {
  const int owner = layout.owner_of_row(row);
  if (owner == layout.rank) kmeans_detail::copy_row(local, row - layout.local_rows().begin, out);
  peers.broadcast(std::span<T>(out.data(), static_cast<std::size_t>(out.size())), owner);
}

// The global row at which the running sum of mass(local row) over the rows in order first reaches
// target, on every process: np.searchsorted(np.cumsum(mass), target, side) with side "left"
// (cumsum >= target) or, when `right`, "right" (cumsum > target, so that a row of mass 0 is never
// the answer). chain_prefix[c] is the total mass of the chains before chain c; the chain holding
// the target searches its rows, and a target beyond them (rounding) gives its last row of mass > 0.
template <class Mass>
index_t locate_row(const std::vector<double>& chain_prefix, double target, bool right, const ChainLayout& layout,
                   Peers& peers, const Mass& mass) {
  const index_t chains = layout.chains, row0 = layout.local_rows().begin;
  index_t ch = 0;
  while (ch + 1 < chains && (right ? chain_prefix[ch + 1] <= target : chain_prefix[ch + 1] < target)) ++ch;
  // A target at the total (rounding) must not land in trailing chains of no mass.
  while (ch > 0 && chain_prefix[ch + 1] == chain_prefix[ch]) --ch;
  const detail::Range rows = layout.chain_rows(ch);
  const int owner = layout.owner_of_row(rows.begin);
  std::int64_t found = rows.end - 1;
  if (owner == layout.rank) {
    double running = chain_prefix[ch];
    index_t last_positive = rows.end - 1;
    for (index_t i = rows.begin; i < rows.end; ++i) {
      const double m = mass(i - row0);
      if (m > 0) last_positive = i;
      if (right ? running + m > target : running + m >= target) {
        last_positive = i;
        break;
      }
      running += m;
    }
    found = last_positive;
  }
  peers.broadcast(std::span<std::int64_t>(&found, 1), owner);
  return found;
}

// Each chain's total of mass(local row), in row order, completed by the peers.
template <class Mass>
std::vector<double> chain_prefix_sums(const ChainLayout& layout, Peers& peers, const Mass& mass) {
  const index_t row0 = layout.local_rows().begin;
  Tensor<double> totals = zeros<double>({layout.chains});
  const detail::Range mine = layout.local_chains();
  for (index_t c = mine.begin; c < mine.end; ++c) {
    const detail::Range rows = layout.chain_rows(c);
    double total = 0;
    for (index_t i = rows.begin; i < rows.end; ++i) total += mass(i - row0);
    totals(c) = total;
  }
  peers.share_chains(std::span<double>(totals.data(), static_cast<std::size_t>(layout.chains)), 1);
  std::vector<double> prefix(static_cast<std::size_t>(layout.chains + 1));
  for (index_t c = 0; c < layout.chains; ++c) prefix[c + 1] = prefix[c] + totals(c);
  return prefix;
}

// data: the local rows, dense or CSR; weights: their sample weights, or nullptr (unit weights, and
// the unweighted draws).
template <class Rows, class T = kmeans_detail::rows_element_t<Rows>>
Tensor<T> kmeans_plusplus_across(const Rows& data, const Tensor<T>* weights, index_t k, std::uint64_t seed,
                                 const ChainLayout& layout, Peers& peers) {
  const index_t n = layout.n, d = kmeans_detail::feature_count(data), chains = layout.chains;
  const index_t trials = 2 + static_cast<index_t>(std::log(static_cast<double>(k)));
  Generator rng(seed);

  const index_t local_n = kmeans_detail::row_count(data);
  Tensor<T> x_norms = empty<T>({local_n});
  for_each_init_block(layout, [&](index_t, Slice rows) {
    x_norms[{rows}].assign(kmeans_detail::squared_row_norms(data, *rows.start, *rows.stop));
  });
  Tensor<T> centers = empty<T>({k, d});
  // The first centre: uniform, or rng.choice(n, p=w / w.sum()) (a draw proportional to weight).
  const auto weight = [&](index_t i) { return static_cast<double>((*weights)(i)); };
  index_t first = 0;
  if (weights) {
    const std::vector<double> prefix = chain_prefix_sums(layout, peers, weight);
    first = locate_row(prefix, rng.random({1})(0) * prefix[chains], true, layout, peers, weight);
  } else {
    first = rng.integers(0, n, {1})(0);
  }
  fetch_row(data, layout, peers, first, centers[0]);
  Tensor<T> closest = empty<T>({local_n});
  // Each row's share of the potential: w x (squared distance to the nearest centre so far).
  const auto mass = [&](index_t i) {
    return weights ? weight(i) * static_cast<double>(closest(i)) : static_cast<double>(closest(i));
  };
  // The potential of each column of values (rows, c): sum(values * w[:, None], axis=0).
  const auto potentials = [&](const auto& values, Slice rows) -> Tensor<double> {
    if (!weights) return sum(values.template astype<double>(), 0);
    return sum(values.template astype<double>() * (*weights)[{rows}].template astype<double>()[{_, newaxis}], 0);
  };
  // Runs fn(chain, rows, distances (rows, c)) over the init blocks, against the candidate rows.
  const auto for_each_block = [&](const Tensor<T>& cands, auto&& fn) {
    const Tensor<T> c_norms = einsum("cd,cd->c", cands, cands);
    for_each_init_block(layout, [&](index_t chain, Slice rows) {
      fn(chain, rows, squared_distances(data, rows, x_norms[{rows}], cands, c_norms));
    });
  };
  // The potential sum(closest) of each chain, added up by blocks; the whole one in chain order.
  Tensor<double> chain_potential = zeros<double>({chains, 1});
  for_each_block(centers[{slice(0, 1)}], [&](index_t chain, Slice rows, const Tensor<T>& dist) {
    closest[{rows}].assign(dist[{_, 0}]);
    chain_potential(chain, 0) += weights ? potentials(dist, rows)(0) : sum(closest[{rows}].template astype<double>()).item();
  });
  peers.share_chains(std::span<double>(chain_potential.data(), static_cast<std::size_t>(chains)), 1);

  std::vector<double> prefix(static_cast<std::size_t>(chains + 1));
  Tensor<std::int64_t> candidate_ids = empty<std::int64_t>({trials});
  for (index_t c = 1; c < k; ++c) {
    // np.searchsorted(np.cumsum(w * closest), rng.random(trials) * potential), with the cumulative
    // sum taken per chain from the sum of the chains before it: the chain holding the target finds it.
    for (index_t ch = 0; ch < chains; ++ch) prefix[ch + 1] = prefix[ch] + chain_potential(ch, 0);
    const Tensor<double> u = rng.random({trials});
    for (index_t t = 0; t < trials; ++t) candidate_ids(t) = locate_row(prefix, u(t) * prefix[chains], false, layout, peers, mass);
    // Potential with each candidate added: sum(minimum(closest, distance to candidate)).
    Tensor<T> candidates = empty<T>({trials, d});
    for (index_t t = 0; t < trials; ++t) fetch_row(data, layout, peers, candidate_ids(t), candidates[t]);
    Tensor<double> pots = zeros<double>({chains, trials});
    for_each_block(candidates, [&](index_t chain, Slice rows, const Tensor<T>& dist) {
      add(pots[chain], potentials(minimum(dist, closest[{rows}][{_, newaxis}]), rows), pots[chain]);
    });
    const index_t best = argmin(fold_chains(pots, peers)).item();
    chain_potential.assign(pots[{_, slice(best, best + 1)}]);
    centers[c].assign(candidates[best]);
    for_each_block(candidates[{slice(best, best + 1)}], [&](index_t, Slice rows, const Tensor<T>& dist) {
      minimum(closest[{rows}], dist[{_, 0}], closest[{rows}]);
    });
  }
  return centers;
}

// Unweighted: rng.choice(n, k, replace=False). Weighted: k draws, each proportional to weight
// among the rows not drawn yet (a drawn row's weight becomes 0 and its chain's total is summed again).
template <class Rows, class T = kmeans_detail::rows_element_t<Rows>>
Tensor<T> random_init_across(const Rows& data, const Tensor<T>* weights, index_t k, std::uint64_t seed,
                             const ChainLayout& layout, Peers& peers) {
  Tensor<T> centers = empty<T>({k, kmeans_detail::feature_count(data)});
  Generator rng(seed);
  if (!weights) {
    const Tensor<std::int64_t> ids = rng.choice(layout.n, k, false);
    for (index_t c = 0; c < k; ++c) fetch_row(data, layout, peers, ids(c), centers[c]);
    return centers;
  }
  Tensor<double> left = weights->template astype<double>();
  const auto weight = [&](index_t i) { return left(i); };
  const index_t row0 = layout.local_rows().begin;
  for (index_t c = 0; c < k; ++c) {
    const std::vector<double> prefix = chain_prefix_sums(layout, peers, weight);
    const index_t row = locate_row(prefix, rng.random({1})(0) * prefix[layout.chains], true, layout, peers, weight);
    fetch_row(data, layout, peers, row, centers[c]);
    if (layout.owner_of_row(row) == layout.rank) left(row - row0) = 0;
  }
  return centers;
}

}  // namespace

namespace kmeans_detail {

template <class Rows, class T>
Tensor<T> initial_centroids(const Rows& local, const Tensor<T>* weights, KMeansInit init, index_t k,
                            std::uint64_t seed, const ChainLayout& layout, Peers& peers) {
  return init == KMeansInit::kmeans_plusplus ? kmeans_plusplus_across(local, weights, k, seed, layout, peers)
                                             : random_init_across(local, weights, k, seed, layout, peers);
}

template Tensor<float> initial_centroids(const Tensor<float>&, const Tensor<float>*, KMeansInit, index_t, std::uint64_t,
                                         const ChainLayout&, Peers&);
template Tensor<double> initial_centroids(const Tensor<double>&, const Tensor<double>*, KMeansInit, index_t,
                                          std::uint64_t, const ChainLayout&, Peers&);
template Tensor<float> initial_centroids(const sparse::CsrMatrix<float>&, const Tensor<float>*, KMeansInit, index_t,
                                         std::uint64_t, const ChainLayout&, Peers&);
template Tensor<double> initial_centroids(const sparse::CsrMatrix<double>&, const Tensor<double>*, KMeansInit, index_t,
                                          std::uint64_t, const ChainLayout&, Peers&);

}  // namespace kmeans_detail

namespace {

// One process with the chains of a fit with the default block rows; weights may be nullptr.
template <class Rows, class T = kmeans_detail::rows_element_t<Rows>>
Tensor<T> initial_alone(const Rows& data, const Tensor<T>* weights_in, KMeansInit init, index_t k, std::uint64_t seed) {
  kmeans_detail::check_data(data, k);
  const index_t n = kmeans_detail::row_count(data);
  const auto layout = kmeans_detail::make_chain_layout(n, kmeans_detail::feature_count(data), k, 0, sizeof(T));
  kmeans_detail::LocalPeers alone;
  std::optional<Tensor<T>> weights;
  if (weights_in) {
    kmeans_detail::check_sample_weight(*weights_in, n);
    weights = weights_in->contiguous();
    kmeans_detail::check_positive_weights(&*weights, k, alone);
  }
  const Tensor<T>* w = weights ? &*weights : nullptr;
  if constexpr (std::is_same_v<Rows, Tensor<T>>) {
    return kmeans_detail::initial_centroids(data.contiguous(), w, init, k, seed, layout, alone);
  } else {
    return kmeans_detail::initial_centroids(data, w, init, k, seed, layout, alone);
  }
}

}  // namespace

template <class T>
Tensor<T> kmeans_plusplus(const Tensor<T>& data, index_t k, std::uint64_t seed) {
  return initial_alone<Tensor<T>, T>(data, nullptr, KMeansInit::kmeans_plusplus, k, seed);
}

template <class T>
Tensor<T> random_init(const Tensor<T>& data, index_t k, std::uint64_t seed) {
  return initial_alone<Tensor<T>, T>(data, nullptr, KMeansInit::random, k, seed);
}

template <class T>
Tensor<T> kmeans_plusplus(const Tensor<T>& data, index_t k, std::uint64_t seed, const Tensor<T>& sample_weight) {
  return initial_alone(data, &sample_weight, KMeansInit::kmeans_plusplus, k, seed);
}

template <class T>
Tensor<T> random_init(const Tensor<T>& data, index_t k, std::uint64_t seed, const Tensor<T>& sample_weight) {
  return initial_alone(data, &sample_weight, KMeansInit::random, k, seed);
}

template <class T>
Tensor<T> kmeans_plusplus(const sparse::CsrMatrix<T>& data, index_t k, std::uint64_t seed) {
  return initial_alone<sparse::CsrMatrix<T>, T>(data, nullptr, KMeansInit::kmeans_plusplus, k, seed);
}

template <class T>
Tensor<T> random_init(const sparse::CsrMatrix<T>& data, index_t k, std::uint64_t seed) {
  return initial_alone<sparse::CsrMatrix<T>, T>(data, nullptr, KMeansInit::random, k, seed);
}

template <class T>
Tensor<T> kmeans_plusplus(const sparse::CsrMatrix<T>& data, index_t k, std::uint64_t seed,
                          const Tensor<T>& sample_weight) {
  return initial_alone(data, &sample_weight, KMeansInit::kmeans_plusplus, k, seed);
}

template <class T>
Tensor<T> random_init(const sparse::CsrMatrix<T>& data, index_t k, std::uint64_t seed, const Tensor<T>& sample_weight) {
  return initial_alone(data, &sample_weight, KMeansInit::random, k, seed);
}

template Tensor<float> kmeans_plusplus(const Tensor<float>&, index_t, std::uint64_t);
template Tensor<double> kmeans_plusplus(const Tensor<double>&, index_t, std::uint64_t);
template Tensor<float> random_init(const Tensor<float>&, index_t, std::uint64_t);
template Tensor<double> random_init(const Tensor<double>&, index_t, std::uint64_t);
template Tensor<float> kmeans_plusplus(const Tensor<float>&, index_t, std::uint64_t, const Tensor<float>&);
template Tensor<double> kmeans_plusplus(const Tensor<double>&, index_t, std::uint64_t, const Tensor<double>&);
template Tensor<float> random_init(const Tensor<float>&, index_t, std::uint64_t, const Tensor<float>&);
template Tensor<double> random_init(const Tensor<double>&, index_t, std::uint64_t, const Tensor<double>&);
template Tensor<float> kmeans_plusplus(const sparse::CsrMatrix<float>&, index_t, std::uint64_t);
template Tensor<double> kmeans_plusplus(const sparse::CsrMatrix<double>&, index_t, std::uint64_t);
template Tensor<float> random_init(const sparse::CsrMatrix<float>&, index_t, std::uint64_t);
template Tensor<double> random_init(const sparse::CsrMatrix<double>&, index_t, std::uint64_t);
template Tensor<float> kmeans_plusplus(const sparse::CsrMatrix<float>&, index_t, std::uint64_t, const Tensor<float>&);
template Tensor<double> kmeans_plusplus(const sparse::CsrMatrix<double>&, index_t, std::uint64_t, const Tensor<double>&);
template Tensor<float> random_init(const sparse::CsrMatrix<float>&, index_t, std::uint64_t, const Tensor<float>&);
template Tensor<double> random_init(const sparse::CsrMatrix<double>&, index_t, std::uint64_t, const Tensor<double>&);

}  // namespace einspan
