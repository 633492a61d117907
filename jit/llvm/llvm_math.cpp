#include "jit/llvm/llvm_math.h"

#include <llvm/IR/Intrinsics.h>

#include <cmath>
#include <vector>

namespace wick::jit::llvmjit {

namespace {

using llvm::Value;

// A polynomial sum(a[i] * u^i) in u = (v - c) / h.
struct Fit {
  double c, h;
  std::vector<double> a;
};

// Made by jit/llvm/fit_polynomials.py: erf(x) = x * P(x^2) for |x| < 1;
// erfc(y) = exp(-y^2) * H(y) for y in [0.5, 1.25) and [1.25, 2);
// erfc(y) = exp(-y^2) / y * K(1 / y) for y >= 2 (double: y < 4 and y >= 4).
const Fit kErfFloat[] = {
  // erf P(z): v in [0, 1], u = (v - 0.5) / 0.5, max rel err 1.25e-9
  {0.5, 0.5, {0.96546873880803539694, -0.14053609718981759089, 0.019852494638344318646, -0.0022854198966913742001, 0.00021752023599189147828, -0.000017668786203362278238, 1.2261342385883886181e-6}},
  // erfc H(y): v in [0.5, 1.25], u = (v - 0.875) / 0.375, max rel err 8.02e-10
  {0.875, 0.375, {0.46431158313758936659, -0.11843770809242948312, 0.02643144408958836955, -0.0053216990919654080932, 0.00098537143383812258831, -0.00016986173429484609235, 0.000027591038460403150667, -4.4445758428126192983e-6, 6.4050511850562935055e-7}},
  // erfc H(y): v in [1.25, 2], u = (v - 1.625) / 0.375, max rel err 1.01e-10
  {1.625, 0.375, {0.30226120935992913126, -0.054761338491645774521, 0.0091352918512865357287, -0.0014226666782868012811, 0.00020885732327583298707, -0.000029103348234770829447, 3.8755401675334120347e-6, -5.1152272706751511877e-7, 6.2299701303850827586e-8}},
  // erfc K(t): v in [0.09, 0.5], u = (v - 0.295) / 0.205, max rel err 4.65e-9
  {0.295, 0.205, {0.54230279237746943691, -0.027312074441691296082, -0.0058295718689845721628, 0.0018065492651082446698, -0.00013687670340531965767, -0.000062125227173490083138, 0.000026278760456908195591, -2.5912025279041642658e-6, -1.0302720082072291238e-6}},
};
// float32 erf(y) = 1 - Q(y) for 1 <= y < 4, Q ~ erfc(y) to an absolute 1e-8
// (cheaper than the erfc path: no exp, no pieces).
const Fit kErfOneMinusFloat =
  {2.5, 1.5, {0.00040695236772206775854, -0.0032672769189072905328, 0.012252799467988687834, -0.028187222659509828136, 0.043651934257145993153, -0.046391051234574433137, 0.03186589637011045878, -0.0095742783619642364478, -0.0066309699197025412207, 0.010403472540536232737, -0.0046766619400589923058, -0.0015362171722206638478, 0.0020395178243147921693, -0.000097030901044367307916, -0.0002598570787294538762}};
const Fit kErfDouble[] = {
  // erf P(z): v in [0, 1], u = (v - 0.5) / 0.5, max rel err 7.43e-18
  {0.5, 0.5, {0.96546873866986730133, -0.14053608902271713065, 0.019852496688984213177, -0.0022854855611438865551, 0.00021751715603567826997, -0.000017537169442396372317, 1.2233827636877481588e-6, -7.511568995570265771e-8, 4.1157516393618476774e-9, -2.0352575384368645843e-10, 9.2111945135102626052e-12, -3.7972798522279348599e-13}},
  // erfc H(y): v in [0.5, 1.25], u = (v - 0.875) / 0.375, max rel err 2.54e-18
  {0.875, 0.375, {0.46431158320266900079, -0.11843771118406568596, 0.026431442405603917091, -0.0053216573972802213656, 0.00098537637739973175759, -0.00017001257906395025037, 0.000027594391879706888872, -4.2438883112657547306e-6, 6.2198378085881076044e-7, -8.7268524579379654595e-8, 1.1766501815837687425e-8, -1.5293317048454810276e-9, 1.9189899801349226736e-10, -2.3375204473103771025e-11, 2.9094535111292733145e-12, -3.2977857946754675819e-13}},
  // erfc H(y): v in [1.25, 2], u = (v - 1.625) / 0.375, max rel err 1.18e-19
  {1.625, 0.375, {0.30226120936348591737, -0.054761338749068753438, 0.0091352917665264398753, -0.0014226632275738290623, 0.00020885750018239712927, -0.000029115790881565198563, 3.8760502989712012299e-6, -4.949828405756694325e-7, 6.0859848292863226348e-8, -7.22677563477328588e-9, 8.309261764361544462e-10, -9.2713519068373872374e-11, 1.0051247467800516054e-11, -1.0624178064174527603e-12, 1.1397601514217123626e-13, -1.137950645147038614e-14}},
  // erfc K(t): v in [0.25, 0.5], u = (v - 0.375) / 0.125, max rel err 6.83e-19
  {0.375, 0.125, {0.53086034931697504252, -0.018948191196769487131, -0.0014381248079935537175, 0.00034622662915241644222, -0.000028389142314304934703, -1.1538108985179866489e-6, 7.4860509993655621106e-7, -1.2191986786588701747e-7, 8.1131030900735887508e-9, 1.2687181349288963644e-9, -5.1689233298110267079e-10, 9.0930382464737078929e-11, -7.8640600183598962084e-12, -7.7837114680959988375e-13, 5.1470579235605045566e-13, -1.0372759117604222916e-13}},
  // erfc K(t): v in [0.035, 0.25], u = (v - 0.1425) / 0.1075, max rel err 1.11e-17
  {0.1425, 0.1075, {0.55862749633397613118, -0.0081528544206095661616, -0.0027310300186971326785, 0.00023624671157497644085, 0.000024652149782846037711, -6.9817208544459326089e-6, 1.5068784653319455989e-7, 1.8164129124334138295e-7, -3.0187370150629052196e-8, -2.0200783818206664577e-9, 1.5581199584189668229e-9, -1.9258062764224112494e-10, -3.8009164211071085964e-11, 1.7397171185255163878e-11, -9.0064680906782266146e-13, -6.4319014832149059912e-13}},
};

// Scalar IR helpers for one float type (float or double).
struct Math {
  llvm::IRBuilder<>& b;
  llvm::Type* ft;
  bool dbl;
  llvm::Type* it;  // the same-width integer type
  int mant;        // explicit mantissa bits
  int bias;

