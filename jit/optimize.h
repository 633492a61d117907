// The optimization pipeline: the passes the executor runs on a copy of a
// method's graph before compiling it, in order (optimize.cpp lists them).
#pragma once

#include <memory>
#include <string>
#include <unordered_map>

#include "ir/graph.h"
#include "jit/fuser.h"

namespace wick::jit {

struct OptimizeOptions {
  std::string name = "graph";  // names logs and dump files
  // The module is in eval mode: attributes of `self` (the run-time value of
  // graph input 0) may be frozen into constants (jit/freeze.h). The graph
  // made is then valid for that object only; the executor keys it so.
  bool freeze = false;
  const Object* self = nullptr;
  // Profiled tensor facts, keyed by values of `profiledGraph` (the graph
  // optimizeGraph copies); empty when nothing was profiled.
  const std::unordered_map<const ir::Value*, ir::TensorInfo>* profile = nullptr;
  // Partition into fusion groups (WICK_FUSER != none).
  bool fuse = true;
  FuserOptions fuser;
};

// The optimized copy of `graph`. Value types of the copy carry the profiled
// facts while the passes run; they are plain again in the result, except
// inside fusion subgraphs, so the interpreter accepts any input the
// original accepted. Each pass is logged with WICK_LOG=<pass name> (level
// 2: the graph after it); WICK_DUMP=ir dumps the graph before and after the
// pipeline, WICK_DUMP=fused the graph with its fusion groups.
std::shared_ptr<ir::Graph> optimizeGraph(const ir::Graph& graph, const OptimizeOptions& opts);

}  // namespace wick::jit
