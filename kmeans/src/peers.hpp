#pragma once
// The processes of one fit. A fit's data is cut into chains (chains.hpp); every process holds a
// contiguous run of whole chains, and every reduction of the fit combines per-chain values in chain
// order. Peers moves those values between processes; in one process (LocalPeers) there is nothing
// to move. kmeans_mpi implements it on an MPI communicator; nothing else links MPI.
#include <cstdint>
#include <einspan/tensor/create.hpp>
#include <einspan/tensor/dims.hpp>
#include <einspan/tensor/elementwise.hpp>
#include <span>

namespace einspan::kmeans_detail {

class Peers {
 public:
  virtual ~Peers() = default;
  virtual int rank() const = 0;
  virtual int size() const = 0;
  // `values` holds `per_chain` values for every chain of the fit, in chain order, and those of the
  // chains [first_chain(rank), first_chain(rank + 1)) are this process's. Fills in everyone else's.
  virtual void share_chains(std::span<double> values, index_t per_chain) = 0;
  virtual void share_chains(std::span<float> values, index_t per_chain) = 0;
  virtual void share_chains(std::span<std::int64_t> values, index_t per_chain) = 0;
  // The values of process `owner`, on every process.
  virtual void broadcast(std::span<double> values, int owner) = 0;
  virtual void broadcast(std::span<float> values, int owner) = 0;
  virtual void broadcast(std::span<std::int64_t> values, int owner) = 0;
  // Every process's `value` added up (exact: integers).
  virtual index_t sum(index_t value) = 0;
};

// One process holds every chain.
class LocalPeers final : public Peers {
 public:
  int rank() const override { return 0; }
  int size() const override { return 1; }
  void share_chains(std::span<double>, index_t) override {}
  void share_chains(std::span<float>, index_t) override {}
  void share_chains(std::span<std::int64_t>, index_t) override {}
  void broadcast(std::span<double>, int) override {}
  void broadcast(std::span<float>, int) override {}
  void broadcast(std::span<std::int64_t>, int) override {}
  index_t sum(index_t value) override { return value; }
};

// Per-chain values (chains, m), this process's filled in, completed by the peers and added in chain
// order: ((0 + v_0) + v_1) + ...
inline Tensor<double> fold_chains(Tensor<double>& per_chain, Peers& peers) {
  peers.share_chains(std::span<double>(per_chain.data(), static_cast<std::size_t>(per_chain.size())), per_chain.dim(1));
  Tensor<double> total = zeros<double>({per_chain.dim(1)});
  for (index_t c = 0; c < per_chain.dim(0); ++c) add(total, per_chain[c], total);
  return total;
}

}  // namespace einspan::kmeans_detail
