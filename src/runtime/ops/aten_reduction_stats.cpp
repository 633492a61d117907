// Registers aten:: prod, var/std (and var_mean/std_mean), the norms
// (norm, linalg_vector_norm, linalg_norm, frobenius_norm) and logsumexp,
// binding kernels/cpu/reduction.h.
#include <cmath>
#include <limits>

#include "kernels/cpu/elementwise.h"
#include "kernels/cpu/reduction.h"
#include "runtime/operator.h"
#include "runtime/ops/aten_args.h"

namespace wick {
namespace {

using namespace atenargs;
namespace k = kernels;

void registerProd(OperatorRegistry& r) {
  r.add("aten::prod(Tensor self, *, ScalarType? dtype=None) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::prod(a[0].toTensor(), {}, false, optDType(a[1])));
  });
  r.add("aten::prod.dim_int(Tensor self, int dim, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor",
        [](Stack& s) {
          IValue* a = args(s, 4);
          int64_t d = a[1].toInt();
          ret(s, 4, k::prod(a[0].toTensor(), IntArrayRef(&d, 1), a[2].toBool(), optDType(a[3])));
        });
  r.add("aten::prod.int_out(Tensor self, int dim, bool keepdim=False, *, ScalarType? dtype=None, Tensor(a!) out) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 5);
          int64_t d = a[1].toInt();
          ret(s, 5, k::prod(a[0].toTensor(), IntArrayRef(&d, 1), a[2].toBool(), optDType(a[3]), a[4].toTensor()));
        });
  r.add("aten::prod.out(Tensor self, *, ScalarType? dtype=None, Tensor(a!) out) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::prod(a[0].toTensor(), {}, false, optDType(a[1]), a[2].toTensor()));
  });
}

k::VarOptions varOpts(bool isStd, int64_t correction, bool keepdim) {
  k::VarOptions o;
  o.correction = correction;
  o.keepdim = keepdim;
  o.takeSqrt = isStd;
  return o;
}

