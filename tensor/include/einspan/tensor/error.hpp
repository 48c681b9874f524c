#pragma once
// Typed errors. Every message names the shapes, axes, indices or file involved, in NumPy's words
// where NumPy has them, so that a failure can be understood without a debugger.
#include <stdexcept>
#include <string>
#include <string_view>

namespace einspan {

// Base of every error einspan throws.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Shapes that do not fit together (NumPy's ValueError for broadcasting and reshape).
class ShapeError : public Error {
 public:
  using Error::Error;
};

// An integer index outside its dimension (NumPy's IndexError).
class IndexError : public Error {
 public:
  using Error::Error;
};

// An axis argument outside the tensor's rank (NumPy's AxisError).
class AxisError : public Error {
 public:
  using Error::Error;
};

// An argument value that is not allowed (a zero slice step, a negative size, NaN data...).
class ValueError : public Error {
 public:
  using Error::Error;
};

// An element type that does not fit (a .npy dtype we do not support, a lossy conversion).
class TypeError : public Error {
 public:
  using Error::Error;
};

// A file that cannot be read, written or parsed; the message names the file.
class IOError : public Error {
 public:
  using Error::Error;
};

namespace detail {
// User text (a file's bytes, a spec, a CSV cell) as an error message quotes it: bytes outside
// printable ASCII as \xNN, and text longer than 2 * limit cut after `limit` characters with
// "... (N characters)", so that a hostile input cannot flood a terminal or a log.
std::string printable_excerpt(std::string_view text, std::size_t limit = 100);
}  // namespace detail

}  // namespace einspan
