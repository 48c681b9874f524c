// The shape arithmetic of linalg.hpp: NumPy's checks for matmul, dot, inner, vdot, tensordot and
// trace, and the einsum spec each call becomes. No element is touched here; the header runs the
// spec through einsum.
#include <einspan/einsum/linalg.hpp>
#include <einspan/einsum/spec.hpp>

namespace einspan::detail {

namespace {

// NumPy's tuple spelling of a shape, as its linalg messages print it: (2,3), (3,), ().
std::string numpy_shape(std::span<const index_t> shape) {
  std::string s = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (i) s += ',';
    s += std::to_string(shape[i]);
  }
  if (shape.size() == 1) s += ',';
  return s + ')';
}

// The einsum label of the i-th distinct dimension: a..z, then A..Z.
char label(std::size_t i) { return static_cast<char>(i < 26 ? 'a' + i : 'A' + (i - 26)); }

void check_label_count(const char* what, std::size_t na, std::size_t nb, std::size_t labels) {
  if (labels > static_cast<std::size_t>(einsum_letter_count))
    throw ValueError(fmt::format("{}: operands with {} and {} dimensions need {} einsum labels, more than the {} "
                                 "einsum has",
                                 what, na, nb, labels, einsum_letter_count));
}

// "shapes (2,3) and (4,2) not aligned: 3 (dim 1) != 4 (dim 0)", NumPy's dot and inner message.
[[noreturn]] void throw_not_aligned(std::span<const index_t> a, std::size_t axis_a, std::span<const index_t> b,
                                    std::size_t axis_b) {
  throw ShapeError(fmt::format("shapes {} and {} not aligned: {} (dim {}) != {} (dim {})", numpy_shape(a),
                               numpy_shape(b), a[axis_a], axis_a, b[axis_b], axis_b));
}

// A spec from per-operand label lists; the output is every label of a not in `summed`, then every
// label of b not in `summed`, in operand order.
std::string two_operand_spec(const std::string& la, const std::string& lb, const std::string& summed) {
  std::string out;
  for (const char c : la + lb)
    if (summed.find(c) == std::string::npos) out += c;
  return la + "," + lb + "->" + out;
}

constexpr const char* matmul_signature = "(n?,k),(k,m?)->(n?,m?)";

}  // namespace

std::string_view matmul_spec(const Dims& a, const Dims& b) {
  const Dims* operands[] = {&a, &b};
  for (int k = 0; k < 2; ++k)
    if (operands[k]->size() == 0)
      throw ValueError(fmt::format("matmul: Input operand {} does not have enough dimensions (has 0, gufunc core with "
                                   "signature {} requires 1)",
                                   k, matmul_signature));
  const index_t ka = a[a.size() - 1], kb = b.size() == 1 ? b[0] : b[b.size() - 2];
  if (ka != kb)
    throw ShapeError(fmt::format("matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc "
                                 "signature {} (size {} is different from {})",
                                 matmul_signature, kb, ka));
  // The batch dimensions broadcast as NumPy's (size 1 stretches); einsum's ellipsis does the
  // same, but its message would not be NumPy's, so they are checked here.
  if (a.size() > 2 && b.size() > 2) {
    const std::size_t ba = a.size() - 2, bb = b.size() - 2, n = std::min(ba, bb);
    for (std::size_t i = 1; i <= n; ++i) {
      const index_t x = a[ba - i], y = b[bb - i];
      if (x != y && x != 1 && y != 1) {
        const auto remapped = [](const Dims& s) {
          std::string r = "(";
          for (std::size_t d = 0; d + 2 < s.size(); ++d) r += std::to_string(s[d]) + ",";
          return r + "newaxis,newaxis)";
        };
        throw ShapeError(fmt::format("operands could not be broadcast together with remapped shapes "
                                     "[original->remapped]: {}->{} {}->{}  and requested shape ({},{})",
                                     numpy_shape(a), remapped(a), numpy_shape(b), remapped(b), a[a.size() - 2],
                                     b[b.size() - 1]));
      }
    }
  }
  const int ra = a.size() == 1 ? 1 : a.size() == 2 ? 2 : 3;
  const int rb = b.size() == 1 ? 1 : b.size() == 2 ? 2 : 3;
  // 1-d operands take NumPy's promotion (a 1 prepended to a, appended to b) and lose it again in
  // the result: their label simply never reaches the output.
  static constexpr std::string_view specs[3][3] = {
      {"j,j->", "j,jk->k", "j,...jk->...k"},
      {"ij,j->i", "ij,jk->ik", "ij,...jk->...ik"},
      {"...ij,j->...i", "...ij,jk->...ik", "...ij,...jk->...ik"},
  };
  return specs[ra - 1][rb - 1];
}

