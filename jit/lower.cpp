// Lowering of a fusion group to kernel IR (lower.h).
#include "jit/lower.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include "core/check.h"
#include "jit/fusible_ops.h"

namespace wick::jit {

using ir::Node;
using ir::Value;
using kir::ExprPtr;
using kir::StmtPtr;
using kir::VarPtr;

namespace {

constexpr int64_t kBlock = 2048;  // elements per outer index of flat elementwise kernels
constexpr int64_t kSumBlock = 1024;  // elements per partial sum of float sums (see the reduction passes)

// ---- type promotion (at::native::result_type, as kernels/cpu/type_promotion) ----

constexpr int kUndef = -1;
int promoteU(int a, int b) {
  if (a == kUndef) return b;
  if (b == kUndef) return a;
  return static_cast<int>(promoteTypes(static_cast<DType>(a), static_cast<DType>(b)));
}
bool isFloatId(int t) { return t != kUndef && isFloating(static_cast<DType>(t)); }
int combine(int higher, int lower) {
  if (isFloatId(higher)) return higher;
  if (higher == static_cast<int>(DType::Bool) || isFloatId(lower)) return promoteU(higher, lower);
  if (higher != kUndef) return higher;
  return lower;
}

// What the analysis knows about a value of the subgraph.
struct VInfo {
  enum Kind : uint8_t { Tensor, Int, Float, Bool, None, IntList, Str } kind = None;
  DType dtype = DType::Float32;   // tensors; for scalars the promotion dtype
  std::vector<int64_t> shape;     // tensors
  std::vector<int> dmap;          // tensors: domain dim of each dim
  int input = -1;                 // group input index
  std::optional<IValue> constant; // constants
  std::vector<int64_t> ints;      // IntList constants
  int level = 0;                  // reduction passes it depends on
  bool isTensor() const { return kind == Tensor; }
  bool isScalar() const { return kind == Int || kind == Float || kind == Bool; }
};

std::vector<int64_t> broadcastShapes(const std::vector<const VInfo*>& ts, const Node* n) {
  size_t r = 0;
  for (auto* t : ts) r = std::max(r, t->shape.size());
  std::vector<int64_t> out(r, 1);
  for (auto* t : ts) {
    size_t k = t->shape.size();
    for (size_t i = 0; i < k; ++i) {
      int64_t s = t->shape[i];
      int64_t& o = out[r - k + i];
      if (s == 1) continue;
      WICK_CHECK(o == 1 || o == s, "fusion: {} cannot broadcast its operands", n->kind().qualString());
      o = s;
    }
  }
  return out;
}

struct Red {
  enum Op : uint8_t { Sum, Max, Min } op = Sum;
  DType acc = DType::Float32;
  int level = 1;
  std::function<ExprPtr(struct Ctx&)> input;
  std::function<ExprPtr(ExprPtr acc)> finalize;
  VarPtr accVar;
  ExprPtr result;  // row-level, after the pass
};

struct Ctx {
  std::vector<StmtPtr>* stmts = nullptr;
  std::unordered_map<const Value*, ExprPtr> memo;
  std::vector<ExprPtr> offsets;  // per buffer
  bool isRow = true;
};

struct LoopDim {
  std::vector<int> domainDims;
  int64_t extConst = 1;
  ExprPtr extent;
  bool reduced = false;
  std::vector<ExprPtr> strides;        // per buffer
  std::vector<int64_t> strideConsts;   // per buffer (specialized)
};

class Lowering {
 public:
  Lowering(const ir::Graph& g, const std::vector<InputSpec>& specs, bool dynamic)
      : g_(g), specs_(specs), dynamic_(dynamic) {}

  LoweredGroup run();

 private:
  VInfo& info(const Value* v) { return infos_.at(v); }
  [[noreturn]] void unsupported(const Node* n, const std::string& why) {
    WICK_FAIL("fusion: cannot lower {}: {}", n->kind().qualString(), why);
  }
  const IValue* constArg(const Node* n, size_t i) {
    if (i >= n->inputs().size()) return nullptr;
    VInfo& vi = info(n->input(i));
    return vi.constant ? &*vi.constant : nullptr;
  }
  bool isNoneArg(const Node* n, size_t i) {
    if (i >= n->inputs().size()) return true;
    return info(n->input(i)).kind == VInfo::None;
  }
  int64_t constInt(const Node* n, size_t i) {
    const IValue* c = constArg(n, i);
    if (!c || !(c->isInt() || c->isBool())) unsupported(n, fmt::format("argument {} must be a constant int", i));
    return c->isInt() ? c->toInt() : c->toBool();
  }
  double constNumber(const Node* n, size_t i, double dflt) {
    if (i >= n->inputs().size()) return dflt;
    const IValue* c = constArg(n, i);
    if (!c) unsupported(n, fmt::format("argument {} must be a constant number", i));
    if (c->isDouble()) return c->toDouble();
    if (c->isInt()) return static_cast<double>(c->toInt());
    if (c->isBool()) return c->toBool();
    unsupported(n, fmt::format("argument {} must be a number", i));
  }
  // The dtype aten::to converts to, for the overloads that stay on the CPU
  // and keep a contiguous or preserved layout; refuses the others.
  DType castTarget(const Node* n, DType self);
  std::optional<DType> constDType(const Node* n, size_t i) {
    if (isNoneArg(n, i)) return std::nullopt;
    DType t;
    if (!dtypeFromInt(constInt(n, i), &t)) unsupported(n, "unsupported dtype");
    return t;
  }

  // ---- analysis ----
  void analyzeInputs();
  void analyzeNode(const Node* n);
  std::vector<int> reductionDims(const Node* n, const VInfo& x);
  int resultTypeOf(const Node* n, std::initializer_list<size_t> args);
  void checkKernelType(const Node* n, DType t) {
    if (t == DType::Float16 || t == DType::BFloat16) unsupported(n, fmt::format("dtype {}", dtypeName(t)));
  }

  // ---- emission ----
  ExprPtr emit(const Value* v, Ctx& ctx);
  ExprPtr emitNode(const Node* n, Ctx& ctx);
  ExprPtr operand(const Node* n, size_t i, DType t, Ctx& ctx) { return kir::cast(emit(n->input(i), ctx), t); }
  bool isRowValue(const Value* v);
  void buildLoops();
  StmtPtr loopNest(std::vector<StmtPtr> body, Ctx& loopCtx, const std::function<void(Ctx&)>& fill);
  ExprPtr storeGuard(int outIdx, bool inLoop);
  ExprPtr reducedCount();
  int domainRank_ = 0;

  const ir::Graph& g_;
  const std::vector<InputSpec>& specs_;
  bool dynamic_;
  std::unordered_map<const Value*, VInfo> infos_;
  std::unordered_map<const Node*, DType> computeType_;
  // Tensor inputs read only for their dtype (type_as / to(other)): no
  // buffer, and no part of the domain.
  std::set<const Value*> dtypeOnly_;
  bool spansDomain(const Value* v) const { return !dtypeOnly_.count(v); }
  // Integer division nodes: their constant divisor in the compute dtype.
  std::unordered_map<const Node*, int64_t> intDivisor_;
  int64_t constIntDivisor(const Node* n, DType t);

  // Domain.
  bool haveReduction_ = false;
  std::vector<int64_t> D_;
  std::set<int> R_;
  std::vector<Red> reds_;
  std::unordered_map<const Value*, int> redOf_;  // reduction output -> reds_ index of its result
  std::unordered_map<const Node*, std::vector<int>> compositeReds_;

