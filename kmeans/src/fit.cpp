#include <einspan/kmeans/fit.hpp>

#include "chains.hpp"
#include "team.hpp"
#include "fit_across.hpp"
#include "peers.hpp"
#include "runs.hpp"
#include "validate.hpp"
#include <algorithm>
#include <atomic>
#include <einspan/einsum.hpp>
#include <einspan/tensor/elementwise.hpp>
#include <einspan/tensor/indexing.hpp>
#include <einspan/tensor/reduce.hpp>
#include <einspan/kmeans/init.hpp>
#include <einspan/kmeans/steps.hpp>
#include <einspan/sparse/csc_matrix.hpp>
#include <einspan/sparse/matmul.hpp>
#include <einspan/tensor/create.hpp>
#include <einspan/tensor/detail/parallel.hpp>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <omp.h>
#include <span>
#include <utility>
#include <vector>

namespace einspan {
namespace {

using kmeans_detail::ChainLayout;
using kmeans_detail::Peers;
using kmeans_detail::ScopedMaxThreads;
using kmeans_detail::team_size;

// Everything one thread needs to process a row block, allocated once per fit.
template <class T>
struct ThreadWorkspace {
  ThreadWorkspace(index_t rows, index_t k, index_t d)
      : assign(rows, k, d), labels(zeros<std::int64_t>({rows})), changed_mask(zeros<bool>({rows})),
        block_changed(zeros<std::int64_t>({})) {
    // Sized for a whole block now: a helper's first block may come in any pass.
    one_hot.assign_one_hot(std::span<const index_t>(labels.data(), static_cast<std::size_t>(rows)), k);
  }
  AssignmentStep<T> assign;
  sparse::CscMatrix<T> one_hot;      // the block's labels as a (k, rows) one-hot matrix
  Tensor<std::int64_t> labels;       // (rows,) labels of the current block before they are compared
  Tensor<bool> changed_mask;         // (rows,)
  Tensor<std::int64_t> block_changed;
  std::uint32_t centroids_pass = 0;  // the pass whose centroids `assign` holds
};

// The cluster statistics of one chain: a fixed, contiguous run of blocks added up in block order,
// sums = ((0 + S_b0) + S_b1) + ... The fit adds the chains' statistics in chain order. The chains
// depend on the data's shape only (chain_count), so the result does not depend on the thread count.
// Any thread may compute a block's S_b (blocks are handed out dynamically, so that a thread that
// another process slows down does less of the work); S_b waits in one of `window` slots until the
// blocks before it in its chain are added.
template <class T>
struct BlockChain {
  BlockChain(detail::Range blocks, index_t window, Tensor<T> chain_sums, Tensor<T> chain_counts, index_t k, index_t d)
      : begin(blocks.begin), end(blocks.end), sums(std::move(chain_sums)), counts(std::move(chain_counts)),
        ready(static_cast<std::size_t>(window), 0) {
    for (index_t w = 0; w < window; ++w) {
      slot_sums.push_back(zeros<T>({k, d}));
      slot_counts.push_back(zeros<T>({k}));
    }
  }
  index_t begin, end;  // this process's blocks
  Tensor<T> sums;      // (k, d), a view of the fit's per-chain statistics
  Tensor<T> counts;    // (k,), the same
  std::vector<Tensor<T>> slot_sums, slot_counts;  // S_b and the sizes of block begin + j, in slot j % window
  std::vector<char> ready;                        // slots computed and not yet added; guarded by mutex
  std::atomic<index_t> head{0};                   // blocks added so far
  std::mutex mutex;
};

// One Lloyd fit at a time over fixed data; the buffers are reused by every run of n_init.
template <class T>
class Lloyd {
 public:
  // data: this process's rows of the fit, layout.local_rows(); weights: their sample weights, or
  // nullptr for unit weights (the one-hot update, without multiplications).
  Lloyd(const Tensor<T>& data, const Tensor<T>* weights, const KMeansOptions& options, index_t k,
        const ChainLayout& layout, Peers& peers)
      : data_(data), weights_(weights ? *weights : Tensor<T>()), weighted_(weights != nullptr), options_(options), layout_(layout), peers_(peers), n_(data.dim(0)), d_(data.dim(1)), k_(k),
        rows_(layout.block_rows), block0_(layout.chain_blocks(layout.local_chains().begin).begin),
        blocks_((n_ + rows_ - 1) / rows_), chain_count_(layout.local_chains().end - layout.local_chains().begin),
        team_(team_size(options, n_ * k * d_, blocks_)), labels_(empty<std::int64_t>({n_})),
        centroids_(empty<T>({k, d_})), sums_(empty<T>({k, d_})), counts_(empty<T>({k})), diff_(empty<T>({k, d_})),
        c_norms_(empty<T>({k})), scalar_(zeros<T>({})), chain_stats_(zeros<T>({layout.chains, k * d_ + k})),
        pair_sum_("kd,kd->", centroids_, sums_), row_norms_("kd,kd->k", centroids_, centroids_),
        dot_("k,k->", counts_, c_norms_) {
    for (index_t c = 0; c < layout.chains; ++c) {
      chain_sums_.push_back(chain_stats_[c][{slice(0, k_ * d_)}].reshape({k_, d_}));
      chain_counts_.push_back(chain_stats_[c][{slice(k_ * d_, k_ * d_ + k_)}]);
    }
    workspaces_.reserve(static_cast<std::size_t>(team_));
    for (int t = 0; t < team_; ++t) workspaces_.emplace_back(rows_, k_, d_);
    // Slots per chain: enough for every thread of the team to hold a block and run well ahead of a
    // descheduled one, within ~4 MiB (a thread that runs alone adds every block as it finishes it).
    const index_t chain_length = (layout.blocks + layout.chains - 1) / layout.chains;
    const auto slot_bytes = static_cast<index_t>(sizeof(T)) * (k_ * d_ + k_) * chain_count_;
    const index_t ahead = (2 * index_t{team_} + chain_count_ - 1) / chain_count_;
    window_ = team_ == 1 ? 1
                         : std::min(chain_length, std::max(ahead, std::clamp<index_t>((index_t{4} << 20) / slot_bytes, 1, 16)));
    claims_ = chain_length * chain_count_;
    const index_t first = layout.local_chains().begin;
    for (index_t c = first; c < first + chain_count_; ++c) {
      const detail::Range global = layout.chain_blocks(c);
      chains_.push_back(std::make_unique<BlockChain<T>>(detail::Range{global.begin - block0_, global.end - block0_},
                                                        window_, chain_sums_[c], chain_counts_[c], k_, d_));
    }
    // sum w ||x||^2 over the data, for the inertia of each iteration from the cluster statistics.
    sum_x_norms_ = sum_over_chains(1, [&](const Tensor<T>& x, const Tensor<double>& total, index_t b) {
      const Tensor<double> norms = einsum("md,md->m", x, x).template astype<double>();
      add(total, weighted_ ? sum(norms * block(weights_, b).template astype<double>()) : sum(norms), total);
    })(0);
    tol_ = options.tol > 0 ? options.tol * mean_variance() : 0.0;
  }

