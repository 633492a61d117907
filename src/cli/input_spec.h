// Parses the values given on the command line with --input:
//   3  -2  2.5  1e-3  true  None  'text'  [1, 2, 3]  (1, 2.5)
//   randn(4, 8)  rand(2)  zeros(2, 3)  ones(3, dtype=int64)
//   full(2, 2, value=1.5)  arange(6)  tensor([[1, 2], [3, 4]], dtype=float64)
#pragma once

#include <cstdint>
#include <string_view>

#include "wick/ivalue.h"

namespace wick::cli {

// Throws wick::Error naming the column and what was expected. Random
// tensors come from a generator seeded with `seed`, advanced by each call.
IValue parseInputSpec(std::string_view spec, uint64_t& seed);

}  // namespace wick::cli
