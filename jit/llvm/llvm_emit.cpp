#include "jit/llvm/llvm_emit.h"

#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/Intrinsics.h>
#include <llvm/IR/MDBuilder.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Support/raw_ostream.h>

#include <cmath>
#include <unordered_map>

#include "core/check.h"
#include "jit/llvm/llvm_math.h"

extern "C" int64_t wick_jit_ipow_i64(int64_t base, int64_t exp) {
  if (exp < 0) {
    if (base == 1) return 1;
    if (base == -1) return (exp & 1) ? -1 : 1;
    return 0;
  }
  uint64_t result = 1, b = static_cast<uint64_t>(base);
  while (exp) {
    if (exp & 1) result *= b;
    b *= b;
    exp >>= 1;
  }
  return static_cast<int64_t>(result);
}

namespace wick::jit::llvmjit {

namespace {

using llvm::Value;
using kir::BinaryOp;
using kir::Expr;
using kir::Stmt;
using kir::UnaryOp;

bool isFloat(DType t) { return t == DType::Float32 || t == DType::Float64; }
bool isUnsigned(DType t) { return t == DType::UInt8 || t == DType::Bool; }

bool containsLoop(const Stmt& s) {
  if (s.kind == Stmt::Kind::For) return true;
  for (auto& c : s.body)
    if (c && containsLoop(*c)) return true;
  return false;
}

bool readsVar(const Expr& e, const kir::Var* v) {
  if (e.kind == Expr::Kind::VarRef && e.var.get() == v) return true;
  for (auto& o : e.operands)
    if (readsVar(*o, v)) return true;
  return false;
}

class Emitter {
 public:
  Emitter(const kir::Kernel& k, llvm::LLVMContext& ctx, llvm::Module& m) : k_(k), ctx_(ctx), m_(m), b_(ctx) {}

  void emit(const std::string& symbol) {
    auto* ptrTy = b_.getPtrTy();
    auto* i64 = b_.getInt64Ty();
    // The entry point loads the buffer pointers and calls the body, whose
    // pointer arguments are noalias; inlining turns that into alias scopes.
    auto* entryTy = llvm::FunctionType::get(b_.getVoidTy(), {ptrTy, ptrTy, ptrTy, i64, i64}, false);
    auto* entry = llvm::Function::Create(entryTy, llvm::Function::ExternalLinkage, symbol, m_);
    std::vector<llvm::Type*> bodyArgs(k_.buffers.size(), ptrTy);
    bodyArgs.insert(bodyArgs.end(), {ptrTy, ptrTy, i64, i64});
    auto* bodyTy = llvm::FunctionType::get(b_.getVoidTy(), bodyArgs, false);
    fn_ = llvm::Function::Create(bodyTy, llvm::Function::InternalLinkage, symbol + ".body", m_);
    fn_->addFnAttr(llvm::Attribute::AlwaysInline);
    fn_->addFnAttr(llvm::Attribute::NoUnwind);
    entry->addFnAttr(llvm::Attribute::NoUnwind);
    for (size_t i = 0; i < k_.buffers.size(); ++i) {
      fn_->addParamAttr(i, llvm::Attribute::NoAlias);
      fn_->addParamAttr(i, llvm::Attribute::NoCapture);
      if (!k_.buffers[i].isOutput) fn_->addParamAttr(i, llvm::Attribute::ReadOnly);
    }
    {
      auto* bb = llvm::BasicBlock::Create(ctx_, "entry", entry);
      b_.SetInsertPoint(bb);
      std::vector<Value*> args;
      auto it = entry->arg_begin();
      Value* bufs = &*it++;
      for (size_t i = 0; i < k_.buffers.size(); ++i)
        args.push_back(b_.CreateLoad(ptrTy, b_.CreateConstInBoundsGEP1_64(ptrTy, bufs, i), k_.buffers[i].name));
      for (; it != entry->arg_end(); ++it) args.push_back(&*it);
      b_.CreateCall(fn_, args);
      b_.CreateRetVoid();
    }

    auto* bb = llvm::BasicBlock::Create(ctx_, "entry", fn_);
    b_.SetInsertPoint(bb);
    auto arg = fn_->arg_begin();
    for (size_t i = 0; i < k_.buffers.size(); ++i) bufs_.push_back(&*arg++);
    Value* ints = &*arg++;
    Value* floats = &*arg++;
    Value* begin = &*arg++;
    Value* end = &*arg++;
    for (auto& p : k_.intParams)
      vals_[p.get()] = b_.CreateLoad(i64, b_.CreateConstInBoundsGEP1_64(i64, ints, p->index), p->name);
    for (auto& p : k_.floatParams)
      vals_[p.get()] =
          b_.CreateLoad(b_.getDoubleTy(), b_.CreateConstInBoundsGEP1_64(b_.getDoubleTy(), floats, p->index), p->name);
    allocaPoint_ = b_.CreateAlloca(b_.getInt8Ty(), nullptr, "alloca.point");
    emitLoop(k_.outer.get(), begin, end, *k_.body, !containsLoop(*k_.body));
    b_.CreateRetVoid();
    allocaPoint_->eraseFromParent();
  }