  Math(llvm::IRBuilder<>& builder, Value* x)
      : b(builder),
        ft(x->getType()),
        dbl(x->getType()->isDoubleTy()),
        it(dbl ? builder.getInt64Ty() : builder.getInt32Ty()),
        mant(dbl ? 52 : 23),
        bias(dbl ? 1023 : 127) {}

  Value* c(double v) { return llvm::ConstantFP::get(ft, v); }
  Value* ic(int64_t v) { return llvm::ConstantInt::get(it, v, true); }
  Value* add(Value* x, Value* y) { return b.CreateFAdd(x, y); }
  Value* sub(Value* x, Value* y) { return b.CreateFSub(x, y); }
  Value* mul(Value* x, Value* y) { return b.CreateFMul(x, y); }
  Value* div(Value* x, Value* y) { return b.CreateFDiv(x, y); }
  Value* sel(Value* cond, Value* x, Value* y) { return b.CreateSelect(cond, x, y); }
  Value* isNan(Value* x) { return b.CreateFCmpUNO(x, x); }
  Value* gt(Value* x, double v) { return b.CreateFCmpOGT(x, c(v)); }
  Value* lt(Value* x, double v) { return b.CreateFCmpOLT(x, c(v)); }
  Value* eq(Value* x, double v) { return b.CreateFCmpOEQ(x, c(v)); }
  Value* intrinsic(llvm::Intrinsic::ID id, Value* x) { return b.CreateUnaryIntrinsic(id, x); }
  Value* fabs(Value* x) { return intrinsic(llvm::Intrinsic::fabs, x); }
  Value* copysign(Value* mag, Value* sgn) {
    return b.CreateBinaryIntrinsic(llvm::Intrinsic::copysign, mag, sgn);
  }
  Value* fma(Value* x, Value* y, Value* z) {
    return b.CreateIntrinsic(llvm::Intrinsic::fma, {ft}, {x, y, z});
  }
  // x * y + z, fused where the target has FMA (one rounding) and a
  // multiply and an add elsewhere; never a libm call.
  Value* mad(Value* x, Value* y, Value* z) {
    return b.CreateIntrinsic(llvm::Intrinsic::fmuladd, {ft}, {x, y, z});
  }
  // Clamps x into [lo, hi]; NaN stays NaN.
  Value* clamp(Value* x, double lo, double hi) { return sel(gt(x, hi), c(hi), sel(lt(x, lo), c(lo), x)); }

