// The LLVM backend on hand-built kernels, against plain C++ loops.
#include "jit/backend.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <random>
#include <time.h>
#include <thread>

#include "jit/kir/kernel_ir.h"
#include "wick/error.h"

namespace wick::jit {
namespace {

using namespace kir;

Backend* llvm() {
  Backend* be = backendFor("llvm");
  if (!be) return nullptr;
  return be;
}

#define REQUIRE_LLVM()                                                 \
  Backend* be = llvm();                                                \
  if (!be) GTEST_SKIP() << "built without LLVM (WICK_WITH_LLVM=OFF)";

void run(const CompiledKernel& ck, std::vector<void*> bufs, std::vector<int64_t> ints, std::vector<double> floats,
         int64_t n) {
  ASSERT_NE(ck.fn, nullptr);
  // In two chunks, as the executor splits the outer range.
  ck.fn(bufs.data(), ints.data(), floats.data(), 0, n / 2);
  ck.fn(bufs.data(), ints.data(), floats.data(), n / 2, n);
}

TEST(LlvmBackend, ElementwiseWithBroadcastingStrides) {
  REQUIRE_LLVM();
  // out[i, j] = exp(x[i, j] * s) + y[j] - 1, x read with strides (sx0, sx1), y broadcast over rows.
  Kernel k;
  k.name = "bcast";
  int x = k.addBuffer("x", DType::Float32, false);
  int y = k.addBuffer("y", DType::Float32, false);
  int out = k.addBuffer("out", DType::Float32, true);
  VarPtr rows = k.addIntParam("rows"), cols = k.addIntParam("cols");
  VarPtr sx0 = k.addIntParam("sx0"), sx1 = k.addIntParam("sx1");
  VarPtr s = k.addFloatParam("s");
  k.outerExtent = var(rows);
  VarPtr j = k.newVar(Var::Kind::LoopIndex, DType::Int64, "j");
  ExprPtr i = var(k.outer);
  ExprPtr xv = load(k, x, add(mul(i, var(sx0)), mul(var(j), var(sx1))));
  ExprPtr v = binary(BinaryOp::Add, unary(UnaryOp::Exp, binary(BinaryOp::Mul, xv, cast(var(s), DType::Float32))),
                     load(k, y, var(j)));
  v = binary(BinaryOp::Sub, v, floatImm(1));
  k.body = forLoop(j, intImm(0), var(cols), store(out, add(mul(i, var(cols)), var(j)), v), true);
  CompileOptions opts;
  opts.dumpIr = opts.dumpAsm = true;
  auto ck = be->compile(k, opts);
  EXPECT_GT(ck->compileMs, 0);
  EXPECT_NE(ck->dumpIr.find("define"), std::string::npos);
  EXPECT_NE(ck->dumpAsm.find("ret"), std::string::npos);
  // The inner loop is vectorized (<N x float> in the optimized IR).
  EXPECT_NE(ck->dumpIr.find("x float>"), std::string::npos) << ck->dumpIr;

  const int64_t R = 7, C = 37;
  std::vector<float> xs(C * R), ys(C), o(R * C, -99);  // x stored transposed: strides (1, R)
  std::mt19937 g(1);
  std::uniform_real_distribution<float> d(-3, 3);
  for (auto& e : xs) e = d(g);
  for (auto& e : ys) e = d(g);
  run(*ck, {xs.data(), ys.data(), o.data()}, {R, C, 1, R}, {0.5}, R);
  for (int64_t r = 0; r < R; ++r)
    for (int64_t c = 0; c < C; ++c) {
      float want = std::exp(xs[r + c * R] * 0.5f) + ys[c] - 1;
      EXPECT_NEAR(o[r * C + c], want, 4e-6f * std::max(1.f, std::fabs(want))) << r << "," << c;
    }
}

// out[i] = sum_j x[i*n + j], max_j, and a mean-subtracted sum of squares (two passes).
TEST(LlvmBackend, ReductionsOverTheInnerDim) {
  REQUIRE_LLVM();
  for (DType dt : {DType::Float32, DType::Float64}) {
    Kernel k;
    k.name = "reduce";
    int x = k.addBuffer("x", dt, false);
    int sum = k.addBuffer("sum", dt, true);
    int mx = k.addBuffer("max", dt, true);
    int var_ = k.addBuffer("var", dt, true);
    VarPtr n = k.addIntParam("n");
    k.outerExtent = var(k.addIntParam("rows"));
    ExprPtr i = var(k.outer);
    VarPtr acc = k.newVar(Var::Kind::Local, dt, "acc");
    VarPtr m = k.newVar(Var::Kind::Local, dt, "m");
    VarPtr sq = k.newVar(Var::Kind::Local, dt, "sq");
    VarPtr j = k.newVar(Var::Kind::LoopIndex, DType::Int64, "j");
    VarPtr j2 = k.newVar(Var::Kind::LoopIndex, DType::Int64, "j2");
    auto xat = [&](VarPtr jj) { return load(k, x, add(mul(i, var(n)), var(jj))); };
    std::vector<StmtPtr> body;
    body.push_back(let(acc, floatImm(0, dt)));
    body.push_back(let(m, floatImm(-INFINITY, dt)));
    std::vector<StmtPtr> inner;
    inner.push_back(assign(acc, binary(BinaryOp::Add, var(acc), xat(j))));
    inner.push_back(assign(m, binary(BinaryOp::Max, var(m), xat(j))));
    body.push_back(forLoop(j, intImm(0), var(n), block(std::move(inner)), true));
    body.push_back(store(sum, i, var(acc)));
    body.push_back(store(mx, i, var(m)));
    ExprPtr mean = binary(BinaryOp::Div, var(acc), cast(var(n), dt));
    body.push_back(let(sq, floatImm(0, dt)));
    ExprPtr dev = binary(BinaryOp::Sub, xat(j2), mean);
    body.push_back(forLoop(j2, intImm(0), var(n), assign(sq, binary(BinaryOp::Add, var(sq), binary(BinaryOp::Mul, dev, dev))),
                           true));
    body.push_back(store(var_, i, binary(BinaryOp::Div, var(sq), cast(var(n), dt))));
    k.body = block(std::move(body));
    CompileOptions opts;
    opts.dumpIr = true;
    auto ck = be->compile(k, opts);
    // The accumulations vectorize (reassoc on the sum, NaN-propagating max).
    EXPECT_NE(ck->dumpIr.find("llvm.vector.reduce.fadd"), std::string::npos) << ck->dumpIr;
    EXPECT_NE(ck->dumpIr.find("llvm.vector.reduce.fmaximum"), std::string::npos) << ck->dumpIr;

    const int64_t R = 5, N = 1003;
    std::mt19937 g(2);
    std::uniform_real_distribution<double> d(-2, 2);
    std::vector<double> xd(R * N);
    for (auto& e : xd) e = d(g);
    xd[3 * N + 17] = NAN;  // row 3: NaN propagates through max and sum
    auto check = [&](auto zero) {
      using T = decltype(zero);
      std::vector<T> xs(xd.begin(), xd.end()), s(R), mm(R), vv(R);
      run(*ck, {xs.data(), s.data(), mm.data(), vv.data()}, {N, R}, {}, R);
      for (int64_t r = 0; r < R; ++r) {
        double ws = 0, wm = -INFINITY, wv = 0;
        for (int64_t c = 0; c < N; ++c) ws += xs[r * N + c];
        for (int64_t c = 0; c < N; ++c) wm = std::isnan(wm) || std::isnan(double(xs[r * N + c])) ? NAN : std::max(wm, double(xs[r * N + c]));
        for (int64_t c = 0; c < N; ++c) wv += (xs[r * N + c] - ws / N) * (xs[r * N + c] - ws / N);
        if (r == 3) {
          EXPECT_TRUE(std::isnan(s[r]) && std::isnan(mm[r]));
          continue;
        }
        double tol = sizeof(T) == 4 ? 1e-4 : 1e-12;
        EXPECT_NEAR(s[r], ws, tol * N);
        EXPECT_EQ(mm[r], T(wm));
        EXPECT_NEAR(vv[r], wv / N, tol * 10);
      }
    };
    if (dt == DType::Float32) check(0.f); else check(0.0);
  }
}

template <typename T>
std::vector<T> runBinary(Backend* be, DType dt, BinaryOp op, const std::vector<T>& a, const std::vector<T>& b) {
  Kernel k;
  int x = k.addBuffer("a", dt, false), y = k.addBuffer("b", dt, false), o = k.addBuffer("o", dt, true);
  k.outerExtent = var(k.addIntParam("n"));
  ExprPtr i = var(k.outer);
  k.body = store(o, i, binary(op, load(k, x, i), load(k, y, i)));
  auto ck = be->compile(k);
  std::vector<T> out(a.size());
  std::vector<void*> bufs = {(void*)a.data(), (void*)b.data(), out.data()};
  int64_t n = a.size();
  ck->fn(bufs.data(), &n, nullptr, 0, n);
  return out;
}

TEST(LlvmBackend, IntegerDivisionFamilies) {
  REQUIRE_LLVM();
  std::vector<int64_t> a, b;
  for (int64_t x : {-7, -6, -1, 0, 1, 5, 7, 9})
    for (int64_t y : {-3, -2, -1, 1, 2, 3}) a.push_back(x), b.push_back(y);
  auto fdiv = runBinary<int64_t>(be, DType::Int64, BinaryOp::FloorDiv, a, b);
  auto rem = runBinary<int64_t>(be, DType::Int64, BinaryOp::Remainder, a, b);
  auto mod = runBinary<int64_t>(be, DType::Int64, BinaryOp::Mod, a, b);
  auto div = runBinary<int64_t>(be, DType::Int64, BinaryOp::Div, a, b);
  for (size_t i = 0; i < a.size(); ++i) {
    int64_t q = a[i] / b[i], r = a[i] % b[i];
    if (r != 0 && ((r < 0) != (b[i] < 0))) --q, r += b[i];
    EXPECT_EQ(fdiv[i], q) << a[i] << " // " << b[i];
    EXPECT_EQ(rem[i], r) << a[i] << " % " << b[i];
    EXPECT_EQ(mod[i], a[i] % b[i]);
    EXPECT_EQ(div[i], a[i] / b[i]);
  }
  std::vector<int32_t> pa = {2, -2, 3, 1, -1, -1, 2, 0}, pb = {10, 3, 0, -5, -3, -4, -1, 0};
  auto p = runBinary<int32_t>(be, DType::Int32, BinaryOp::Pow, pa, pb);
  EXPECT_EQ(p, (std::vector<int32_t>{1024, -8, 1, 1, -1, 1, 0, 1}));
}

TEST(LlvmBackend, FloatDivisionFamiliesAndMinMax) {
  REQUIRE_LLVM();
  std::vector<double> a, b;
  for (double x : {-7.5, -6.0, -0.0, 0.0, 1.25, 5.0, 7.0, 1e300, double(NAN), double(INFINITY)})
    for (double y : {-3.0, -2.0, -0.5, 0.0, 0.5, 2.0, 3.0, double(NAN), double(INFINITY)}) a.push_back(x), b.push_back(y);
  auto fdiv = runBinary<double>(be, DType::Float64, BinaryOp::FloorDiv, a, b);
  auto rem = runBinary<double>(be, DType::Float64, BinaryOp::Remainder, a, b);
  auto mod = runBinary<double>(be, DType::Float64, BinaryOp::Mod, a, b);
  auto mx = runBinary<double>(be, DType::Float64, BinaryOp::Max, a, b);
  auto mn = runBinary<double>(be, DType::Float64, BinaryOp::Min, a, b);
  auto same = [](double x, double y) { return (std::isnan(x) && std::isnan(y)) || (x == y && std::signbit(x) == std::signbit(y)); };
  for (size_t i = 0; i < a.size(); ++i) {
    double x = a[i], y = b[i];
    // c10::div_floor_floating and the remainder rule of torch.remainder.
    double want;
    if (y == 0) {
      want = x / y;
    } else {
      double m = std::fmod(x, y), d = (x - m) / y;
      if (m != 0 && (y < 0) != (m < 0)) d -= 1;
      if (d != 0) {
        want = std::floor(d);
        if (d - want > 0.5) want += 1;
      } else {
        want = std::copysign(0.0, x / y);
      }
    }
    EXPECT_TRUE(same(fdiv[i], want)) << x << " // " << y << " = " << fdiv[i] << " want " << want;
    double r = std::fmod(x, y);
    if (r != 0 && (y < 0) != (r < 0)) r += y;
    EXPECT_TRUE(same(rem[i], r)) << x << " rem " << y << " = " << rem[i];
    EXPECT_TRUE(same(mod[i], std::fmod(x, y)));
    double wmx = std::isnan(x) || std::isnan(y) ? NAN : std::max(x, y), wmn = std::isnan(x) || std::isnan(y) ? NAN : std::min(x, y);
    if (x == 0 && y == 0) wmx = std::signbit(x) ? y : x, wmn = std::signbit(x) ? x : y;
    EXPECT_TRUE(same(mx[i], wmx)) << x << " max " << y;
    EXPECT_TRUE(same(mn[i], wmn)) << x << " min " << y;
  }
}

// Casts, compares, select and bools stored as bytes.
TEST(LlvmBackend, CastsComparesSelectAndBools) {
  REQUIRE_LLVM();
  Kernel k;
  int x = k.addBuffer("x", DType::Float32, false);
  int m = k.addBuffer("mask", DType::Bool, false);
  int oi = k.addBuffer("as_int", DType::Int32, true);
  int ou = k.addBuffer("as_u8", DType::UInt8, true);
  int ob = k.addBuffer("gt_and_mask", DType::Bool, true);
  int od = k.addBuffer("where", DType::Float64, true);
  int orr = k.addBuffer("round", DType::Float32, true);
  int os = k.addBuffer("sign", DType::Float32, true);
  int on = k.addBuffer("isnan", DType::Bool, true);
  k.outerExtent = var(k.addIntParam("n"));
  ExprPtr i = var(k.outer);
  ExprPtr xv = load(k, x, i), mv = load(k, m, i);
  std::vector<StmtPtr> s;
  s.push_back(store(oi, i, cast(xv, DType::Int32)));
  s.push_back(store(ou, i, cast(xv, DType::UInt8)));
  s.push_back(store(ob, i, binary(BinaryOp::LogicalAnd, compare(CompareOp::GT, xv, floatImm(0.5)), mv)));
  s.push_back(store(od, i, select(mv, cast(xv, DType::Float64), cast(cast(mv, DType::Int64), DType::Float64))));
  s.push_back(store(orr, i, unary(UnaryOp::Round, xv)));
  s.push_back(store(os, i, unary(UnaryOp::Sign, xv)));
  s.push_back(store(on, i, unary(UnaryOp::IsNan, xv)));
  k.body = block(std::move(s));
  auto ck = be->compile(k);
  std::vector<float> xs = {-2.5f, -1.7f, -0.5f, 0.5f, 1.5f, 2.5f, 3.7f, 200.9f, NAN, -0.0f, 0.75f, 1e3f};
  std::vector<uint8_t> mask = {1, 0, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1};
  size_t n = xs.size();
  std::vector<int32_t> ai(n);
  std::vector<uint8_t> au(n), ab(n), an(n);
  std::vector<double> ad(n);
  std::vector<float> ar(n), as(n);
  run(*ck, {xs.data(), mask.data(), ai.data(), au.data(), ab.data(), ad.data(), ar.data(), as.data(), an.data()},
      {int64_t(n)}, {}, n);
  for (size_t j = 0; j < n; ++j) {
    float v = xs[j];
    if (!std::isnan(v)) {
      EXPECT_EQ(ai[j], int32_t(v)) << v;
      EXPECT_EQ(au[j], uint8_t(int32_t(v))) << v;
      EXPECT_EQ(ar[j], std::nearbyint(v)) << v;  // default rounding: half to even
    }
    EXPECT_EQ(ab[j], uint8_t(v > 0.5f && mask[j]));
    if (mask[j]) EXPECT_TRUE(std::isnan(ad[j]) ? std::isnan(v) : ad[j] == double(v));
    else EXPECT_EQ(ad[j], 0.0);
    EXPECT_EQ(as[j], std::isnan(v) ? 0.f : float((0 < v) - (v < 0)));
    EXPECT_EQ(an[j], uint8_t(std::isnan(v)));
  }
}

TEST(LlvmBackend, IntOpsOnNarrowTypesAndLoopsWithIf) {
  REQUIRE_LLVM();
  // o[i] = sum over j < i of (x[j] & 3) for x[j] odd, as int16, with uint8 max.
  Kernel k;
  int x = k.addBuffer("x", DType::Int16, false);
  int o = k.addBuffer("o", DType::Int16, true);
  int u = k.addBuffer("u", DType::UInt8, true);
  k.outerExtent = var(k.addIntParam("n"));
  ExprPtr i = var(k.outer);
  VarPtr acc = k.newVar(Var::Kind::Local, DType::Int16, "acc");
  VarPtr j = k.newVar(Var::Kind::LoopIndex, DType::Int64, "j");
  ExprPtr xj = load(k, x, var(j));
  std::vector<StmtPtr> s;
  s.push_back(let(acc, intImm(0, DType::Int16)));
  s.push_back(forLoop(j, intImm(0), i,
                      ifThen(compare(CompareOp::EQ, binary(BinaryOp::BitAnd, xj, intImm(1, DType::Int16)),
                                     intImm(1, DType::Int16)),
                             assign(acc, binary(BinaryOp::Add, var(acc), binary(BinaryOp::BitAnd, xj, intImm(3, DType::Int16)))))));
  s.push_back(store(o, i, var(acc)));
  ExprPtr xu = cast(load(k, x, i), DType::UInt8);
  s.push_back(store(u, i, binary(BinaryOp::Max, xu, intImm(200, DType::UInt8))));
  k.body = block(std::move(s));
  auto ck = be->compile(k);
  std::vector<int16_t> xs = {3, -5, 8, 7, 1, 300, -1, 255, 11};
  size_t n = xs.size();
  std::vector<int16_t> os(n);
  std::vector<uint8_t> us(n);
  run(*ck, {xs.data(), os.data(), us.data()}, {int64_t(n)}, {}, n);
  for (size_t t = 0; t < n; ++t) {
    int16_t want = 0;
    for (size_t q = 0; q < t; ++q)
      if ((xs[q] & 1) == 1) want += xs[q] & 3;
    EXPECT_EQ(os[t], want);
    EXPECT_EQ(us[t], std::max<uint8_t>(uint8_t(xs[t]), 200));
  }
}

TEST(LlvmBackend, CompilesFromTwoThreadsAndRunsFromMany) {
  REQUIRE_LLVM();
  auto makeKernel = [](float scale) {
    auto k = std::make_unique<Kernel>();
    int x = k->addBuffer("x", DType::Float32, false), y = k->addBuffer("y", DType::Float32, true);
    k->outerExtent = var(k->addIntParam("n"));
    ExprPtr i = var(k->outer);
    k->body = store(y, i, unary(UnaryOp::Tanh, binary(BinaryOp::Mul, load(*k, x, i), floatImm(scale))));
    return k;
  };
  std::vector<std::shared_ptr<CompiledKernel>> cks(8);
  std::vector<double> ms;
  std::thread t1([&] { for (int q = 0; q < 8; q += 2) cks[q] = be->compile(*makeKernel(q + 1)); });
  std::thread t2([&] { for (int q = 1; q < 8; q += 2) cks[q] = be->compile(*makeKernel(q + 1)); });
  t1.join();
  t2.join();
  for (auto& c : cks) ms.push_back(c->compileMs);
  std::sort(ms.begin(), ms.end());
  std::printf("llvm backend: median compile time of a tanh kernel: %.1f ms\n", ms[ms.size() / 2]);
  const int64_t n = 4099;
  std::vector<float> xs(n);
  for (int64_t q = 0; q < n; ++q) xs[q] = (q - n / 2) * 1e-3f;
  std::vector<std::thread> runners;
  std::vector<int> bad(16, 0);
  for (int t = 0; t < 16; ++t)
    runners.emplace_back([&, t] {
      std::vector<float> ys(n);
      auto& ck = cks[t % 8];
      std::vector<void*> bufs = {xs.data(), ys.data()};
      for (int rep = 0; rep < 20; ++rep) ck->fn(bufs.data(), &n, nullptr, 0, n);
      for (int64_t q = 0; q < n; ++q)
        if (std::fabs(ys[q] - std::tanh(xs[q] * float(t % 8 + 1))) > 1e-6f) bad[t]++;
    });
  for (auto& r : runners) r.join();
  for (int t = 0; t < 16; ++t) EXPECT_EQ(bad[t], 0) << t;
}

TEST(LlvmBackend, RegistryAndUnknownNames) {
  EXPECT_EQ(backendFor("no-such-backend"), nullptr);
  EXPECT_NE(backendFor("cuda"), nullptr);
  EXPECT_EQ(backendFor("llvm") != nullptr, llvmAvailable());
}

}  // namespace
}  // namespace wick::jit

