// Installs the JIT's executor into the runtime when the program starts.
//
// The runtime sits below the JIT and cannot call it, and the public entry
// points (wick::load, GraphFunction) live in the runtime; so the JIT hands
// the runtime its factories from this one static initializer. It only
// stores two function pointers into zero-initialized atomics, so it does
// not depend on the order of other initializers. libwick.a consumers keep
// this object through `-u wick_jit_executor_anchor` (the top CMakeLists).
#include "jit/executor.h"

extern "C" {
// Referenced by the linker flag so a static link keeps this object.
int wick_jit_executor_anchor = 0;
}

namespace {
const bool kInstalled = (wick::jit::installExecutor(), true);
}
