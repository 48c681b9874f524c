#include <einspan/kmeans/init.hpp>

#include "fit_across.hpp"
#include "validate.hpp"
#include <algorithm>
#include <cmath>
#include <einspan/einsum.hpp>
#include <einspan/tensor/create.hpp>
#include <einspan/tensor/elementwise.hpp>
#include <einspan/tensor/indexing.hpp>
#include <einspan/tensor/random.hpp>
#include <einspan/tensor/reduce.hpp>
#include <vector>

namespace einspan {
namespace {

using kmeans_detail::ChainLayout;
using kmeans_detail::Peers;
using kmeans_detail::fold_chains;

// Distances are computed in blocks of this many rows, starting at each chain's first row: the same
// blocks on any number of processes, so the same bits.
constexpr index_t init_block_rows = 4096;

// Squared distances (m, c) from the rows of x (m, d) to the rows of cands (c, d), clamped at 0 as
// sklearn's euclidean_distances: ||x||^2 - 2 x.c + ||c||^2 with x_norms = ||x||^2.
template <class T>
Tensor<T> squared_distances(const Tensor<T>& x, const Tensor<T>& x_norms, const Tensor<T>& cands,
                            const Tensor<T>& c_norms) {
  Tensor<T> d = einsum("md,cd->mc", x, cands);
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
template <class T>
void fetch_row(const Tensor<T>& local, const ChainLayout& layout, Peers& peers, index_t row, const Tensor<T>& out) {
  const int owner = layout.owner_of_row(row);
  if (owner == layout.rank) out.assign(local[row - layout.local_rows().begin]);
  peers.broadcast(std::span<T>(out.data(), static_cast<std::size_t>(out.size())), owner);
}

template <class T>
Tensor<T> kmeans_plusplus_across(const Tensor<T>& data, index_t k, std::uint64_t seed, const ChainLayout& layout,
                                 Peers& peers) {
  const index_t n = layout.n, d = data.dim(1), chains = layout.chains;
  const index_t row0 = layout.local_rows().begin;
  const index_t trials = 2 + static_cast<index_t>(std::log(static_cast<double>(k)));
  Generator rng(seed);

  Tensor<T> x_norms = empty<T>({data.dim(0)});
  for_each_init_block(layout, [&](index_t, Slice rows) { x_norms[{rows}].assign(einsum("md,md->m", data[{rows}], data[{rows}])); });
  Tensor<T> centers = empty<T>({k, d});
  fetch_row(data, layout, peers, rng.integers(0, n, {1})(0), centers[0]);
  Tensor<T> closest = empty<T>({data.dim(0)});
  // Runs fn(chain, rows, distances (rows, c)) over the init blocks, against the candidate rows.
  const auto for_each_block = [&](const Tensor<T>& cands, auto&& fn) {
    const Tensor<T> c_norms = einsum("cd,cd->c", cands, cands);
    for_each_init_block(layout, [&](index_t chain, Slice rows) {
      fn(chain, rows, squared_distances(data[{rows}], x_norms[{rows}], cands, c_norms));
    });
  };
  // The potential sum(closest) of each chain, added up by blocks; the whole one in chain order.
  Tensor<double> chain_potential = zeros<double>({chains, 1});
  for_each_block(centers[{slice(0, 1)}], [&](index_t chain, Slice rows, const Tensor<T>& dist) {
    closest[{rows}].assign(dist[{_, 0}]);
    chain_potential(chain, 0) += sum(closest[{rows}].template astype<double>()).item();
  });
  peers.share_chains(std::span<double>(chain_potential.data(), static_cast<std::size_t>(chains)), 1);

  std::vector<double> prefix(static_cast<std::size_t>(chains + 1));
  Tensor<std::int64_t> candidate_ids = empty<std::int64_t>({trials});
  for (index_t c = 1; c < k; ++c) {
    // np.searchsorted(np.cumsum(closest), rng.random(trials) * potential), with the cumulative sum
    // taken per chain from the sum of the chains before it: the chain holding the target finds it.
    for (index_t ch = 0; ch < chains; ++ch) prefix[ch + 1] = prefix[ch] + chain_potential(ch, 0);
    const Tensor<double> u = rng.random({trials});
    for (index_t t = 0; t < trials; ++t) {
      const double target = u(t) * prefix[chains];
      index_t ch = 0;
      while (ch + 1 < chains && prefix[ch + 1] < target) ++ch;
      const detail::Range rows = layout.chain_rows(ch);
      const int owner = layout.owner_of_row(rows.begin);
      if (owner == layout.rank) {
        double running = prefix[ch];
        index_t i = rows.begin;
        while (i < rows.end && running + closest(i - row0) < target) running += closest(i++ - row0);
        candidate_ids(t) = std::min(i, rows.end - 1);
      }
      peers.broadcast(std::span<std::int64_t>(candidate_ids.data() + t, 1), owner);
    }
    // Potential with each candidate added: sum(minimum(closest, distance to candidate)).
    Tensor<T> candidates = empty<T>({trials, d});
    for (index_t t = 0; t < trials; ++t) fetch_row(data, layout, peers, candidate_ids(t), candidates[t]);
    Tensor<double> pots = zeros<double>({chains, trials});
    for_each_block(candidates, [&](index_t chain, Slice rows, const Tensor<T>& dist) {
      add(pots[chain], sum(minimum(dist, closest[{rows}][{_, newaxis}]).template astype<double>(), 0), pots[chain]);
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

template <class T>
Tensor<T> random_init_across(const Tensor<T>& data, index_t k, std::uint64_t seed, const ChainLayout& layout, Peers& peers) {
  const Tensor<std::int64_t> ids = Generator(seed).choice(layout.n, k, false);
  Tensor<T> centers = empty<T>({k, data.dim(1)});
  for (index_t c = 0; c < k; ++c) fetch_row(data, layout, peers, ids(c), centers[c]);
  return centers;
}

}  // namespace

namespace kmeans_detail {

template <class T>
Tensor<T> initial_centroids(const Tensor<T>& local, KMeansInit init, index_t k, std::uint64_t seed,
                            const ChainLayout& layout, Peers& peers) {
  return init == KMeansInit::kmeans_plusplus ? kmeans_plusplus_across(local, k, seed, layout, peers)
                                             : random_init_across(local, k, seed, layout, peers);
}

template Tensor<float> initial_centroids(const Tensor<float>&, KMeansInit, index_t, std::uint64_t, const ChainLayout&,
                                         Peers&);
template Tensor<double> initial_centroids(const Tensor<double>&, KMeansInit, index_t, std::uint64_t, const ChainLayout&,
                                          Peers&);

}  // namespace kmeans_detail

// One process with the chains of a fit with the default block rows.
template <class T>
Tensor<T> kmeans_plusplus(const Tensor<T>& data_in, index_t k, std::uint64_t seed) {
  kmeans_detail::check_data(data_in, k);
  const Tensor<T> data = data_in.contiguous();
  kmeans_detail::LocalPeers alone;
  return kmeans_plusplus_across(data, k, seed, kmeans_detail::make_chain_layout(data.dim(0), data.dim(1), k, 0, sizeof(T)), alone);
}

template <class T>
Tensor<T> random_init(const Tensor<T>& data, index_t k, std::uint64_t seed) {
  kmeans_detail::check_data(data, k);
  return take(data, Generator(seed).choice(data.dim(0), k, false), 0);
}

template Tensor<float> kmeans_plusplus(const Tensor<float>&, index_t, std::uint64_t);
template Tensor<double> kmeans_plusplus(const Tensor<double>&, index_t, std::uint64_t);
template Tensor<float> random_init(const Tensor<float>&, index_t, std::uint64_t);
template Tensor<double> random_init(const Tensor<double>&, index_t, std::uint64_t);

}  // namespace einspan
