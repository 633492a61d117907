// The float32 fast paths compiled for AVX-512 (F, BW, VL, DQ).
#include "kernels/cpu/float_kernels_impl.h"

namespace wick::kernels::isa {

const FloatKernelTable& avx512Table() {
  static const FloatKernelTable t = makeTable("avx512");
  return t;
}

}  // namespace wick::kernels::isa