  KMeansResult<T> run(const Tensor<T>& initial, index_t run_index) {
    KMeansResult<T> result;
    centroids_.assign(initial);
    if (labels_.size() != n_) labels_ = empty<std::int64_t>({n_});  // the previous run's result took them
    labels_.fill(-1);
    // A helper may take its first block in any pass: every workspace compiles its plans here (and
    // every thread reserves its product scratch in with_team), so that no pass allocates.
    for (ThreadWorkspace<T>& ws : workspaces_) ws.assign.set_centroids(centroids_);
    result.inertia_history.reserve(static_cast<std::size_t>(options_.max_iter));
    bool strict = false;
    with_team([&] {
      for (index_t it = 1; it <= options_.max_iter; ++it) {
        KMeansIteration info{run_index, it, 0, 0, 0, 0};
        info.labels_changed = assign_and_accumulate(true);
        info.inertia = inertia_from_statistics();
        info.reseeded = reseed_empty_clusters();
        info.center_shift = move_centroids();
        result.inertia_history.push_back(info.inertia);
        result.reseeded += info.reseeded;
        result.iterations = it;
        if (options_.on_iteration) options_.on_iteration(info);
        strict = info.labels_changed == 0;
        result.converged = strict || (options_.tol > 0 && info.center_shift <= tol_);
        if (options_.tol > 0 && result.converged) break;
      }
      // Labels must describe the final centroids; the last assignment saw the previous ones.
      if (!strict) assign_and_accumulate(false);
    });
    result.threads_run = team_;
    result.inertia = exact_inertia();
    result.centroids = centroids_.copy();
    // Moved, not copied: n labels are the fit's largest allocation after the data.
    result.labels = std::exchange(labels_, Tensor<std::int64_t>());
    return result;
  }

