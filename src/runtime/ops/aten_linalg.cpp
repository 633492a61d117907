// Registers the aten:: matrix products (mm, bmm, matmul, addmm, linear),
// binding kernels/cpu/linalg.h.
#include "kernels/cpu/linalg.h"
#include "runtime/operator.h"
#include "runtime/ops/aten_args.h"
#include "runtime/ops/ops.h"

namespace wick {

using namespace atenargs;
namespace k = kernels;

void registerLinalgOps(OperatorRegistry& r) {
  r.add("aten::mm(Tensor self, Tensor mat2) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::mm(a[0].toTensor(), a[1].toTensor()));
  });
  r.add("aten::mm.out(Tensor self, Tensor mat2, *, Tensor(a!) out) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::mm(a[0].toTensor(), a[1].toTensor(), a[2].toTensor()));
  });
  r.add("aten::bmm(Tensor self, Tensor mat2) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::bmm(a[0].toTensor(), a[1].toTensor()));
  });
  r.add("aten::bmm.out(Tensor self, Tensor mat2, *, Tensor(a!) out) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::bmm(a[0].toTensor(), a[1].toTensor(), a[2].toTensor()));
  });
  r.add("aten::matmul(Tensor self, Tensor other) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::matmul(a[0].toTensor(), a[1].toTensor()));
  });
  r.add("aten::matmul.out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::matmul(a[0].toTensor(), a[1].toTensor(), a[2].toTensor()));
  });
  r.add("aten::addmm(Tensor self, Tensor mat1, Tensor mat2, *, Scalar beta=1, Scalar alpha=1) -> Tensor",
        [](Stack& s) {
          IValue* a = args(s, 5);
          ret(s, 5, k::addmm(a[0].toTensor(), a[1].toTensor(), a[2].toTensor(), a[3].toScalar(), a[4].toScalar()));
        });
  r.add("aten::addmm.out(Tensor self, Tensor mat1, Tensor mat2, *, Scalar beta=1, Scalar alpha=1, Tensor(a!) out) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 6);
          ret(s, 6, k::addmm(a[0].toTensor(), a[1].toTensor(), a[2].toTensor(), a[3].toScalar(), a[4].toScalar(),
                             a[5].toTensor()));
        });
  r.add("aten::linear(Tensor input, Tensor weight, Tensor? bias=None) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::linear(a[0].toTensor(), a[1].toTensor(), optTensor(a[2])));
  });
  r.add("aten::linear.out(Tensor input, Tensor weight, Tensor? bias=None, *, Tensor(a!) out) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 4);
          ret(s, 4, k::linear(a[0].toTensor(), a[1].toTensor(), optTensor(a[2]), a[3].toTensor()));
        });
}

}  // namespace wick
