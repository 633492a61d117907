// The kernel IR reference evaluator (see evaluator.h).
#include "jit/kir/evaluator.h"

#include <chrono>
#include <cmath>
#include <cstring>
#include <unordered_map>

#include "core/check.h"

namespace wick::jit::kir {

namespace {

// One scalar: integers and Bool in i, floats in f (a Float32 value is held
// as the double of a float).
struct Val {
  int64_t i = 0;
  double f = 0;
};

bool isFloatT(DType t) { return t == DType::Float32 || t == DType::Float64; }

int64_t wrapInt(int64_t v, DType t) {
  switch (t) {
    case DType::Bool: return v != 0;
    case DType::UInt8: return static_cast<uint8_t>(v);
    case DType::Int8: return static_cast<int8_t>(v);
    case DType::Int16: return static_cast<int16_t>(v);
    case DType::Int32: return static_cast<int32_t>(v);
    default: return v;
  }
}

double roundF(double v, DType t) { return t == DType::Float32 ? static_cast<double>(static_cast<float>(v)) : v; }

// float -> integer conversion without undefined behaviour for out-of-range
// values (what x86 gives: the "integer indefinite" value).
int64_t floatToInt(double v, DType t) {
  if (t == DType::Bool) return v != 0;
  if (std::isnan(v) || v >= 9.2233720368547758e18 || v < -9.2233720368547758e18) return wrapInt(INT64_MIN, t);
  return wrapInt(static_cast<int64_t>(v), t);
}

template <typename F>
double applyF(DType t, double a, F f) {
  if (t == DType::Float32) return static_cast<double>(f(static_cast<float>(a)));
  return f(a);
}

double sigmoidD(double x) { return 1.0 / (1.0 + std::exp(-x)); }
float sigmoidF(float x) { return 1.0f / (1.0f + std::exp(-x)); }

double unaryFloat(UnaryOp op, DType t, double a) {
  bool f32 = t == DType::Float32;
  float af = static_cast<float>(a);
#define WICK_UF(fn) return f32 ? static_cast<double>(fn(af)) : fn(a)
  switch (op) {
    case UnaryOp::Neg: return -a;
    case UnaryOp::Abs: return std::fabs(a);
    case UnaryOp::Exp: WICK_UF(std::exp);
    case UnaryOp::Exp2: WICK_UF(std::exp2);
    case UnaryOp::Expm1: WICK_UF(std::expm1);
    case UnaryOp::Log: WICK_UF(std::log);
    case UnaryOp::Log2: WICK_UF(std::log2);
    case UnaryOp::Log10: WICK_UF(std::log10);
    case UnaryOp::Log1p: WICK_UF(std::log1p);
    case UnaryOp::Sqrt: WICK_UF(std::sqrt);
    case UnaryOp::Rsqrt: return f32 ? static_cast<double>(1.0f / std::sqrt(af)) : 1.0 / std::sqrt(a);
    case UnaryOp::Reciprocal: return f32 ? static_cast<double>(1.0f / af) : 1.0 / a;
    case UnaryOp::Sin: WICK_UF(std::sin);
    case UnaryOp::Cos: WICK_UF(std::cos);
    case UnaryOp::Tan: WICK_UF(std::tan);
    case UnaryOp::Asin: WICK_UF(std::asin);
    case UnaryOp::Acos: WICK_UF(std::acos);
    case UnaryOp::Atan: WICK_UF(std::atan);
    case UnaryOp::Sinh: WICK_UF(std::sinh);
    case UnaryOp::Cosh: WICK_UF(std::cosh);
    case UnaryOp::Tanh: WICK_UF(std::tanh);
    case UnaryOp::Sigmoid: return f32 ? static_cast<double>(sigmoidF(af)) : sigmoidD(a);
    case UnaryOp::Erf: WICK_UF(std::erf);
    case UnaryOp::Erfc: WICK_UF(std::erfc);
    case UnaryOp::Floor: WICK_UF(std::floor);
    case UnaryOp::Ceil: WICK_UF(std::ceil);
    case UnaryOp::Round: WICK_UF(std::nearbyint);
    case UnaryOp::Trunc: WICK_UF(std::trunc);
    case UnaryOp::Sign: return std::isnan(a) ? a : static_cast<double>((a > 0) - (a < 0));
    default: break;
  }
#undef WICK_UF
  WICK_FAIL("kernel IR evaluator: unary op {} on a float", static_cast<int>(op));
}

int64_t ipow(int64_t base, int64_t exp, DType t) {
  if (exp < 0) {
    if (base == 1) return 1;
    if (base == -1) return (exp & 1) ? -1 : 1;
    return 0;
  }
  int64_t r = 1;
  uint64_t b = static_cast<uint64_t>(base);
  uint64_t acc = 1;
  while (exp) {
    if (exp & 1) acc *= b;
    b *= b;
    exp >>= 1;
  }
  r = static_cast<int64_t>(acc);
  return wrapInt(r, t);
}

double binaryFloat(BinaryOp op, DType t, double a, double b) {
  bool f32 = t == DType::Float32;
  float af = static_cast<float>(a), bf = static_cast<float>(b);
  switch (op) {
    case BinaryOp::Add: return f32 ? static_cast<double>(af + bf) : a + b;
    case BinaryOp::Sub: return f32 ? static_cast<double>(af - bf) : a - b;
    case BinaryOp::Mul: return f32 ? static_cast<double>(af * bf) : a * b;
    case BinaryOp::Div: return f32 ? static_cast<double>(af / bf) : a / b;
    case BinaryOp::FloorDiv: {
      if (b == 0) return roundF(a / b, t);
      double m = f32 ? static_cast<double>(std::fmod(af, bf)) : std::fmod(a, b);
      double div = f32 ? static_cast<double>((af - static_cast<float>(m)) / bf) : (a - m) / b;
      if (m != 0 && ((b < 0) != (m < 0))) div -= 1.0;
      double fl = std::floor(div);
      if (div - fl > 0.5) fl += 1.0;
      return roundF(div == 0 ? std::copysign(0.0, a / b) : fl, t);
    }
    case BinaryOp::Mod: return f32 ? static_cast<double>(std::fmod(af, bf)) : std::fmod(a, b);
    case BinaryOp::Remainder: {
      double m = f32 ? static_cast<double>(std::fmod(af, bf)) : std::fmod(a, b);
      if (m != 0 && ((b < 0) != (m < 0))) m = roundF(m + b, t);
      return m;
    }
    case BinaryOp::Max:
      if (std::isnan(a) || std::isnan(b)) return std::nan("");
      return a > b ? a : b;
    case BinaryOp::Min:
      if (std::isnan(a) || std::isnan(b)) return std::nan("");
      return a < b ? a : b;
    case BinaryOp::Pow: return f32 ? static_cast<double>(std::pow(af, bf)) : std::pow(a, b);
    case BinaryOp::Atan2: return f32 ? static_cast<double>(std::atan2(af, bf)) : std::atan2(a, b);
    default: break;
  }
  WICK_FAIL("kernel IR evaluator: binary op {} on floats", static_cast<int>(op));
}

int64_t binaryInt(BinaryOp op, DType t, int64_t a, int64_t b) {
  uint64_t ua = static_cast<uint64_t>(a), ub = static_cast<uint64_t>(b);
  switch (op) {
    case BinaryOp::Add: return wrapInt(static_cast<int64_t>(ua + ub), t);
    case BinaryOp::Sub: return wrapInt(static_cast<int64_t>(ua - ub), t);
    case BinaryOp::Mul: return wrapInt(static_cast<int64_t>(ua * ub), t);
    case BinaryOp::Div:
    case BinaryOp::FloorDiv: {
      if (b == 0) return 0;  // undefined in kernel IR; never trap here
      if (b == -1) return wrapInt(static_cast<int64_t>(0 - ua), t);
      int64_t q = a / b;
      if (op == BinaryOp::FloorDiv && (a % b != 0) && ((a < 0) != (b < 0))) --q;
      return wrapInt(q, t);
    }
    case BinaryOp::Mod:
      if (b == 0 || b == -1) return 0;
      return wrapInt(a % b, t);
    case BinaryOp::Remainder: {
      if (b == 0 || b == -1) return 0;
      int64_t m = a % b;
      if (m != 0 && ((b < 0) != (m < 0))) m += b;
      return wrapInt(m, t);
    }
    case BinaryOp::Max: return a > b ? a : b;
    case BinaryOp::Min: return a < b ? a : b;
    case BinaryOp::Pow: return ipow(a, b, t);
    case BinaryOp::BitAnd: return wrapInt(a & b, t);
    case BinaryOp::BitOr: return wrapInt(a | b, t);
    case BinaryOp::BitXor: return wrapInt(a ^ b, t);
    case BinaryOp::Shl: return (b < 0 || b >= 64) ? 0 : wrapInt(static_cast<int64_t>(ua << b), t);
    case BinaryOp::Shr: return (b < 0 || b >= 64) ? (a < 0 ? -1 : 0) : wrapInt(a >> b, t);
    case BinaryOp::LogicalAnd: return (a != 0) && (b != 0);
    case BinaryOp::LogicalOr: return (a != 0) || (b != 0);
    default: break;
  }
  WICK_FAIL("kernel IR evaluator: binary op {} on integers", static_cast<int>(op));
}

template <typename T>
bool cmp(CompareOp op, T a, T b) {
  switch (op) {
    case CompareOp::EQ: return a == b;
    case CompareOp::NE: return a != b;
    case CompareOp::LT: return a < b;
    case CompareOp::LE: return a <= b;
    case CompareOp::GT: return a > b;
    case CompareOp::GE: return a >= b;
  }
  return false;
}

}  // namespace

struct InterpretedKernel::Impl {
  std::shared_ptr<const Kernel> k;
  std::unordered_map<const Var*, int> slots;  // loop indices and locals
  int numSlots = 0;

