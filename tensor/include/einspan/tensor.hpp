#pragma once
// Everything in the tensor module: #include <einspan/tensor.hpp>.
#include <einspan/tensor/any_tensor.hpp>
#include <einspan/tensor/broadcast.hpp>
#include <einspan/tensor/create.hpp>
#include <einspan/tensor/format.hpp>
#include <einspan/tensor/npy.hpp>
#include <einspan/tensor/random.hpp>
#include <einspan/tensor/tensor.hpp>
#include <einspan/tensor/elementwise.hpp>
#include <einspan/tensor/bitwise.hpp>
#include <einspan/tensor/indexing.hpp>
#include <einspan/tensor/nonzero.hpp>
#include <einspan/tensor/promote.hpp>
#include <einspan/tensor/reduce.hpp>
#include <einspan/tensor/expression.hpp>
