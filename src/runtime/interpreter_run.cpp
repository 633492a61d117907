// The interpreter's dispatch loop and the Code object: per-run frames of
// registers, threaded dispatch (computed goto), op calls through a stack.
#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <memory>
#include <mutex>
#include <vector>

#include "core/check.h"
#include "runtime/interpreter_code.h"
#include "runtime/op_profiler.h"
#include "runtime/scalar_math.h"

namespace wick {

namespace interp {

const char* opCodeName(OpCode op) {
  static const char* names[] = {
#define WICK_INTERP_NAME(N) #N,
      WICK_INTERP_OPCODES(WICK_INTERP_NAME)
#undef WICK_INTERP_NAME
  };
  return static_cast<size_t>(op) < std::size(names) ? names[static_cast<size_t>(op)] : "?";
}

namespace {

// "x.1" -> "x": TorchScript's graph names carry a uniquing suffix the user
// never wrote.
std::string argumentName(const std::string& debugName) {
  size_t dot = debugName.rfind('.');
  if (dot == std::string::npos || dot + 1 == debugName.size()) return debugName;
  for (size_t i = dot + 1; i < debugName.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(debugName[i]))) return debugName;
  return debugName.substr(0, dot);
}

void addNodeContext(Error& e, const ir::Node* node) {
  if (!node) return;
  std::string ctx = "while running " + node->kind().qualString();
  if (node->location().valid()) ctx += " at " + node->location().str();
  e.addContext(ctx);
}

[[noreturn]] void unpackError(size_t expected, size_t got) {
  if (got > expected) WICK_FAIL("ValueError: too many values to unpack (expected {})", expected);
  WICK_FAIL("ValueError: not enough values to unpack (expected {}, got {})", expected, got);
}

inline IValue take(IValue* regs, const Operand& o) { return o.move ? std::move(regs[o.reg]) : regs[o.reg]; }

void runAggregate(OpCode op, const Aggregate& ag, IValue* regs) {
  switch (op) {
    case OpCode::TupleConstruct:
    case OpCode::ListConstruct: {
      std::vector<IValue> els;
      els.reserve(ag.args.size());
      for (const Operand& o : ag.args) els.push_back(take(regs, o));
      regs[ag.outs[0]] = op == OpCode::TupleConstruct ? IValue(makeTuple(std::move(els)))
                                                      : IValue(makeList(std::move(els)));
      return;
    }
    case OpCode::TupleUnpack:
    case OpCode::ListUnpack: {
      IValue agg = take(regs, ag.args[0]);  // held here: an output may reuse its register
      const auto& els = op == OpCode::TupleUnpack ? agg.tupleRef().elements : agg.listRef().elements;
      if (els.size() != ag.outs.size()) unpackError(ag.outs.size(), els.size());
      for (size_t i = 0; i < els.size(); ++i) regs[ag.outs[i]] = els[i];
      return;
    }
    case OpCode::DictConstruct: {
      Ref<DictObj> d = makeDict();
      for (size_t i = 0; i + 1 < ag.args.size(); i += 2) d->insert(take(regs, ag.args[i]), take(regs, ag.args[i + 1]));
      regs[ag.outs[0]] = IValue(std::move(d));
      return;
    }
    default: WICK_ASSERT(false, "not an aggregate instruction: {}", opCodeName(op));
  }
}

// The registers of one run: inline for small graphs, so that a call of a
// small graph allocates nothing for them.
class Frame {
 public:
  explicit Frame(size_t n) {
    if (n > kInline) {
      heap_ = std::make_unique<IValue[]>(n);
      regs_ = heap_.get();
    }
  }
  IValue* data() { return regs_; }

 private:
  static constexpr size_t kInline = 32;
  IValue inline_[kInline];
  std::unique_ptr<IValue[]> heap_;
  IValue* regs_ = inline_;
};

// Operand stacks are reused across runs on a thread (their capacity is the
// point); a lease makes nested runs on one thread safe.
class StackLease {
 public:
  StackLease() {
    auto& pool = freeStacks();
    if (pool.empty()) {
      stack_ = std::make_unique<Stack>();
    } else {
      stack_ = std::move(pool.back());
      pool.pop_back();
    }
  }
  ~StackLease() {
    stack_->clear();
    freeStacks().push_back(std::move(stack_));
  }
  Stack& get() { return *stack_; }