// var / std and their _mean forms; the unbiased bool means correction 1 or 0.
template <bool IsStd>
void addVar(OperatorRegistry& r) {
  const std::string n = IsStd ? "std" : "var";
  r.add("aten::" + n + "(Tensor self, bool unbiased=True) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::var(a[0].toTensor(), {}, varOpts(IsStd, a[1].toBool() ? 1 : 0, false)));
  });
  r.add("aten::" + n + ".dim(Tensor self, int[1]? dim, bool unbiased=True, bool keepdim=False) -> Tensor",
        [](Stack& s) {
          IValue* a = args(s, 4);
          ret(s, 4, k::var(a[0].toTensor(), dimsOrAll(a[1]), varOpts(IsStd, a[2].toBool() ? 1 : 0, a[3].toBool())));
        });
  r.add("aten::" + n + ".correction(Tensor self, int[1]? dim, *, int? correction, bool keepdim=False) -> Tensor",
        [](Stack& s) {
          IValue* a = args(s, 4);
          ret(s, 4, k::var(a[0].toTensor(), dimsOrAll(a[1]), varOpts(IsStd, optInt(a[2]).value_or(1), a[3].toBool())));
        });
  r.add("aten::" + n +
            ".out(Tensor self, int[1]? dim, bool unbiased=True, bool keepdim=False, *, Tensor(a!) out) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 5);
          ret(s, 5, k::var(a[0].toTensor(), dimsOrAll(a[1]), varOpts(IsStd, a[2].toBool() ? 1 : 0, a[3].toBool()),
                           a[4].toTensor()));
        });
  r.add("aten::" + n +
            ".correction_out(Tensor self, int[1]? dim, *, int? correction, bool keepdim=False, Tensor(a!) out) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 5);
          ret(s, 5, k::var(a[0].toTensor(), dimsOrAll(a[1]), varOpts(IsStd, optInt(a[2]).value_or(1), a[3].toBool()),
                           a[4].toTensor()));
        });
  r.add("aten::" + n + "_mean(Tensor self, bool unbiased=True) -> (Tensor, Tensor)", [](Stack& s) {
    IValue* a = args(s, 2);
    auto [v, m] = k::varMean(a[0].toTensor(), {}, varOpts(IsStd, a[1].toBool() ? 1 : 0, false));
    ret(s, 2, v);
    s.emplace_back(m);
  });
  r.add("aten::" + n + "_mean.dim(Tensor self, int[1]? dim, bool unbiased=True, bool keepdim=False) -> (Tensor, Tensor)",
        [](Stack& s) {
          IValue* a = args(s, 4);
          auto [v, m] = k::varMean(a[0].toTensor(), dimsOrAll(a[1]),
                                   varOpts(IsStd, a[2].toBool() ? 1 : 0, a[3].toBool()));
          ret(s, 4, v);
          s.emplace_back(m);
        });
  r.add("aten::" + n +
            "_mean.correction(Tensor self, int[1]? dim, *, int? correction, bool keepdim=False) -> (Tensor, Tensor)",
        [](Stack& s) {
          IValue* a = args(s, 4);
          auto [v, m] = k::varMean(a[0].toTensor(), dimsOrAll(a[1]),
                                   varOpts(IsStd, optInt(a[2]).value_or(1), a[3].toBool()));
          ret(s, 4, v);
          s.emplace_back(m);
        });
  r.add("aten::" + n +
            "_mean.correction_out(Tensor self, int[1]? dim, *, int? correction, bool keepdim=False, Tensor(a!) out0, Tensor(b!) out1) -> (Tensor(a!), Tensor(b!))",
        [](Stack& s) {
          IValue* a = args(s, 6);
          auto [v, m] = k::varMean(a[0].toTensor(), dimsOrAll(a[1]),
                                   varOpts(IsStd, optInt(a[2]).value_or(1), a[3].toBool()));
          Tensor o0 = a[4].toTensor(), o1 = a[5].toTensor();
          ret(s, 6, k::copyToOut(v, o0));
          s.emplace_back(k::copyToOut(m, o1));
        });
}

double normP(const IValue& v) { return v.isNone() ? 2.0 : v.toScalar().toDouble(); }

// linalg_norm over two dims with a numeric ord: the induced matrix norms
// ord = +-1 (extreme column sum) and +-inf (extreme row sum).
Tensor matrixNorm(const Tensor& self, double ord, IntArrayRef dims, bool keepdim, std::optional<DType> dtype) {
  WICK_CHECK(std::isinf(ord) || ord == 1 || ord == -1,
             "aten::linalg_norm: matrix norm of order {} is not supported (only 'fro', 1, -1, inf, -inf)", ord);
  const int64_t d0 = wrapDim(dims[0], self.dim(), "aten::linalg_norm: dim");
  const int64_t d1 = wrapDim(dims[1], self.dim(), "aten::linalg_norm: dim");
  WICK_CHECK(d0 != d1, "aten::linalg_norm: dims must be different, got ({}, {})", dims[0], dims[1]);
  const bool rows = std::isinf(ord);  // inf: sum along d1, then extreme over d0
  Tensor x = dtype ? self.to(*dtype) : self;
  WICK_CHECK(isFloating(x.dtype()), "aten::linalg_norm: expected a floating-point input, got {}", dtypeName(x.dtype()));
  const int64_t sumDim = rows ? d1 : d0;
  Tensor sums = k::sum(k::unary(k::UnaryOp::Abs, x), IntArrayRef(&sumDim, 1), true);
  const int64_t both[2] = {d0, d1};
  return ord > 0 ? k::amax(sums, IntArrayRef(both, 2), keepdim) : k::amin(sums, IntArrayRef(both, 2), keepdim);
}

