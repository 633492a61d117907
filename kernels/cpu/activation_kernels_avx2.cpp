// The float32 activation loops compiled for avx2.
#define WICK_ACT_ISA isa_avx2
#include "kernels/cpu/activation_loops.h"

namespace wick::kernels::act {

const Table& avx2Table() { return isa_avx2::makeTable("avx2"); }

}  // namespace wick::kernels::act
