// The CUDA backend: kernel IR -> CUDA C -> PTX (NVRTC), accepted by ptxas.
// Needs no GPU; skips without NVRTC or ptxas.
#include "jit/cuda/cuda_backend.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <unistd.h>

#include "fuser_test_util.h"
#include "ir/parser.h"
#include "jit/fuser.h"
#include "jit/kir/evaluator.h"
#include "jit/kir/kernel_ir.h"

namespace wick::jit {
namespace {

using namespace kir;

std::string ptxasPath() {
  for (std::string p : {std::string(std::getenv("CUDA_HOME") ? std::getenv("CUDA_HOME") : "") + "/bin/ptxas",
                        std::string("/usr/local/cuda/bin/ptxas")})
    if (access(p.c_str(), X_OK) == 0) return p;
  return "";
}

#define REQUIRE_NVRTC()                                   \
  std::string why;                                        \
  if (!nvrtcAvailable(&why)) GTEST_SKIP() << why;         \
  std::string ptxas = ptxasPath();                        \
  if (ptxas.empty()) GTEST_SKIP() << "ptxas not found";

// Compiles `k` to PTX and has ptxas assemble it for sm_80.
void expectPtxasAccepts(const Kernel& k, const std::string& ptxas) {
  std::string ptx = compileToPtx(k, "compute_80");
  ASSERT_NE(ptx.find(".entry"), std::string::npos) << ptx;
  char path[] = "/tmp/wick_cuda_test_XXXXXX";
  int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  close(fd);
  std::string file = std::string(path) + ".ptx";
  std::rename(path, file.c_str());
  std::ofstream(file) << ptx;
  std::string cmd = ptxas + " -arch=sm_80 " + file + " -o /dev/null 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string out;
  char buf[512];
  while (fgets(buf, sizeof buf, p)) out += buf;
  int rc = pclose(p);
  std::remove(file.c_str());
  EXPECT_EQ(rc, 0) << "ptxas rejected kernel '" << k.name << "':\n" << out << "\n" << cudaSource(k);
}

// One kernel per dtype using every operator that applies to it.
std::vector<std::unique_ptr<Kernel>> opCoverageKernels() {
  std::vector<std::unique_ptr<Kernel>> ks;
  for (DType dt : {DType::Float32, DType::Float64, DType::Int32, DType::Int64, DType::Int16, DType::Int8,
                   DType::UInt8, DType::Bool}) {
    auto k = std::make_unique<Kernel>();
    k->name = "ops_" + std::string(dtypeName(dt));
    int a = k->addBuffer("a", dt, false), b = k->addBuffer("b", dt, false);
    int o = k->addBuffer("o", dt, true), ob = k->addBuffer("ob", DType::Bool, true);
    VarPtr n = k->addIntParam("n");
    VarPtr alpha = k->addFloatParam("alpha");
    k->outerExtent = var(n);
    ExprPtr i = var(k->outer);
    ExprPtr x = load(*k, a, i), y = load(*k, b, mul(i, intImm(1)));
    bool fl = dt == DType::Float32 || dt == DType::Float64;
    std::vector<StmtPtr> s;
    VarPtr acc = k->newVar(Var::Kind::Local, dt, "acc");
    s.push_back(let(acc, x));
    auto upd = [&](ExprPtr e) { s.push_back(assign(acc, e)); };
    if (dt == DType::Bool) {
      for (BinaryOp op : {BinaryOp::LogicalAnd, BinaryOp::LogicalOr, BinaryOp::BitAnd, BinaryOp::BitOr, BinaryOp::BitXor})
        upd(binary(op, var(acc), y));
      upd(unary(UnaryOp::Not, var(acc)));
      upd(unary(UnaryOp::BitNot, var(acc)));
    } else {
      for (BinaryOp op : {BinaryOp::Add, BinaryOp::Sub, BinaryOp::Mul, BinaryOp::Div, BinaryOp::FloorDiv, BinaryOp::Mod,
                          BinaryOp::Remainder, BinaryOp::Max, BinaryOp::Min, BinaryOp::Pow})
        upd(binary(op, var(acc), y));
      for (UnaryOp op : {UnaryOp::Neg, UnaryOp::Abs, UnaryOp::Sign, UnaryOp::Floor, UnaryOp::Ceil, UnaryOp::Round,
                         UnaryOp::Trunc})
        upd(unary(op, var(acc)));
      if (fl) {
        for (UnaryOp op : {UnaryOp::Exp, UnaryOp::Exp2, UnaryOp::Expm1, UnaryOp::Log, UnaryOp::Log2, UnaryOp::Log10,
                           UnaryOp::Log1p, UnaryOp::Sqrt, UnaryOp::Rsqrt, UnaryOp::Reciprocal, UnaryOp::Sin,
                           UnaryOp::Cos, UnaryOp::Tan, UnaryOp::Asin, UnaryOp::Acos, UnaryOp::Atan, UnaryOp::Sinh,
                           UnaryOp::Cosh, UnaryOp::Tanh, UnaryOp::Sigmoid, UnaryOp::Erf, UnaryOp::Erfc})
          upd(unary(op, var(acc)));
        upd(binary(BinaryOp::Atan2, var(acc), y));
        upd(binary(BinaryOp::Add, var(acc), cast(var(alpha), dt)));
        upd(select(unary(UnaryOp::IsNan, var(acc)), floatImm(INFINITY, dt), var(acc)));
        upd(binary(BinaryOp::Max, var(acc), floatImm(-INFINITY, dt)));
        upd(binary(BinaryOp::Min, var(acc), floatImm(NAN, dt)));
      } else {
        for (BinaryOp op : {BinaryOp::BitAnd, BinaryOp::BitOr, BinaryOp::BitXor, BinaryOp::Shl, BinaryOp::Shr})
          upd(binary(op, var(acc), y));
        upd(unary(UnaryOp::BitNot, var(acc)));
        upd(binary(BinaryOp::Add, var(acc), intImm(dt == DType::Int64 ? INT64_MIN : -3, dt)));
      }
    }
    s.push_back(store(o, i, var(acc)));
    ExprPtr flag = compare(CompareOp::LT, x, y);
    if (fl) flag = binary(BinaryOp::LogicalOr, flag, unary(UnaryOp::IsInf, x));
    s.push_back(store(ob, i, binary(BinaryOp::LogicalAnd, flag, cast(cast(y, DType::Float32), DType::Bool))));
    k->body = block(std::move(s));
    ks.push_back(std::move(k));
  }
  return ks;
}

// A row reduction with an If and a nested loop (softmax-like).
std::unique_ptr<Kernel> softmaxKernel() {
  auto k = std::make_unique<Kernel>();
  k->name = "softmax";
  int x = k->addBuffer("x", DType::Float32, false), y = k->addBuffer("y", DType::Float32, true);
  VarPtr n = k->addIntParam("n");
  k->outerExtent = var(k->addIntParam("rows"));
  ExprPtr i = var(k->outer);
  VarPtr m = k->newVar(Var::Kind::Local, DType::Float32, "m"), s = k->newVar(Var::Kind::Local, DType::Float32, "s");
  VarPtr j = k->newVar(Var::Kind::LoopIndex, DType::Int64, "j"), j2 = k->newVar(Var::Kind::LoopIndex, DType::Int64, "j");
  VarPtr j3 = k->newVar(Var::Kind::LoopIndex, DType::Int64, "j");
  auto at = [&](VarPtr jj) { return add(mul(i, var(n)), var(jj)); };
  std::vector<StmtPtr> b;
  b.push_back(let(m, floatImm(-INFINITY)));
  b.push_back(forLoop(j, intImm(0), var(n), assign(m, binary(BinaryOp::Max, var(m), load(*k, x, at(j)))), true));
  b.push_back(let(s, floatImm(0)));
  b.push_back(forLoop(j2, intImm(0), var(n),
                      assign(s, binary(BinaryOp::Add, var(s),
                                       unary(UnaryOp::Exp, binary(BinaryOp::Sub, load(*k, x, at(j2)), var(m))))),
                      true));
  b.push_back(ifThen(compare(CompareOp::GT, var(s), floatImm(0)),
                     forLoop(j3, intImm(0), var(n),
                             store(y, at(j3),
                                   binary(BinaryOp::Div,
                                          unary(UnaryOp::Exp, binary(BinaryOp::Sub, load(*k, x, at(j3)), var(m))),
                                          var(s))),
                             true),
                     store(y, mul(i, var(n)), floatImm(NAN))));
  k->body = block(std::move(b));
  return k;
}

TEST(CudaBackend, SourceNeedsNoNvrtc) {
  auto k = softmaxKernel();
  std::string src = cudaSource(*k);
  EXPECT_NE(src.find("extern \"C\" __global__ void wick_softmax("), std::string::npos) << src;
  EXPECT_NE(src.find("blockIdx.x"), std::string::npos);
}

TEST(CudaBackend, EveryOperatorAndDtypeCompilesAndPtxasAcceptsIt) {
  REQUIRE_NVRTC();
  for (auto& k : opCoverageKernels()) expectPtxasAccepts(*k, ptxas);
  expectPtxasAccepts(*softmaxKernel(), ptxas);
}

TEST(CudaBackend, BackendFillsDumpsAndHasNoHostEntry) {
  REQUIRE_NVRTC();
  CompileOptions opts;
  opts.dumpIr = opts.dumpAsm = true;
  auto ck = backendFor("cuda")->compile(*softmaxKernel(), opts);
  EXPECT_EQ(ck->fn, nullptr);
  EXPECT_NE(ck->dumpIr.find("__global__"), std::string::npos);
  EXPECT_NE(ck->dumpAsm.find(".visible .entry wick_softmax"), std::string::npos) << ck->dumpAsm.substr(0, 2000);
}


// Every kernel the fuser's lowering produces for these chains (specialized
// and dynamic) goes through NVRTC and ptxas: a backend that checks the PTX
// of each kernel it is given, then compiles it with the reference evaluator.
class PtxCheckingBackend final : public Backend {
 public:
  explicit PtxCheckingBackend(std::string ptxas) : ptxas_(std::move(ptxas)) {}
  const char* name() const override { return "ptx-check"; }
  std::shared_ptr<CompiledKernel> compile(const kir::Kernel& k, const CompileOptions& opts) override {
    ++kernels;
    expectPtxasAccepts(k, ptxas_);
    return backendFor("interp")->compile(k, opts);
  }
  int kernels = 0;

