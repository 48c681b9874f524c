#pragma once
// The fit and its initialisations over rows held by one or several processes (peers.hpp): each
// takes this process's rows, the layout of the whole fit (chains.hpp) and its peers, and gives
// every process the same centroids, inertia and history, and its own rows' labels. In one process
// (LocalPeers) these are kmeans(), kmeans_plusplus() and random_init(); kmeans_mpi calls them on MPI.
#include "chains.hpp"
#include "peers.hpp"
#include <cstdint>
#include <einspan/kmeans/fit.hpp>
#include <einspan/sparse/csr_matrix.hpp>

namespace einspan::kmeans_detail {

// Initial centroids as options.init and seed choose them; the same on every process. local: this
// process's rows, a dense tensor (C-contiguous) or a CSR matrix; weights: their sample weights, or
// nullptr for unit weights (the unweighted draws).
template <class Rows, class T>
Tensor<T> initial_centroids(const Rows& local, const Tensor<T>* weights, KMeansInit init, index_t k,
                            std::uint64_t seed, const ChainLayout& layout, Peers& peers);

// n_init runs from options.init, or one run from the given centroids. local must be C-contiguous
// and hold layout.local_rows(); weights (nullptr: unweighted) the same rows' sample weights,
// checked by check_sample_weight; the options are checked by the caller.
template <class T>
KMeansResult<T> fit_across(const Tensor<T>& local, const Tensor<T>* weights, const KMeansOptions& options,
                           const ChainLayout& layout, Peers& peers);
template <class T>
KMeansResult<T> fit_across(const Tensor<T>& local, const Tensor<T>* weights, const Tensor<T>& initial,
                           const KMeansOptions& options, const ChainLayout& layout, Peers& peers);

void check_options(const KMeansOptions& options);

extern template Tensor<float> initial_centroids(const Tensor<float>&, const Tensor<float>*, KMeansInit, index_t,
                                                std::uint64_t, const ChainLayout&, Peers&);
extern template Tensor<double> initial_centroids(const Tensor<double>&, const Tensor<double>*, KMeansInit, index_t,
                                                 std::uint64_t, const ChainLayout&, Peers&);
extern template Tensor<float> initial_centroids(const sparse::CsrMatrix<float>&, const Tensor<float>*, KMeansInit,
                                                index_t, std::uint64_t, const ChainLayout&, Peers&);
extern template Tensor<double> initial_centroids(const sparse::CsrMatrix<double>&, const Tensor<double>*, KMeansInit,
                                                 index_t, std::uint64_t, const ChainLayout&, Peers&);
extern template KMeansResult<float> fit_across(const Tensor<float>&, const Tensor<float>*, const KMeansOptions&,
                                               const ChainLayout&, Peers&);
extern template KMeansResult<double> fit_across(const Tensor<double>&, const Tensor<double>*, const KMeansOptions&,
                                                const ChainLayout&, Peers&);
extern template KMeansResult<float> fit_across(const Tensor<float>&, const Tensor<float>*, const Tensor<float>&,
                                               const KMeansOptions&, const ChainLayout&, Peers&);
extern template KMeansResult<double> fit_across(const Tensor<double>&, const Tensor<double>*, const Tensor<double>&,
                                                const KMeansOptions&, const ChainLayout&, Peers&);

}  // namespace einspan::kmeans_detail
