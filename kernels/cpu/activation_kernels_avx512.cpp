// The float32 activation loops compiled for avx512.
#define WICK_ACT_ISA isa_avx512
#include "kernels/cpu/activation_loops.h"

namespace wick::kernels::act {

const Table& avx512Table() { return isa_avx512::makeTable("avx512"); }

}  // namespace wick::kernels::act
