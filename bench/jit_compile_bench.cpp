// Compile time of the JIT on typical fusion groups (issue 5: "median per
// fusion group under 20 ms"): each group is fused from TorchScript IR, then
//   BM_Lower    lowers it to kernel IR (jit/lower.h);
//   BM_Compile  compiles the kernel IR with the LLVM backend, reporting the
//               phases as counters: emit_ms (kernel IR -> LLVM IR),
//               opt_ms (the IR pipeline), codegen_ms (instruction selection
//               to an object file), link_ms (ORC links it), in CPU time,
//               and wall_ms, per compile; asm_lines, the code's size;
//   BM_Run      runs the compiled kernel at one thread on cache-resident
//               inputs (code quality; min over repetitions);
//   BM_CacheHit compiles a kernel whose twin is already compiled (the
//               backend's process-wide cache answers).
// Each BM_Compile iteration renames the kernel so the cache never answers.
// Built only with LLVM. Run: build/bench/jit_compile_bench
// (--benchmark_min_time=0.5s for steadier figures on a loaded machine).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <string>
#include <vector>

#include <random>

#include "ir/parser.h"
#include "jit/backend.h"
#include "jit/fused_kernel.h"
#include "jit/fuser.h"
#include "jit/llvm/llvm_backend.h"
#include "jit/lower.h"
#include "wick/tensor.h"
#include "wick/threading.h"

namespace wick::jit {
namespace {

struct Group {
  const char* name;
  const char* ir;
  std::vector<std::vector<int64_t>> shapes;  // float32 contiguous inputs
  bool dynamic = false;
};

const char* kGelu = R"(graph(%x : Tensor):
  %h : float = prim::Constant[value=0.5]()
  %r : float = prim::Constant[value=0.70710678118654757]()
  %one : float = prim::Constant[value=1.]()
  %i1 : int = prim::Constant[value=1]()
  %a : Tensor = aten::mul(%x, %h)
  %b : Tensor = aten::mul(%x, %r)
  %e : Tensor = aten::erf(%b)
  %f : Tensor = aten::add(%e, %one, %i1)
  %y : Tensor = aten::mul(%a, %f)
  return (%y))";

const char* kSiluResidual = R"(graph(%x : Tensor, %bias : Tensor, %res : Tensor):
  %i1 : int = prim::Constant[value=1]()
  %y : Tensor = aten::add(%x, %bias, %i1)
  %s : Tensor = aten::sigmoid(%y)
  %z : Tensor = aten::mul(%y, %s)
  %o : Tensor = aten::add(%z, %res, %i1)
  return (%o))";

const char* kSoftmax = R"(graph(%x : Tensor):
  %d : int = prim::Constant[value=-1]()
  %n : NoneType = prim::Constant()
  %y : Tensor = aten::softmax(%x, %d, %n)
  return (%y))";

const char* kLayerNorm = R"(graph(%x : Tensor, %w : Tensor, %b : Tensor):
  %ns : int[] = prim::Constant[value=[1024]]()
  %eps : float = prim::Constant[value=1.0000000000000001e-05]()
  %c : bool = prim::Constant[value=1]()
  %y : Tensor = aten::layer_norm(%x, %ns, %w, %b, %eps, %c)
  return (%y))";

const char* kChain10 = R"(graph(%x : Tensor, %y : Tensor):
  %i1 : int = prim::Constant[value=1]()
  %h : float = prim::Constant[value=0.5]()
  %a1 : Tensor = aten::add(%x, %y, %i1)
  %a2 : Tensor = aten::mul(%a1, %h)
  %a3 : Tensor = aten::tanh(%a2)
  %a4 : Tensor = aten::sub(%a3, %x, %i1)
  %a5 : Tensor = aten::exp(%a4)
  %a6 : Tensor = aten::mul(%a5, %y)
  %a7 : Tensor = aten::relu(%a6)
  %a8 : Tensor = aten::sqrt(%a7)
  %a9 : Tensor = aten::add(%a8, %a1, %i1)
  %a10 : Tensor = aten::sigmoid(%a9)
  return (%a10))";

// Two ops on 8 elements: the fixed cost of a compile.
const char* kTiny = R"(graph(%x : Tensor):
  %one : float = prim::Constant[value=1.]()
  %i1 : int = prim::Constant[value=1]()
  %a : Tensor = aten::add(%x, %one, %i1)
  %y : Tensor = aten::relu(%a)
  return (%y))";

const std::vector<Group>& groups() {
  static const std::vector<Group> g = {
      {"tiny", kTiny, {{8}}},
      {"gelu_erf", kGelu, {{4096, 1024}}},
      {"silu_residual", kSiluResidual, {{4096, 1024}, {1024}, {4096, 1024}}},
      {"softmax", kSoftmax, {{4096, 1024}}},
      {"layer_norm", kLayerNorm, {{4096, 1024}, {1024}, {1024}}},
      {"chain10", kChain10, {{4096, 1024}, {4096, 1024}}},
      {"gelu_erf_dynamic", kGelu, {{4096, 1024}}, true},
      {"layer_norm_dynamic", kLayerNorm, {{4096, 1024}, {1024}, {1024}}, true},
  };
  return g;
}

