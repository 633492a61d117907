// Checks that throw wick::Error. The message is built only when the check
// fails.
#pragma once

#include <fmt/format.h>

#include "wick/error.h"

namespace wick::detail {

[[noreturn]] void throwInternal(const char* file, int line, const char* cond, const std::string& msg);

}  // namespace wick::detail

// A user-facing check: `WICK_CHECK(a == b, "aten::add: sizes {} and {}", x, y)`.
#define WICK_CHECK(cond, ...)                                   \
  do {                                                          \
    if (__builtin_expect(!(cond), 0)) {                         \
      throw ::wick::Error(::fmt::format(__VA_ARGS__));          \
    }                                                           \
  } while (0)

// Throws a user-facing error unconditionally.
#define WICK_FAIL(...) throw ::wick::Error(::fmt::format(__VA_ARGS__))

// An internal invariant; the message names the file and line.
#define WICK_ASSERT(cond, ...)                                                             \
  do {                                                                                     \
    if (__builtin_expect(!(cond), 0)) {                                                    \
      ::wick::detail::throwInternal(__FILE__, __LINE__, #cond, ::fmt::format("" __VA_ARGS__)); \
    }                                                                                      \
  } while (0)