 private:
  std::string ptxas_;
};

TEST(CudaBackend, KernelsLoweredFromFusionGroupsPassPtxas) {
  REQUIRE_NVRTC();
  kir::registerInterpBackend();
  PtxCheckingBackend be(ptxas);
  auto rnd = [](std::vector<int64_t> sizes, uint64_t seed, DType t = DType::Float32, bool contiguous = true) {
    return IValue(testing::randomTensor(t, sizes, contiguous, seed));
  };
  struct Chain {
    const char* text;
    std::vector<IValue> inputs;
  };
  std::vector<Chain> chains = {
      {R"(graph(%x : Tensor):
  %d : int = prim::Constant[value=1]()
  %n : NoneType = prim::Constant()
  %y : Tensor = aten::log_softmax(%x, %d, %n)
  return (%y))",
       {rnd({5, 19}, 2, DType::Float64, false)}},
      {R"(graph(%x : Tensor, %w : Tensor, %b : Tensor):
  %ns : int[] = prim::Constant[value=[16]]()
  %eps : float = prim::Constant[value=1.0000000000000001e-05]()
  %c : bool = prim::Constant[value=1]()
  %y : Tensor = aten::layer_norm(%x, %ns, %w, %b, %eps, %c)
  return (%y))",
       {rnd({6, 16}, 1), rnd({16}, 2), rnd({16}, 3)}},
      {R"(graph(%x : Tensor, %b : Tensor):
  %one : int = prim::Constant[value=1]()
  %a : str = prim::Constant[value="none"]()
  %h : Tensor = aten::add(%x, %b, %one)
  %y : Tensor = aten::gelu(%h, %a)
  return (%y))",
       {rnd({9, 40}, 1), rnd({40}, 2)}},
      {R"(graph(%x : Tensor, %b : Tensor, %r : Tensor):
  %one : int = prim::Constant[value=1]()
  %h : Tensor = aten::add(%x, %b, %one)
  %s : Tensor = aten::silu(%h)
  %y : Tensor = aten::add(%s, %r, %one)
  return (%y))",
       {rnd({64, 70}, 1), rnd({70}, 2), rnd({64, 70}, 3)}},
      {R"(graph(%x : Tensor):
  %d : int[] = prim::Constant[value=[-1]]()
  %t : bool = prim::Constant[value=1]()
  %one : int = prim::Constant[value=1]()
  %n : NoneType = prim::Constant()
  %m : Tensor = aten::amax(%x, %d, %t)
  %s : Tensor = aten::sub(%x, %m, %one)
  %e : Tensor = aten::exp(%s)
  %z : Tensor = aten::sum(%e, %d, %t, %n)
  %y : Tensor = aten::div(%e, %z)
  return (%y))",
       {rnd({4, 3, 10}, 1)}},
      {R"(graph(%x : Tensor, %y : Tensor):
  %one : int = prim::Constant[value=1]()
  %h : float = prim::Constant[value=0.5]()
  %c : Tensor = aten::gt(%x, %h)
  %a : Tensor = aten::add(%x, %y, %one)
  %w : Tensor = aten::where(%c, %a, %y)
  return (%w))",
       {rnd({5, 7}, 1, DType::Float64), rnd({7}, 2, DType::Int32)}},
  };
  for (auto& c : chains) {
    auto g = ir::parseGraph(c.text);
    fuseGraph(*g, FuserOptions{});
    for (bool dyn : {false, true}) {
      testing::FusedRunner runner(g, &be, dyn);
      runner.run(c.inputs);
    }
  }
  EXPECT_GE(be.kernels, 8);
}

}  // namespace
}  // namespace wick::jit