// The group's subgraph (the one FusionGroup the fuser makes of the graph)
// and its input specs.
struct Prepared {
  std::shared_ptr<ir::Graph> graph;  // keeps the subgraph alive
  std::shared_ptr<ir::Graph> subgraph;
  std::vector<InputSpec> specs;
};

Prepared prepare(const Group& grp) {
  Prepared p;
  p.graph = ir::parseGraph(grp.ir);
  fuseGraph(*p.graph, FuserOptions{});
  auto nodes = fusionGroups(*p.graph);
  if (nodes.size() != 1) throw std::runtime_error(std::string(grp.name) + ": expected one fusion group");
  p.subgraph = fusionSubgraph(*nodes[0]);
  for (const auto& shape : grp.shapes) {
    InputSpec s;
    s.sizes = shape;
    s.strides.assign(shape.size(), 1);
    for (size_t d = shape.size(); d-- > 1;) s.strides[d - 1] = s.strides[d] * shape[d];
    p.specs.push_back(s);
  }
  return p;
}

void lowerBench(benchmark::State& state, const Group& grp) {
  Prepared p = prepare(grp);
  for (auto _ : state) benchmark::DoNotOptimize(lowerGroup(*p.subgraph, p.specs, grp.dynamic));
}

void compileBench(benchmark::State& state, const Group& grp) {
  Backend* be = backendFor("llvm");
  Prepared p = prepare(grp);
  LoweredGroup lowered = lowerGroup(*p.subgraph, p.specs, grp.dynamic);
  const std::string base = lowered.kernel->name;
  LlvmCompileTimes sum;
  double total = 0;
  int64_t n = 0;
  for (auto _ : state) {
    lowered.kernel->name = base + "_" + std::to_string(n);  // a cache miss every time
    auto ck = be->compile(*lowered.kernel);
    LlvmCompileTimes t = llvmCompileTimes(*ck);
    sum.emitMs += t.emitMs;
    sum.optimizeMs += t.optimizeMs;
    sum.codegenMs += t.codegenMs;
    sum.linkMs += t.linkMs;
    total += ck->compileMs;
    ++n;
  }
  state.counters["emit_ms"] = sum.emitMs / n;
  state.counters["opt_ms"] = sum.optimizeMs / n;
  state.counters["codegen_ms"] = sum.codegenMs / n;
  state.counters["link_ms"] = sum.linkMs / n;
  state.counters["wall_ms"] = total / n;
  // Code size, in lines of assembly (one more compile, outside the timing).
  CompileOptions withAsm;
  withAsm.dumpAsm = true;
  lowered.kernel->name = base + "_asm";
  auto ck = be->compile(*lowered.kernel, withAsm);
  state.counters["asm_lines"] = static_cast<double>(std::count(ck->dumpAsm.begin(), ck->dumpAsm.end(), '\n'));
}

// Speed of the compiled kernel (does a cheaper compile cost code quality?)
// at one thread on [64, 1024] inputs (256 KB each, cache-resident), so
// code differences are not hidden behind memory bandwidth.
void runBench(benchmark::State& state, const Group& grp) {
  setNumThreads(1);
  Prepared p = prepare(grp);
  std::vector<IValue> inputs;
  std::mt19937 gen(1);
  std::uniform_real_distribution<float> dist(-3, 3);
  for (const InputSpec& s : p.specs) {
    std::vector<int64_t> sizes = s.sizes;
    if (sizes.size() == 2) sizes[0] = 64;
    int64_t n = 1;
    for (int64_t d : sizes) n *= d;
    std::vector<float> values(static_cast<size_t>(n));
    for (auto& v : values) v = dist(gen);
    inputs.emplace_back(Tensor::fromVector(values, sizes));
  }
  auto fk = FusedKernel::compile(*p.subgraph, InputSpec::of(inputs.data(), inputs.size()), grp.dynamic,
                                 *backendFor("llvm"));
  for (auto _ : state) benchmark::DoNotOptimize(fk->run(inputs.data(), inputs.size()));
}

void cacheHitBench(benchmark::State& state, const Group& grp) {
  Backend* be = backendFor("llvm");
  Prepared p = prepare(grp);
  LoweredGroup lowered = lowerGroup(*p.subgraph, p.specs, grp.dynamic);
  auto first = be->compile(*lowered.kernel);
  for (auto _ : state) {
    auto ck = be->compile(*lowered.kernel);
    if (!llvmCompileTimes(*ck).cacheHit) state.SkipWithError("the kernel cache did not answer");
  }
}

int registerAll() {
  for (const Group& g : groups()) {
    benchmark::RegisterBenchmark((std::string("BM_Lower/") + g.name).c_str(), lowerBench, g)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark((std::string("BM_Compile/") + g.name).c_str(), compileBench, g)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
    benchmark::RegisterBenchmark((std::string("BM_Run/") + g.name).c_str(), runBench, g)
        ->Unit(benchmark::kMicrosecond)
        ->Repetitions(5)
        ->ComputeStatistics("min", [](const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); });
  }
  benchmark::RegisterBenchmark("BM_CacheHit/gelu_erf", cacheHitBench, groups()[0])->Unit(benchmark::kMillisecond);
  return 0;
}

}  // namespace
}  // namespace wick::jit

int main(int argc, char** argv) {
  wick::jit::registerAll();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