 private:
  static std::vector<std::unique_ptr<Stack>>& freeStacks() {
    thread_local std::vector<std::unique_ptr<Stack>> pool;
    return pool;
  }
  std::unique_ptr<Stack> stack_;
};

int64_t floatToInt(double d) {
  WICK_CHECK(std::isfinite(d), "aten::Int: cannot convert float {} to integer", d);
  return static_cast<int64_t>(d);
}

void execute(const CodeData& d, IValue* regs, Stack& stack, RunObserver* observer) {
  static const void* const labels[] = {
#define WICK_INTERP_LABEL(N) &&L_##N,
      WICK_INTERP_OPCODES(WICK_INTERP_LABEL)
#undef WICK_INTERP_LABEL
  };
  const Instr* const base = d.instrs.data();
  const Instr* ip = base;
#define DISPATCH() goto* labels[static_cast<size_t>(ip->op)]
#define NEXT() \
  do {         \
    ++ip;      \
    DISPATCH(); \
  } while (0)
#define I(r) regs[ip->r].intUnchecked()
#define F(r) regs[ip->r].doubleUnchecked()
  try {
    DISPATCH();
  L_Ret:
    return;
  L_Jump:
    ip = base + ip->target;
    DISPATCH();
  L_JumpIfFalse:
    ip = regs[ip->a].boolUnchecked() ? ip + 1 : base + ip->target;
    DISPATCH();
  L_LoopTest:
    ip = (I(a) < I(b) && regs[ip->dst].boolUnchecked()) ? ip + 1 : base + ip->target;
    DISPATCH();
  L_LoopTestTrip:
    ip = I(a) < I(b) ? ip + 1 : base + ip->target;
    DISPATCH();
  L_LoopNext:
    regs[ip->a] = IValue(I(a) + 1);
    ip = base + ip->target;
    DISPATCH();
  L_SetZero:
    regs[ip->dst] = IValue(int64_t(0));
    NEXT();
  L_Copy:
    regs[ip->dst] = regs[ip->a];
    NEXT();
  L_Move:
    regs[ip->dst] = std::move(regs[ip->a]);
    NEXT();
  L_Call: {
    const CallSite& cs = d.calls[ip->a];
    for (const Operand& o : cs.args) {
      if (o.move) stack.push_back(std::move(regs[o.reg]));
      else stack.push_back(regs[o.reg]);
    }
    if (opProfilingOn()) [[unlikely]] {
      auto t0 = std::chrono::steady_clock::now();
      cs.op(stack);
      recordOpTime(cs.node, std::chrono::duration_cast<std::chrono::nanoseconds>(
                                std::chrono::steady_clock::now() - t0).count());
    } else {
      cs.op(stack);
    }
    WICK_ASSERT(stack.size() == cs.outs.size(), "{} left {} values for {} outputs",
                cs.node->kind().qualString(), stack.size(), cs.outs.size());
    if (observer) observer->onNodeOutputs(*cs.node, stack.data(), stack.size());
    for (size_t k = 0; k < cs.outs.size(); ++k) regs[cs.outs[k]] = std::move(stack[k]);
    stack.clear();
    NEXT();
  }
  L_TupleConstruct:
  L_TupleUnpack:
  L_ListConstruct:
  L_ListUnpack:
  L_DictConstruct:
    runAggregate(ip->op, d.aggregates[ip->a], regs);
    NEXT();
  L_FloatI:
    regs[ip->dst] = IValue(static_cast<double>(I(a)));
    NEXT();
  L_IntF:
    regs[ip->dst] = IValue(floatToInt(F(a)));
    NEXT();
  L_NegI:
    regs[ip->dst] = IValue(smath::sub(0, I(a)));
    NEXT();
  L_NegF:
    regs[ip->dst] = IValue(-F(a));
    NEXT();
  L_Not:
    regs[ip->dst] = IValue(!regs[ip->a].boolUnchecked());
    NEXT();
  L_DivII:
    regs[ip->dst] = IValue(smath::Div::apply(I(a), I(b)));
    NEXT();
  L_DivFF:
    regs[ip->dst] = IValue(F(a) / F(b));
    NEXT();
#define WICK_INTERP_BIN_HANDLERS(Name, Fn)                                             \
  L_##Name##II : regs[ip->dst] = IValue(Fn::apply(I(a), I(b)));                        \
  NEXT();                                                                              \
  L_##Name##FF : regs[ip->dst] = IValue(Fn::apply(F(a), F(b)));                        \
  NEXT();                                                                              \
  L_##Name##IF : regs[ip->dst] = IValue(Fn::apply(static_cast<double>(I(a)), F(b)));   \
  NEXT();                                                                              \
  L_##Name##FI : regs[ip->dst] = IValue(Fn::apply(F(a), static_cast<double>(I(b))));   \
  NEXT();
    WICK_INTERP_BIN_HANDLERS(Add, smath::Add)
    WICK_INTERP_BIN_HANDLERS(Sub, smath::Sub)
    WICK_INTERP_BIN_HANDLERS(Mul, smath::Mul)
    WICK_INTERP_BIN_HANDLERS(FloorDiv, smath::FloorDiv)
    WICK_INTERP_BIN_HANDLERS(Rem, smath::Rem)
    WICK_INTERP_BIN_HANDLERS(Eq, smath::Eq)
    WICK_INTERP_BIN_HANDLERS(Ne, smath::Ne)
    WICK_INTERP_BIN_HANDLERS(Lt, smath::Lt)
    WICK_INTERP_BIN_HANDLERS(Le, smath::Le)
    WICK_INTERP_BIN_HANDLERS(Gt, smath::Gt)
    WICK_INTERP_BIN_HANDLERS(Ge, smath::Ge)
#undef WICK_INTERP_BIN_HANDLERS
  } catch (Error& e) {
    addNodeContext(e, d.instrNodes[ip - base]);
    throw;
  } catch (std::exception& e) {
    Error err(e.what());
    addNodeContext(err, d.instrNodes[ip - base]);
    throw err;
  }
#undef I
#undef F
#undef NEXT
#undef DISPATCH
}

}  // namespace

}  // namespace interp