Tensor linalgNorm(const Tensor& self, const IValue& ord, const IValue& dimArg, bool keepdim, std::optional<DType> dtype) {
  std::optional<DimVector> dims = optIntList(dimArg);
  const char* op = "aten::linalg_norm";
  if (ord.isNone()) return k::norm(op, self, 2.0, dims ? *dims : DimVector(), keepdim, dtype);
  if (ord.isString()) {
    const std::string& o = ord.toStringRef();
    WICK_CHECK(o == "fro", "{}: ord '{}' is not supported (only 'fro')", op, o);
    WICK_CHECK(!dims || dims->size() == 2 || (!dims && self.dim() == 2),
               "{}: ord 'fro' needs a 2-D input or two dims", op);
    return k::norm(op, self, 2.0, dims ? *dims : DimVector(), keepdim, dtype);
  }
  const double p = ord.toScalar().toDouble();
  DimVector d = dims ? *dims : DimVector();
  if (!dims) {
    WICK_CHECK(self.dim() == 1 || self.dim() == 2, "{}: input must be 1-D or 2-D when dim is None, got {}-D", op,
               self.dim());
    if (self.dim() == 2) d = {0, 1};
  }
  if (d.size() == 2) return matrixNorm(self, p, d, keepdim, dtype);
  WICK_CHECK(d.size() <= 1, "{}: dim must be a 1- or 2-tuple, got {} dims", op, d.size());
  return k::norm(op, self, p, d, keepdim, dtype);
}