  // Kernel.
  std::shared_ptr<kir::Kernel> k_;
  LoweredGroup out_;
  std::vector<const Value*> bufferValue_;  // per buffer: the input value (outputs: group output)
  std::unordered_map<const Value*, int> inputBuffer_;
  std::vector<VarPtr> scalarParam_;  // per group input
  std::vector<LoopDim> loops_;
  std::vector<int> keptLoops_, innerLoops_;
  bool blocked_ = false;
  std::vector<VarPtr> loopIdx_;  // per loop dim (kept: Let locals; inner: loop vars)
  std::vector<ExprPtr> loopIdxExpr_;
  std::set<int> innerDomain_;  // domain dims of the inner loops
  Ctx row_;
};

void Lowering::analyzeInputs() {
  WICK_CHECK(specs_.size() == g_.inputs().size(), "fusion: group takes {} inputs, {} specs given",
             g_.inputs().size(), specs_.size());
  for (size_t i = 0; i < specs_.size(); ++i) {
    const InputSpec& s = specs_[i];
    VInfo vi;
    vi.input = static_cast<int>(i);
    switch (s.kind) {
      case InputSpec::Kind::Tensor:
        WICK_CHECK(s.device.isCpu(), "fusion: input {} is on {}; only CPU tensors are fused", i, s.device.str());
        WICK_CHECK(s.dtype != DType::Float16 && s.dtype != DType::BFloat16, "fusion: input {} has dtype {}", i,
                   dtypeName(s.dtype));
        vi.kind = VInfo::Tensor;
        vi.dtype = s.dtype;
        vi.shape = s.sizes;
        break;
      case InputSpec::Kind::Int: vi.kind = VInfo::Int; vi.dtype = DType::Int64; break;
      case InputSpec::Kind::Float: vi.kind = VInfo::Float; vi.dtype = DType::Float32; break;
      case InputSpec::Kind::Bool: vi.kind = VInfo::Bool; vi.dtype = DType::Bool; break;
    }
    infos_[g_.inputs()[i]] = vi;
  }
}

DType Lowering::castTarget(const Node* n, DType self) {
  // to.dtype(self, dtype, non_blocking, copy, memory_format?)
  // to.prim_dtype(self, dtype?, non_blocking, copy)
  // to.device(self, device, dtype, non_blocking, copy, memory_format?)
  // to.prim_Device(self, device?, dtype?, non_blocking, copy)
  // to.dtype_layout(self, dtype?, layout?, device?, pin_memory?, non_blocking, copy, memory_format?)
  // to.prim_other(self, non_blocking, copy)
  // to.other(self, other, non_blocking, copy, memory_format?)
  size_t k = n->inputs().size();
  auto kindOf = [&](size_t i) { return i < k ? info(n->input(i)).kind : VInfo::None; };
  auto onCpu = [&](size_t i) {
    if (kindOf(i) == VInfo::None) return true;
    const IValue* c = constArg(n, i);
    if (!c) return false;
    if (c->isDevice()) return c->toDevice().isCpu();
    return c->isString() && Device::parse(c->toStringRef()).isCpu();
  };
  // Layouts the fused (always contiguous) output may stand for: none given,
  // contiguous_format (0) or preserve_format (3).
  auto plainFormat = [&](size_t i) {
    if (kindOf(i) == VInfo::None) return true;
    const IValue* c = constArg(n, i);
    return c && c->isInt() && (c->toInt() == 0 || c->toInt() == 3);
  };
  std::optional<size_t> dtypeArg, formatArg;
  if (k == 5 && info(n->input(1)).isTensor()) {
    // to.other(self, other, non_blocking, copy, memory_format?): other's dtype
    if (!plainFormat(4)) unsupported(n, "memory_format");
    return info(n->input(1)).dtype;
  }
  if (k == 3) {
    // prim_other: a copy at most
  } else if (k == 8) {
    if (!(kindOf(2) == VInfo::None || (constArg(n, 2) && constArg(n, 2)->isInt() && constArg(n, 2)->toInt() == 0)))
      unsupported(n, "a layout other than strided");
    if (!onCpu(3)) unsupported(n, "a device other than the CPU");
    dtypeArg = 1;
    formatArg = 7;
  } else if (kindOf(1) == VInfo::Str || (kindOf(1) == VInfo::None && k == 5 && kindOf(2) != VInfo::Bool) || k == 6) {
    if (!onCpu(1)) unsupported(n, "a device other than the CPU");
    dtypeArg = 2;
    if (k == 6) formatArg = 5;
  } else if (kindOf(1) == VInfo::Int || kindOf(1) == VInfo::None) {
    dtypeArg = 1;
    if (k == 5) formatArg = 4;
  } else {
    unsupported(n, "this overload");
  }
  if (formatArg && !plainFormat(*formatArg)) unsupported(n, "memory_format");
  std::optional<DType> t = dtypeArg ? constDType(n, *dtypeArg) : std::nullopt;
  return t ? *t : self;
}

// Integer division by zero raises in the interpreter (ZeroDivisionError)
// and traps in machine code, so integer floor_divide / remainder / fmod /
// div(rounding_mode) fuse only by a nonzero constant divisor (as the
// kernel computes it: 256 is 0 in uint8).
int64_t Lowering::constIntDivisor(const Node* n, DType t) {
  if (t == DType::Bool) unsupported(n, "bool division");
  const VInfo& d = info(n->input(1));
  if (!d.constant || !(d.kind == VInfo::Int || d.kind == VInfo::Bool))
    unsupported(n, "integer division by a value that is not a constant");
  int64_t v = d.kind == VInfo::Bool ? d.constant->toBool() : d.constant->toInt();
  switch (t) {
    case DType::UInt8: v = static_cast<uint8_t>(v); break;
    case DType::Int8: v = static_cast<int8_t>(v); break;
    case DType::Int16: v = static_cast<int16_t>(v); break;
    case DType::Int32: v = static_cast<int32_t>(v); break;
    default: break;
  }
  if (v == 0) unsupported(n, "integer division by zero");
  return v;
}

int Lowering::resultTypeOf(const Node* n, std::initializer_list<size_t> args) {
  int dim = kUndef, zero = kUndef, wrapped = kUndef;
  for (size_t i : args) {
    if (i >= n->inputs().size()) continue;
    const VInfo& vi = info(n->input(i));
    if (vi.isTensor()) {
      if (vi.shape.empty()) zero = promoteU(zero, static_cast<int>(vi.dtype));
      else dim = promoteU(dim, static_cast<int>(vi.dtype));
    } else if (vi.isScalar()) {
      wrapped = promoteU(wrapped, static_cast<int>(vi.dtype));
    }
  }
  return combine(dim, combine(zero, wrapped));
}

std::vector<int> Lowering::reductionDims(const Node* n, const VInfo& x) {
  int r = static_cast<int>(x.shape.size());
  std::string name = n->kind().qualString();
  std::vector<int64_t> dims;
  if (name == "aten::softmax" || name == "aten::log_softmax") {
    dims.push_back(constInt(n, 1));
  } else if (name == "aten::layer_norm") {
    VInfo& ns = info(n->input(1));
    if (ns.kind != VInfo::IntList) unsupported(n, "normalized_shape must be a constant list");
    for (size_t i = 0; i < ns.ints.size(); ++i) dims.push_back(r - static_cast<int64_t>(ns.ints.size()) + i);
  } else if ((name == "aten::sum" || name == "aten::mean") && n->inputs().size() == 2) {
    // sum(self, dtype?): argument 1 is the dtype, every dim is reduced
    for (int d = 0; d < r; ++d) dims.push_back(d);
  } else if (n->inputs().size() >= 2 && info(n->input(1)).kind == VInfo::IntList) {
    dims = info(n->input(1)).ints;
    if (dims.empty()) for (int d = 0; d < r; ++d) dims.push_back(d);
  } else if (n->inputs().size() >= 2 && info(n->input(1)).kind == VInfo::Int) {
    dims.push_back(constInt(n, 1));
  } else if (n->inputs().size() < 2 || info(n->input(1)).kind == VInfo::None ||
             (info(n->input(1)).kind == VInfo::Int && !info(n->input(1)).constant)) {
    for (int d = 0; d < r; ++d) dims.push_back(d);
  } else {
    // sum(Tensor, ScalarType?) and friends: dim absent
    for (int d = 0; d < r; ++d) dims.push_back(d);
  }
  std::vector<int> out;
  for (int64_t d : dims) {
    int64_t nd = d < 0 ? d + std::max(r, 1) : d;
    if (nd < 0 || nd >= std::max(r, 1)) unsupported(n, "dim out of range");
    if (r == 0) continue;
    if (std::find(out.begin(), out.end(), nd) == out.end()) out.push_back(static_cast<int>(nd));
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Shapes and dtypes, and the reduction domain.
void Lowering::analyzeNode(const Node* n) {
  std::string name = n->kind().qualString();
  if (n->kind() == ir::Symbol::prim_Constant) {
    VInfo vi;
    IValue c = n->hasAttribute("value") ? n->ival("value") : IValue();
    if (c.isNone()) vi.kind = VInfo::None;
    else if (c.isInt()) { vi.kind = VInfo::Int; vi.dtype = DType::Int64; }
    else if (c.isDouble()) { vi.kind = VInfo::Float; vi.dtype = DType::Float32; }
    else if (c.isBool()) { vi.kind = VInfo::Bool; vi.dtype = DType::Bool; }
    else if (c.isString()) vi.kind = VInfo::Str;
    else if (c.isList()) {
      vi.kind = VInfo::IntList;
      for (const IValue& e : c.toList()->elements) {
        if (!e.isInt()) unsupported(n, "list constant of non-ints");
        vi.ints.push_back(e.toInt());
      }
    } else if (c.isDevice()) vi.kind = VInfo::Str;
    else unsupported(n, "constant of an unsupported type");
    vi.constant = c;
    infos_[n->output()] = vi;
    return;
  }
  if (n->kind() == ir::Symbol::prim_ListConstruct) {
    VInfo vi;
    vi.kind = VInfo::IntList;
    for (const Value* in : n->inputs()) {
      const VInfo& e = info(in);
      if (e.kind != VInfo::Int || !e.constant) unsupported(n, "list of non-constant ints");
      vi.ints.push_back(e.constant->toInt());
    }
    vi.constant = IValue();
    infos_[n->output()] = vi;
    return;
  }
  const FusibleOp* op = findFusibleOp(name);
  if (!op || n->outputs().size() != 1) unsupported(n, "not a fusible op");
  VInfo out;
  out.kind = VInfo::Tensor;
  int lvl = 0;
  std::vector<const VInfo*> tensors;
  for (size_t i = 0; i < n->inputs().size(); ++i) {
    const VInfo& vi = info(n->input(i));
    bool data = (op->dataArgs >> i) & 1u;
    if (name == "aten::to" && i == 1 && !vi.isTensor()) data = false;  // a dtype or device, not to(other)
    if (!data) {
      if (!vi.constant) unsupported(n, fmt::format("argument {} must be a constant", i));
      continue;
    }
    lvl = std::max(lvl, vi.level);
    if (vi.isTensor()) tensors.push_back(&vi);
    else if (!vi.isScalar() && vi.kind != VInfo::None) unsupported(n, fmt::format("argument {} has an unsupported type", i));
  }
  if (tensors.empty()) unsupported(n, "no tensor operand");
  const VInfo& x = info(n->input(0));
  DType ct = DType::Float32, ot = DType::Float32;
  auto floatOf = [](int t) { return isFloatId(t) ? static_cast<DType>(t) : DType::Float32; };

  if (op->cls == FusibleOp::Reduction) {
    if (!x.isTensor()) unsupported(n, "input must be a tensor");
    std::vector<int> dims = reductionDims(n, x);
    std::set<int> rset(dims.begin(), dims.end());
    int r = static_cast<int>(x.shape.size());
    bool identity = static_cast<int>(D_.size()) == r || !haveReduction_;
    for (int d = 0; d < r && identity; ++d) identity = x.dmap[d] == d;
    if (!identity || r != domainRank_) unsupported(n, "the reduction's input does not span the whole group");
    if (!haveReduction_) {
      haveReduction_ = true;
      // dmaps so far assumed the broadcast domain; the reduction domain
      // must be the same shape (checked after the walk).
      D_ = x.shape;
      R_ = rset;
    } else if (rset != R_ || x.shape.size() != D_.size()) {
      unsupported(n, "reductions over different dims in one group");
    }
    for (int d : R_)
      if (x.shape[d] != D_[d]) unsupported(n, "reduction over a broadcast dim");
    bool keepdim = false;
    std::optional<DType> dt;
    std::vector<Red> newReds;
    auto inputFn = [this, n](DType t) { return [this, n, t](Ctx& c) { return operand(n, 0, t, c); }; };
    // Two row passes shared by var/std and layer_norm: the mean, then the
    // sum of squared deviations from it, finished by `m2Finalize`.
    auto pushMeanAndSquaredDeviations = [&](DType ot, std::function<ExprPtr(ExprPtr)> m2Finalize) {
      int base = static_cast<int>(reds_.size());
      Red mean;
      mean.op = Red::Sum;
      mean.acc = ot;
      mean.level = lvl + 1;
      mean.input = inputFn(ot);
      mean.finalize = [this, ot](ExprPtr acc) { return kir::binary(kir::BinaryOp::Div, acc, kir::cast(reducedCount(), ot)); };
      Red m2;
      m2.op = Red::Sum;
      m2.acc = ot;
      m2.level = lvl + 2;
      m2.input = [this, n, ot, base](Ctx& c) {
        ExprPtr d = kir::binary(kir::BinaryOp::Sub, operand(n, 0, ot, c), reds_[base].result);
        return kir::binary(kir::BinaryOp::Mul, d, d);
      };
      m2.finalize = std::move(m2Finalize);
      newReds.push_back(mean);
      newReds.push_back(m2);
    };
    if (name == "aten::sum" || name == "aten::mean") {
      // sum(self, dim?, keepdim, dtype?) / sum(self, dtype?)
      bool withDim = n->inputs().size() >= 3;
      keepdim = withDim ? constInt(n, 2) != 0 : false;
      dt = constDType(n, withDim ? 3 : 1);
      DType in = dt ? *dt : x.dtype;
      if (name == "aten::sum") ot = dt ? *dt : (isIntegral(x.dtype, true) ? DType::Int64 : x.dtype);
      else {
        if (!isFloating(in)) unsupported(n, "mean of an integer tensor");
        ot = in;
      }
      ct = ot;
      Red rd;
      rd.op = Red::Sum;
      rd.acc = ot;
      rd.level = lvl + 1;
      rd.input = inputFn(ot);
      if (name == "aten::mean") {
        rd.finalize = [this, ot](ExprPtr acc) { return kir::binary(kir::BinaryOp::Div, acc, kir::cast(reducedCount(), ot)); };
      }
      newReds.push_back(rd);
    } else if (name == "aten::amax" || name == "aten::amin") {
      keepdim = n->inputs().size() >= 3 ? constInt(n, 2) != 0 : false;
      ot = ct = x.dtype;
      Red rd;
      rd.op = name == "aten::amax" ? Red::Max : Red::Min;
      rd.acc = ot;
      rd.level = lvl + 1;
      rd.input = inputFn(ot);
      newReds.push_back(rd);
      out_.needsNonEmptyReduction = true;
    } else if (name == "aten::var" || name == "aten::std") {
      // var(self, dim?, unbiased, keepdim) / var.correction(self, dim?, *, correction?, keepdim)
      if (!isFloating(x.dtype)) unsupported(n, "var of an integer tensor");
      ot = ct = x.dtype;
      double correction = 1;
      if (n->inputs().size() == 2) {  // var(self, unbiased)
        correction = constInt(n, 1) ? 1 : 0;
      } else if (n->inputs().size() >= 4) {
        const VInfo& c2 = info(n->input(2));
        if (c2.kind == VInfo::Bool) correction = c2.constant->toBool() ? 1 : 0;
        else if (c2.kind == VInfo::Int) correction = static_cast<double>(c2.constant->toInt());
        else if (c2.kind == VInfo::Float) correction = c2.constant->toDouble();
        keepdim = constInt(n, 3) != 0;
      }
      bool isStd = name == "aten::std";
      pushMeanAndSquaredDeviations(ot, [this, ot, correction, isStd](ExprPtr acc) {
        ExprPtr denom = kir::binary(kir::BinaryOp::Max,
                                    kir::binary(kir::BinaryOp::Sub, kir::cast(reducedCount(), DType::Float64),
                                                kir::floatImm(correction, DType::Float64)),
                                    kir::floatImm(0, DType::Float64));
        ExprPtr v = kir::binary(kir::BinaryOp::Div, acc, kir::cast(denom, ot));
        return isStd ? kir::unary(kir::UnaryOp::Sqrt, v) : v;
      });
    } else if (name == "aten::softmax" || name == "aten::log_softmax") {
      dt = constDType(n, 2);
      DType in = dt ? *dt : x.dtype;
      if (!isFloating(in)) unsupported(n, "softmax of an integer tensor");
      ot = ct = in;
      keepdim = true;
      int base = static_cast<int>(reds_.size());
      Red mx;
      mx.op = Red::Max;
      mx.acc = ot;
      mx.level = lvl + 1;
      mx.input = inputFn(ot);
      Red sm;
      sm.op = Red::Sum;
      sm.acc = ot;
      sm.level = lvl + 2;
      sm.input = [this, n, ot, base](Ctx& c) {
        return kir::unary(kir::UnaryOp::Exp, kir::binary(kir::BinaryOp::Sub, operand(n, 0, ot, c), reds_[base].result));
      };
      newReds.push_back(mx);
      newReds.push_back(sm);
    } else if (name == "aten::layer_norm") {
      if (!isFloating(x.dtype)) unsupported(n, "layer_norm of an integer tensor");
      ot = ct = x.dtype;
      keepdim = true;
      pushMeanAndSquaredDeviations(ot, [this, ot](ExprPtr acc) {
        return kir::binary(kir::BinaryOp::Div, acc, kir::cast(reducedCount(), ot));
      });
      for (size_t i : {size_t(2), size_t(3)}) {
        const VInfo& w = info(n->input(i));
        if (w.kind == VInfo::None) continue;
        if (!w.isTensor() || w.dtype != x.dtype) unsupported(n, "weight/bias must be tensors of the input's dtype");
        size_t k = w.shape.size();
        if (k > x.shape.size()) unsupported(n, "weight/bias shape");
        for (size_t j = 0; j < k; ++j)
          if (w.shape[j] != x.shape[x.shape.size() - k + j]) unsupported(n, "weight/bias shape");
      }
    } else {
      unsupported(n, "unknown reduction");
    }
    checkKernelType(n, ot);
    int base = static_cast<int>(reds_.size());
    for (auto& rd : newReds) reds_.push_back(std::move(rd));
    out.dtype = ot;
    out.level = reds_.back().level;
    if (op->composite && name != "aten::var" && name != "aten::std") {
      out.shape = x.shape;
      out.dmap = x.dmap;
      std::vector<int> ids;
      for (int i = base; i < static_cast<int>(reds_.size()); ++i) ids.push_back(i);
      compositeReds_[n] = ids;
    } else {
      for (int d = 0; d < r; ++d) {
        if (rset.count(d)) {
          if (keepdim) {
            out.shape.push_back(1);
            out.dmap.push_back(x.dmap[d]);
          }
        } else {
          out.shape.push_back(x.shape[d]);
          out.dmap.push_back(x.dmap[d]);
        }
      }
      redOf_[n->output()] = static_cast<int>(reds_.size()) - 1;
    }
    computeType_[n] = ct;
    infos_[n->output()] = out;
    return;
  }

  // Elementwise and casts: the broadcast shape, dmap from the widest operand
  // (a cast's second operand only gives the dtype).
  if (op->cls == FusibleOp::Cast) tensors = {&x};
  out.shape = broadcastShapes(tensors, n);
  const VInfo* widest = tensors[0];
  for (auto* t : tensors)
    if (t->shape.size() > widest->shape.size()) widest = t;
  out.dmap = widest->dmap;
  for (auto* t : tensors) {
    size_t k = t->shape.size(), rr = out.dmap.size();
    for (size_t i = 0; i < k; ++i)
      if (t->shape[i] != 1 && t->dmap[i] != out.dmap[rr - k + i])
        unsupported(n, "operands span different dims (a reduction without keepdim broadcast against a tensor)");
  }
  out.level = lvl;

  if (name == "aten::to") {
    ot = ct = castTarget(n, x.dtype);
  } else if (name == "aten::type_as") {
    const VInfo& o = info(n->input(1));
    if (!o.isTensor()) unsupported(n, "type_as of a non-tensor");
    ot = ct = o.dtype;
    out.shape = x.shape;
    out.dmap = x.dmap;
  } else {
    static const std::set<std::string> floatUnary = {
        "aten::exp",  "aten::exp2",  "aten::expm1", "aten::log",  "aten::log2", "aten::log10", "aten::log1p",
        "aten::sqrt", "aten::rsqrt", "aten::reciprocal", "aten::sin", "aten::cos", "aten::tan", "aten::asin",
        "aten::acos", "aten::atan",  "aten::sinh",  "aten::cosh", "aten::tanh", "aten::sigmoid", "aten::erf",
        "aten::erfc", "aten::gelu",  "aten::silu",  "aten::mish", "aten::softplus", "aten::elu",
        "aten::hardsigmoid", "aten::hardswish", "aten::frac"};
    static const std::set<std::string> compares = {"aten::eq", "aten::ne", "aten::lt",
                                                   "aten::le", "aten::gt", "aten::ge"};
    static const std::set<std::string> logical = {"aten::logical_and", "aten::logical_or", "aten::logical_xor",
                                                  "aten::logical_not", "aten::isnan"};
    int rt;
    if (name == "aten::where") rt = resultTypeOf(n, {1, 2});
    else if (name == "aten::clamp" || name == "aten::clamp_min" || name == "aten::clamp_max" ||
             name == "aten::lerp" || name == "aten::addcmul" || name == "aten::addcdiv")
      rt = resultTypeOf(n, {0, 1, 2});
    else if (op->dataArgs == 1) rt = resultTypeOf(n, {0});
    else rt = resultTypeOf(n, {0, 1});
    DType r = static_cast<DType>(rt);
    if (floatUnary.count(name) || name == "aten::atan2" || name == "aten::true_divide" ||
        (name == "aten::div" && isNoneArg(n, 2))) {
      ct = ot = floatOf(rt);
    } else if (compares.count(name)) {
      ct = r;
      ot = DType::Bool;
    } else if (logical.count(name)) {
      ct = DType::Bool;
      ot = DType::Bool;
    } else {
      ct = ot = r;
    }
    if (((name == "aten::div" && !isNoneArg(n, 2)) || name == "aten::floor_divide" || name == "aten::remainder" ||
         name == "aten::fmod") &&
        !isFloating(r))
      intDivisor_[n] = constIntDivisor(n, r);
    if ((name == "aten::lerp" || name == "aten::addcdiv") && !isFloating(r)) unsupported(n, "integer operands");
    if (name == "aten::lerp")
      for (size_t i : {size_t(1), size_t(2)})
        if (info(n->input(i)).isTensor() && info(n->input(i)).dtype != x.dtype) unsupported(n, "operands of different dtypes");
    static const std::set<std::string> floatOnly = {"aten::silu", "aten::gelu", "aten::mish", "aten::hardsigmoid",
                                                    "aten::hardswish", "aten::elu", "aten::softplus", "aten::frac"};
    if (floatOnly.count(name) && !isFloating(x.dtype)) unsupported(n, "a non-float operand");
    if (name == "aten::pow" && !isFloating(r)) {
      // A tensor exponent may be negative (0, 1 or -1 result, as the
      // kernel's ipow); a negative scalar exponent is an error in PyTorch,
      // so a scalar one must be a constant >= 0.
      const VInfo& e = info(n->input(1));
      if (!e.isTensor() && !(e.kind == VInfo::Int && e.constant && e.constant->toInt() >= 0))
        unsupported(n, "integer pow by a scalar that is not a constant >= 0");
    }
    if ((name == "aten::round" && n->inputs().size() > 1) || (name == "aten::gelu" && n->inputs().size() > 1 &&
                                                                !info(n->input(1)).constant))
      unsupported(n, "arguments");
    if (ct == DType::Bool &&
        (name == "aten::sub" || name == "aten::rsub" || name == "aten::neg" || name == "aten::sign" ||
         name == "aten::relu" || name == "aten::relu6" || name == "aten::hardtanh" || name == "aten::leaky_relu" ||
         name == "aten::square" || name == "aten::pow" || name == "aten::clamp" || name == "aten::clamp_min" ||
         name == "aten::clamp_max" || name == "aten::addcmul" || name == "aten::abs" || name == "aten::floor" ||
         name == "aten::ceil" || name == "aten::round" || name == "aten::trunc"))
      unsupported(n, "bool operands");
    if (isFloating(ct) && (name.find("bitwise") != std::string::npos || name == "aten::__and__" ||
                           name == "aten::__or__" || name == "aten::__xor__"))
      unsupported(n, "bitwise op on floats");
  }
  checkKernelType(n, ot);
  checkKernelType(n, ct);
  out.dtype = ot;
  computeType_[n] = ct;
  infos_[n->output()] = out;
}

ExprPtr Lowering::reducedCount() {
  ExprPtr c = kir::intImm(1);
  for (const LoopDim& l : loops_)
    if (l.reduced) c = kir::mul(c, l.extent);
  return c;
}

bool Lowering::isRowValue(const Value* v) {
  const VInfo& vi = info(v);
  if (!vi.isTensor()) return true;
  for (size_t i = 0; i < vi.shape.size(); ++i)
    if (vi.shape[i] != 1 && innerDomain_.count(vi.dmap[i])) return false;
  return true;
}

ExprPtr Lowering::emit(const Value* v, Ctx& ctx) {
  auto it = ctx.memo.find(v);
  if (it != ctx.memo.end()) return it->second;
  if (!ctx.isRow && isRowValue(v)) return emit(v, row_);
  const VInfo& vi = info(v);
  ExprPtr e;
  if (vi.input >= 0) {
    if (vi.isTensor()) {
      int b = inputBuffer_.at(v);
      e = kir::load(*k_, b, ctx.offsets[b]);
    } else if (vi.kind == VInfo::Float) {
      e = kir::var(scalarParam_[vi.input]);
    } else if (vi.kind == VInfo::Bool) {
      e = kir::compare(kir::CompareOp::NE, kir::var(scalarParam_[vi.input]), kir::intImm(0));
    } else {
      e = kir::var(scalarParam_[vi.input]);
    }
  } else if (vi.constant && vi.isScalar()) {
    if (vi.kind == VInfo::Float) e = kir::floatImm(vi.constant->toDouble(), DType::Float64);
    else if (vi.kind == VInfo::Bool) e = kir::boolImm(vi.constant->toBool());
    else e = kir::intImm(vi.constant->toInt());
  } else {
    auto r = redOf_.find(v);
    if (r != redOf_.end()) {
      e = reds_[r->second].result;
      WICK_CHECK(e != nullptr, "fusion: internal error: reduction used before its pass");
    } else {
      e = emitNode(v->node(), ctx);
      // Bound to a local: op expansions (gelu, softmax, lerp ...) read
      // their operands more than once.
      if (e->kind != kir::Expr::Kind::Load && e->kind != kir::Expr::Kind::VarRef &&
          e->kind != kir::Expr::Kind::IntImm && e->kind != kir::Expr::Kind::FloatImm) {
        VarPtr l = k_->newVar(kir::Var::Kind::Local, e->dtype, "v");
        ctx.stmts->push_back(kir::let(l, e));
        e = kir::var(l);
      }
    }
  }
  ctx.memo[v] = e;
  return e;
}

ExprPtr Lowering::emitNode(const Node* n, Ctx& ctx) {
  using kir::BinaryOp;
  using kir::UnaryOp;
  std::string name = n->kind().qualString();
  DType ct = computeType_.at(n);
  DType ot = info(n->output()).dtype;
  auto a = [&](size_t i) { return operand(n, i, ct, ctx); };
  auto imm = [&](double v) { return isFloating(ct) ? kir::floatImm(v, ct) : kir::intImm(static_cast<int64_t>(v), ct); };
  auto bin = [&](BinaryOp op, ExprPtr x, ExprPtr y) { return kir::binary(op, std::move(x), std::move(y)); };
  auto un = [&](UnaryOp op, ExprPtr x) { return kir::unary(op, std::move(x)); };
  auto sel = [&](ExprPtr c, ExprPtr x, ExprPtr y) { return kir::select(std::move(c), std::move(x), std::move(y)); };
  auto cmp = [&](kir::CompareOp op, ExprPtr x, ExprPtr y) { return kir::compare(op, std::move(x), std::move(y)); };
  auto boolOf = [&](size_t i) {
    ExprPtr x = emit(n->input(i), ctx);
    if (x->dtype == DType::Bool) return x;
    ExprPtr zero = isFloating(x->dtype) ? kir::floatImm(0, x->dtype) : kir::intImm(0, x->dtype);
    return cmp(kir::CompareOp::NE, x, zero);
  };
  auto scaled = [&](size_t alphaArg, ExprPtr x) {
    double alpha = constNumber(n, alphaArg, 1.0);
    if (alpha == 1.0) return x;
    return bin(BinaryOp::Mul, kir::cast(alpha == std::floor(alpha) && !isFloating(ct) ? kir::intImm(static_cast<int64_t>(alpha))
                                                                                      : kir::floatImm(alpha, DType::Float64), ct), x);
  };
  auto addLike = [&](ExprPtr x, ExprPtr y, bool sub) {
    if (ct == DType::Bool) return bin(BinaryOp::LogicalOr, x, y);
    return bin(sub ? BinaryOp::Sub : BinaryOp::Add, x, y);
  };
  auto unaryF = [&](UnaryOp op) { return un(op, a(0)); };
  ExprPtr r;
  if (name == "aten::to" || name == "aten::type_as") return kir::cast(emit(n->input(0), ctx), ot);
  if (name == "aten::softmax" || name == "aten::log_softmax" || name == "aten::layer_norm") {
    const std::vector<int>& ids = compositeReds_.at(n);
    ExprPtr x = a(0);
    ExprPtr first = reds_[ids[0]].result, second = reds_[ids[1]].result;
    if (name == "aten::softmax") return bin(BinaryOp::Div, un(UnaryOp::Exp, bin(BinaryOp::Sub, x, first)), second);
    if (name == "aten::log_softmax") return bin(BinaryOp::Sub, bin(BinaryOp::Sub, x, first), un(UnaryOp::Log, second));
    double eps = constNumber(n, 4, 1e-5);
    ExprPtr y = bin(BinaryOp::Mul, bin(BinaryOp::Sub, x, first),
                    un(UnaryOp::Rsqrt, bin(BinaryOp::Add, second, kir::floatImm(eps, ct))));
    if (!isNoneArg(n, 2)) y = bin(BinaryOp::Mul, y, a(2));
    if (!isNoneArg(n, 3)) y = bin(BinaryOp::Add, y, a(3));
    return y;
  }
  static const std::unordered_map<std::string, UnaryOp> simpleUnary = {
      {"aten::neg", UnaryOp::Neg},     {"aten::abs", UnaryOp::Abs},     {"aten::exp", UnaryOp::Exp},
      {"aten::exp2", UnaryOp::Exp2},   {"aten::expm1", UnaryOp::Expm1}, {"aten::log", UnaryOp::Log},
      {"aten::log2", UnaryOp::Log2},   {"aten::log10", UnaryOp::Log10}, {"aten::log1p", UnaryOp::Log1p},
      {"aten::sqrt", UnaryOp::Sqrt},   {"aten::rsqrt", UnaryOp::Rsqrt}, {"aten::reciprocal", UnaryOp::Reciprocal},
      {"aten::sin", UnaryOp::Sin},     {"aten::cos", UnaryOp::Cos},     {"aten::tan", UnaryOp::Tan},
      {"aten::asin", UnaryOp::Asin},   {"aten::acos", UnaryOp::Acos},   {"aten::atan", UnaryOp::Atan},
      {"aten::sinh", UnaryOp::Sinh},   {"aten::cosh", UnaryOp::Cosh},   {"aten::tanh", UnaryOp::Tanh},
      {"aten::sigmoid", UnaryOp::Sigmoid}, {"aten::erf", UnaryOp::Erf}, {"aten::erfc", UnaryOp::Erfc},
      {"aten::floor", UnaryOp::Floor}, {"aten::ceil", UnaryOp::Ceil},   {"aten::round", UnaryOp::Round},
      {"aten::trunc", UnaryOp::Trunc}, {"aten::sign", UnaryOp::Sign},   {"aten::bitwise_not", UnaryOp::BitNot}};
  if (auto it = simpleUnary.find(name); it != simpleUnary.end()) return unaryF(it->second);
  if (name == "aten::frac") {
    ExprPtr x = a(0);
    return bin(BinaryOp::Sub, x, un(UnaryOp::Trunc, x));
  }
  if (name == "aten::square") { ExprPtr x = a(0); return bin(BinaryOp::Mul, x, x); }
  if (name == "aten::relu") return bin(BinaryOp::Max, a(0), imm(0));
  if (name == "aten::relu6") return bin(BinaryOp::Min, bin(BinaryOp::Max, a(0), imm(0)), imm(6));
  if (name == "aten::hardtanh") {
    ExprPtr lo = kir::cast(kir::floatImm(constNumber(n, 1, -1.0), DType::Float64), ct);
    ExprPtr hi = kir::cast(kir::floatImm(constNumber(n, 2, 1.0), DType::Float64), ct);
    return bin(BinaryOp::Min, bin(BinaryOp::Max, a(0), lo), hi);
  }
  if (name == "aten::gelu") {
    ExprPtr x = a(0);
    std::string approx = "none";
    if (n->inputs().size() > 1) approx = info(n->input(1)).constant->toStringRef();
    if (approx == "tanh") {
      ExprPtr inner = bin(BinaryOp::Mul, imm(std::sqrt(2.0 / M_PI)),
                          bin(BinaryOp::Add, x, bin(BinaryOp::Mul, imm(0.044715), bin(BinaryOp::Mul, x, bin(BinaryOp::Mul, x, x)))));
      return bin(BinaryOp::Mul, bin(BinaryOp::Mul, imm(0.5), x), bin(BinaryOp::Add, imm(1), un(UnaryOp::Tanh, inner)));
    }
    if (approx != "none") unsupported(n, "approximate=" + approx);
    return bin(BinaryOp::Mul, bin(BinaryOp::Mul, x, imm(0.5)),
               bin(BinaryOp::Add, imm(1), un(UnaryOp::Erf, bin(BinaryOp::Mul, x, imm(M_SQRT1_2)))));
  }
  if (name == "aten::silu") { ExprPtr x = a(0); return bin(BinaryOp::Mul, x, un(UnaryOp::Sigmoid, x)); }
  if (name == "aten::softplus" || name == "aten::mish") {
    ExprPtr x = a(0);
    double beta = name == "aten::softplus" ? constNumber(n, 1, 1.0) : 1.0;
    double thr = name == "aten::softplus" ? constNumber(n, 2, 20.0) : 20.0;
    ExprPtr bx = bin(BinaryOp::Mul, x, imm(beta));
    ExprPtr sp = sel(cmp(kir::CompareOp::GT, bx, imm(thr)), x,
                     bin(BinaryOp::Div, un(UnaryOp::Log1p, un(UnaryOp::Exp, bx)), imm(beta)));
    if (name == "aten::softplus") return sp;
    return bin(BinaryOp::Mul, x, un(UnaryOp::Tanh, sp));
  }
  if (name == "aten::hardsigmoid" || name == "aten::hardswish") {
    ExprPtr x = a(0);
    ExprPtr h = bin(BinaryOp::Div, bin(BinaryOp::Min, bin(BinaryOp::Max, bin(BinaryOp::Add, x, imm(3)), imm(0)), imm(6)), imm(6));
    return name == "aten::hardsigmoid" ? h : bin(BinaryOp::Mul, x, h);
  }
  if (name == "aten::leaky_relu") {
    ExprPtr x = a(0);
    return sel(cmp(kir::CompareOp::GT, x, imm(0)), x, bin(BinaryOp::Mul, x, imm(constNumber(n, 1, 0.01))));
  }
  if (name == "aten::elu") {
    ExprPtr x = a(0);
    double alpha = constNumber(n, 1, 1.0), scale = constNumber(n, 2, 1.0), inScale = constNumber(n, 3, 1.0);
    return sel(cmp(kir::CompareOp::GT, x, imm(0)), bin(BinaryOp::Mul, x, imm(scale)),
               bin(BinaryOp::Mul, imm(alpha * scale), un(UnaryOp::Expm1, bin(BinaryOp::Mul, x, imm(inScale)))));
  }
  if (name == "aten::isnan") return un(UnaryOp::IsNan, emit(n->input(0), ctx));
  if (name == "aten::logical_not") return un(UnaryOp::Not, boolOf(0));
  if (name == "aten::logical_and") return bin(BinaryOp::LogicalAnd, boolOf(0), boolOf(1));
  if (name == "aten::logical_or") return bin(BinaryOp::LogicalOr, boolOf(0), boolOf(1));
  if (name == "aten::logical_xor") return cmp(kir::CompareOp::NE, boolOf(0), boolOf(1));
  if (name == "aten::add") return addLike(a(0), scaled(2, a(1)), false);
  if (name == "aten::sub") {
    if (ct == DType::Bool) unsupported(n, "bool subtraction");
    return bin(BinaryOp::Sub, a(0), scaled(2, a(1)));
  }
  if (name == "aten::rsub") return bin(BinaryOp::Sub, a(1), scaled(2, a(0)));
  if (name == "aten::mul") return ct == DType::Bool ? bin(BinaryOp::LogicalAnd, a(0), a(1)) : bin(BinaryOp::Mul, a(0), a(1));
  if (auto d = intDivisor_.find(n); d != intDivisor_.end()) {
    // By -1 the quotient is the wrapped negation (min / -1 traps in
    // machine code) and the remainder 0, as in the interpreter's kernels.
    bool byMinusOne = d->second == -1 && ct != DType::UInt8;
    bool quotient = name == "aten::div" || name == "aten::floor_divide";
    if (byMinusOne) return quotient ? bin(BinaryOp::Sub, imm(0), a(0)) : imm(0);
    ExprPtr divisor = kir::intImm(d->second, ct);
    if (name == "aten::remainder") return bin(BinaryOp::Remainder, a(0), divisor);
    if (name == "aten::fmod") return bin(BinaryOp::Mod, a(0), divisor);
    if (name == "aten::floor_divide") return bin(BinaryOp::FloorDiv, a(0), divisor);
    std::string mode = info(n->input(2)).constant->toStringRef();
    if (mode == "trunc") return bin(BinaryOp::Div, a(0), divisor);
    if (mode == "floor") return bin(BinaryOp::FloorDiv, a(0), divisor);
    unsupported(n, "rounding_mode " + mode);
  }
  if (name == "aten::div" || name == "aten::true_divide") {
    ExprPtr q = bin(BinaryOp::Div, a(0), a(1));
    if (name == "aten::div" && !isNoneArg(n, 2)) {
      std::string mode = info(n->input(2)).constant->toStringRef();
      if (mode == "trunc") return un(UnaryOp::Trunc, q);
      if (mode == "floor") return bin(BinaryOp::FloorDiv, a(0), a(1));
      unsupported(n, "rounding_mode " + mode);
    }
    return q;
  }
  if (name == "aten::floor_divide") return bin(BinaryOp::FloorDiv, a(0), a(1));
  if (name == "aten::remainder") return bin(BinaryOp::Remainder, a(0), a(1));
  if (name == "aten::fmod") return bin(BinaryOp::Mod, a(0), a(1));
  if (name == "aten::pow") {
    const VInfo& e = info(n->input(1));
    if (e.constant && e.isScalar()) {
      double p = e.kind == VInfo::Float ? e.constant->toDouble() : static_cast<double>(e.constant->toInt());
      ExprPtr x = a(0);
      if (p == 1) return x;
      if (p == 2) return bin(BinaryOp::Mul, x, x);
      if (p == 3) return bin(BinaryOp::Mul, bin(BinaryOp::Mul, x, x), x);
      if (p == 0.5 && isFloating(ct)) return un(UnaryOp::Sqrt, x);
    }
    return bin(BinaryOp::Pow, a(0), a(1));
  }
  if (name == "aten::maximum") return ct == DType::Bool ? bin(BinaryOp::LogicalOr, a(0), a(1)) : bin(BinaryOp::Max, a(0), a(1));
  if (name == "aten::minimum") return ct == DType::Bool ? bin(BinaryOp::LogicalAnd, a(0), a(1)) : bin(BinaryOp::Min, a(0), a(1));
  if (name == "aten::atan2") return bin(BinaryOp::Atan2, a(0), a(1));
  static const std::unordered_map<std::string, kir::CompareOp> compares = {
      {"aten::eq", kir::CompareOp::EQ}, {"aten::ne", kir::CompareOp::NE}, {"aten::lt", kir::CompareOp::LT},
      {"aten::le", kir::CompareOp::LE}, {"aten::gt", kir::CompareOp::GT}, {"aten::ge", kir::CompareOp::GE}};
  if (auto it = compares.find(name); it != compares.end()) return cmp(it->second, a(0), a(1));
  if (name == "aten::bitwise_and" || name == "aten::__and__") return bin(BinaryOp::BitAnd, a(0), a(1));
  if (name == "aten::bitwise_or" || name == "aten::__or__") return bin(BinaryOp::BitOr, a(0), a(1));
  if (name == "aten::bitwise_xor" || name == "aten::__xor__") return bin(BinaryOp::BitXor, a(0), a(1));
  if (name == "aten::where") return sel(boolOf(0), a(1), a(2));
  if (name == "aten::clamp" || name == "aten::clamp_min" || name == "aten::clamp_max") {
    ExprPtr x = a(0);
    bool isMax = name == "aten::clamp_max";
    if (!isMax && !isNoneArg(n, 1)) x = bin(BinaryOp::Max, x, a(1));
    size_t hiArg = name == "aten::clamp" ? 2 : (isMax ? 1 : 99);
    if (hiArg < n->inputs().size() && !isNoneArg(n, hiArg)) x = bin(BinaryOp::Min, x, a(hiArg));
    return x;
  }
  if (name == "aten::lerp") {
    ExprPtr s = a(0), e = a(1), w = a(2);
    ExprPtr diff = bin(BinaryOp::Sub, e, s);
    return sel(cmp(kir::CompareOp::LT, un(UnaryOp::Abs, w), imm(0.5)), bin(BinaryOp::Add, s, bin(BinaryOp::Mul, w, diff)),
               bin(BinaryOp::Sub, e, bin(BinaryOp::Mul, diff, bin(BinaryOp::Sub, imm(1), w))));
  }
  if (name == "aten::addcmul" || name == "aten::addcdiv") {
    ExprPtr t = bin(name == "aten::addcmul" ? BinaryOp::Mul : BinaryOp::Div, a(1), a(2));
    return bin(BinaryOp::Add, a(0), scaled(3, t));
  }
  unsupported(n, "no lowering");
  (void)r;
}

ExprPtr Lowering::storeGuard(int outIdx, bool inLoop) {
  // An output smaller than the domain (broadcast along a loop dim) is
  // stored where that loop's index is 0 only.
  const LoweredGroup::Output& o = out_.outputs[outIdx];
  ExprPtr cond;
  for (size_t L = 0; L < loops_.size(); ++L) {
    bool inner = std::find(innerLoops_.begin(), innerLoops_.end(), static_cast<int>(L)) != innerLoops_.end();
    if (inner != inLoop) continue;
    bool spans = false;
    for (int d : loops_[L].domainDims)
      if (std::find(o.dims.begin(), o.dims.end(), d) != o.dims.end()) spans = true;
    if (spans) continue;
    ExprPtr c = kir::compare(kir::CompareOp::EQ, loopIdxExpr_[L], kir::intImm(0));
    cond = cond ? kir::binary(kir::BinaryOp::LogicalAnd, cond, c) : c;
  }
  return cond;
}

LoweredGroup Lowering::run() {
  analyzeInputs();
  for (const Value* in : g_.inputs()) {
    if (!info(in).isTensor() || in->uses().empty()) continue;
    bool onlyDtype = true;
    for (const ir::Use& u : in->uses()) {
      std::string k = u.user->kind().qualString();
      onlyDtype &= u.offset == 1 && (k == "aten::type_as" || k == "aten::to");
    }
    if (onlyDtype) dtypeOnly_.insert(in);
  }
  for (const Value* in : g_.inputs()) {
    if (!spansDomain(in)) continue;
    VInfo& vi = infos_[in];
    domainRank_ = std::max(domainRank_, static_cast<int>(vi.shape.size()));
  }
  for (const Value* in : g_.inputs()) {
    VInfo& vi = infos_[in];
    int k = static_cast<int>(vi.shape.size());
    if (!spansDomain(in)) {
      vi.shape.clear();  // only its dtype is read
      continue;
    }
    for (int i = 0; i < k; ++i) vi.dmap.push_back(domainRank_ - k + i);
  }
  for (const Node* n : *g_.block()) analyzeNode(n);
  int r = domainRank_;
  if (!haveReduction_) {
    std::vector<const VInfo*> ts;
    for (const Value* in : g_.inputs())
      if (info(in).isTensor() && spansDomain(in)) ts.push_back(&info(in));
    D_.assign(r, 1);
    for (auto* t : ts)
      for (size_t i = 0; i < t->shape.size(); ++i)
        if (t->shape[i] != 1) D_[t->dmap[i]] = t->shape[i];
  }
  // Every tensor value must fit the domain.
  for (auto& [v, vi] : infos_) {
    if (!vi.isTensor()) continue;
    for (size_t i = 0; i < vi.shape.size(); ++i)
      if (vi.shape[i] != 1 && vi.shape[i] != D_[vi.dmap[i]])
        WICK_FAIL("fusion: a value of the group broadcasts beyond the kernel's domain");
  }
  // An output broadcast along an empty dim of the domain would never be
  // stored: such groups stay in the interpreter.
  for (const Value* o : g_.outputs()) {
    const VInfo& vi = info(o);
    for (int d = 0; d < r; ++d) {
      bool spans = false;
      for (size_t i = 0; i < vi.shape.size(); ++i) spans |= vi.dmap[i] == d && vi.shape[i] != 1;
      if (D_[d] == 0 && !spans && !(vi.isTensor() && std::count(vi.shape.begin(), vi.shape.end(), 0) > 0))
        WICK_FAIL("fusion: an output is broadcast along an empty dim of the group");
    }
  }
  out_.dynamicShapes = dynamic_;
  out_.domainRank = r;
  out_.domainSizes = D_;
  out_.reducedDomainDims.assign(R_.begin(), R_.end());

  k_ = std::make_shared<kir::Kernel>();
  k_->name = "wick_fused";
  // Buffers: tensor inputs, then outputs.
  out_.inputBuffer.assign(g_.inputs().size(), -1);
  scalarParam_.assign(g_.inputs().size(), nullptr);
  std::vector<std::vector<int64_t>> effStride;  // per buffer, per domain dim (spec)
  for (size_t i = 0; i < g_.inputs().size(); ++i) {
    const Value* in = g_.inputs()[i];
    const VInfo& vi = info(in);
    if (vi.isTensor() && spansDomain(in)) {
      int b = k_->addBuffer(fmt::format("in{}", i), vi.dtype, false);
      out_.inputBuffer[i] = b;
      inputBuffer_[in] = b;
      std::vector<int> dimOf(r, -1);
      std::vector<int64_t> st(r, 0);
      for (size_t d = 0; d < vi.shape.size(); ++d)
        if (vi.shape[d] != 1) {
          dimOf[vi.dmap[d]] = static_cast<int>(d);
          st[vi.dmap[d]] = specs_[i].strides[d];
        }
      out_.bufferDimOfDomain.push_back(dimOf);
      effStride.push_back(st);
    }
  }
  for (size_t i = 0; i < g_.inputs().size(); ++i) {
    const VInfo& vi = info(g_.inputs()[i]);
    if (vi.isTensor()) continue;
    if (vi.kind == VInfo::Float) {
      scalarParam_[i] = k_->addFloatParam(fmt::format("s{}", i));
      out_.floatParams.push_back({LoweredGroup::Param::ScalarInput, static_cast<int>(i), 0});
    } else {
      scalarParam_[i] = k_->addIntParam(fmt::format("s{}", i));
      out_.intParams.push_back({LoweredGroup::Param::ScalarInput, static_cast<int>(i), 0});
    }
  }
  for (size_t o = 0; o < g_.outputs().size(); ++o) {
    const VInfo& vi = info(g_.outputs()[o]);
    WICK_CHECK(vi.isTensor() && vi.input < 0, "fusion: group output {} is not computed by the group", o);
    LoweredGroup::Output out;
    out.dtype = vi.dtype;
    out.buffer = k_->addBuffer(fmt::format("out{}", o), vi.dtype, true);
    out.sizes = vi.shape;
    std::vector<int> dimOf(r, -1);
    std::vector<int64_t> st(r, 0);
    int64_t stride = 1;
    out.dims.assign(vi.shape.size(), -1);
    for (int d = static_cast<int>(vi.shape.size()) - 1; d >= 0; --d) {
      if (vi.shape[d] != 1) {
        out.dims[d] = vi.dmap[d];
        dimOf[vi.dmap[d]] = d;
        st[vi.dmap[d]] = stride;
      }
      stride *= vi.shape[d];
    }
    out_.bufferDimOfDomain.push_back(dimOf);
    effStride.push_back(st);
    out_.outputs.push_back(out);
  }
  size_t nb = k_->buffers.size();

  // Loop dims.
  if (dynamic_) {
    std::vector<VarPtr> sizeParam(r);
    for (int d = 0; d < r; ++d) {
      // Where the size comes from at run time.
      std::pair<int, int> src{-1, -1};
      for (size_t i = 0; i < g_.inputs().size(); ++i) {
        int b = out_.inputBuffer[i];
        if (b >= 0 && out_.bufferDimOfDomain[b][d] >= 0) {
          src = {static_cast<int>(i), out_.bufferDimOfDomain[b][d]};
          break;
        }
      }
      out_.domainSizeSource.push_back(src);
      if (D_[d] == 1 && src.first < 0) continue;
      LoopDim l;
      l.domainDims = {d};
      l.reduced = R_.count(d) != 0;
      sizeParam[d] = k_->addIntParam(fmt::format("size{}", d));
      out_.intParams.push_back({LoweredGroup::Param::DomainSize, d, 0});
      l.extent = kir::var(sizeParam[d]);
      l.extConst = D_[d];
      loops_.push_back(l);
    }
    for (LoopDim& l : loops_) {
      int d = l.domainDims[0];
      for (size_t b = 0; b < nb; ++b) {
        if (out_.bufferDimOfDomain[b][d] < 0) {
          l.strides.push_back(kir::intImm(0));
        } else {
          l.strides.push_back(kir::var(k_->addIntParam(fmt::format("stride{}_{}", b, d))));
          out_.intParams.push_back({LoweredGroup::Param::Stride, static_cast<int>(b), d});
        }
        l.strideConsts.push_back(-1);
      }
    }
  } else {
    for (int d = 0; d < r; ++d) {
      if (D_[d] == 1) continue;
      LoopDim l;
      l.domainDims = {d};
      l.reduced = R_.count(d) != 0;
      l.extConst = D_[d];
      for (size_t b = 0; b < nb; ++b) l.strideConsts.push_back(effStride[b][d]);
      if (!loops_.empty()) {
        LoopDim& p = loops_.back();
        bool ok = p.reduced == l.reduced && l.extConst != 0 && p.extConst != 0;
        for (size_t b = 0; ok && b < nb; ++b) ok = p.strideConsts[b] == l.strideConsts[b] * l.extConst;
        if (ok) {
          p.domainDims.push_back(d);
          p.extConst *= l.extConst;
          p.strideConsts = l.strideConsts;
          continue;
        }
      }
      loops_.push_back(l);
    }
    for (LoopDim& l : loops_) {
      l.extent = kir::intImm(l.extConst);
      for (int64_t s : l.strideConsts) l.strides.push_back(kir::intImm(s));
    }
  }

  // Kept (outer) and inner loops.
  for (size_t L = 0; L < loops_.size(); ++L) (loops_[L].reduced ? innerLoops_ : keptLoops_).push_back(static_cast<int>(L));
  if (!haveReduction_ && !loops_.empty()) {
    innerLoops_ = {keptLoops_.back()};
    keptLoops_.pop_back();
    blocked_ = keptLoops_.empty();
  }
  for (int L : innerLoops_)
    for (int d : loops_[L].domainDims) innerDomain_.insert(d);

  std::vector<StmtPtr> rowStmts;
  row_.stmts = &rowStmts;
  row_.isRow = true;
  loopIdx_.assign(loops_.size(), nullptr);
  loopIdxExpr_.assign(loops_.size(), nullptr);
  ExprPtr outerVar = kir::var(k_->outer);
  int64_t innerWork = 1;
  for (int L : innerLoops_) innerWork *= std::max<int64_t>(loops_[L].extConst, 1);
  if (blocked_) {
    ExprPtr n = loops_[innerLoops_[0]].extent;
    k_->outerExtent = dynamic_ ? kir::binary(kir::BinaryOp::Div, kir::add(n, kir::intImm(kBlock - 1)), kir::intImm(kBlock))
                               : kir::intImm((loops_[innerLoops_[0]].extConst + kBlock - 1) / kBlock);
    out_.workPerOuter = kBlock;
  } else {
    ExprPtr ext = kir::intImm(1);
    for (int L : keptLoops_) ext = kir::mul(ext, loops_[L].extent);
    k_->outerExtent = ext;
    out_.workPerOuter = innerWork * static_cast<int64_t>(1 + reds_.size());
    // outer -> kept indices (last kept loop fastest).
    ExprPtr rem = outerVar;
    for (auto it = keptLoops_.rbegin(); it != keptLoops_.rend(); ++it) {
      int L = *it;
      VarPtr idx = k_->newVar(kir::Var::Kind::Local, DType::Int64, "i");
      ExprPtr value = it + 1 == keptLoops_.rend() ? rem : kir::binary(kir::BinaryOp::Mod, rem, loops_[L].extent);
      rowStmts.push_back(kir::let(idx, value));
      loopIdx_[L] = idx;
      loopIdxExpr_[L] = kir::var(idx);
      if (it + 1 != keptLoops_.rend()) {
        VarPtr q = k_->newVar(kir::Var::Kind::Local, DType::Int64, "q");
        rowStmts.push_back(kir::let(q, kir::binary(kir::BinaryOp::Div, rem, loops_[L].extent)));
        rem = kir::var(q);
      }
    }
  }
  for (size_t b = 0; b < nb; ++b) {
    ExprPtr off = kir::intImm(0);
    for (int L : keptLoops_) off = kir::add(off, kir::mul(loopIdxExpr_[L], loops_[L].strides[b]));
    if (off->kind != kir::Expr::Kind::IntImm && off->kind != kir::Expr::Kind::VarRef) {
      VarPtr o = k_->newVar(kir::Var::Kind::Local, DType::Int64, "off");
      rowStmts.push_back(kir::let(o, off));
      off = kir::var(o);
    }
    row_.offsets.push_back(off);
  }

  // A loop nest over the inner loops; `fill` appends the body.
  // With `sumBlock` > 0 the innermost loop runs in blocks of that many
  // elements: `blockBegin` / `blockEnd` add statements before / after each
  // block (the per-block accumulators of float sums).
  using StmtsFn = std::function<void(std::vector<StmtPtr>&)>;
  auto nest = [&](const std::function<void(Ctx&)>& fill, int64_t sumBlock = 0, const StmtsFn& blockBegin = {},
                  const StmtsFn& blockEnd = {}) {
    Ctx c;
    std::vector<StmtPtr> body;
    c.stmts = &body;
    c.isRow = false;
    std::vector<VarPtr> vars;
    for (int L : innerLoops_) {
      VarPtr v = k_->newVar(kir::Var::Kind::LoopIndex, DType::Int64, "j");
      vars.push_back(v);
      loopIdxExpr_[L] = kir::var(v);
    }
    for (size_t b = 0; b < nb; ++b) {
      ExprPtr off = row_.offsets[b];
      for (int L : innerLoops_) off = kir::add(off, kir::mul(loopIdxExpr_[L], loops_[L].strides[b]));
      c.offsets.push_back(off);
    }
    fill(c);
    StmtPtr s = kir::block(std::move(body));
    for (int i = static_cast<int>(innerLoops_.size()) - 1; i >= 0; --i) {
      int L = innerLoops_[i];
      bool innermost = i == static_cast<int>(innerLoops_.size()) - 1;
      bool unit = !dynamic_;
      for (size_t b = 0; b < nb && unit; ++b) unit = loops_[L].strideConsts[b] == 0 || loops_[L].strideConsts[b] == 1;
      ExprPtr start = kir::intImm(0), stop = loops_[L].extent;
      if (blocked_) {
        start = kir::mul(outerVar, kir::intImm(kBlock));
        stop = kir::binary(kir::BinaryOp::Min, kir::add(start, kir::intImm(kBlock)), loops_[L].extent);
      }
      if (innermost && sumBlock > 0) {
        VarPtr blk = k_->newVar(kir::Var::Kind::LoopIndex, DType::Int64, "blk");
        start = kir::mul(kir::var(blk), kir::intImm(sumBlock));
        stop = kir::binary(kir::BinaryOp::Min, kir::add(start, kir::intImm(sumBlock)), loops_[L].extent);
        std::vector<StmtPtr> blockBody;
        blockBegin(blockBody);
        blockBody.push_back(kir::forLoop(vars[i], start, stop, std::move(s), unit));
        blockEnd(blockBody);
        ExprPtr blocks = kir::binary(kir::BinaryOp::Div, kir::add(loops_[L].extent, kir::intImm(sumBlock - 1)),
                                     kir::intImm(sumBlock));
        s = kir::forLoop(blk, kir::intImm(0), blocks, kir::block(std::move(blockBody)), false);
        continue;
      }
      s = kir::forLoop(vars[i], start, stop, std::move(s), innermost && unit);
    }
    rowStmts.push_back(std::move(s));
  };

  // Reduction passes.
  int maxLevel = 0;
  for (const Red& rd : reds_) maxLevel = std::max(maxLevel, rd.level);
  for (int p = 1; p <= maxLevel; ++p) {
    std::vector<int> ids;
    for (size_t i = 0; i < reds_.size(); ++i)
      if (reds_[i].level == p) ids.push_back(static_cast<int>(i));
    if (ids.empty()) continue;
    // Float sums over a long (or dynamic) innermost loop add up blocks of
    // kSumBlock elements in their own dtype (a vectorized loop: lanes of a
    // few dozen elements) and the blocks in float64, so a float32 sum of a
    // million elements is about as exact as PyTorch's cascade sum instead
    // of losing digits along each vector lane.
    auto isFloatSum = [&](int i) { return reds_[i].op == Red::Sum && isFloating(reds_[i].acc); };
    int64_t innermostExt = innerLoops_.empty() ? 0 : loops_[innerLoops_.back()].extConst;
    bool blockSums = !innerLoops_.empty() && (dynamic_ || innermostExt > kSumBlock) &&
                     std::any_of(ids.begin(), ids.end(), isFloatSum);
    std::map<int, VarPtr> blockAcc;
    for (int i : ids) {
      Red& rd = reds_[i];
      bool wide = blockSums && isFloatSum(i);
      rd.accVar = k_->newVar(kir::Var::Kind::Local, wide ? DType::Float64 : rd.acc, "acc");
      if (wide) {
        blockAcc[i] = k_->newVar(kir::Var::Kind::Local, rd.acc, "bacc");
        rowStmts.push_back(kir::let(rd.accVar, kir::floatImm(0, DType::Float64)));
        continue;
      }
      ExprPtr init;
      bool f = isFloating(rd.acc);
      if (rd.op == Red::Sum) init = f ? kir::floatImm(0, rd.acc) : kir::intImm(0, rd.acc);
      else if (f) init = kir::floatImm(rd.op == Red::Max ? -INFINITY : INFINITY, rd.acc);
      else if (rd.acc == DType::Bool) init = kir::boolImm(rd.op == Red::Min);
      else {
        int64_t lo = rd.acc == DType::Int64 ? INT64_MIN : rd.acc == DType::Int32 ? INT32_MIN : rd.acc == DType::Int16 ? INT16_MIN : rd.acc == DType::Int8 ? INT8_MIN : 0;
        int64_t hi = rd.acc == DType::Int64 ? INT64_MAX : rd.acc == DType::Int32 ? INT32_MAX : rd.acc == DType::Int16 ? INT16_MAX : rd.acc == DType::Int8 ? INT8_MAX : 255;
        init = kir::intImm(rd.op == Red::Max ? lo : hi, rd.acc);
      }
      rowStmts.push_back(kir::let(rd.accVar, init));
    }
    nest(
        [&](Ctx& c) {
          for (int i : ids) {
            Red& rd = reds_[i];
            ExprPtr x = kir::cast(rd.input(c), rd.acc);
            VarPtr accVar = blockAcc.count(i) ? blockAcc.at(i) : rd.accVar;
            ExprPtr acc = kir::var(accVar);
            kir::BinaryOp op = rd.op == Red::Sum ? kir::BinaryOp::Add : rd.op == Red::Max ? kir::BinaryOp::Max : kir::BinaryOp::Min;
            if (rd.acc == DType::Bool) op = rd.op == Red::Max ? kir::BinaryOp::LogicalOr : kir::BinaryOp::LogicalAnd;
            c.stmts->push_back(kir::assign(accVar, kir::binary(op, acc, x)));
          }
        },
        blockSums ? kSumBlock : 0,
        [&](std::vector<StmtPtr>& pre) {
          for (auto& [i, v] : blockAcc) pre.push_back(kir::let(v, kir::floatImm(0, reds_[i].acc)));
        },
        [&](std::vector<StmtPtr>& post) {
          for (auto& [i, v] : blockAcc) {
            VarPtr acc = reds_[i].accVar;
            post.push_back(kir::assign(acc, kir::binary(kir::BinaryOp::Add, kir::var(acc), kir::cast(kir::var(v), DType::Float64))));
          }
        });
    for (int i : ids) {
      Red& rd = reds_[i];
      ExprPtr res = kir::var(rd.accVar);
      if (res->dtype != rd.acc) {
        VarPtr v = k_->newVar(kir::Var::Kind::Local, rd.acc, "sum");
        rowStmts.push_back(kir::let(v, kir::cast(res, rd.acc)));
        res = kir::var(v);
      }
      if (rd.finalize) {
        VarPtr v = k_->newVar(kir::Var::Kind::Local, rd.acc, "red");
        rowStmts.push_back(kir::let(v, rd.finalize(res)));
        res = kir::var(v);
      }
      rd.result = res;
    }
  }

  // Outputs: row-level ones once per row, full ones in a last pass.
  std::vector<int> fullOuts;
  for (size_t o = 0; o < out_.outputs.size(); ++o) {
    const Value* v = g_.outputs()[o];
    if (!innerLoops_.empty() && !isRowValue(v)) {
      fullOuts.push_back(static_cast<int>(o));
      continue;
    }
    const LoweredGroup::Output& oi = out_.outputs[o];
    ExprPtr val = kir::cast(emit(v, row_), oi.dtype);
    StmtPtr st = kir::store(oi.buffer, row_.offsets[oi.buffer], val);
    ExprPtr cond = storeGuard(static_cast<int>(o), false);
    // Row outputs are constant along the inner loops, so stored once.
    rowStmts.push_back(cond ? kir::ifThen(cond, std::move(st)) : std::move(st));
  }
  if (!fullOuts.empty()) {
    nest([&](Ctx& c) {
      for (int o : fullOuts) {
        const LoweredGroup::Output& oi = out_.outputs[o];
        ExprPtr val = kir::cast(emit(g_.outputs()[o], c), oi.dtype);
        StmtPtr st = kir::store(oi.buffer, c.offsets[oi.buffer], val);
        ExprPtr cond = storeGuard(o, true);
        ExprPtr rowCond = storeGuard(o, false);
        if (rowCond) cond = cond ? kir::binary(kir::BinaryOp::LogicalAnd, cond, rowCond) : rowCond;
        c.stmts->push_back(cond ? kir::ifThen(cond, std::move(st)) : std::move(st));
      }
    });
  }
  k_->body = kir::block(std::move(rowStmts));
  kir::verify(*k_);
  out_.kernel = k_;
  return std::move(out_);
}

}  // namespace

LoweredGroup lowerGroup(const ir::Graph& group, const std::vector<InputSpec>& specs, bool dynamicShapes) {
  return Lowering(group, specs, dynamicShapes).run();
}

}  // namespace wick::jit