Code::Code() : d_(std::make_unique<interp::CodeData>()) {}
Code::~Code() = default;

std::shared_ptr<const Code> Code::compile(std::shared_ptr<ir::Graph> graph, const OperatorRegistry& registry) {
  WICK_CHECK(graph != nullptr, "Code::compile: no graph");
  std::shared_ptr<Code> code(new Code());
  interp::compileGraph(*code->d_, std::move(graph), registry);
  return code;
}

std::vector<IValue> Code::run(std::vector<IValue> inputs, RunObserver* observer) const {
  const interp::CodeData& d = *d_;
  WICK_CHECK(inputs.size() == d.inputRegs.size(), "expected {} argument{} but got {}", d.inputRegs.size(),
             d.inputRegs.size() == 1 ? "" : "s", inputs.size());
  for (size_t i = 0; i < inputs.size(); ++i) {
    const ir::TypePtr& t = d.inputTypes[i];
    if (t && !ir::valueMatchesType(inputs[i], *t)) {
      // A tensor against a refined tensor type (a profiled or annotated
      // graph): name both, or the message would read "expected Tensor but
      // got Tensor".
      bool tensors = inputs[i].isTensor() && t->kind() == ir::TypeKind::Tensor;
      std::string got = inputs[i].tagName();
      if (tensors) {
        const Tensor& x = inputs[i].toTensor();
        got = fmt::format("a {} tensor of shape [{}]", dtypeName(x.dtype()), fmt::join(x.sizes(), ", "));
      }
      WICK_FAIL("argument {} '{}': expected {} but got {}", i + 1, interp::argumentName(d.inputNames[i]),
                tensors ? t->str() : t->annotationStr(), got);
    }
  }
  interp::Frame frame(d.numRegs);
  IValue* regs = frame.data();
  std::copy(d.constants.begin(), d.constants.end(), regs);
  for (size_t i = 0; i < inputs.size(); ++i) regs[d.inputRegs[i]] = std::move(inputs[i]);
  interp::StackLease stack;
  stack.get().reserve(d.maxStack);
  interp::execute(d, regs, stack.get(), observer);
  std::vector<IValue> out;
  out.reserve(d.outputs.size());
  for (const interp::Operand& o : d.outputs) out.push_back(interp::take(regs, o));
  return out;
}

std::shared_ptr<const Code> codeFor(ir::Function& fn, const OperatorRegistry& registry) {
  std::lock_guard<std::mutex> lock(fn.compileMutex);
  if (!fn.compiled) {
    try {
      fn.compiled = std::const_pointer_cast<Code>(Code::compile(fn.graph(), registry));
    } catch (Error& e) {
      e.addContext("while compiling " + fn.qualName());
      throw;
    }
  }
  auto code = std::dynamic_pointer_cast<const Code>(fn.compiled);
  WICK_CHECK(code != nullptr, "{} holds compiled state that is not interpreter code", fn.qualName());
  return code;
}

const ir::Graph& Code::graph() const { return *d_->graph; }
size_t Code::numRegisters() const { return d_->numRegs; }
size_t Code::numInstructions() const { return d_->instrs.size(); }

std::string Code::dump() const {
  std::string s;
  const interp::CodeData& d = *d_;
  for (size_t i = 0; i < d.instrs.size(); ++i) {
    const interp::Instr& in = d.instrs[i];
    s += fmt::format("{:4} {:<15} a={} b={} dst={} target={}", i, interp::opCodeName(in.op), in.a, in.b, in.dst,
                     in.target);
    if (d.instrNodes[i]) s += "  # " + d.instrNodes[i]->kind().qualString();
    s += "\n";
  }
  return s;
}

}  // namespace wick
