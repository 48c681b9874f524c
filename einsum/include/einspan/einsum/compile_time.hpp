#pragma once
// The compile-time form einsum<"ij,jk->ik">(a, b): the spec is parsed by the same constexpr
// parser as the run-time form, during compilation. A malformed spec or a wrong operand count is
// a compile error whose static_assert message says what is wrong; the labels are available as
// Boost.MP11 lists through einsum_spec_traits.
#include <boost/mp11/algorithm.hpp>
#include <boost/mp11/list.hpp>
#include <boost/mp11/set.hpp>
#include <einspan/einsum/einsum.hpp>
#include <einspan/einsum/fixed_string.hpp>
#include <einspan/einsum/spec.hpp>
#include <utility>

namespace einspan {

// Parses a spec in a constant expression; a malformed spec fails the build. The failure goes
// through a function that is deliberately not constexpr, so the compiler names it together with
// the message (fmt's technique): usable as `constexpr auto s = check_einsum_spec("ij,jk");`.
consteval ParsedSpec check_einsum_spec(std::string_view spec) {
  const ParsedSpec parsed = parse_spec(spec);
  if (!parsed.ok()) detail::einsum_spec_error_at_compile_time(describe(parsed.error.kind));
  return parsed;
}

namespace detail {

template <const SpecTerm& Term, class Indices>
struct term_labels_impl;
template <const SpecTerm& Term, std::size_t... I>
struct term_labels_impl<Term, std::index_sequence<I...>> {
  using type = boost::mp11::mp_list<boost::mp11::mp_int<Term.labels[I]>...>;
};
template <const SpecTerm& Term>
using term_labels = typename term_labels_impl<Term, std::make_index_sequence<static_cast<std::size_t>(Term.count)>>::type;

template <fixed_string Spec>
inline constexpr ParsedSpec parsed_spec = parse_spec(Spec.view());

template <fixed_string Spec, std::size_t K>
inline constexpr SpecTerm input_term = parsed_spec<Spec>.inputs[K];

// The output term as a variable of its own: a template argument may not name a subobject
// (parsed_spec<Spec>.output), which clang rejects.
template <fixed_string Spec>
inline constexpr SpecTerm output_term = parsed_spec<Spec>.output;

template <fixed_string Spec, class Indices>
struct input_labels_impl;
template <fixed_string Spec, std::size_t... K>
struct input_labels_impl<Spec, std::index_sequence<K...>> {
  using type = boost::mp11::mp_list<term_labels<input_term<Spec, K>>...>;
};

}  // namespace detail

// Label bookkeeping of a valid spec as Boost.MP11 lists of mp_int label ids (see label_id()).
template <fixed_string Spec>
struct einsum_spec_traits {
  static constexpr const ParsedSpec& parsed = detail::parsed_spec<Spec>;
  static_assert(parsed.ok(), "einsum_spec_traits: the spec is malformed");
  static constexpr std::size_t operand_count = static_cast<std::size_t>(parsed.input_count);
  // One list of labels per input term, repeats kept.
  using inputs = typename detail::input_labels_impl<Spec, std::make_index_sequence<operand_count>>::type;
  using output = detail::term_labels<detail::output_term<Spec>>;
  // Every distinct label, in order of first appearance.
  using labels = boost::mp11::mp_unique<boost::mp11::mp_apply<boost::mp11::mp_append, inputs>>;
  // Labels summed away: in some input, not in the output.
  template <class L>
  using in_output = boost::mp11::mp_set_contains<output, L>;
  using summed = boost::mp11::mp_remove_if<labels, in_output>;
  static constexpr bool has_ellipsis = parsed.output.has_ellipsis();
};

// einsum with the spec checked at compile time; otherwise exactly einsum(Spec, operands...).
template <fixed_string Spec, EinsumElement T, class... Rest>
  requires(std::same_as<Rest, Tensor<T>> && ...)
Tensor<T> einsum(const Tensor<T>& first, const Rest&... rest) {
  constexpr ParsedSpec parsed = parse_spec(Spec.view());
#define EINSPAN_X(name, message) \
  static_assert(parsed.error.kind != SpecErrorKind::name, "einsum<spec>: malformed spec: " message);
  EINSPAN_EINSUM_SPEC_ERRORS(EINSPAN_X)
#undef EINSPAN_X
  if constexpr (parsed.ok()) {
    static_assert(boost::mp11::mp_size<typename einsum_spec_traits<Spec>::inputs>::value == 1 + sizeof...(Rest),
                  "einsum<spec>: the number of operands differs from the number of comma-separated terms in the spec");
    return einsum(Spec.view(), first, rest...);
  } else {
    return first;
  }
}

}  // namespace einspan
