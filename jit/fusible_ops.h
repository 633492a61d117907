// The operators fusion groups may hold, shared by the fuser (what to put in
// a group) and the lowering (how to compute it). Private to jit/.
#pragma once

#include <cstdint>
#include <string_view>

namespace wick::jit {

struct FusibleOp {
  enum Class : uint8_t { Elementwise, Reduction, Cast };
  std::string_view name;  // "aten::add"
  Class cls;
  // Bit i set: argument i may be a run-time value (tensor or number); every
  // other argument must be a constant (dims, dtype, keepdim, eps ...).
  uint32_t dataArgs;
  // Worth a kernel on its own (softmax, log_softmax, layer_norm, var/std).
  bool composite = false;
  // May return its input itself (to/type_as of the same dtype): kept only
  // when its result stays inside the group.
  bool mayAlias = false;
};

// The entry for a node kind ("aten::mul"), or nullptr.
const FusibleOp* findFusibleOp(std::string_view qualName);

}  // namespace wick::jit