namespace wick::jit {
namespace {

// A GELU(erf) elementwise kernel, the typical fusion group: compile time.
// y = x * c + float(65536 * 65536), the product computed in `immType`: the
// kernel IR text is the same for Int32 (which wraps to 0) and Int64.
std::unique_ptr<Kernel> scaleKernel(double c, DType immType) {
  auto k = std::make_unique<Kernel>();
  k->name = "scale";
  int x = k->addBuffer("x", DType::Float32, false), y = k->addBuffer("y", DType::Float32, true);
  k->outerExtent = var(k->addIntParam("n"));
  ExprPtr i = var(k->outer);
  ExprPtr v = binary(BinaryOp::Mul, load(*k, x, i), floatImm(c));
  ExprPtr big = binary(BinaryOp::Mul, intImm(65536, immType), intImm(65536, immType));
  k->body = store(y, i, binary(BinaryOp::Add, v, cast(big, DType::Float32)));
  return k;
}

TEST(LlvmBackend, IdenticalKernelsShareCodeWhileInUse) {
  REQUIRE_LLVM();
  auto a = be->compile(*scaleKernel(2, DType::Int64));
  auto b = be->compile(*scaleKernel(2, DType::Int64));
  EXPECT_EQ(a->fn, b->fn);  // the cache answered
  auto c = be->compile(*scaleKernel(3, DType::Int64));
  EXPECT_NE(a->fn, c->fn);
  auto d = be->compile(*scaleKernel(2, DType::Int32));  // same text, another immediate dtype
  EXPECT_NE(a->fn, d->fn);
  std::vector<float> xs = {1, 2, 3, 4}, ys(4);
  a.reset();  // b still holds the code
  run(*b, {xs.data(), ys.data()}, {4}, {}, 4);
  EXPECT_EQ(ys, (std::vector<float>{2 + 0x1p32f, 4 + 0x1p32f, 6 + 0x1p32f, 8 + 0x1p32f}));
}

TEST(LlvmBackend, CompileTimeOfAGeluKernel) {
  REQUIRE_LLVM();
  std::vector<double> ms, cpu;  // wall (compileMs) and this thread's CPU time
  for (int rep = 0; rep < 9; ++rep) {
    kir::Kernel k;
    k.name = "gelu";
    int x = k.addBuffer("x", DType::Float32, false), y = k.addBuffer("y", DType::Float32, true);
    k.outerExtent = kir::var(k.addIntParam("n"));
    kir::ExprPtr i = kir::var(k.outer), xv = kir::load(k, x, i);
    kir::ExprPtr e = kir::unary(kir::UnaryOp::Erf, kir::binary(kir::BinaryOp::Mul, xv, kir::floatImm(0.7071067811865476)));
    kir::ExprPtr g = kir::binary(kir::BinaryOp::Mul, kir::binary(kir::BinaryOp::Mul, xv, kir::floatImm(0.5)),
                                 kir::binary(kir::BinaryOp::Add, e, kir::floatImm(1)));
    k.body = kir::store(y, i, g);
    if (rep == 0) {
      CompileOptions opts;
      opts.dumpIr = true;
      EXPECT_NE(be->compile(k, opts)->dumpIr.find("x float>"), std::string::npos) << "GELU(erf) did not vectorize";
    }
    timespec c0, c1;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
    auto ck = be->compile(k);
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
    ms.push_back(ck->compileMs);
    cpu.push_back((c1.tv_sec - c0.tv_sec) * 1e3 + (c1.tv_nsec - c0.tv_nsec) * 1e-6);
  }
  std::sort(ms.begin(), ms.end());
  std::sort(cpu.begin(), cpu.end());
  std::printf("llvm backend: GELU(erf) kernel compile time: median %.1f ms, min %.1f ms (CPU time: median %.1f ms)\n",
              ms[ms.size() / 2], ms[0], cpu[cpu.size() / 2]);
}

}  // namespace
}  // namespace wick::jit