Dims matmul_shape(const Dims& a, const Dims& b) {
  (void)matmul_spec(a, b);
  const std::size_t ba = a.size() > 2 ? a.size() - 2 : 0, bb = b.size() > 2 ? b.size() - 2 : 0;
  const std::size_t n = std::max(ba, bb);
  Dims out(n, 1);
  for (std::size_t i = 1; i <= n; ++i) {
    const index_t x = i <= ba ? a[ba - i] : 1, y = i <= bb ? b[bb - i] : 1;
    out[n - i] = x == 1 ? y : x;
  }
  if (a.size() >= 2) out.push_back(a[a.size() - 2]);
  if (b.size() >= 2) out.push_back(b[b.size() - 1]);
  return out;
}

std::string dot_spec(const Dims& a, const Dims& b) {
  const std::size_t na = a.size(), nb = b.size();
  if (na == 0 || nb == 0) {  // a scalar operand multiplies
    check_label_count("dot", na, nb, na + nb);
    std::string la, lb;
    for (std::size_t i = 0; i < na; ++i) la += label(i);
    for (std::size_t i = 0; i < nb; ++i) lb += label(na + i);
    return two_operand_spec(la, lb, "");
  }
  // Sum over a's last axis and b's second-to-last (its only one when 1-d).
  const std::size_t axis_b = nb == 1 ? 0 : nb - 2;
  if (a[na - 1] != b[axis_b]) throw_not_aligned(a, na - 1, b, axis_b);
  check_label_count("dot", na, nb, na + nb - 1);
  std::string la, lb;
  for (std::size_t i = 0; i < na; ++i) la += label(i);
  std::size_t next = na;
  for (std::size_t i = 0; i < nb; ++i) lb += i == axis_b ? la.back() : label(next++);
  return two_operand_spec(la, lb, std::string(1, la.back()));
}

std::string inner_spec(const Dims& a, const Dims& b) {
  const std::size_t na = a.size(), nb = b.size();
  if (na == 0 || nb == 0) return dot_spec(a, b);
  if (a[na - 1] != b[nb - 1]) {
    // NumPy computes inner as dot with b's last axis moved to second-to-last, and reports that shape.
    Dims moved = b;
    if (nb >= 2) std::swap(moved[nb - 1], moved[nb - 2]);
    throw_not_aligned(a, na - 1, moved, nb >= 2 ? nb - 2 : 0);
  }
  check_label_count("inner", na, nb, na + nb - 1);
  std::string la, lb;
  for (std::size_t i = 0; i < na; ++i) la += label(i);
  for (std::size_t i = 0; i + 1 < nb; ++i) lb += label(na + i);
  lb += la.back();
  return two_operand_spec(la, lb, std::string(1, la.back()));
}

std::string outer_spec(std::size_t na, std::size_t nb) {
  check_label_count("outer", na, nb, na + nb);
  std::string la, lb;
  for (std::size_t i = 0; i < na; ++i) la += label(i);
  for (std::size_t i = 0; i < nb; ++i) lb += label(na + i);
  return two_operand_spec(la, lb, "");
}