 private:
  template <class U>
  Tensor<U> block(const Tensor<U>& t, index_t b) const {
    return t[{slice(b * rows_, std::min(n_, (b + 1) * rows_))}];
  }

  // Runs lead() on the calling thread while team_ - 1 helpers (one OpenMP region per fit)
  // process the blocks of every pass that lead() starts with assign_and_accumulate. Between passes
  // the helpers sleep on pass_ (a futex after a short spin): libgomp's barriers spin for a wait
  // policy fixed before main, and a thread spinning on a shared or descheduled core delays every
  // pass.
  template <class Lead>
  void with_team(const Lead& lead) {
    stop_.store(false, std::memory_order_relaxed);
    const std::uint32_t before = pass_.load(std::memory_order_relaxed);
    if (team_ == 1) {
      sparse::reserve_matmul_scratch<T>(k_, d_);
      lead();
      return;
    }
    detail::prefer_passive_wait();
    std::exception_ptr error;
#pragma omp parallel num_threads(team_)
    {
      // Before the first pass: a helper's first product may come in any pass. A thread that
      // cannot reserve (bad_alloc) leaves the error for the lead, which then starts no pass.
      try {
        sparse::reserve_matmul_scratch<T>(k_, d_);
      } catch (...) {
#pragma omp critical(einspan_kmeans_team_error)
        if (!error) error = std::current_exception();
      }
#pragma omp barrier
      if (omp_get_thread_num() == 0) {
        try {
          if (!error) lead();
        } catch (...) {
          error = std::current_exception();
        }
        stop_.store(true, std::memory_order_relaxed);
        pass_.fetch_add(1, std::memory_order_release);
        pass_.notify_all();
      } else {
        help(workspaces_[static_cast<std::size_t>(omp_get_thread_num())], before);
      }
    }
    if (error) std::rethrow_exception(error);
  }

  void help(ThreadWorkspace<T>& ws, std::uint32_t seen) {
    for (;;) {
      pass_.wait(seen, std::memory_order_acquire);
      seen = pass_.load(std::memory_order_acquire);
      if (stop_.load(std::memory_order_relaxed)) return;
      work(ws, seen);
    }
  }

  // Assigns every point to its nearest centroid (blocks spread over the team) and, when `update`,
  // accumulates the cluster sums and sizes into sums_/counts_. Returns how many labels changed.
  // Called by lead(), on the calling thread.
  index_t assign_and_accumulate(bool update) {
    update_ = update;
    changed_.store(0, std::memory_order_relaxed);
    done_.store(0, std::memory_order_relaxed);
    for (const auto& chain : chains_) chain->head.store(0, std::memory_order_relaxed);
    if (update) chain_stats_.fill(T{0});
    const std::uint32_t pass = pass_.load(std::memory_order_relaxed) + 1;
    next_.store(std::uint64_t{pass} << 32, std::memory_order_relaxed);
    pass_.store(pass, std::memory_order_release);
    if (team_ > 1) pass_.notify_all();
    work(workspaces_[0], pass);
    for (index_t v = done_.load(std::memory_order_acquire); v != blocks_; v = done_.load(std::memory_order_acquire))
      done_.wait(v, std::memory_order_acquire);
    if (block_error_) std::rethrow_exception(std::exchange(block_error_, nullptr));
    if (update) {
      peers_.share_chains(std::span<T>(chain_stats_.data(), static_cast<std::size_t>(chain_stats_.size())), k_ * d_ + k_);
      sums_.fill(T{0});
      counts_.fill(T{0});
      for (index_t c = 0; c < layout_.chains; ++c) {
        add(sums_, chain_sums_[c], sums_);
        add(counts_, chain_counts_[c], counts_);
      }
    }
    return peers_.sum(changed_.load(std::memory_order_relaxed));
  }

