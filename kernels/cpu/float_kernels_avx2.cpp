// The float32 fast paths compiled for AVX2 + FMA.
#include "kernels/cpu/float_kernels_impl.h"

namespace wick::kernels::isa {

const FloatKernelTable& avx2Table() {
  static const FloatKernelTable t = makeTable("avx2");
  return t;
}

}  // namespace wick::kernels::isa