  struct Frame {
    void* const* bufs;
    const int64_t* ints;
    const double* floats;
    std::vector<Val> slots;
  };

  int slotOf(const Var* v) {
    auto it = slots.find(v);
    if (it != slots.end()) return it->second;
    slots.emplace(v, numSlots);
    return numSlots++;
  }
  void collect(const Expr& e) {
    if (e.var && (e.var->kind == Var::Kind::LoopIndex || e.var->kind == Var::Kind::Local)) slotOf(e.var.get());
    for (auto& o : e.operands) collect(*o);
  }
  void collect(const Stmt& s) {
    if (s.var) slotOf(s.var.get());
    for (auto* e : {s.start.get(), s.stop.get(), s.index.get(), s.value.get()})
      if (e) collect(*e);
    for (auto& b : s.body)
      if (b) collect(*b);
  }

  Val eval(const Expr& e, Frame& fr) const {
    Val r;
    switch (e.kind) {
      case Expr::Kind::IntImm: r.i = e.ival; return r;
      case Expr::Kind::FloatImm: r.f = roundF(e.fval, e.dtype); return r;
      case Expr::Kind::VarRef:
        switch (e.var->kind) {
          case Var::Kind::IntParam: r.i = fr.ints[e.var->index]; return r;
          case Var::Kind::FloatParam: r.f = fr.floats[e.var->index]; return r;
          default: return fr.slots[slots.at(e.var.get())];
        }
      case Expr::Kind::Load: {
        int64_t idx = eval(*e.operands[0], fr).i;
        const void* base = fr.bufs[e.buffer];
        switch (e.dtype) {
#define WICK_LD(T, D, FIELD) \
  case DType::D: r.FIELD = static_cast<std::remove_reference_t<decltype(r.FIELD)>>(static_cast<const T*>(base)[idx]); return r;
          WICK_LD(uint8_t, UInt8, i)
          WICK_LD(int8_t, Int8, i)
          WICK_LD(int16_t, Int16, i)
          WICK_LD(int32_t, Int32, i)
          WICK_LD(int64_t, Int64, i)
          WICK_LD(float, Float32, f)
          WICK_LD(double, Float64, f)
          WICK_LD(bool, Bool, i)
#undef WICK_LD
          default: break;
        }
        WICK_FAIL("kernel IR evaluator: load of {}", dtypeName(e.dtype));
      }
      case Expr::Kind::Unary: {
        const Expr& a = *e.operands[0];
        Val v = eval(a, fr);
        DType at = a.dtype;
        switch (e.unaryOp) {
          case UnaryOp::IsNan: r.i = isFloatT(at) && std::isnan(v.f); return r;
          case UnaryOp::IsInf: r.i = isFloatT(at) && std::isinf(v.f); return r;
          case UnaryOp::IsFinite: r.i = !isFloatT(at) || std::isfinite(v.f); return r;
          case UnaryOp::Not: r.i = !v.i; return r;
          case UnaryOp::BitNot: r.i = at == DType::Bool ? !v.i : wrapInt(~v.i, at); return r;
          default: break;
        }
        if (isFloatT(at)) {
          r.f = roundF(unaryFloat(e.unaryOp, at, v.f), at);
          return r;
        }
        switch (e.unaryOp) {
          case UnaryOp::Neg: r.i = wrapInt(static_cast<int64_t>(0 - static_cast<uint64_t>(v.i)), at); return r;
          case UnaryOp::Abs: r.i = wrapInt(v.i < 0 ? static_cast<int64_t>(0 - static_cast<uint64_t>(v.i)) : v.i, at); return r;
          case UnaryOp::Sign: r.i = (v.i > 0) - (v.i < 0); return r;
          case UnaryOp::Floor:
          case UnaryOp::Ceil:
          case UnaryOp::Round:
          case UnaryOp::Trunc: return v;
          default: break;
        }
        WICK_FAIL("kernel IR evaluator: unary op {} on {}", static_cast<int>(e.unaryOp), dtypeName(at));
      }
      case Expr::Kind::Binary: {
        Val a = eval(*e.operands[0], fr);
        Val b = eval(*e.operands[1], fr);
        if (isFloatT(e.dtype)) r.f = roundF(binaryFloat(e.binaryOp, e.dtype, a.f, b.f), e.dtype);
        else r.i = binaryInt(e.binaryOp, e.dtype, a.i, b.i);
        return r;
      }
      case Expr::Kind::Compare: {
        Val a = eval(*e.operands[0], fr);
        Val b = eval(*e.operands[1], fr);
        r.i = isFloatT(e.operands[0]->dtype) ? cmp(e.compareOp, a.f, b.f) : cmp(e.compareOp, a.i, b.i);
        return r;
      }
      case Expr::Kind::Select: {
        Val c = eval(*e.operands[0], fr);
        return eval(*e.operands[c.i ? 1 : 2], fr);
      }
      case Expr::Kind::Cast: {
        const Expr& a = *e.operands[0];
        Val v = eval(a, fr);
        if (isFloatT(e.dtype)) r.f = isFloatT(a.dtype) ? roundF(v.f, e.dtype) : roundF(static_cast<double>(v.i), e.dtype);
        else if (isFloatT(a.dtype)) r.i = floatToInt(v.f, e.dtype);
        else r.i = wrapInt(v.i, e.dtype);
        return r;
      }
    }
    WICK_FAIL("kernel IR evaluator: unknown expression");
  }