 private:
  llvm::Type* regType(DType t) {
    switch (t) {
      case DType::Bool: return b_.getInt1Ty();
      case DType::UInt8:
      case DType::Int8: return b_.getInt8Ty();
      case DType::Int16: return b_.getInt16Ty();
      case DType::Int32: return b_.getInt32Ty();
      case DType::Int64: return b_.getInt64Ty();
      case DType::Float32: return b_.getFloatTy();
      case DType::Float64: return b_.getDoubleTy();
      default: WICK_FAIL("llvm backend: kernel '{}': unsupported dtype {}", k_.name, dtypeName(t));
    }
  }
  llvm::Type* memType(DType t) { return t == DType::Bool ? b_.getInt8Ty() : regType(t); }

  void emitLoop(const kir::Var* v, Value* start, Value* stop, const Stmt& body, bool vectorize) {
    llvm::BasicBlock* pre = b_.GetInsertBlock();
    auto* header = llvm::BasicBlock::Create(ctx_, v->name + ".header", fn_);
    auto* loopBody = llvm::BasicBlock::Create(ctx_, v->name + ".body", fn_);
    auto* exit = llvm::BasicBlock::Create(ctx_, v->name + ".exit", fn_);
    b_.CreateBr(header);
    b_.SetInsertPoint(header);
    auto* phi = b_.CreatePHI(b_.getInt64Ty(), 2, v->name);
    phi->addIncoming(start, pre);
    b_.CreateCondBr(b_.CreateICmpSLT(phi, stop), loopBody, exit);
    b_.SetInsertPoint(loopBody);
    vals_[v] = phi;
    emitStmt(body);
    Value* next = b_.CreateAdd(phi, b_.getInt64(1), v->name + ".next", /*HasNUW=*/false, /*HasNSW=*/true);
    auto* latch = b_.CreateBr(header);
    phi->addIncoming(next, b_.GetInsertBlock());
    // Loop metadata: a distinct self-referencing node.
    llvm::SmallVector<llvm::Metadata*, 3> md;
    md.push_back(nullptr);
    md.push_back(llvm::MDNode::get(ctx_, llvm::MDString::get(ctx_, "llvm.loop.mustprogress")));
    if (vectorize)
      md.push_back(llvm::MDNode::get(ctx_, {llvm::MDString::get(ctx_, "llvm.loop.vectorize.enable"),
                                            llvm::ConstantAsMetadata::get(b_.getTrue())}));
    auto* loopId = llvm::MDNode::getDistinct(ctx_, md);
    loopId->replaceOperandWith(0, loopId);
    latch->setMetadata(llvm::LLVMContext::MD_loop, loopId);
    b_.SetInsertPoint(exit);
  }

