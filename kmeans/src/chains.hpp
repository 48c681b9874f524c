#pragma once
// The fit's fixed decomposition of its n rows, on which its result depends and nothing else does:
// blocks of `block_rows` rows, cut into `chains` contiguous runs of blocks. Every sum the fit makes
// over the rows is a sum per chain (in block order) followed by a sum of the chains in chain order,
// whatever thread computed a block and whichever process holds a chain. Process r of P holds the
// chains split_range(chains, P, r), so P may be at most `chains`.
#include <algorithm>
#include <cstddef>
#include <einspan/tensor/detail/parallel.hpp>
#include <einspan/tensor/dims.hpp>

namespace einspan::kmeans_detail {

// Rows per block: the block's slice of the data (about 256 KiB) stays in L2 between the
// assignment, which reads it once, and the update, which reads it again.
inline index_t default_block_rows(index_t d) {
  return std::clamp<index_t>(index_t{32768} / std::max<index_t>(d, 1), 256, 8192);
}

// At most 16 chains (enough to keep a few threads busy while one is slowed down), at most one per
// block, and their cluster statistics within 8 MiB.
inline index_t chain_count(index_t blocks, index_t k, index_t d, std::size_t element_bytes) {
  const index_t chain_bytes = static_cast<index_t>(element_bytes) * (k * d + k);
  return std::clamp<index_t>((index_t{8} << 20) / chain_bytes, 1, std::min<index_t>(16, blocks));
}

struct ChainLayout {
  index_t n = 0;  // rows of the whole fit, over every process
  index_t block_rows = 0, blocks = 0, chains = 0;
  int rank = 0, ranks = 1;

  detail::Range chain_blocks(index_t c) const { return detail::split_range(blocks, chains, c); }
  detail::Range chain_rows(index_t c) const {
    const detail::Range b = chain_blocks(c);
    return {b.begin * block_rows, std::min(n, b.end * block_rows)};
  }
  // The chains of process r.
  detail::Range process_chains(int r) const { return detail::split_range(chains, ranks, r); }
  detail::Range local_chains() const { return process_chains(rank); }
  // The rows of process r, [first row of its first chain, end of its last).
  detail::Range process_rows(int r) const {
    const detail::Range c = process_chains(r);
    return {chain_rows(c.begin).begin, chain_rows(c.end - 1).end};
  }
  detail::Range local_rows() const { return process_rows(rank); }
  // Which process holds global row `row`.
  int owner_of_row(index_t row) const {
    int r = 0;
    while (process_rows(r).end <= row) ++r;
    return r;
  }
};

// The layout of a fit of n rows of d features into k clusters on `ranks` processes. block_rows = 0
// picks default_block_rows(d).
inline ChainLayout make_chain_layout(index_t n, index_t d, index_t k, index_t block_rows, std::size_t element_bytes,
                                     int rank = 0, int ranks = 1) {
  ChainLayout layout;
  layout.n = n;
  layout.block_rows = std::max<index_t>(1, std::min(n, block_rows > 0 ? block_rows : default_block_rows(d)));
  layout.blocks = (n + layout.block_rows - 1) / layout.block_rows;
  layout.chains = chain_count(layout.blocks, k, d, element_bytes);
  layout.rank = rank;
  layout.ranks = ranks;
  return layout;
}

}  // namespace einspan::kmeans_detail
