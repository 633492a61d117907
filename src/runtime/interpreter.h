// The tier-0 interpreter: compiles an ir::Graph once into immutable
// register code and runs it.
//
//   auto code = wick::Code::compile(graph);           // resolves every op
//   std::vector<IValue> out = code->run({x, IValue(int64_t(3))});
//
// Compilation assigns one register per value (values that can share one,
// such as a loop-carried value and its update, are coalesced), resolves each
// node to an Operation once, decides where a value's last use may move it
// instead of copying it, and lowers prim::If / prim::Loop to jumps. int and
// float arithmetic and comparisons become specialized instructions that work
// on registers directly; every other op is a call through the operand stack.
//
// A Code is immutable after compile() and may be run by any number of
// threads at once: each run() has its own registers and stack.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ir/graph.h"
#include "runtime/operator.h"
#include "wick/ivalue.h"

namespace wick {

namespace interp {
struct CodeData;
}

// Observes a run; the profiling tier records dtypes and shapes through it.
// Calls come from the thread running the code.
class RunObserver {
 public:
  virtual ~RunObserver() = default;
  // After an op call: `outputs` are the values `node` produced, in order.
  virtual void onNodeOutputs(const ir::Node& node, const IValue* outputs, size_t n) = 0;
};

// Code is the CompiledState an ir::Function caches (see codeFor).
class Code : public ir::CompiledState {
 public:
  // Compiles `graph` (resolving its ops in `registry`, which must outlive
  // the code). Throws wick::Error naming the node and its source location
  // when an op does not resolve or a construct is unsupported. Resolution
  // records each op on its node, so a graph must not be compiled from two
  // threads at once.
  static std::shared_ptr<const Code> compile(std::shared_ptr<ir::Graph> graph,
                                             const OperatorRegistry& registry = OperatorRegistry::global());
  ~Code() override;
  Code(const Code&) = delete;
  Code& operator=(const Code&) = delete;

  // Runs the graph on `inputs` (checked against the graph's input types:
  // "argument 1 'x': expected Tensor but got int") and returns its outputs.
  // Errors raised while running carry a line naming the op and the node's
  // source location.
  std::vector<IValue> run(std::vector<IValue> inputs, RunObserver* observer = nullptr) const;

  const ir::Graph& graph() const;
  size_t numRegisters() const;
  size_t numInstructions() const;
  // One instruction per line, for debugging and tests.
  std::string dump() const;

 private:
  Code();
  friend struct interp::CodeData;
  std::unique_ptr<interp::CodeData> d_;
};

// The code of `fn`, compiled on first use and cached in fn.compiled; safe
// to call from many threads at once (compilation happens once, under
// fn.compileMutex).
std::shared_ptr<const Code> codeFor(ir::Function& fn,
                                    const OperatorRegistry& registry = OperatorRegistry::global());

// Shorthand for code.run(inputs).
inline std::vector<IValue> run(const Code& code, std::vector<IValue> inputs) {
  return code.run(std::move(inputs));
}

}  // namespace wick
