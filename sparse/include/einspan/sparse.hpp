#pragma once
// Everything in the sparse module: #include <einspan/sparse.hpp>. The Eigen interop lives in
// <einspan/sparse/eigen.hpp>, included here too; include the pieces to avoid Eigen's headers.
#include <einspan/sparse/add_rows_by_label.hpp>
#include <einspan/sparse/csc_matrix.hpp>
#include <einspan/sparse/csr_matrix.hpp>
#include <einspan/sparse/eigen.hpp>
#include <einspan/sparse/format.hpp>
#include <einspan/sparse/matmul.hpp>
#include <einspan/sparse/matmul_argmin.hpp>
#include <einspan/sparse/one_hot.hpp>