  // sum(a[i] u^i) by Horner's rule in multiply-adds. (Estrin's scheme, for
  // a shorter dependency chain, measured no faster in vectorized loops,
  // whose iterations overlap anyway, and lost accuracy in exp and erfc.)
  Value* poly(Value* u, const std::vector<Value*>& a) {
    Value* p = a.back();
    for (size_t i = a.size() - 1; i-- > 0;) p = mad(p, u, a[i]);
    return p;
  }
  Value* horner(Value* u, const std::vector<double>& a) {
    std::vector<Value*> cs;
    for (double v : a) cs.push_back(c(v));
    return poly(u, cs);
  }
  // 2^n for an integer n within the normal exponent range.
  Value* pow2i(Value* n) {
    return b.CreateBitCast(b.CreateShl(b.CreateAdd(n, ic(bias)), ic(mant)), ft);
  }
  // x * 2^n in two steps, so that n may reach past the exponent range by
  // a factor two and gradual underflow rounds once.
  Value* scale(Value* x, Value* n) {
    Value* n1 = b.CreateAShr(n, ic(1));
    Value* n2 = b.CreateSub(n, n1);
    return mul(mul(x, pow2i(n1)), pow2i(n2));
  }
  Value* roundToInt(Value* x) { return b.CreateFPToSI(intrinsic(llvm::Intrinsic::roundeven, x), it); }

  // Taylor series of e^r on |r| <= ln2/2 (error < 0.1 ulp).
  Value* expPoly(Value* r) {
    int deg = dbl ? 13 : 7;
    std::vector<double> a(deg + 1);
    double f = 1;
    for (int i = 0; i <= deg; ++i) {
      if (i > 0) f *= i;
      a[i] = 1 / f;
    }
    return horner(r, a);
  }
  // Cody-Waite: x = n ln2 + r.
  Value* reduceLn2(Value* x, Value** r) {
    Value* n = intrinsic(llvm::Intrinsic::roundeven, mul(x, c(1.4426950408889634)));
    double hi = dbl ? 6.93147180369123816490e-01 : 0.693359375;
    double lo = dbl ? 1.90821492927058770002e-10 : -2.12194440e-4;
    *r = mad(n, c(-lo), mad(n, c(-hi), x));  // n * hi is exact
    return b.CreateFPToSI(n, it);
  }

  // A NaN x flows through the reduction (its integer part is poison) into
  // a lane the final select replaces with x: no select needed up front.
  Value* exp(Value* x) {
    Value* xc = dbl ? clamp(x, -746, 710) : clamp(x, -104, 89);
    Value* r;
    Value* n = reduceLn2(xc, &r);
    return sel(isNan(x), x, scale(expPoly(r), n));
  }

