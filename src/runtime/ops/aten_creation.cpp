// Registers the aten:: tensor factories (zeros, ones, full, empty, arange,
// the *_like forms, rand, randn), binding kernels/cpu/creation.h.
#include "kernels/cpu/creation.h"
#include "kernels/cpu/tensor_iterator.h"
#include "runtime/operator.h"
#include "runtime/ops/aten_args.h"
#include "runtime/ops/ops.h"

namespace wick {
namespace {

using namespace atenargs;
namespace k = kernels;

// The tail `ScalarType? dtype, Layout? layout, Device? device, bool?
// pin_memory` starting at a[i]: checks the options, returns the dtype.
std::optional<DType> options(const char* op, const IValue* a) {
  checkTensorOptions(op, a[1], a[2]);
  return optDType(a[0]);
}

// For *_like: the result has self's shape (contiguous) and, unless given,
// self's dtype.
DType likeDType(const char* op, const Tensor& self, const IValue* opts) {
  return options(op, opts).value_or(self.dtype());
}

// The .out forms: out takes the requested shape (keeping its storage when
// large enough) and is filled.
void fillOut(const Tensor& out, IntArrayRef size, Scalar value) {
  k::resizeOutput(out, size);
  out.copyFrom(Tensor::scalar(value, isFloating(out.dtype()) ? DType::Float64 : out.dtype()));
}

Tensor randomLike(const Tensor& like, DType dt, bool normal) {
  return normal ? k::randn(like.sizes(), dt) : k::rand(like.sizes(), dt);
}

void registerFilled(OperatorRegistry& r) {
  r.add("aten::zeros(int[] size, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor",
        [](Stack& s) {
          IValue* a = args(s, 5);
          DType dt = options("aten::zeros", a + 1).value_or(DType::Float32);
          ret(s, 5, Tensor::zeros(intList(a[0]), dt));
        });
  r.add("aten::ones(int[] size, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor",
        [](Stack& s) {
          IValue* a = args(s, 5);
          DType dt = options("aten::ones", a + 1).value_or(DType::Float32);
          ret(s, 5, Tensor::full(intList(a[0]), 1, dt));
        });
  r.add("aten::empty.memory_format(int[] size, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None, MemoryFormat? memory_format=None) -> Tensor",
        [](Stack& s) {
          IValue* a = args(s, 6);
          DType dt = options("aten::empty", a + 1).value_or(DType::Float32);
          ret(s, 6, Tensor::empty(intList(a[0]), dt));
        });
  r.add("aten::full(int[] size, Scalar fill_value, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor",
        [](Stack& s) {
          IValue* a = args(s, 6);
          ret(s, 6, k::full(intList(a[0]), a[1].toScalar(), options("aten::full", a + 2)));
        });
  r.add("aten::zeros.out(int[] size, *, Tensor(a!) out) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 2);
    Tensor out = a[1].toTensor();
    fillOut(out, intList(a[0]), 0);
    ret(s, 2, out);
  });
  r.add("aten::ones.out(int[] size, *, Tensor(a!) out) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 2);
    Tensor out = a[1].toTensor();
    fillOut(out, intList(a[0]), 1);
    ret(s, 2, out);
  });
  r.add("aten::full.out(int[] size, Scalar fill_value, *, Tensor(a!) out) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 3);
    Tensor out = a[2].toTensor();
    fillOut(out, intList(a[0]), a[1].toScalar());
    ret(s, 3, out);
  });
}

void registerLike(OperatorRegistry& r) {
  r.add("aten::zeros_like(Tensor self, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None, MemoryFormat? memory_format=None) -> Tensor",
        [](Stack& s) {
          IValue* a = args(s, 6);
          Tensor self = a[0].toTensor();
          ret(s, 6, Tensor::zeros(self.sizes(), likeDType("aten::zeros_like", self, a + 1)));
        });
  r.add("aten::ones_like(Tensor self, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None, MemoryFormat? memory_format=None) -> Tensor",
        [](Stack& s) {
          IValue* a = args(s, 6);
          Tensor self = a[0].toTensor();
          ret(s, 6, Tensor::full(self.sizes(), 1, likeDType("aten::ones_like", self, a + 1)));
        });
  r.add("aten::empty_like(Tensor self, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None, MemoryFormat? memory_format=None) -> Tensor",
        [](Stack& s) {
          IValue* a = args(s, 6);
          Tensor self = a[0].toTensor();
          ret(s, 6, Tensor::empty(self.sizes(), likeDType("aten::empty_like", self, a + 1)));
        });
  r.add("aten::full_like(Tensor self, Scalar fill_value, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None, MemoryFormat? memory_format=None) -> Tensor",
        [](Stack& s) {
          IValue* a = args(s, 7);
          Tensor self = a[0].toTensor();
          ret(s, 7, Tensor::full(self.sizes(), a[1].toScalar(), likeDType("aten::full_like", self, a + 2)));
        });
  r.add("aten::rand_like(Tensor self, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None, MemoryFormat? memory_format=None) -> Tensor",
        [](Stack& s) {
          IValue* a = args(s, 6);
          Tensor self = a[0].toTensor();
          ret(s, 6, randomLike(self, likeDType("aten::rand_like", self, a + 1), false));
        });
  r.add("aten::randn_like(Tensor self, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None, MemoryFormat? memory_format=None) -> Tensor",
        [](Stack& s) {
          IValue* a = args(s, 6);
          Tensor self = a[0].toTensor();
          ret(s, 6, randomLike(self, likeDType("aten::randn_like", self, a + 1), true));
        });
}

void registerRangesAndRandom(OperatorRegistry& r) {
  r.add("aten::arange(Scalar end, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor",
        [](Stack& s) {
          IValue* a = args(s, 5);
          ret(s, 5, k::arange(Scalar(int64_t{0}), a[0].toScalar(), Scalar(int64_t{1}), options("aten::arange", a + 1)));
        });
  r.add("aten::arange.start(Scalar start, Scalar end, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor",
        [](Stack& s) {
          IValue* a = args(s, 6);
          ret(s, 6, k::arange(a[0].toScalar(), a[1].toScalar(), Scalar(int64_t{1}), options("aten::arange", a + 2)));
        });
  r.add("aten::arange.start_step(Scalar start, Scalar end, Scalar step=1, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor",
        [](Stack& s) {
          IValue* a = args(s, 7);
          ret(s, 7, k::arange(a[0].toScalar(), a[1].toScalar(), a[2].toScalar(), options("aten::arange", a + 3)));
        });
  r.add("aten::rand(int[] size, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor",
        [](Stack& s) {
          IValue* a = args(s, 5);
          ret(s, 5, k::rand(intList(a[0]), options("aten::rand", a + 1).value_or(DType::Float32)));
        });
  r.add("aten::randn(int[] size, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor",
        [](Stack& s) {
          IValue* a = args(s, 5);
          ret(s, 5, k::randn(intList(a[0]), options("aten::randn", a + 1).value_or(DType::Float32)));
        });
}

}  // namespace

void registerCreationOps(OperatorRegistry& r) {
  registerFilled(r);
  registerLike(r);
  registerRangesAndRandom(r);
}

}  // namespace wick