  void emitStmt(const Stmt& s) {
    switch (s.kind) {
      case Stmt::Kind::Block:
        for (auto& c : s.body)
          if (c) emitStmt(*c);
        return;
      case Stmt::Kind::For:
        emitLoop(s.var.get(), emitExpr(*s.start), emitExpr(*s.stop), *s.body[0], s.vectorize);
        return;
      case Stmt::Kind::Store: {
        DType t = k_.buffers[s.buffer].dtype;
        Value* v = emitExpr(*s.value);
        if (t == DType::Bool) v = b_.CreateZExt(v, b_.getInt8Ty());
        Value* ptr = b_.CreateInBoundsGEP(memType(t), bufs_[s.buffer], emitExpr(*s.index));
        b_.CreateStore(v, ptr);
        return;
      }
      case Stmt::Kind::Let: {
        llvm::IRBuilder<> ab(allocaPoint_);
        auto* slot = ab.CreateAlloca(regType(s.var->dtype), nullptr, s.var->name);
        locals_[s.var.get()] = slot;
        b_.CreateStore(emitExpr(*s.value), slot);
        return;
      }
      case Stmt::Kind::Assign: {
        auto it = locals_.find(s.var.get());
        WICK_CHECK(it != locals_.end(), "llvm backend: kernel '{}': assignment to undeclared '{}'", k_.name,
                   s.var->name);
        // An accumulator update: reassociation allowed so the reduction vectorizes.
        bool acc = isFloat(s.var->dtype) && s.value->kind == Expr::Kind::Binary &&
                   (s.value->binaryOp == BinaryOp::Add || s.value->binaryOp == BinaryOp::Mul ||
                    s.value->binaryOp == BinaryOp::Sub) &&
                   readsVar(*s.value, s.var.get());
        Value* v;
        if (acc) {
          llvm::FastMathFlags fmf;
          fmf.setAllowReassoc();
          llvm::IRBuilder<>::FastMathFlagGuard guard(b_);
          b_.setFastMathFlags(fmf);
          v = emitBinary(*s.value, emitExpr(*s.value->operands[0]), emitExpr(*s.value->operands[1]));
        } else {
          v = emitExpr(*s.value);
        }
        b_.CreateStore(v, it->second);
        return;
      }
      case Stmt::Kind::If: {
        Value* cond = emitExpr(*s.value);
        auto* thenBB = llvm::BasicBlock::Create(ctx_, "then", fn_);
        auto* elseBB = s.body.size() > 1 && s.body[1] ? llvm::BasicBlock::Create(ctx_, "else", fn_) : nullptr;
        auto* join = llvm::BasicBlock::Create(ctx_, "endif", fn_);
        b_.CreateCondBr(cond, thenBB, elseBB ? elseBB : join);
        b_.SetInsertPoint(thenBB);
        emitStmt(*s.body[0]);
        b_.CreateBr(join);
        if (elseBB) {
          b_.SetInsertPoint(elseBB);
          emitStmt(*s.body[1]);
          b_.CreateBr(join);
        }
        b_.SetInsertPoint(join);
        return;
      }
    }
  }

  Value* fconst(llvm::Type* t, double v) { return llvm::ConstantFP::get(t, v); }

