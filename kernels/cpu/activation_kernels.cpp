// The float32 activation loops compiled for the baseline ISA.
#define WICK_ACT_ISA isa_default
#include "kernels/cpu/activation_loops.h"

namespace wick::kernels::act {

const Table& defaultTable() { return isa_default::makeTable("default"); }

}  // namespace wick::kernels::act