  // Claims and processes blocks of `pass` until none is left. Claims go round the chains (block j
  // of chain 0, of chain 1, ..., then block j + 1), so that the chains advance together.
  void work(ThreadWorkspace<T>& ws, std::uint32_t pass) {
    for (;;) {
      std::uint64_t claim = next_.load(std::memory_order_relaxed);
      index_t i = 0;
      do {
        i = static_cast<index_t>(claim & 0xffffffffu);
        if (claim >> 32 != pass || i >= claims_) return;
      } while (!next_.compare_exchange_weak(claim, claim + 1, std::memory_order_acq_rel, std::memory_order_relaxed));
      BlockChain<T>& chain = *chains_[static_cast<std::size_t>(i % chain_count_)];
      const index_t j = i / chain_count_;
      if (chain.begin + j >= chain.end) continue;
      // Wait for a free slot: the block window_ places before this one must have been added. The
      // chain's head block was claimed before this one, by a thread that does not wait.
      for (index_t h = chain.head.load(std::memory_order_acquire); j >= h + window_;
           h = chain.head.load(std::memory_order_acquire))
        chain.head.wait(h, std::memory_order_acquire);
      try {
        process(ws, pass, chain, j);
      } catch (...) {
        const std::lock_guard lock(error_mutex_);
        if (!block_error_) block_error_ = std::current_exception();
      }
      complete(chain, j);
    }
  }

  void process(ThreadWorkspace<T>& ws, std::uint32_t pass, BlockChain<T>& chain, index_t j) {
    if (ws.centroids_pass != pass) {
      ws.assign.set_centroids(centroids_);
      ws.centroids_pass = pass;
    }
    const index_t b = chain.begin + j;
    const Tensor<T> x = block(data_, b);
    const index_t m = x.dim(0);
    const Tensor<std::int64_t> fresh = ws.labels[{slice(0, m)}];
    ws.assign(x, fresh);
    const Tensor<std::int64_t> old = block(labels_, b);
    const Tensor<bool> mask = ws.changed_mask[{slice(0, m)}];
    not_equal(fresh, old, mask);
    sum(mask, Axes::all(), ws.block_changed);
    changed_.fetch_add(ws.block_changed.item(), std::memory_order_relaxed);
    old.assign(fresh);
    if (!update_) return;
    // one_hot @ block and bincount(labels) (the one-hot matrix's row sums) from one pass, as
    // UpdateStep does, into this block's slot.
    const auto slot = static_cast<std::size_t>(j % window_);
    const std::span<const index_t> labels(fresh.data(), static_cast<std::size_t>(m));
    if (weighted_) {
      // The weighted one-hot matrix: its product gives sum w x per cluster, its row sums sum w.
      ws.one_hot.assign_one_hot(labels, k_, std::span<const T>(weights_.data() + b * rows_, static_cast<std::size_t>(m)));
    } else {
      ws.one_hot.assign_one_hot(labels, k_);
    }
    sparse::matmul_with_row_sums(ws.one_hot, x, chain.slot_sums[slot], chain.slot_counts[slot]);
  }