  Value* emitExpr(const Expr& e) {
    switch (e.kind) {
      case Expr::Kind::IntImm: return llvm::ConstantInt::get(regType(e.dtype), e.ival, true);
      case Expr::Kind::FloatImm: return fconst(regType(e.dtype), e.fval);
      case Expr::Kind::VarRef: {
        const kir::Var* v = e.var.get();
        if (auto it = locals_.find(v); it != locals_.end())
          return b_.CreateLoad(regType(v->dtype), it->second, v->name);
        auto it = vals_.find(v);
        WICK_CHECK(it != vals_.end(), "llvm backend: kernel '{}': '{}' used out of scope", k_.name, v->name);
        return it->second;
      }
      case Expr::Kind::Load: {
        DType t = k_.buffers[e.buffer].dtype;
        Value* ptr = b_.CreateInBoundsGEP(memType(t), bufs_[e.buffer], emitExpr(*e.operands[0]));
        Value* v = b_.CreateLoad(memType(t), ptr);
        if (t == DType::Bool) v = b_.CreateICmpNE(v, b_.getInt8(0));
        return v;
      }
      case Expr::Kind::Unary: return emitUnary(e, emitExpr(*e.operands[0]));
      case Expr::Kind::Binary: return emitBinary(e, emitExpr(*e.operands[0]), emitExpr(*e.operands[1]));
      case Expr::Kind::Compare: return emitCompare(e, emitExpr(*e.operands[0]), emitExpr(*e.operands[1]));
      case Expr::Kind::Select:
        return b_.CreateSelect(emitExpr(*e.operands[0]), emitExpr(*e.operands[1]), emitExpr(*e.operands[2]));
      case Expr::Kind::Cast: return emitCast(emitExpr(*e.operands[0]), e.operands[0]->dtype, e.dtype);
    }
    WICK_FAIL("llvm backend: kernel '{}': unknown expression", k_.name);
  }

  Value* emitCast(Value* v, DType from, DType to) {
    if (from == to) return v;
    llvm::Type* dst = regType(to);
    if (to == DType::Bool) {
      if (isFloat(from)) return b_.CreateFCmpUNE(v, fconst(v->getType(), 0));
      return b_.CreateICmpNE(v, llvm::ConstantInt::get(v->getType(), 0));
    }
    if (isFloat(from) && isFloat(to)) return b_.CreateFPCast(v, dst);
    if (isFloat(to)) return isUnsigned(from) ? b_.CreateUIToFP(v, dst) : b_.CreateSIToFP(v, dst);
    if (isFloat(from)) {
      // Truncation toward zero through a wide integer (as C++ and PyTorch
      // on x86: out-of-range values wrap instead of being undefined).
      llvm::Type* wide = to == DType::Int64 ? b_.getInt64Ty() : b_.getInt32Ty();
      Value* i = b_.CreateFreeze(b_.CreateFPToSI(v, wide));
      return b_.CreateTrunc(i, dst);
    }
    return b_.CreateIntCast(v, dst, !isUnsigned(from));
  }

  Value* call(llvm::Intrinsic::ID id, Value* a) { return b_.CreateUnaryIntrinsic(id, a); }
  Value* call2(llvm::Intrinsic::ID id, Value* a, Value* c) { return b_.CreateBinaryIntrinsic(id, a, c); }
  Value* libm(const char* fname, llvm::Type* t, std::vector<Value*> args) {
    std::string name = fname;
    if (t->isFloatTy()) name += "f";
    std::vector<llvm::Type*> tys(args.size(), t);
    auto callee = m_.getOrInsertFunction(name, llvm::FunctionType::get(t, tys, false));
    auto* c = b_.CreateCall(callee, args);
    c->setDoesNotThrow();
    c->setOnlyAccessesInaccessibleMemory();
    return c;
  }