  Value* exp2(Value* x) {
    Value* xc = dbl ? clamp(x, -1080, 1025) : clamp(x, -152, 129);  // NaN: see exp()
    Value* nf = intrinsic(llvm::Intrinsic::roundeven, xc);
    Value* r = sub(xc, nf);  // exact, |r| <= 1/2
    // Taylor series of 2^r = e^(r ln2): coefficients ln2^k / k!.
    int deg = dbl ? 13 : 7;
    std::vector<double> a(deg + 1);
    long double t = 1;
    for (int i = 0; i <= deg; ++i) {
      a[i] = static_cast<double>(t);
      t *= 0.693147180559945309417232121458176568L / (i + 1);
    }
    return sel(isNan(x), x, scale(horner(r, a), b.CreateFPToSI(nf, it)));
  }

  Value* expm1(Value* x) {
    Value* xc = dbl ? clamp(x, -40, 710) : clamp(x, -18, 89);  // NaN: see exp()
    Value* r;
    Value* n = reduceLn2(xc, &r);
    // u = e^r - 1 = r * (1 + r/2! + r^2/3! + ...)
    int deg = dbl ? 13 : 7;
    std::vector<double> a(deg + 1);
    double f = 1;
    for (int i = 0; i <= deg; ++i) {
      f *= i + 1;
      a[i] = 1 / f;
    }
    Value* u = mul(r, horner(r, a));
    // e^x - 1 = 2^n u + (2^n - 1); for large n, (u + 1) 2^n - 1.
    int bigN = dbl ? 60 : 30;
    Value* isBig = b.CreateICmpSGT(n, ic(bigN));
    Value* t = pow2i(sel(isBig, ic(0), n));
    Value* small = add(mul(t, u), sub(t, c(1)));
    Value* big = sub(scale(add(u, c(1)), n), c(1));
    Value* y = sel(isBig, big, small);
    return sel(b.CreateOr(isNan(x), eq(x, 0)), x, y);
  }

  // x = 2^e (1 + f), 1 + f in [sqrt(1/2), sqrt(2)); returns e as a float.
  Value* decompose(Value* x, Value** f) {
    double minNormal = dbl ? 0x1p-1022 : 0x1p-126;
    Value* sub = lt(x, minNormal);
    Value* xs = sel(sub, mul(x, c(dbl ? 0x1p52 : 0x1p23)), x);
    Value* bits = b.CreateBitCast(xs, it);
    Value* e = b.CreateSub(b.CreateLShr(bits, ic(mant)), ic(bias));
    e = b.CreateSub(e, sel(sub, ic(mant), ic(0)));
    Value* mbits = b.CreateOr(b.CreateAnd(bits, ic((int64_t(1) << mant) - 1)), ic(int64_t(bias) << mant));
    Value* m = b.CreateBitCast(mbits, ft);
    Value* hiM = gt(m, 1.4142135623730951);
    m = sel(hiM, mul(m, c(0.5)), m);
    e = b.CreateAdd(e, b.CreateZExt(hiM, it));
    *f = this->sub(m, c(1));
    return b.CreateSIToFP(e, ft);
  }
  // log(1 + f) = f - (hfsq - s (hfsq + R)), s = f / (2 + f), R = 2s^2/3 + 2s^4/5 + ...
  // (FreeBSD msun's e_log.c arrangement, Taylor coefficients).
  void log1pParts(Value* f, Value** hfsq, Value** sR) {
    Value* s = div(f, add(c(2), f));
    Value* z = mul(s, s);
    int terms = dbl ? 9 : 4;
    std::vector<double> a(terms);
    for (int k = 0; k < terms; ++k) a[k] = 2.0 / (2 * k + 3);
    Value* R = mul(z, horner(z, a));
    *hfsq = mul(c(0.5), mul(f, f));
    *sR = mul(s, add(*hfsq, R));
  }
  Value* ln2Hi() { return c(dbl ? 6.93147180369123816490e-01 : 6.9313812256e-01); }
  Value* ln2Lo() { return c(dbl ? 1.90821492927058770002e-10 : 9.0580006145e-06); }