  // Marks block j of the chain computed, and adds every computed block at the chain's head.
  void complete(BlockChain<T>& chain, index_t j) {
    const std::lock_guard lock(chain.mutex);
    chain.ready[static_cast<std::size_t>(j % window_)] = 1;
    const index_t first = chain.head.load(std::memory_order_relaxed);
    index_t h = first;
    for (; chain.begin + h < chain.end && chain.ready[static_cast<std::size_t>(h % window_)]; ++h) {
      const auto slot = static_cast<std::size_t>(h % window_);
      if (update_) {
        add(chain.sums, chain.slot_sums[slot], chain.sums);
        add(chain.counts, chain.slot_counts[slot], chain.counts);
      }
      chain.ready[slot] = 0;
    }
    if (h == first) return;
    chain.head.store(h, std::memory_order_release);
    chain.head.notify_all();
    if (done_.fetch_add(h - first, std::memory_order_acq_rel) + (h - first) == blocks_) done_.notify_all();
  }

  // Inertia of this iteration's assignment against the centroids it used, from the cluster
  // statistics alone: sum ||x||^2 - 2 sum_j c_j . S_j + sum_j n_j ||c_j||^2.
  double inertia_from_statistics() {
    pair_sum_(scalar_, centroids_, sums_);
    const double cross = scalar_.item();
    row_norms_(c_norms_, centroids_, centroids_);
    dot_(scalar_, counts_, c_norms_);
    return std::max(0.0, sum_x_norms_ - 2 * cross + static_cast<double>(scalar_.item()));
  }

  // sklearn's _relocate_empty_clusters_dense: each empty cluster (no weight) takes one of the points
  // farthest from their (previous) centroid, which leaves its old cluster with its weight. Points
  // of weight 0 are passed over: they could not give the cluster a weight (sklearn 1.2 takes them
  // and moves the cluster to the origin). Returns how many were re-seeded. Rare, so the exact
  // distances it needs are computed with allocating expressions.
  index_t reseed_empty_clusters() {
    index_t empty_count = 0;
    for (index_t j = 0; j < k_; ++j) empty_count += counts_(j) == T{0};
    if (empty_count == 0) return 0;
    // Each chain's empty_count farthest points (distance -1 marks none), then the farthest of all,
    // the farthest first and the earlier row first on ties.
    Tensor<double> far_distance = full<double>({layout_.chains, empty_count}, -1.0);
    Tensor<std::int64_t> far_row = zeros<std::int64_t>({layout_.chains, empty_count});
    const index_t first = layout_.local_chains().begin;
    for (index_t c = first; c < first + chain_count_; ++c) {
      const BlockChain<T>& chain = *chains_[static_cast<std::size_t>(c - first)];
      for (index_t b = chain.begin; b < chain.end; ++b) {
        const Tensor<T> x = block(data_, b);
        const Tensor<T> dist = sum(square(x - take(centroids_, block(labels_, b), 0)), 1);
        for (index_t i = 0; i < x.dim(0); ++i) {
          if (weighted_ && weights_((b * rows_) + i) == T{0}) continue;
          const double v = dist(i);
          index_t pos = empty_count - 1;
          if (v <= far_distance(c, pos)) continue;
          for (; pos > 0 && far_distance(c, pos - 1) < v; --pos) {
            far_distance(c, pos) = far_distance(c, pos - 1);
            far_row(c, pos) = far_row(c, pos - 1);
          }
          far_distance(c, pos) = v;
          far_row(c, pos) = (block0_ + b) * rows_ + i;
        }
      }
    }
    peers_.share_chains(std::span<double>(far_distance.data(), static_cast<std::size_t>(far_distance.size())), empty_count);
    peers_.share_chains(std::span<std::int64_t>(far_row.data(), static_cast<std::size_t>(far_row.size())), empty_count);
    std::vector<std::pair<double, std::int64_t>> far;
    for (index_t i = 0; i < far_distance.size(); ++i)
      if (far_distance.data()[i] >= 0) far.emplace_back(-far_distance.data()[i], far_row.data()[i]);
    std::sort(far.begin(), far.end());
    // Each empty cluster takes the next far point, which its owner sends with its label and weight
    // (w x is the point's share of its cluster's sums).
    const index_t row0 = layout_.local_rows().begin;
    Tensor<T> point = empty<T>({d_ + 1});  // w x, then w
    Tensor<std::int64_t> old = empty<std::int64_t>({1});
    index_t next = 0;
    for (index_t j = 0; j < k_; ++j) {
      if (counts_(j) != T{0}) continue;
      const std::int64_t p = far[static_cast<std::size_t>(next++)].second;
      const int owner = layout_.owner_of_row(p);
      if (owner == layout_.rank) {
        const T w = weighted_ ? weights_(p - row0) : T{1};
        multiply(data_[p - row0], w, point[{slice(0, d_)}]);
        point(d_) = w;
        old(0) = labels_(p - row0);
      }
      peers_.broadcast(std::span<T>(point.data(), static_cast<std::size_t>(d_ + 1)), owner);
      peers_.broadcast(std::span<std::int64_t>(old.data(), 1), owner);
      const Tensor<T> share = point[{slice(0, d_)}];
      subtract(sums_[old(0)], share, sums_[old(0)]);
      sums_[j].assign(share);
      counts_(old(0)) -= point(d_);
      counts_(j) = point(d_);
    }
    return empty_count;
  }