  Value* emitUnary(const Expr& e, Value* a) {
    DType t = e.operands[0]->dtype;
    llvm::Type* ty = a->getType();
    bool fl = isFloat(t);
    switch (e.unaryOp) {
      case UnaryOp::Neg: return fl ? b_.CreateFNeg(a) : b_.CreateNeg(a);
      case UnaryOp::Abs:
        if (fl) return call(llvm::Intrinsic::fabs, a);
        if (isUnsigned(t)) return a;
        return b_.CreateBinaryIntrinsic(llvm::Intrinsic::abs, a, b_.getFalse());
      case UnaryOp::Not: return b_.CreateNot(a);
      case UnaryOp::BitNot: return b_.CreateNot(a);
      case UnaryOp::Exp: return emitExp(b_, a);
      case UnaryOp::Exp2: return emitExp2(b_, a);
      case UnaryOp::Expm1: return emitExpm1(b_, a);
      case UnaryOp::Log: return emitLog(b_, a);
      case UnaryOp::Log2: return emitLog2(b_, a);
      case UnaryOp::Log10: return emitLog10(b_, a);
      case UnaryOp::Log1p: return emitLog1p(b_, a);
      case UnaryOp::Sqrt: return call(llvm::Intrinsic::sqrt, a);
      case UnaryOp::Rsqrt: return b_.CreateFDiv(fconst(ty, 1), call(llvm::Intrinsic::sqrt, a));
      case UnaryOp::Reciprocal: return b_.CreateFDiv(fconst(ty, 1), a);
      case UnaryOp::Sin: return call(llvm::Intrinsic::sin, a);
      case UnaryOp::Cos: return call(llvm::Intrinsic::cos, a);
      case UnaryOp::Tan: return libm("tan", ty, {a});
      case UnaryOp::Asin: return libm("asin", ty, {a});
      case UnaryOp::Acos: return libm("acos", ty, {a});
      case UnaryOp::Atan: return libm("atan", ty, {a});
      case UnaryOp::Sinh: return libm("sinh", ty, {a});
      case UnaryOp::Cosh: return libm("cosh", ty, {a});
      case UnaryOp::Tanh: return emitTanh(b_, a);
      case UnaryOp::Sigmoid: return emitSigmoid(b_, a);
      case UnaryOp::Erf: return emitErf(b_, a);
      case UnaryOp::Erfc: return emitErfc(b_, a);
      case UnaryOp::Floor: return fl ? call(llvm::Intrinsic::floor, a) : a;
      case UnaryOp::Ceil: return fl ? call(llvm::Intrinsic::ceil, a) : a;
      case UnaryOp::Round: return fl ? call(llvm::Intrinsic::roundeven, a) : a;
      case UnaryOp::Trunc: return fl ? call(llvm::Intrinsic::trunc, a) : a;
      case UnaryOp::Sign: {
        // (0 < a) - (a < 0): 0 for NaN and -0, like PyTorch (1.13).
        if (fl) {
          Value* pos = b_.CreateUIToFP(b_.CreateFCmpOGT(a, fconst(ty, 0)), ty);
          Value* neg = b_.CreateUIToFP(b_.CreateFCmpOLT(a, fconst(ty, 0)), ty);
          return b_.CreateFSub(pos, neg);
        }
        Value* zero = llvm::ConstantInt::get(ty, 0);
        Value* pos = b_.CreateZExt(isUnsigned(t) ? b_.CreateICmpUGT(a, zero) : b_.CreateICmpSGT(a, zero), ty);
        if (isUnsigned(t)) return pos;
        return b_.CreateSub(pos, b_.CreateZExt(b_.CreateICmpSLT(a, zero), ty));
      }
      case UnaryOp::IsNan: return fl ? b_.CreateFCmpUNO(a, a) : b_.getFalse();
      case UnaryOp::IsInf:
        return fl ? b_.CreateFCmpOEQ(call(llvm::Intrinsic::fabs, a), fconst(ty, INFINITY)) : b_.getFalse();
      case UnaryOp::IsFinite:
        return fl ? b_.CreateFCmpOLT(call(llvm::Intrinsic::fabs, a), fconst(ty, INFINITY)) : b_.getTrue();
    }
    WICK_FAIL("llvm backend: kernel '{}': unknown unary op", k_.name);
  }