void registerNorms(OperatorRegistry& r) {
  r.add("aten::norm.Scalar(Tensor self, Scalar p=2) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::norm("aten::norm", a[0].toTensor(), normP(a[1])));
  });
  r.add("aten::norm.Scalar_out(Tensor self, Scalar p=2, *, Tensor(a!) out) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::norm("aten::norm", a[0].toTensor(), normP(a[1]), {}, false, {}, a[2].toTensor()));
  });
  r.add("aten::norm.ScalarOpt_dtype(Tensor self, Scalar? p, *, ScalarType dtype) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::norm("aten::norm", a[0].toTensor(), normP(a[1]), {}, false, dtypeArg(a[2])));
  });
  r.add("aten::norm.ScalarOpt_dtype_out(Tensor self, Scalar? p, *, ScalarType dtype, Tensor(a!) out) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 4);
          ret(s, 4, k::norm("aten::norm", a[0].toTensor(), normP(a[1]), {}, false, dtypeArg(a[2]), a[3].toTensor()));
        });
  r.add("aten::norm.ScalarOpt_dim(Tensor self, Scalar? p, int[1] dim, bool keepdim=False) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 4);
    ret(s, 4, k::norm("aten::norm", a[0].toTensor(), normP(a[1]), intList(a[2]), a[3].toBool()));
  });
  r.add("aten::norm.ScalarOpt_dim_dtype(Tensor self, Scalar? p, int[1] dim, bool keepdim, *, ScalarType dtype) -> Tensor",
        [](Stack& s) {
          IValue* a = args(s, 5);
          ret(s, 5, k::norm("aten::norm", a[0].toTensor(), normP(a[1]), intList(a[2]), a[3].toBool(), dtypeArg(a[4])));
        });
  r.add("aten::norm.out(Tensor self, Scalar? p, int[1] dim, bool keepdim=False, *, Tensor(a!) out) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 5);
          ret(s, 5, k::norm("aten::norm", a[0].toTensor(), normP(a[1]), intList(a[2]), a[3].toBool(), {}, a[4].toTensor()));
        });
  r.add("aten::norm.dtype_out(Tensor self, Scalar? p, int[1] dim, bool keepdim, *, ScalarType dtype, Tensor(a!) out) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 6);
          ret(s, 6, k::norm("aten::norm", a[0].toTensor(), normP(a[1]), intList(a[2]), a[3].toBool(), dtypeArg(a[4]),
                            a[5].toTensor()));
        });
  r.add("aten::linalg_vector_norm(Tensor self, Scalar ord=2, int[1]? dim=None, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor",
        [](Stack& s) {
          IValue* a = args(s, 5);
          ret(s, 5, k::norm("aten::linalg_vector_norm", a[0].toTensor(), normP(a[1]), dimsOrAll(a[2]), a[3].toBool(),
                            optDType(a[4])));
        });
  r.add("aten::linalg_vector_norm.out(Tensor self, Scalar ord=2, int[1]? dim=None, bool keepdim=False, *, ScalarType? dtype=None, Tensor(a!) out) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 6);
          ret(s, 6, k::norm("aten::linalg_vector_norm", a[0].toTensor(), normP(a[1]), dimsOrAll(a[2]), a[3].toBool(),
                            optDType(a[4]), a[5].toTensor()));
        });
  r.add("aten::linalg_norm(Tensor self, Scalar? ord=None, int[1]? dim=None, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor",
        [](Stack& s) {
          IValue* a = args(s, 5);
          ret(s, 5, linalgNorm(a[0].toTensor(), a[1], a[2], a[3].toBool(), optDType(a[4])));
        });
  r.add("aten::linalg_norm.ord_str(Tensor self, str ord, int[1]? dim=None, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor",
        [](Stack& s) {
          IValue* a = args(s, 5);
          ret(s, 5, linalgNorm(a[0].toTensor(), a[1], a[2], a[3].toBool(), optDType(a[4])));
        });
  r.add("aten::frobenius_norm(Tensor self) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 1);
    ret(s, 1, k::norm("aten::frobenius_norm", a[0].toTensor(), 2.0));
  });
  r.add("aten::frobenius_norm.dim(Tensor self, int[1] dim, bool keepdim=False) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::norm("aten::frobenius_norm", a[0].toTensor(), 2.0, intList(a[1]), a[2].toBool()));
  });
  r.add("aten::frobenius_norm.out(Tensor self, int[1] dim, bool keepdim=False, *, Tensor(a!) out) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 4);
          ret(s, 4, k::norm("aten::frobenius_norm", a[0].toTensor(), 2.0, intList(a[1]), a[2].toBool(), {},
                            a[3].toTensor()));
        });
  // Scripted torch.norm carries a nuclear-norm branch; it loads, and
  // fails only if taken.
  r.add("aten::nuclear_norm(Tensor self, bool keepdim=False) -> Tensor", [](Stack&) {
    WICK_FAIL("aten::nuclear_norm: the nuclear norm (needs an SVD) is not supported");
  });
  r.add("aten::nuclear_norm.dim(Tensor self, int[2] dim, bool keepdim=False) -> Tensor", [](Stack&) {
    WICK_FAIL("aten::nuclear_norm: the nuclear norm (needs an SVD) is not supported");
  });
  r.add("aten::nuclear_norm.out(Tensor self, bool keepdim=False, *, Tensor(a!) out) -> Tensor(a!)", [](Stack&) {
    WICK_FAIL("aten::nuclear_norm: the nuclear norm (needs an SVD) is not supported");
  });
  r.add("aten::nuclear_norm.dim_out(Tensor self, int[2] dim, bool keepdim=False, *, Tensor(a!) out) -> Tensor(a!)",
        [](Stack&) { WICK_FAIL("aten::nuclear_norm: the nuclear norm (needs an SVD) is not supported"); });
}

void registerLogSumExp(OperatorRegistry& r) {
  r.add("aten::logsumexp(Tensor self, int[1] dim, bool keepdim=False) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::logsumexp(a[0].toTensor(), intList(a[1]), a[2].toBool()));
  });
  r.add("aten::logsumexp.out(Tensor self, int[1] dim, bool keepdim=False, *, Tensor(a!) out) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 4);
          ret(s, 4, k::logsumexp(a[0].toTensor(), intList(a[1]), a[2].toBool(), a[3].toTensor()));
        });
}

}  // namespace

void registerReductionStatsOps(OperatorRegistry& r) {
  registerProd(r);
  addVar<false>(r);
  addVar<true>(r);
  registerNorms(r);
  registerLogSumExp(r);
}

}  // namespace wick