  // centroids = sums / counts[:, None]; returns the summed squared shift. A cluster left with no
  // point (its only point re-seeded another) keeps its centroid rather than becoming NaN.
  double move_centroids() {
    for (index_t j = 0; j < k_; ++j) {
      if (counts_(j) != T{0}) continue;
      sums_[j].assign(centroids_[j]);
      counts_(j) = T{1};
    }
    divide(sums_, counts_[{_, newaxis}], sums_);
    subtract(sums_, centroids_, diff_);
    pair_sum_(scalar_, diff_, diff_);
    centroids_.assign(sums_);
    return static_cast<double>(scalar_.item());
  }

  // sum w ||x - c[label]||^2, computed directly (no expanded norm) for the reported inertia.
  double exact_inertia() {
    return sum_over_chains(1, [&](const Tensor<T>& x, const Tensor<double>& total, index_t b) {
      const Tensor<std::int64_t> labels = block(labels_, b);
      if (weighted_) {
        const Tensor<double> per_row = sum(square(x - take(centroids_, labels, 0)), 1).template astype<double>();
        add(total, sum(per_row * block(weights_, b).template astype<double>()), total);
      } else {
        add(total, sum(square(x - take(centroids_, labels, 0)).template astype<double>()), total);
      }
    })(0);
  }

  // Mean over features of the per-feature variance (sklearn's scale for tol; weighted, so that
  // integer weights give the tolerance of the repeated rows), blockwise so that no copy of the data
  // is made.
  double mean_variance() {
    const double total_weight = weighted_ ? sum_over_chains(1, [&](const Tensor<T>&, const Tensor<double>& total, index_t b) {
      add(total, sum(block(weights_, b).template astype<double>()), total);
    })(0) : static_cast<double>(layout_.n);
    // Each block's values (m, width) times its weights: the rows as they are when unweighted.
    const auto weighted_sum = [&](const auto& values, index_t b) {
      return weighted_ ? sum(values * block(weights_, b).template astype<double>()[{_, newaxis}], 0) : sum(values, 0);
    };
    Tensor<double> centre = sum_over_chains(d_, [&](const Tensor<T>& x, const Tensor<double>& total, index_t b) {
      add(total, weighted_sum(x.template astype<double>(), b), total);
    });
    centre /= total_weight;
    const Tensor<double> squares = sum_over_chains(d_, [&](const Tensor<T>& x, const Tensor<double>& total, index_t b) {
      add(total, weighted_sum(square(x.template astype<double>() - centre), b), total);
    });
    return mean(squares).item() / total_weight;
  }