  Value* emitBinary(const Expr& e, Value* a, Value* c) {
    DType t = e.dtype;
    llvm::Type* ty = a->getType();
    bool fl = isFloat(t), uns = isUnsigned(t);
    switch (e.binaryOp) {
      case BinaryOp::Add: return fl ? b_.CreateFAdd(a, c) : b_.CreateAdd(a, c);
      case BinaryOp::Sub: return fl ? b_.CreateFSub(a, c) : b_.CreateSub(a, c);
      case BinaryOp::Mul: return fl ? b_.CreateFMul(a, c) : b_.CreateMul(a, c);
      case BinaryOp::Div: return fl ? b_.CreateFDiv(a, c) : uns ? b_.CreateUDiv(a, c) : b_.CreateSDiv(a, c);
      case BinaryOp::Mod: return fl ? b_.CreateFRem(a, c) : uns ? b_.CreateURem(a, c) : b_.CreateSRem(a, c);
      case BinaryOp::FloorDiv: {
        if (fl) {
          // c10::div_floor_floating.
          Value* zero = fconst(ty, 0);
          Value* mod = b_.CreateFRem(a, c);
          Value* div = b_.CreateFDiv(b_.CreateFSub(a, mod), c);
          Value* adjust = b_.CreateAnd(b_.CreateFCmpUNE(mod, zero),
                                       b_.CreateICmpNE(b_.CreateFCmpOLT(c, zero), b_.CreateFCmpOLT(mod, zero)));
          div = b_.CreateSelect(adjust, b_.CreateFSub(div, fconst(ty, 1)), div);
          Value* fdiv = call(llvm::Intrinsic::floor, div);
          fdiv = b_.CreateSelect(b_.CreateFCmpOGT(b_.CreateFSub(div, fdiv), fconst(ty, 0.5)),
                                 b_.CreateFAdd(fdiv, fconst(ty, 1)), fdiv);
          Value* zeroRes = call2(llvm::Intrinsic::copysign, zero, b_.CreateFDiv(a, c));
          Value* res = b_.CreateSelect(b_.CreateFCmpUNE(div, zero), fdiv, zeroRes);
          return b_.CreateSelect(b_.CreateFCmpOEQ(c, zero), b_.CreateFDiv(a, c), res);
        }
        if (uns) return b_.CreateUDiv(a, c);
        Value* q = b_.CreateSDiv(a, c);
        Value* r = b_.CreateSRem(a, c);
        Value* zero = llvm::ConstantInt::get(ty, 0);
        Value* adjust = b_.CreateAnd(b_.CreateICmpNE(r, zero), b_.CreateICmpSLT(b_.CreateXor(a, c), zero));
        return b_.CreateSub(q, b_.CreateZExt(adjust, ty));
      }
      case BinaryOp::Remainder: {
        if (fl) {
          Value* zero = fconst(ty, 0);
          Value* mod = b_.CreateFRem(a, c);
          Value* adjust = b_.CreateAnd(b_.CreateFCmpUNE(mod, zero),
                                       b_.CreateICmpNE(b_.CreateFCmpOLT(c, zero), b_.CreateFCmpOLT(mod, zero)));
          return b_.CreateSelect(adjust, b_.CreateFAdd(mod, c), mod);
        }
        if (uns) return b_.CreateURem(a, c);
        Value* r = b_.CreateSRem(a, c);
        Value* zero = llvm::ConstantInt::get(ty, 0);
        Value* adjust = b_.CreateAnd(b_.CreateICmpNE(r, zero), b_.CreateICmpSLT(b_.CreateXor(r, c), zero));
        return b_.CreateSelect(adjust, b_.CreateAdd(r, c), r);
      }
      case BinaryOp::Max:
        if (fl) return call2(llvm::Intrinsic::maximum, a, c);
        return call2(uns ? llvm::Intrinsic::umax : llvm::Intrinsic::smax, a, c);
      case BinaryOp::Min:
        if (fl) return call2(llvm::Intrinsic::minimum, a, c);
        return call2(uns ? llvm::Intrinsic::umin : llvm::Intrinsic::smin, a, c);
      case BinaryOp::Pow: {
        if (fl) return call2(llvm::Intrinsic::pow, a, c);
        auto* i64 = b_.getInt64Ty();
        auto callee = m_.getOrInsertFunction("wick_jit_ipow_i64", llvm::FunctionType::get(i64, {i64, i64}, false));
        auto* r = b_.CreateCall(callee, {b_.CreateIntCast(a, i64, !uns), b_.CreateIntCast(c, i64, !uns)});
        r->setDoesNotThrow();
        r->setDoesNotAccessMemory();
        return b_.CreateTrunc(r, ty);
      }
      case BinaryOp::Atan2: return libm("atan2", ty, {a, c});
      case BinaryOp::BitAnd:
      case BinaryOp::LogicalAnd: return b_.CreateAnd(a, c);
      case BinaryOp::BitOr:
      case BinaryOp::LogicalOr: return b_.CreateOr(a, c);
      case BinaryOp::BitXor: return b_.CreateXor(a, c);
      case BinaryOp::Shl: {
        // Shifts by >= the width (or < 0) give 0, like PyTorch.
        unsigned bits = ty->getIntegerBitWidth();
        Value* inRange = b_.CreateICmpULT(c, llvm::ConstantInt::get(ty, bits));
        Value* sh = b_.CreateShl(a, b_.CreateSelect(inRange, c, llvm::ConstantInt::get(ty, 0)));
        return b_.CreateSelect(inRange, sh, llvm::ConstantInt::get(ty, 0));
      }
      case BinaryOp::Shr: {
        // Shifts by >= the width fill with the sign (arithmetic) or 0.
        unsigned bits = ty->getIntegerBitWidth();
        Value* inRange = b_.CreateICmpULT(c, llvm::ConstantInt::get(ty, bits));
        Value* amt = b_.CreateSelect(inRange, c, llvm::ConstantInt::get(ty, bits - 1));
        if (uns) return b_.CreateSelect(inRange, b_.CreateLShr(a, amt), llvm::ConstantInt::get(ty, 0));
        return b_.CreateAShr(a, amt);
      }
    }
    WICK_FAIL("llvm backend: kernel '{}': unknown binary op", k_.name);
  }

