#pragma once
// All of einspan in one include, for the einspan::einspan target: tensors, einsum, sparse
// matrices and k-means. It lives in the kmeans module, the one that depends on all the others.
#include <einspan/einsum.hpp>
#include <einspan/kmeans.hpp>
#include <einspan/sparse.hpp>
#include <einspan/tensor.hpp>