  // A sum of `width` doubles over the rows: add(block, chain's total[, block index]) adds each
  // block of a chain in block order, then the chains are added in chain order (chains.hpp).
  template <class AddBlock>
  Tensor<double> sum_over_chains(index_t width, const AddBlock& add_block) {
    Tensor<double> per_chain = zeros<double>({layout_.chains, width});
    const index_t first = layout_.local_chains().begin;
    for (index_t c = first; c < first + chain_count_; ++c) {
      const BlockChain<T>& chain = *chains_[static_cast<std::size_t>(c - first)];
      for (index_t b = chain.begin; b < chain.end; ++b) {
        if constexpr (std::is_invocable_v<const AddBlock&, const Tensor<T>&, const Tensor<double>&, index_t>) {
          add_block(block(data_, b), per_chain[c], b);
        } else {
          add_block(block(data_, b), per_chain[c]);
        }
      }
    }
    return kmeans_detail::fold_chains(per_chain, peers_);
  }

  Tensor<T> data_;     // this process's rows
  Tensor<T> weights_;  // their sample weights, when weighted_
  bool weighted_;
  const KMeansOptions& options_;
  const ChainLayout& layout_;
  Peers& peers_;
  index_t n_, d_, k_, rows_;
  index_t block0_;       // the fit's index of this process's first block
  index_t blocks_;       // this process's blocks
  index_t chain_count_;  // this process's chains
  int team_;             // threads that run the chains (team_size)
  index_t window_ = 0, claims_ = 0;
  double tol_ = 0;
  double sum_x_norms_ = 0;
  Tensor<std::int64_t> labels_;
  Tensor<T> centroids_;
  Tensor<T> sums_;
  Tensor<T> counts_;
  Tensor<T> diff_;
  Tensor<T> c_norms_;
  Tensor<T> scalar_;
  Tensor<T> chain_stats_;  // (chains, k * d + k): every chain's sums and sizes, this process's computed here
  std::vector<Tensor<T>> chain_sums_, chain_counts_;  // views of chain_stats_
  EinsumPlan<T> pair_sum_, row_norms_, dot_;
  std::vector<ThreadWorkspace<T>> workspaces_;
  std::vector<std::unique_ptr<BlockChain<T>>> chains_;
  // The team's shared state. A pass starts when lead() increments pass_; next_ holds the pass in
  // its high half and the next claim in its low half, so that a late helper cannot claim a block
  // of a pass it did not see start.
  std::atomic<std::uint32_t> pass_{0};
  std::atomic<std::uint64_t> next_{0};
  std::atomic<index_t> done_{0};     // blocks added to their chain in this pass
  std::atomic<index_t> changed_{0};  // labels changed in this pass
  std::atomic<bool> stop_{false};
  bool update_ = false;  // written by lead() before the pass starts
  std::mutex error_mutex_;
  std::exception_ptr block_error_;
};


}  // namespace

namespace kmeans_detail {

void check_options(const KMeansOptions& options) {
  if (options.max_iter <= 0) throw ValueError(fmt::format("kmeans: max_iter must be positive, got {}", options.max_iter));
  if (!(options.tol >= 0)) throw ValueError(fmt::format("kmeans: tol must be >= 0, got {}", options.tol));
  if (options.n_init <= 0) throw ValueError(fmt::format("kmeans: n_init must be positive, got {}", options.n_init));
  if (options.threads < 0) throw ValueError(fmt::format("kmeans: threads must be >= 0, got {}", options.threads));
  if (options.min_work_per_thread < 0)
    throw ValueError(fmt::format("kmeans: min_work_per_thread must be >= 0, got {}", options.min_work_per_thread));
}

template <class T>
KMeansResult<T> fit_across(const Tensor<T>& local, const Tensor<T>* weights, const KMeansOptions& options,
                           const ChainLayout& layout, Peers& peers) {
  check_positive_weights(weights, options.k, peers);
  Lloyd<T> lloyd(local, weights, options, options.k, layout, peers);
  const ScopedMaxThreads init_threads(options.threads);
  return best_of_runs<T>(options, [&](std::uint64_t seed, index_t r) {
    return lloyd.run(initial_centroids(local, weights, options.init, options.k, seed, layout, peers), r);
  });
}

template <class T>
KMeansResult<T> fit_across(const Tensor<T>& local, const Tensor<T>* weights, const Tensor<T>& initial,
                           const KMeansOptions& options, const ChainLayout& layout, Peers& peers) {
  check_positive_weights(weights, initial.dim(0), peers);
  Lloyd<T> lloyd(local, weights, options, initial.dim(0), layout, peers);
  return lloyd.run(initial, 0);
}

template KMeansResult<float> fit_across(const Tensor<float>&, const Tensor<float>*, const KMeansOptions&,
                                        const ChainLayout&, Peers&);
template KMeansResult<double> fit_across(const Tensor<double>&, const Tensor<double>*, const KMeansOptions&,
                                         const ChainLayout&, Peers&);
template KMeansResult<float> fit_across(const Tensor<float>&, const Tensor<float>*, const Tensor<float>&,
                                        const KMeansOptions&, const ChainLayout&, Peers&);
template KMeansResult<double> fit_across(const Tensor<double>&, const Tensor<double>*, const Tensor<double>&,
                                         const KMeansOptions&, const ChainLayout&, Peers&);

}  // namespace kmeans_detail

namespace {

// The one-process fit: from options.init, or from the given centroids; weights may be nullptr.
template <class T>
KMeansResult<T> fit_alone(const Tensor<T>& data, const Tensor<T>* initial, const KMeansOptions& options,
                          const Tensor<T>* weights) {
  kmeans_detail::check_options(options);
  const index_t k = initial ? kmeans_detail::check_initial_centroids(*initial, data.ndim() == 2 ? data.dim(1) : -1, options.k)
                            : options.k;
  kmeans_detail::check_data(data, k);
  std::optional<Tensor<T>> w;
  if (weights) {
    kmeans_detail::check_sample_weight(*weights, data.dim(0));
    w = weights->contiguous();
  }
  const kmeans_detail::ChainLayout layout =
      kmeans_detail::make_chain_layout(data.dim(0), data.dim(1), k, options.block_rows, sizeof(T));
  kmeans_detail::LocalPeers alone;
  const Tensor<T>* local_weights = w ? &*w : nullptr;
  return initial ? kmeans_detail::fit_across(data.contiguous(), local_weights, *initial, options, layout, alone)
                 : kmeans_detail::fit_across(data.contiguous(), local_weights, options, layout, alone);
}

}  // namespace

template <class T>
KMeansResult<T> kmeans(const Tensor<T>& data, const KMeansOptions& options) {
  return fit_alone<T>(data, nullptr, options, nullptr);
}

template <class T>
KMeansResult<T> kmeans(const Tensor<T>& data, const Tensor<T>& initial_centroids, const KMeansOptions& options) {
  return fit_alone<T>(data, &initial_centroids, options, nullptr);
}

template <class T>
KMeansResult<T> kmeans(const Tensor<T>& data, const KMeansOptions& options, const Tensor<T>& sample_weight) {
  return fit_alone<T>(data, nullptr, options, &sample_weight);
}

template <class T>
KMeansResult<T> kmeans(const Tensor<T>& data, const Tensor<T>& initial_centroids, const KMeansOptions& options,
                       const Tensor<T>& sample_weight) {
  return fit_alone<T>(data, &initial_centroids, options, &sample_weight);
}

template KMeansResult<float> kmeans(const Tensor<float>&, const KMeansOptions&);
template KMeansResult<double> kmeans(const Tensor<double>&, const KMeansOptions&);
template KMeansResult<float> kmeans(const Tensor<float>&, const Tensor<float>&, const KMeansOptions&);
template KMeansResult<double> kmeans(const Tensor<double>&, const Tensor<double>&, const KMeansOptions&);
template KMeansResult<float> kmeans(const Tensor<float>&, const KMeansOptions&, const Tensor<float>&);
template KMeansResult<double> kmeans(const Tensor<double>&, const KMeansOptions&, const Tensor<double>&);
template KMeansResult<float> kmeans(const Tensor<float>&, const Tensor<float>&, const KMeansOptions&, const Tensor<float>&);
template KMeansResult<double> kmeans(const Tensor<double>&, const Tensor<double>&, const KMeansOptions&,
                                     const Tensor<double>&);

}  // namespace einspan