  Value* logSpecials(Value* x, Value* y) {
    y = sel(eq(x, INFINITY), x, y);
    y = sel(eq(x, 0), c(-INFINITY), y);
    y = sel(lt(x, 0), c(NAN), y);
    return sel(isNan(x), x, y);
  }
  Value* log(Value* x) {
    Value* f;
    Value* dk = decompose(x, &f);
    Value *hfsq, *sR;
    log1pParts(f, &hfsq, &sR);
    Value* y = sub(mul(dk, ln2Hi()), sub(sub(hfsq, add(sR, mul(dk, ln2Lo()))), f));
    return logSpecials(x, y);
  }
  Value* log2(Value* x) {
    Value* f;
    Value* dk = decompose(x, &f);
    Value *hfsq, *sR;
    log1pParts(f, &hfsq, &sR);
    Value* l = sub(f, sub(hfsq, sR));
    return logSpecials(x, add(dk, mul(l, c(1.4426950408889634))));
  }
  Value* log10(Value* x) {
    Value* f;
    Value* dk = decompose(x, &f);
    Value *hfsq, *sR;
    log1pParts(f, &hfsq, &sR);
    Value* l = sub(f, sub(hfsq, sR));
    double hi = dbl ? 3.01029995663611771306e-01 : 3.0102920532e-01;
    double lo = dbl ? 3.69423907715893078616e-13 : 7.9034151668e-07;
    Value* y = add(mul(dk, c(hi)), add(mul(l, c(0.4342944819032518)), mul(dk, c(lo))));
    return logSpecials(x, y);
  }
  Value* log1p(Value* x) {
    Value* u = add(c(1), x);
    Value* f;
    Value* dk = decompose(u, &f);
    // u's rounding error, relative: log(1 + x) = log(u) + (1 + x - u) / u.
    Value* corr = sel(b.CreateFCmpOGT(dk, c(0)), sub(c(1), sub(u, x)), sub(x, sub(u, c(1))));
    corr = div(corr, u);
    Value *hfsq, *sR;
    log1pParts(f, &hfsq, &sR);
    Value* y = sub(mul(dk, ln2Hi()), sub(sub(hfsq, add(sR, add(mul(dk, ln2Lo()), corr))), f));
    y = sel(eq(x, INFINITY), x, y);
    y = sel(eq(x, -1), c(-INFINITY), y);
    y = sel(lt(x, -1), c(NAN), y);
    return sel(b.CreateOr(isNan(x), eq(x, 0)), x, y);
  }

  Value* tanh(Value* x) {
    Value* ax = clamp(fabs(x), 0, dbl ? 20 : 10);
    Value* t = expm1(mul(c(2), ax));
    return copysign(div(t, add(t, c(2))), x);
  }
  // 1 / (1 + e^-x) for x >= 0, e^x / (1 + e^x) below (no overflow, and
  // full relative accuracy in the tail).
  Value* sigmoid(Value* x) {
    Value* e = exp(b.CreateFNeg(fabs(x)));
    Value* d = add(c(1), e);
    return div(sel(lt(x, 0), e, c(1)), d);  // one division
  }

