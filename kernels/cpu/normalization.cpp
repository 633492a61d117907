// Normalization kernels (see normalization.h). Statistics accumulate in
// double with two passes (mean, then squared deviations), which keeps
// float32 results within an ulp or two of PyTorch's for large rows.
#include "kernels/cpu/normalization.h"

#include <cmath>
#include <vector>

#include "core/parallel.h"
#include "kernels/cpu/cnn_common.h"

namespace wick::kernels {
namespace {

// Eight partial sums let the compiler vectorize the double accumulation
// (it may not reassociate one running sum by itself).
template <typename T>
void rowMoments(const T* p, int64_t n, double& mean, double& var) {
  constexpr int kLanes = 8;
  double acc[kLanes] = {};
  int64_t i = 0;
  for (; i + kLanes <= n; i += kLanes)
    for (int j = 0; j < kLanes; ++j) acc[j] += static_cast<double>(p[i + j]);
  double s = 0;
  for (; i < n; ++i) s += p[i];
  for (int j = 0; j < kLanes; ++j) s += acc[j];
  mean = n > 0 ? s / n : 0;
  double q[kLanes] = {};
  for (i = 0; i + kLanes <= n; i += kLanes)
    for (int j = 0; j < kLanes; ++j) {
      double d = static_cast<double>(p[i + j]) - mean;
      q[j] += d * d;
    }
  double qs = 0;
  for (; i < n; ++i) qs += (p[i] - mean) * (p[i] - mean);
  for (int j = 0; j < kLanes; ++j) qs += q[j];
  var = n > 0 ? qs / n : 0;
}

// A per-channel parameter as a double vector (ones / zeros when absent).
std::vector<double> channelParam(const char* op, const Tensor& t, int64_t c, double dflt,
                                 const char* what) {
  std::vector<double> v(static_cast<size_t>(c), dflt);
  if (!t.defined()) return v;
  WICK_CHECK(t.numel() == c, "{}: expected {} of {} elements, got shape {}", op, what, c,
             shapeStr(t.sizes()));
  // Read float32/float64 parameters in place: converting four small
  // tensors per call was a visible share of mobilenet's batch norms.
  if (t.dim() <= 1 && (t.dim() == 0 || t.stride(0) == 1 || c == 1)) {
    if (t.dtype() == DType::Float32) {
      const float* p = static_cast<const float*>(t.rawData());
      for (int64_t i = 0; i < c; ++i) v[i] = p[i];
      return v;
    }
    if (t.dtype() == DType::Float64) {
      const double* p = static_cast<const double*>(t.rawData());
      for (int64_t i = 0; i < c; ++i) v[i] = p[i];
      return v;
    }
  }
  Tensor d = t.to(DType::Float64, true).contiguous();
  for (int64_t i = 0; i < c; ++i) v[i] = d.data<double>()[i];
  return v;
}

// out[n, c, :] = x[n, c, :] * scale[c] + shift[c] over contiguous NC*.
template <typename T>
void affinePerChannel(const T* x, T* out, int64_t n, int64_t c, int64_t inner,
                      const std::vector<double>& scale, const std::vector<double>& shift) {
  parallelFor(0, n * c, std::max<int64_t>(1, 16384 / std::max<int64_t>(inner, 1)), [&](int64_t r0, int64_t r1) {
    for (int64_t r = r0; r < r1; ++r) {
      T a = static_cast<T>(scale[r % c]), b = static_cast<T>(shift[r % c]);
      const T* src = x + r * inner;
      T* dst = out + r * inner;
      for (int64_t i = 0; i < inner; ++i) dst[i] = src[i] * a + b;
    }
  });
}

void writeVector(const Tensor& t, const std::vector<double>& v) {
  t.copyFrom(Tensor::fromVector(v).to(t.dtype()));
}

}  // namespace

std::tuple<Tensor, Tensor, Tensor> batchNorm(const char* op, const Tensor& input,
                                             const Tensor& weight, const Tensor& bias,
                                             const Tensor& runningMean, const Tensor& runningVar,
                                             bool training, double momentum, double eps) {
  checkFloating(op, input);
  WICK_CHECK(input.dim() >= 2, "{}: expected an input with at least 2 dims (N, C, ...), got {}",
             op, shapeStr(input.sizes()));
  int64_t n = input.size(0), c = input.size(1);
  int64_t inner = c > 0 && n > 0 ? input.numel() / (n * c) : 0;
  if (!training)
    WICK_CHECK(runningMean.defined() && runningVar.defined(),
               "{}: running_mean and running_var must be defined in evaluation mode", op);
  std::vector<double> w = channelParam(op, weight, c, 1.0, "weight");
  std::vector<double> b = channelParam(op, bias, c, 0.0, "bias");
  Tensor x = input.contiguous();
  Tensor out = Tensor::empty(input.sizes(), input.dtype());
  std::vector<double> mean(c), var(c);
  if (training) {
    WICK_CHECK(n * inner > 1 || input.numel() == 0,
               "{}: expected more than 1 value per channel when training, got input of shape {}",
               op, shapeStr(input.sizes()));
    WICK_DISPATCH_FLOATING_CNN(x.dtype(), op, {
      const scalar_t* px = x.data<scalar_t>();
      parallelFor(0, c, 1, [&](int64_t c0, int64_t c1) {
        for (int64_t ch = c0; ch < c1; ++ch) {
          double s = 0, q = 0;
          for (int64_t i = 0; i < n; ++i) {
            const scalar_t* p = px + (i * c + ch) * inner;
            for (int64_t j = 0; j < inner; ++j) s += p[j];
          }
          double m = n * inner > 0 ? s / (n * inner) : 0;
          for (int64_t i = 0; i < n; ++i) {
            const scalar_t* p = px + (i * c + ch) * inner;
            for (int64_t j = 0; j < inner; ++j) q += (p[j] - m) * (p[j] - m);
          }
          mean[ch] = m;
          var[ch] = n * inner > 0 ? q / (n * inner) : 0;
        }
      });
    });
    if (runningMean.defined() && runningVar.defined() && n * inner > 0) {
      std::vector<double> rm = channelParam(op, runningMean, c, 0, "running_mean");
      std::vector<double> rv = channelParam(op, runningVar, c, 0, "running_var");
      double unbias = static_cast<double>(n * inner) / std::max<int64_t>(n * inner - 1, 1);
      for (int64_t ch = 0; ch < c; ++ch) {
        rm[ch] = (1 - momentum) * rm[ch] + momentum * mean[ch];
        rv[ch] = (1 - momentum) * rv[ch] + momentum * var[ch] * unbias;
      }
      writeVector(runningMean, rm);
      writeVector(runningVar, rv);
    }
  } else {
    mean = channelParam(op, runningMean, c, 0, "running_mean");
    var = channelParam(op, runningVar, c, 0, "running_var");
  }
  std::vector<double> scale(c), shift(c), invstd(c);
  for (int64_t ch = 0; ch < c; ++ch) {
    invstd[ch] = 1.0 / std::sqrt(var[ch] + eps);
    scale[ch] = w[ch] * invstd[ch];
    shift[ch] = b[ch] - mean[ch] * scale[ch];
  }
  if (input.numel() > 0)
    WICK_DISPATCH_FLOATING_CNN(x.dtype(), op, {
      affinePerChannel(x.data<scalar_t>(), out.data<scalar_t>(), n, c, inner, scale, shift);
    });
  if (!training)
    return {out, Tensor::empty({0}, input.dtype()), Tensor::empty({0}, input.dtype())};
  Tensor saveMean = Tensor::empty({c}, input.dtype()), saveInvstd = Tensor::empty({c}, input.dtype());
  writeVector(saveMean, mean);
  writeVector(saveInvstd, invstd);
  return {out, saveMean, saveInvstd};
}

std::tuple<Tensor, Tensor, Tensor> layerNorm(const char* op, const Tensor& input,
                                             IntArrayRef normalizedShape, const Tensor& weight,
                                             const Tensor& bias, double eps) {
  checkFloating(op, input);
  int64_t nd = static_cast<int64_t>(normalizedShape.size());
  WICK_CHECK(nd >= 1, "{}: normalized_shape must have at least one dim", op);
  bool matches = input.dim() >= nd;
  for (int64_t i = 0; matches && i < nd; ++i)
    matches = input.size(input.dim() - nd + i) == normalizedShape[i];
  WICK_CHECK(matches,
             "{}: given normalized_shape={}, expected input with shape [*, {}], but got input of "
             "size {}",
             op, shapeStr(normalizedShape), shapeStr(normalizedShape).substr(1),
             shapeStr(input.sizes()));
  int64_t cols = computeNumel(normalizedShape);
  int64_t rows = cols > 0 ? input.numel() / cols : 0;
  for (const Tensor* t : {&weight, &bias})
    if (t->defined())
      WICK_CHECK(t->sizes() == normalizedShape,
                 "{}: expected weight and bias of shape {}, got {}", op,
                 shapeStr(normalizedShape), shapeStr(t->sizes()));
  Tensor x = input.contiguous();
  Tensor out = Tensor::empty(input.sizes(), input.dtype());
  DimVector statShape(input.sizes().slice(0, input.dim() - nd));
  for (int64_t i = 0; i < nd; ++i) statShape.push_back(1);
  Tensor meanT = Tensor::empty(statShape, input.dtype()), rstdT = Tensor::empty(statShape, input.dtype());
  Tensor w = weight.defined() ? weight.to(input.dtype()).contiguous() : Tensor();
  Tensor b = bias.defined() ? bias.to(input.dtype()).contiguous() : Tensor();
  WICK_DISPATCH_FLOATING_CNN(x.dtype(), op, {
    const scalar_t* px = x.data<scalar_t>();
    scalar_t* po = out.data<scalar_t>();
    const scalar_t* pw = w.defined() ? w.data<scalar_t>() : nullptr;
    const scalar_t* pb = b.defined() ? b.data<scalar_t>() : nullptr;
    scalar_t* pm = meanT.data<scalar_t>();
    scalar_t* pr = rstdT.data<scalar_t>();
    parallelFor(0, rows, std::max<int64_t>(1, 16384 / std::max<int64_t>(cols, 1)), [&](int64_t r0, int64_t r1) {
      for (int64_t r = r0; r < r1; ++r) {
        double m, v;
        rowMoments(px + r * cols, cols, m, v);
        double rstd = 1.0 / std::sqrt(v + eps);
        pm[r] = static_cast<scalar_t>(m);
        pr[r] = static_cast<scalar_t>(rstd);
        const scalar_t* src = px + r * cols;
        scalar_t* dst = po + r * cols;
        scalar_t a = static_cast<scalar_t>(rstd), sh = static_cast<scalar_t>(-m * rstd);
        for (int64_t i = 0; i < cols; ++i) dst[i] = src[i] * a + sh;
        if (pw)
          for (int64_t i = 0; i < cols; ++i) dst[i] *= pw[i];
        if (pb)
          for (int64_t i = 0; i < cols; ++i) dst[i] += pb[i];
      }
    });
  });
  return {out, meanT, rstdT};
}

Tensor groupNorm(const char* op, const Tensor& input, int64_t groups, const Tensor& weight,
                 const Tensor& bias, double eps) {
  checkFloating(op, input);
  WICK_CHECK(input.dim() >= 2, "{}: expected an input with at least 2 dims (N, C, ...), got {}",
             op, shapeStr(input.sizes()));
  int64_t n = input.size(0), c = input.size(1);
  WICK_CHECK(groups > 0 && c % groups == 0,
             "{}: expected number of channels in input {} to be divisible by num_groups, but got "
             "input of shape {} and num_groups={}",
             op, c, shapeStr(input.sizes()), groups);
  int64_t inner = n * c > 0 ? input.numel() / (n * c) : 0;
  std::vector<double> w = channelParam(op, weight, c, 1.0, "weight");
  std::vector<double> b = channelParam(op, bias, c, 0.0, "bias");
  Tensor x = input.contiguous();
  Tensor out = Tensor::empty(input.sizes(), input.dtype());
  int64_t cg = c / groups, len = cg * inner;
  WICK_DISPATCH_FLOATING_CNN(x.dtype(), op, {
    const scalar_t* px = x.data<scalar_t>();
    scalar_t* po = out.data<scalar_t>();
    parallelFor(0, n * groups, 1, [&](int64_t r0, int64_t r1) {
      for (int64_t r = r0; r < r1; ++r) {
        double m, v;
        rowMoments(px + r * len, len, m, v);
        double rstd = 1.0 / std::sqrt(v + eps);
        int64_t g = r % groups;
        for (int64_t k = 0; k < cg; ++k) {
          int64_t ch = g * cg + k;
          auto a = static_cast<scalar_t>(w[ch] * rstd);
          auto sh = static_cast<scalar_t>(b[ch] - m * rstd * w[ch]);
          const scalar_t* src = px + r * len + k * inner;
          scalar_t* dst = po + r * len + k * inner;
          for (int64_t i = 0; i < inner; ++i) dst[i] = src[i] * a + sh;
        }
      }
    });
  });
  return out;
}

Tensor instanceNorm(const char* op, const Tensor& input, const Tensor& weight, const Tensor& bias,
                    const Tensor& runningMean, const Tensor& runningVar, bool useInputStats,
                    double momentum, double eps) {
  checkFloating(op, input);
  WICK_CHECK(input.dim() >= 3, "{}: expected an input with at least 3 dims (N, C, ...), got {}",
             op, shapeStr(input.sizes()));
  if (!useInputStats) {
    WICK_CHECK(runningMean.defined() && runningVar.defined(),
               "{}: expected running_mean and running_var to be defined when use_input_stats is "
               "false",
               op);
    return std::get<0>(batchNorm(op, input, weight, bias, runningMean, runningVar, false,
                                 momentum, eps));
  }
  int64_t n = input.size(0), c = input.size(1);
  Tensor out = groupNorm(op, input, c, weight, bias, eps);
  if (runningMean.defined() && runningVar.defined() && input.numel() > 0) {
    // Running statistics average the per-instance ones over the batch,
    // like PyTorch's instance_norm (which runs batch_norm on a (1, N*C) view).
    int64_t inner = input.numel() / (n * c);
    Tensor x = input.contiguous().to(DType::Float64);
    std::vector<double> rm = channelParam(op, runningMean, c, 0, "running_mean");
    std::vector<double> rv = channelParam(op, runningVar, c, 0, "running_var");
    double unbias = static_cast<double>(inner) / std::max<int64_t>(inner - 1, 1);
    for (int64_t ch = 0; ch < c; ++ch) {
      double ms = 0, vs = 0;
      for (int64_t i = 0; i < n; ++i) {
        double m, v;
        rowMoments(x.data<double>() + (i * c + ch) * inner, inner, m, v);
        ms += m;
        vs += v * unbias;
      }
      rm[ch] = (1 - momentum) * rm[ch] + momentum * ms / n;
      rv[ch] = (1 - momentum) * rv[ch] + momentum * vs / n;
    }
    writeVector(runningMean, rm);
    writeVector(runningVar, rv);
  }
  return out;
}

}  // namespace wick::kernels