  void store(const Stmt& s, Frame& fr) const {
    int64_t idx = eval(*s.index, fr).i;
    Val v = eval(*s.value, fr);
    void* base = fr.bufs[s.buffer];
    switch (k->buffers[s.buffer].dtype) {
#define WICK_ST(T, D, FIELD) \
  case DType::D: static_cast<T*>(base)[idx] = static_cast<T>(v.FIELD); return;
      WICK_ST(uint8_t, UInt8, i)
      WICK_ST(int8_t, Int8, i)
      WICK_ST(int16_t, Int16, i)
      WICK_ST(int32_t, Int32, i)
      WICK_ST(int64_t, Int64, i)
      WICK_ST(float, Float32, f)
      WICK_ST(double, Float64, f)
      WICK_ST(bool, Bool, i)
#undef WICK_ST
      default: break;
    }
  }

  void exec(const Stmt& s, Frame& fr) const {
    switch (s.kind) {
      case Stmt::Kind::Block:
        for (const auto& c : s.body)
          if (c) exec(*c, fr);
        return;
      case Stmt::Kind::For: {
        int slot = slots.at(s.var.get());
        int64_t start = eval(*s.start, fr).i;
        int64_t stop = eval(*s.stop, fr).i;
        for (int64_t i = start; i < stop; ++i) {
          fr.slots[slot].i = i;
          exec(*s.body[0], fr);
        }
        return;
      }
      case Stmt::Kind::Store: store(s, fr); return;
      case Stmt::Kind::Let:
      case Stmt::Kind::Assign: fr.slots[slots.at(s.var.get())] = eval(*s.value, fr); return;
      case Stmt::Kind::If:
        if (eval(*s.value, fr).i) exec(*s.body[0], fr);
        else if (s.body.size() > 1 && s.body[1]) exec(*s.body[1], fr);
        return;
    }
  }
};

InterpretedKernel::InterpretedKernel(std::shared_ptr<const Kernel> k) : impl_(std::make_unique<Impl>()) {
  impl_->k = std::move(k);
  impl_->slotOf(impl_->k->outer.get());
  if (impl_->k->body) impl_->collect(*impl_->k->body);
  name = impl_->k->name;
}

InterpretedKernel::~InterpretedKernel() = default;

void InterpretedKernel::run(void* const* bufs, const int64_t* ints, const double* floats, int64_t begin,
                            int64_t end) const {
  Impl::Frame fr{bufs, ints, floats, std::vector<Val>(impl_->numSlots)};
  int outerSlot = impl_->slots.at(impl_->k->outer.get());
  for (int64_t o = begin; o < end; ++o) {
    fr.slots[outerSlot].i = o;
    if (impl_->k->body) impl_->exec(*impl_->k->body, fr);
  }
}

namespace {

class InterpBackend : public Backend {
 public:
  const char* name() const override { return "interp"; }
  std::shared_ptr<CompiledKernel> compile(const Kernel& k, const CompileOptions&) override {
    auto t0 = std::chrono::steady_clock::now();
    verify(k);
    // The kernel's statements are owned by unique_ptrs: keep a shallow
    // handle by sharing the caller's kernel is not possible, so evaluation
    // holds its own copy of the tree.
    auto copy = std::make_shared<Kernel>();
    copy->name = k.name;
    copy->buffers = k.buffers;
    copy->intParams = k.intParams;
    copy->floatParams = k.floatParams;
    copy->outer = k.outer;
    copy->outerExtent = k.outerExtent;
    copy->body = cloneStmt(k.body.get());
    auto ck = std::make_shared<InterpretedKernel>(std::move(copy));
    ck->compileMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return ck;
  }

 private:
  static StmtPtr cloneStmt(const Stmt* s) {
    if (!s) return nullptr;
    auto c = std::make_unique<Stmt>();
    c->kind = s->kind;
    c->var = s->var;
    c->start = s->start;
    c->stop = s->stop;
    c->index = s->index;
    c->value = s->value;
    c->buffer = s->buffer;
    c->vectorize = s->vectorize;
    for (const auto& b : s->body) c->body.push_back(cloneStmt(b.get()));
    return c;
  }
};

}  // namespace

Backend* interpBackend() {
  static InterpBackend backend;
  return &backend;
}

void registerInterpBackend() { registerBackend("interp", interpBackend()); }

}  // namespace wick::jit::kir