  const Fit* erfFits() { return dbl ? kErfDouble : kErfFloat; }
  // erf(x) = x P(x^2) for |x| < 1.
  Value* erfSmall(Value* x) {
    const Fit& p = erfFits()[0];
    Value* u = mad(mul(x, x), c(1 / p.h), c(-p.c / p.h));
    return mul(x, horner(u, p.a));
  }
  // erfc(y) for y >= 0.5 (y may be NaN or +inf).
  Value* erfcLarge(Value* y) {
    y = clamp(y, 0.5, 30);
    const Fit* fits = erfFits();
    int pieces = dbl ? 4 : 3;  // fits[1..pieces]
    Value* isK = b.CreateFCmpOGE(y, c(2));
    Value* v = sel(isK, div(c(1), y), y);
    // Piece index by y: H [0.5, 1.25), H [1.25, 2), K ..., K (double: y >= 4).
    std::vector<Value*> in(pieces);
    in[0] = lt(y, 1.25);
    in[1] = lt(y, 2);
    in[2] = dbl ? lt(y, 4) : llvm::ConstantInt::getTrue(b.getContext());
    if (dbl) in[3] = llvm::ConstantInt::getTrue(b.getContext());
    auto pick = [&](auto get) {
      Value* r = c(get(fits[pieces]));
      for (int p = pieces - 2; p >= 0; --p) r = sel(in[p], c(get(fits[p + 1])), r);
      return r;
    };
    Value* u = mul(sub(v, pick([](const Fit& f) { return f.c; })), pick([](const Fit& f) { return 1 / f.h; }));
    size_t deg = fits[1].a.size();
    std::vector<Value*> cs;
    for (size_t i = 0; i < deg; ++i) cs.push_back(pick([&](const Fit& f) { return f.a[i]; }));
    Value* q = poly(u, cs);
    q = sel(isK, mul(q, v), q);
    // exp(-y^2) with y^2 = hi + lo exactly.
    Value* hi = mul(y, y);
    Value* lo = fma(y, y, b.CreateFNeg(hi));
    Value* e = mul(exp(b.CreateFNeg(hi)), sub(c(1), lo));
    return mul(e, q);
  }
  Value* erf(Value* x) {
    Value* ax = fabs(x);
    if (!dbl) {
      const Fit& q = kErfOneMinusFloat;
      Value* y = clamp(ax, 1, 4);  // NaN stays NaN; erf rounds to 1 beyond 4
      Value* u = mad(y, c(1 / q.h), c(-q.c / q.h));
      Value* large = copysign(sub(c(1), horner(u, q.a)), x);
      return sel(lt(ax, 1), erfSmall(x), large);
    }
    Value* large = copysign(sub(c(1), erfcLarge(ax)), x);
    return sel(lt(ax, 1), erfSmall(x), large);
  }
  Value* erfc(Value* x) {
    Value* ax = fabs(x);
    Value* e = erfcLarge(ax);
    Value* large = sel(lt(x, 0), sub(c(2), e), e);
    return sel(lt(ax, 0.5), sub(c(1), erfSmall(x)), large);
  }
};

}  // namespace

Value* emitExp(llvm::IRBuilder<>& b, Value* x) { return Math(b, x).exp(x); }
Value* emitExp2(llvm::IRBuilder<>& b, Value* x) { return Math(b, x).exp2(x); }
Value* emitExpm1(llvm::IRBuilder<>& b, Value* x) { return Math(b, x).expm1(x); }
Value* emitLog(llvm::IRBuilder<>& b, Value* x) { return Math(b, x).log(x); }
Value* emitLog2(llvm::IRBuilder<>& b, Value* x) { return Math(b, x).log2(x); }
Value* emitLog10(llvm::IRBuilder<>& b, Value* x) { return Math(b, x).log10(x); }
Value* emitLog1p(llvm::IRBuilder<>& b, Value* x) { return Math(b, x).log1p(x); }
Value* emitTanh(llvm::IRBuilder<>& b, Value* x) { return Math(b, x).tanh(x); }
Value* emitSigmoid(llvm::IRBuilder<>& b, Value* x) { return Math(b, x).sigmoid(x); }
Value* emitErf(llvm::IRBuilder<>& b, Value* x) { return Math(b, x).erf(x); }
Value* emitErfc(llvm::IRBuilder<>& b, Value* x) { return Math(b, x).erfc(x); }

}  // namespace wick::jit::llvmjit
