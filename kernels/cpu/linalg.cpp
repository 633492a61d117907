// mm, bmm, matmul, addmm and linear on top of gemm: shape checks with
// PyTorch's messages, batch folding and broadcasting.
#include "kernels/cpu/linalg.h"

#include <fmt/format.h>

#include "core/check.h"
#include "core/parallel.h"
#include "kernels/cpu/elementwise.h"
#include "kernels/cpu/linear_dnnl.h"
#include "kernels/cpu/shape.h"
#include "kernels/cpu/tensor_iterator.h"

namespace wick::kernels {
namespace {

void checkSameDType(const char* op, const Tensor& a, const Tensor& b) {
  WICK_CHECK(a.dtype() == b.dtype(), "{}: expected both operands to have the same dtype, but got {} and {}",
             op, dtypeName(a.dtype()), dtypeName(b.dtype()));
  WICK_CHECK(a.dtype() != DType::Bool, "{}: bool tensors are not supported", op);
}

void checkMatrices(const char* op, const Tensor& a, const Tensor& b) {
  WICK_CHECK(a.dim() == 2, "{}: self must be a matrix, got a {}-D tensor of shape [{}]", op, a.dim(),
             fmt::join(a.sizes(), ", "));
  WICK_CHECK(b.dim() == 2, "{}: mat2 must be a matrix, got a {}-D tensor of shape [{}]", op, b.dim(),
             fmt::join(b.sizes(), ", "));
  WICK_CHECK(a.size(1) == b.size(0), "{}: mat1 and mat2 shapes cannot be multiplied ({}x{} and {}x{})",
             op, a.size(0), a.size(1), b.size(0), b.size(1));
  checkSameDType(op, a, b);
}

// Writes the product into `out` (resized), through a temporary when out
// overlaps an operand or has another dtype or a layout gemm cannot write.
Tensor intoOut(const Tensor& result, const Tensor& out) {
  if (!out.defined()) return result;
  resizeOutput(out, result.sizes());
  out.copyFrom(result);
  return out;
}

}  // namespace

Tensor mm(const Tensor& a, const Tensor& b, const Tensor& out) {
  checkMatrices("aten::mm", a, b);
  Tensor c = Tensor::empty({a.size(0), b.size(1)}, a.dtype());
  gemm(a, b, c, 1, 0);
  return intoOut(c, out);
}

Tensor bmm(const Tensor& a, const Tensor& b, const Tensor& out) {
  const char* op = "aten::bmm";
  WICK_CHECK(a.dim() == 3, "{}: batch1 must be a 3D tensor, got shape [{}]", op, fmt::join(a.sizes(), ", "));
  WICK_CHECK(b.dim() == 3, "{}: batch2 must be a 3D tensor, got shape [{}]", op, fmt::join(b.sizes(), ", "));
  WICK_CHECK(a.size(0) == b.size(0) && a.size(2) == b.size(1),
             "{}: expected batch2 of shape [{}, {}, *], got [{}] (batch1 is [{}])", op, a.size(0),
             a.size(2), fmt::join(b.sizes(), ", "), fmt::join(a.sizes(), ", "));
  checkSameDType(op, a, b);
  const int64_t batch = a.size(0), m = a.size(1), n = b.size(2);
  Tensor c = Tensor::empty({batch, m, n}, a.dtype());
  // Small products (attention's per-head matmuls) run one per thread, each
  // single-threaded; large ones one after another, each on every thread.
  const int64_t flops = m * n * a.size(2);
  const int64_t grain = flops >= (int64_t(1) << 22) ? batch : 1;
  parallelFor(0, batch, grain, [&](int64_t i0, int64_t i1) {
    for (int64_t i = i0; i < i1; ++i) gemm(select(a, 0, i), select(b, 0, i), select(c, 0, i), 1, 0);
  });
  return intoOut(c, out);
}

Tensor matmul(const Tensor& a, const Tensor& b, const Tensor& out) {
  const char* op = "aten::matmul";
  const int64_t da = a.dim(), db = b.dim();
  WICK_CHECK(da >= 1 && db >= 1, "{}: both arguments need to be at least 1D, but they are {}D and {}D",
             op, da, db);
  checkSameDType(op, a, b);
  if (da == 1 && db == 1) {
    WICK_CHECK(a.size(0) == b.size(0),
               "{}: inconsistent tensor size, expected tensor [{}] and src [{}] to have the same "
               "number of elements",
               op, a.size(0), b.size(0));
    Tensor r = mm(unsqueeze(a, 0), unsqueeze(b, 1));
    return intoOut(reshape(r, {}), out);
  }
  if (da == 2 && db == 1) {
    WICK_CHECK(a.size(1) == b.size(0), "{}: size mismatch, got input ({}x{}), vec ({})", op,
               a.size(0), a.size(1), b.size(0));
    return intoOut(squeeze(mm(a, unsqueeze(b, 1)), 1), out);
  }
  if (da == 1 && db == 2) {
    WICK_CHECK(a.size(0) == b.size(0), "{}: mat1 and mat2 shapes cannot be multiplied (1x{} and {}x{})",
               op, a.size(0), b.size(0), b.size(1));
    return intoOut(squeeze(mm(unsqueeze(a, 0), b), 0), out);
  }
  if (da == 2 && db == 2) return mm(a, b, out);
  if (da >= 3 && db <= 2) {
    // Fold the batch into the rows: one big mm.
    const int64_t k = a.size(-1);
    WICK_CHECK(k == b.size(0), "{}: mat1 and mat2 shapes cannot be multiplied ({}x{} and {}x{})", op,
               a.numel() / std::max<int64_t>(k, 1), k, b.size(0), db == 2 ? b.size(1) : 1);
    Tensor b2 = db == 1 ? unsqueeze(b, 1) : b;
    Tensor folded = reshape(a, {-1, k});
    Tensor r = mm(folded, b2);
    DimVector shape(a.sizes().slice(0, static_cast<size_t>(da - 1)));
    if (db == 2) shape.push_back(b.size(1));
    return intoOut(reshape(r, shape), out);
  }
  // Batched: broadcast the batch dims, then bmm.
  Tensor a3 = da == 1 ? unsqueeze(a, 0) : a;
  Tensor b3 = db == 1 ? unsqueeze(b, 1) : b;
  const int64_t n = a3.size(-2), k = a3.size(-1), k2 = b3.size(-2), p = b3.size(-1);
  WICK_CHECK(k == k2, "{}: shapes [{}] and [{}] cannot be multiplied (inner dims {} and {})", op,
             fmt::join(a.sizes(), ", "), fmt::join(b.sizes(), ", "), k, k2);
  IntArrayRef batchA = a3.sizes().slice(0, static_cast<size_t>(a3.dim() - 2));
  IntArrayRef batchB = b3.sizes().slice(0, static_cast<size_t>(b3.dim() - 2));
  DimVector batch = broadcastShapes(op, batchA, batchB);
  const int64_t nb = computeNumel(batch);
  DimVector ea(batch), eb(batch);
  ea.push_back(n);
  ea.push_back(k);
  eb.push_back(k);
  eb.push_back(p);
  Tensor ra = reshape(expand(a3, ea), {nb, n, k});
  Tensor rb = reshape(expand(b3, eb), {nb, k, p});
  Tensor r = bmm(ra, rb);
  DimVector shape(batch);
  if (da > 1) shape.push_back(n);
  if (db > 1) shape.push_back(p);
  return intoOut(reshape(r, shape), out);
}

Tensor addmm(const Tensor& self, const Tensor& mat1, const Tensor& mat2, Scalar beta, Scalar alpha,
             const Tensor& out) {
  checkMatrices("aten::addmm", mat1, mat2);
  Tensor c = Tensor::empty({mat1.size(0), mat2.size(1)}, mat1.dtype());
  const bool useSelf = beta.toDouble() != 0.0;
  if (useSelf) {
    DimVector bs = broadcastShapes("aten::addmm", self.sizes(), c.sizes());
    WICK_CHECK(IntArrayRef(bs) == c.sizes(), "aten::addmm: self of shape [{}] does not broadcast to [{}, {}]",
               fmt::join(self.sizes(), ", "), c.size(0), c.size(1));
    c.copyFrom(self);
  }
  gemm(mat1, mat2, c, alpha, useSelf ? beta : Scalar(0));
  return intoOut(c, out);
}

// On gemm (float32 on sgemm). The packed path (linear_dnnl) is only for
// weights that cannot change: linearWithEpilogue's callers promise it.
Tensor linear(const Tensor& input, const Tensor& weight, const Tensor& bias, const Tensor& out) {
  if (input.dim() == 2 && bias.defined() && bias.dim() <= 1)
    return addmm(bias, input, transpose(weight, 0, 1), 1, 1, out);
  Tensor r = matmul(input, weight.dim() == 2 ? transpose(weight, 0, 1) : weight);
  if (bias.defined()) r = addInPlace(r, bias);
  return intoOut(r, out);
}

Tensor linearWithEpilogue(const Tensor& input, const Tensor& weight, const Tensor& bias, const Epilogue& epilogue,
                          bool* applied) {
  *applied = false;
  Tensor r = linear_dnnl::run(input, weight, bias, &epilogue, applied);
  return r.defined() ? r : linear(input, weight, bias);
}

}  // namespace wick::kernels
