// cpuKernel: turns a per-element lambda into the inner loop of a
// TensorIterator. Contiguous runs and runs with one broadcast scalar input
// get plain indexed loops the compiler vectorizes; anything else uses byte
// strides.
#pragma once

#include <tuple>
#include <type_traits>
#include <utility>

#include "kernels/cpu/tensor_iterator.h"

namespace wick::kernels {

template <typename F>
struct FunctionTraits : FunctionTraits<decltype(&F::operator())> {};
template <typename C, typename R, typename... A>
struct FunctionTraits<R (C::*)(A...) const> {
  using Result = R;
  using Args = std::tuple<A...>;
  static constexpr size_t kArity = sizeof...(A);
};

namespace detail {

template <typename F, size_t I>
using ArgT = std::tuple_element_t<I, typename FunctionTraits<F>::Args>;

// ScalarMask bit I: input I is a broadcast scalar (stride 0), read once.
template <unsigned ScalarMask, typename F, size_t... I>
inline void flatLoop(char** data, int64_t n, const F& f, std::index_sequence<I...>) {
  using Out = typename FunctionTraits<F>::Result;
  Out* out = reinterpret_cast<Out*>(data[0]);
  std::tuple<const ArgT<F, I>*...> in{reinterpret_cast<const ArgT<F, I>*>(data[I + 1])...};
  std::tuple<ArgT<F, I>...> once{*reinterpret_cast<const ArgT<F, I>*>(data[I + 1])...};
  auto load = [&](auto ic, int64_t i) {
    constexpr size_t k = decltype(ic)::value;
    if constexpr (((ScalarMask >> k) & 1u) != 0) return std::get<k>(once);
    else return std::get<k>(in)[i];
  };
  for (int64_t i = 0; i < n; ++i) out[i] = f(load(std::integral_constant<size_t, I>{}, i)...);
}

template <typename F, size_t... I>
inline void stridedLoop(char** data, const int64_t* s, int64_t n, const F& f,
                        std::index_sequence<I...>) {
  using Out = typename FunctionTraits<F>::Result;
  for (int64_t i = 0; i < n; ++i) {
    *reinterpret_cast<Out*>(data[0] + i * s[0]) =
        f(*reinterpret_cast<const ArgT<F, I>*>(data[I + 1] + i * s[I + 1])...);
  }
}

template <typename F, size_t... I>
inline bool stridesAre(const int64_t* s, unsigned scalarMask, std::index_sequence<I...>) {
  using Out = typename FunctionTraits<F>::Result;
  return s[0] == static_cast<int64_t>(sizeof(Out)) &&
         ((s[I + 1] == (((scalarMask >> I) & 1u) ? 0 : static_cast<int64_t>(sizeof(ArgT<F, I>)))) && ...);
}

}  // namespace detail

// Runs f(inputs...) -> output over the iterator. The lambda's parameter
// types must be the dtypes of the inputs as the iterator presents them and
// its return type the result dtype.
template <typename F>
void cpuKernel(const TensorIterator& it, const F& f, int64_t grain = kElementwiseGrain) {
  constexpr size_t N = FunctionTraits<F>::kArity;
  using Seq = std::make_index_sequence<N>;
  it.forEach(
      [&](char** data, const int64_t* s, int64_t n) {
        if (detail::stridesAre<F>(s, 0u, Seq{})) {
          detail::flatLoop<0u>(data, n, f, Seq{});
          return;
        }
        if constexpr (N == 2) {
          if (detail::stridesAre<F>(s, 1u, Seq{})) return detail::flatLoop<1u>(data, n, f, Seq{});
          if (detail::stridesAre<F>(s, 2u, Seq{})) return detail::flatLoop<2u>(data, n, f, Seq{});
        }
        detail::stridedLoop(data, s, n, f, Seq{});
      },
      grain);
}

// Element types that compute in float (Half, BFloat16) and those that
// compute as themselves.
template <typename T>
using OpMathT = std::conditional_t<std::is_same_v<T, Half> || std::is_same_v<T, BFloat16>, float, T>;

// Integer + and * that wrap on overflow, as PyTorch's results do, without
// the undefined behaviour of signed overflow in C++ (the sanitizer build
// checks it): computed in an unsigned type at least as wide as int.
template <typename T>
inline T wrappingAdd(T a, T b) {
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
    using U = std::conditional_t<(sizeof(T) < sizeof(unsigned)), unsigned, std::make_unsigned_t<T>>;
    return static_cast<T>(static_cast<U>(a) + static_cast<U>(b));
  } else {
    return a + b;
  }
}
template <typename T>
inline T wrappingMul(T a, T b) {
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
    using U = std::conditional_t<(sizeof(T) < sizeof(unsigned)), unsigned, std::make_unsigned_t<T>>;
    return static_cast<T>(static_cast<U>(a) * static_cast<U>(b));
  } else {
    return a * b;
  }
}

}  // namespace wick::kernels