  Value* emitCompare(const Expr& e, Value* a, Value* c) {
    DType t = e.operands[0]->dtype;
    using P = llvm::CmpInst::Predicate;
    if (isFloat(t)) {
      static const P fp[] = {P::FCMP_OEQ, P::FCMP_UNE, P::FCMP_OLT, P::FCMP_OLE, P::FCMP_OGT, P::FCMP_OGE};
      return b_.CreateFCmp(fp[static_cast<int>(e.compareOp)], a, c);
    }
    static const P sp[] = {P::ICMP_EQ, P::ICMP_NE, P::ICMP_SLT, P::ICMP_SLE, P::ICMP_SGT, P::ICMP_SGE};
    static const P up[] = {P::ICMP_EQ, P::ICMP_NE, P::ICMP_ULT, P::ICMP_ULE, P::ICMP_UGT, P::ICMP_UGE};
    return b_.CreateICmp((isUnsigned(t) ? up : sp)[static_cast<int>(e.compareOp)], a, c);
  }

  const kir::Kernel& k_;
  llvm::LLVMContext& ctx_;
  llvm::Module& m_;
  llvm::IRBuilder<> b_;
  llvm::Function* fn_ = nullptr;
  llvm::Instruction* allocaPoint_ = nullptr;
  std::vector<Value*> bufs_;
  std::unordered_map<const kir::Var*, Value*> vals_;
  std::unordered_map<const kir::Var*, llvm::AllocaInst*> locals_;
};

}  // namespace

std::unique_ptr<llvm::Module> emitKernel(const kir::Kernel& k, llvm::LLVMContext& ctx, const std::string& symbol) {
  auto m = std::make_unique<llvm::Module>(symbol, ctx);
  Emitter(k, ctx, *m).emit(symbol);
  std::string err;
  llvm::raw_string_ostream os(err);
  WICK_CHECK(!llvm::verifyModule(*m, &os), "llvm backend: kernel '{}': invalid LLVM IR: {}", k.name, os.str());
  return m;
}

}  // namespace wick::jit::llvmjit