std::string vdot_spec(const Dims& a, const Dims& b) {
  if (shape_size(a) != shape_size(b))
    throw ShapeError(fmt::format("cannot reshape array of size {} into shape ({},)", shape_size(b), shape_size(a)));
  if (a != b) return "a,a->";  // the header ravels both
  std::string la;
  for (std::size_t i = 0; i < a.size(); ++i) la += label(i);
  check_label_count("vdot", a.size(), b.size(), a.size());
  return la + "," + la + "->";
}

std::string tensordot_spec(const Dims& a, const Dims& b, std::span<const index_t> axes_a,
                           std::span<const index_t> axes_b) {
  const auto na = static_cast<index_t>(a.size()), nb = static_cast<index_t>(b.size());
  if (axes_a.size() != axes_b.size()) throw ShapeError("shape-mismatch for sum");
  Dims pa(axes_a.size()), pb(axes_b.size());
  for (std::size_t k = 0; k < axes_a.size(); ++k) {
    const index_t x = axes_a[k], y = axes_b[k];
    // NumPy indexes the shape tuples with these axes, hence its IndexError.
    if (x < -na || x >= na)
      throw IndexError(fmt::format("tensordot: axis {} is out of range for operand 0 of shape {} (NumPy: tuple index "
                                   "out of range)",
                                   x, numpy_shape(a)));
    if (y < -nb || y >= nb)
      throw IndexError(fmt::format("tensordot: axis {} is out of range for operand 1 of shape {} (NumPy: tuple index "
                                   "out of range)",
                                   y, numpy_shape(b)));
    pa[k] = x < 0 ? x + na : x;
    pb[k] = y < 0 ? y + nb : y;
    if (a[pa[k]] != b[pb[k]]) throw ShapeError("shape-mismatch for sum");
  }
  std::string la(a.size(), '\0'), lb(b.size(), '\0'), summed;
  std::size_t next = 0;
  for (std::size_t k = 0; k < pa.size(); ++k) {
    if (la[pa[k]] || lb[pb[k]]) throw ValueError("axes don't match array");  // a repeated axis
    la[pa[k]] = lb[pb[k]] = label(next);
    summed += label(next++);
  }
  check_label_count("tensordot", a.size(), b.size(), a.size() + b.size() - summed.size());
  for (char& c : la)
    if (!c) c = label(next++);
  for (char& c : lb)
    if (!c) c = label(next++);
  return two_operand_spec(la, lb, summed);
}

std::string tensordot_spec(const Dims& a, const Dims& b, index_t axes) {
  if (axes < 0)
    throw ValueError(fmt::format("tensordot: axes must be a non-negative number of axes, got {} (NumPy treats a "
                                 "negative count as 0)",
                                 axes));
  Dims axes_a(static_cast<std::size_t>(axes)), axes_b(static_cast<std::size_t>(axes));
  for (index_t k = 0; k < axes; ++k) {
    axes_a[k] = k - axes;  // the last `axes` axes of a, in order
    axes_b[k] = k;         // the first `axes` axes of b
  }
  return tensordot_spec(a, b, axes_a, axes_b);
}

#define EINSPAN_DEFINE_CONTRACT(T) \
  template Tensor<T> contract<T>(std::string_view, const Tensor<T>&, const Tensor<T>&);
EINSPAN_FOR_EACH_EINSUM_TYPE(EINSPAN_DEFINE_CONTRACT)
EINSPAN_DEFINE_CONTRACT(bool)
#undef EINSPAN_DEFINE_CONTRACT

void check_trace_axes(std::size_t ndim, index_t axis1, index_t axis2) {
  if (ndim < 2) throw ValueError("diag requires an array of at least two dimensions");
  const auto n = static_cast<index_t>(ndim);
  const index_t axes[] = {axis1, axis2};
  for (int k = 0; k < 2; ++k)
    if (axes[k] < -n || axes[k] >= n)
      throw AxisError(fmt::format("axis{}: axis {} is out of bounds for array of dimension {}", k + 1, axes[k], ndim));
}

}  // namespace einspan::detail
