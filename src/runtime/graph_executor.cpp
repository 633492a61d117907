// The interpreter-only GraphExecutor and the JIT's two hooks.
#include "runtime/graph_executor.h"

#include <atomic>

#include "core/check.h"
#include "core/flags.h"

namespace wick {

namespace {

// Both hooks are plain pointers, zero-initialized before any static
// constructor runs, so the JIT may set them from one.
std::atomic<GraphExecutorFactory> g_executorFactory{nullptr};
std::atomic<FusionGroupFactory> g_fusionGroupFactory{nullptr};

class InterpreterExecutor final : public GraphExecutor {
 public:
  InterpreterExecutor(std::shared_ptr<const Code> code, std::string name)
      : code_(std::move(code)), name_(std::move(name)) {}

  std::vector<IValue> run(std::vector<IValue> inputs) override {
    calls_.fetch_add(1, std::memory_order_relaxed);
    return code_->run(std::move(inputs));
  }

  MethodStats stats() const override {
    MethodStats s;
    s.method = name_;
    s.calls = s.interpreterCalls = calls_.load(std::memory_order_relaxed);
    return s;
  }

 private:
  std::shared_ptr<const Code> code_;
  std::string name_;
  std::atomic<int64_t> calls_{0};
};

}  // namespace

void setGraphExecutorFactory(GraphExecutorFactory factory) { g_executorFactory.store(factory); }

std::unique_ptr<GraphExecutor> makeGraphExecutor(std::shared_ptr<const Code> code, const std::string& name) {
  GraphExecutorFactory f = g_executorFactory.load();
  if (f && Flags::get().jit) return f(std::move(code), name);
  return std::make_unique<InterpreterExecutor>(std::move(code), name);
}

void setFusionGroupFactory(FusionGroupFactory factory) { g_fusionGroupFactory.store(factory); }

void registerFusionGroupOp(OperatorRegistry& r) {
  r.add("prim::FusionGroup(...) -> ...", [](const ir::Node& node) -> Operation {
    FusionGroupFactory f = g_fusionGroupFactory.load();
    WICK_CHECK(f, "prim::FusionGroup: this program was built without the JIT layer (jit/)");
    return f(node);
  });
}

}  // namespace wick
