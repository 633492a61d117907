// Max, average and adaptive pooling (see pooling.h): parallel over the
// N*C planes of a contiguous input, one output row at a time, with PyTorch's
// window arithmetic (ceil mode, padding, dilation, count_include_pad).
#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>
#include <vector>

#include "core/parallel.h"
#include "kernels/cpu/cnn_common.h"
#include "kernels/cpu/pooling.h"

namespace wick::kernels {
namespace {

// The input viewed as planes of h x w (h = 1 for 1-D pooling).
struct Planes {
  Tensor x;
  int64_t planes = 0, h = 1, w = 1;
};

Planes planesOf(const char* op, const Tensor& input, int sd) {
  checkFloating(op, input);
  WICK_CHECK(input.dim() == sd + 1 || input.dim() == sd + 2,
             "{}: expected {}-D (unbatched) or {}-D (batched) input, got input of shape {}", op,
             sd + 1, sd + 2, shapeStr(input.sizes()));
  for (int64_t d = input.dim() == sd + 2 ? 1 : 0; d < input.dim(); ++d)
    WICK_CHECK(input.size(d) > 0,
               "{}: expected input with non-zero sizes except an optional 0 batch dim, got {}", op,
               shapeStr(input.sizes()));
  Planes p;
  p.x = input.contiguous();
  p.w = input.size(-1);
  p.h = sd == 2 ? input.size(-2) : 1;
  p.planes = p.h * p.w > 0 ? input.numel() / (p.h * p.w) : 0;
  return p;
}

Tensor outputLike(const Tensor& input, int sd, int64_t oh, int64_t ow, DType dtype) {
  DimVector s(input.sizes());
  if (sd == 2) s[s.size() - 2] = oh;
  s[s.size() - 1] = ow;
  return Tensor::empty(s, dtype);
}

// Window geometry for one spatial dim.
struct Window {
  int64_t k, s, p, d, out;
};

// Expands and checks the pooling parameters; index 0 is H (unit for 1-D).
std::pair<Window, Window> windows(const char* op, const PoolParams& pp, int sd, int64_t h,
                                  int64_t w, bool avg) {
  DimVector k = expandParam(op, "kernel_size", pp.kernel, sd);
  DimVector s = pp.stride.empty() ? k : expandParam(op, "stride", pp.stride, sd);
  DimVector p = expandParam(op, "padding", pp.padding, sd);
  DimVector d = expandParam(op, "dilation", pp.dilation, sd);
  for (int i = 0; i < sd; ++i) {
    WICK_CHECK(k[i] > 0, "{}: kernel_size must be positive, got {}", op, shapeStr(k));
    WICK_CHECK(s[i] > 0, "{}: stride must be positive, got {}", op, shapeStr(s));
    WICK_CHECK(d[i] > 0, "{}: dilation must be positive, got {}", op, shapeStr(d));
    WICK_CHECK(p[i] >= 0 && p[i] <= k[i] / 2,
               "{}: pad should be at most half of kernel size, but got pad={} and kernel_size={}",
               op, shapeStr(p), shapeStr(k));
  }
  auto make = [&](int i, int64_t in) {
    Window win{k[i], s[i], p[i], d[i], 0};
    win.out = windowOutputSize(in, win.k, win.p, win.s, win.d, pp.ceilMode);
    WICK_CHECK(win.out > 0,
               "{}: given input size {}, kernel {}, stride {}, padding {}, dilation {}: the "
               "calculated output size {} is too small",
               op, in, shapeStr(k), shapeStr(s), shapeStr(p), shapeStr(d), win.out);
    return win;
  };
  Window unit{1, 1, 0, 1, 1};
  if (sd == 1) return {unit, make(0, w)};
  return {make(0, h), make(1, w)};
}

int64_t planeGrain(int64_t work) { return std::max<int64_t>(1, 32768 / std::max<int64_t>(work, 1)); }

// One output of a max window over rows [i0, i1) and columns [j0, j1) of
// the kernel (the range already clipped to the input).
template <typename T>
inline void maxWindow(const T* xp, int64_t W, int64_t hs, int64_t ws, const Window& wh,
                      const Window& ww, int64_t i0, int64_t i1, int64_t j0, int64_t j1, T& best,
                      int64_t& bestIdx) {
  int64_t first = (hs + i0 * wh.d) * W + ws + j0 * ww.d;
  best = xp[first];
  bestIdx = first;
  for (int64_t i = i0; i < i1; ++i) {
    const T* row = xp + (hs + i * wh.d) * W + ws;
    for (int64_t j = j0; j < j1; ++j) {
      T v = row[j * ww.d];
      // NaN propagates (the last NaN wins), as in PyTorch.
      if (v > best || v != v) {
        best = v;
        bestIdx = (hs + i * wh.d) * W + ws + j * ww.d;
      }
    }
  }
}

// First kernel tap at or after 0 and one past the last before `size`.
inline std::pair<int64_t, int64_t> validTaps(int64_t start, const Window& w, int64_t size) {
  int64_t lo = start < 0 ? (-start + w.d - 1) / w.d : 0;
  int64_t last = size - 1 - start;  // largest offset inside
  int64_t hi = last < 0 ? 0 : std::min(w.k, last / w.d + 1);
  return {lo, std::max(lo, hi)};
}

// NaN-propagating max, written so that it compiles to max + compare +
// blend without branches (`a < b ? b : a` is one maxss/maxps and keeps a
// NaN in `a`; the second select takes a NaN in `b`): the comparisons of
// pooling are data-dependent and a branch mispredicts half the time.
template <typename T>
inline T maxNan(T a, T b) {
  T m = a < b ? b : a;
  return b != b ? b : m;
}

// Without indices: the window's rows are first reduced into one row
// (unit-stride, vectorized), then the columns: one pass over the output
// row per kernel column, on a copy of the row padded with -inf so that
// every tap is in range (no per-output bounds, no branches).
template <typename T>
void maxPoolValues(const Planes& in, const Window& wh, const Window& ww, T* out) {
  int64_t H = in.h, W = in.w, OH = wh.out, OW = ww.out;
  const T* x = in.x.data<T>();
  const T ninf = -std::numeric_limits<T>::infinity();
  // Padded row: W values at offset p, -inf around, long enough for the
  // last output's last tap (ceil_mode may reach past W + p).
  int64_t padded = std::max(W + ww.p, (OW - 1) * ww.s + (ww.k - 1) * ww.d + 1);
  parallelFor(0, in.planes, planeGrain(OH * OW * wh.k * ww.k), [&](int64_t p0, int64_t p1) {
    std::vector<T> rowMax(static_cast<size_t>(padded), ninf);
    T* rm = rowMax.data() + ww.p;
    for (int64_t p = p0; p < p1; ++p) {
      const T* xp = x + p * H * W;
      for (int64_t oy = 0; oy < OH; ++oy) {
        int64_t hs = oy * wh.s - wh.p;
        auto [i0, i1] = validTaps(hs, wh, H);
        T* orow = out + (p * OH + oy) * OW;
        if (i0 >= i1) {
          std::fill(orow, orow + OW, ninf);
          continue;
        }
        std::copy(xp + (hs + i0 * wh.d) * W, xp + (hs + i0 * wh.d + 1) * W, rm);
        for (int64_t i = i0 + 1; i < i1; ++i) {
          const T* row = xp + (hs + i * wh.d) * W;
          for (int64_t c = 0; c < W; ++c) rm[c] = maxNan(rm[c], row[c]);
        }
        const T* base = rowMax.data();
        for (int64_t ox = 0; ox < OW; ++ox) orow[ox] = base[ox * ww.s];
        for (int64_t j = 1; j < ww.k; ++j) {
          const T* tap = base + j * ww.d;
          for (int64_t ox = 0; ox < OW; ++ox) orow[ox] = maxNan(orow[ox], tap[ox * ww.s]);
        }
      }
    }
  });
}

// A 4-D input laid out channels-last (NHWC in memory, as oneDNN's
// convolutions hand it over): each output pixel is the max over its taps of
// contiguous channel vectors, and the output keeps the layout (PyTorch's
// max_pool2d keeps the input's memory format too), so the next convolution
// needs no reorder and the input no transposing copy.
bool channelsLast4d(const Tensor& t) {
  if (t.dim() != 4) return false;
  int64_t n = t.size(0), c = t.size(1), h = t.size(2), w = t.size(3);
  if (t.numel() == 0 || c == 1 || h * w == 1 || t.isContiguous()) return false;
  auto st = t.strides();
  return st[1] == 1 && st[3] == c && (h == 1 || st[2] == w * c) && (n == 1 || st[0] == h * w * c);
}

// One output row (image n, output row oy) of the channels-last max pool.
template <typename T>
[[gnu::always_inline]] inline void maxPoolRowChannelsLast(const T* x, T* out, int64_t n, int64_t oy, int64_t H,
                                                          int64_t W, int64_t C, const Window& wh, const Window& ww) {
  int64_t hs = oy * wh.s - wh.p;
  auto [i0, i1] = validTaps(hs, wh, H);
  for (int64_t ox = 0; ox < ww.out; ++ox) {
    int64_t ws = ox * ww.s - ww.p;
    auto [j0, j1] = validTaps(ws, ww, W);
    T* o = out + ox * C;
    // Channels in register-sized chunks: the running max stays in
    // registers over the window's taps and is stored once.
    constexpr int64_t kChunk = 64;
    for (int64_t c0 = 0; c0 < C; c0 += kChunk) {
      int64_t cn = std::min(kChunk, C - c0);
      T acc[kChunk];
      for (int64_t c = 0; c < kChunk; ++c) acc[c] = -std::numeric_limits<T>::infinity();
      for (int64_t i = i0; i < i1; ++i) {
        for (int64_t j = j0; j < j1; ++j) {
          const T* xi = x + ((n * H + hs + i * wh.d) * W + ws + j * ww.d) * C + c0;
          if (cn == kChunk) {
            for (int64_t c = 0; c < kChunk; ++c) acc[c] = maxNan(acc[c], xi[c]);
          } else {
            for (int64_t c = 0; c < cn; ++c) acc[c] = maxNan(acc[c], xi[c]);
          }
        }
      }
      std::copy(acc, acc + cn, o + c0);
    }
  }
}

// float32 also compiled for AVX-512 and AVX2 (GCC picks the clone for the
// CPU at load time): this file is otherwise built for the baseline ISA, and
// the max over channel vectors is the whole kernel. resnet18's stem pool
// ([1, 64, 112, 112] channels-last, 1 thread, bench/cnn_ops_bench.cpp):
// 492 -> 165 us with this and 64-channel chunks.
__attribute__((target_clones("avx512f", "avx2", "default"))) void maxPoolRowChannelsLastF32(
    const float* x, float* out, int64_t n, int64_t oy, int64_t H, int64_t W, int64_t C, const Window& wh,
    const Window& ww) {
  maxPoolRowChannelsLast(x, out, n, oy, H, W, C, wh, ww);
}

template <typename T>
void maxPoolChannelsLast(const Tensor& input, const Window& wh, const Window& ww, T* out) {
  int64_t N = input.size(0), C = input.size(1), H = input.size(2), W = input.size(3);
  int64_t OH = wh.out, OW = ww.out;
  const T* x = input.data<T>();
  parallelFor(0, N * OH, planeGrain(OW * C * wh.k * ww.k), [&](int64_t r0, int64_t r1) {
    for (int64_t r = r0; r < r1; ++r) {
      T* orow = out + r * OW * C;
      if constexpr (std::is_same_v<T, float>)
        maxPoolRowChannelsLastF32(x, orow, r / OH, r % OH, H, W, C, wh, ww);
      else
        maxPoolRowChannelsLast(x, orow, r / OH, r % OH, H, W, C, wh, ww);
    }
  });
}

template <typename T>
void maxPoolPlanes(const Planes& in, const Window& wh, const Window& ww, T* out, int64_t* idx) {
  if (!idx) return maxPoolValues(in, wh, ww, out);
  int64_t H = in.h, W = in.w, OH = wh.out, OW = ww.out;
  const T* x = in.x.data<T>();
  parallelFor(0, in.planes, planeGrain(OH * OW * wh.k * ww.k), [&](int64_t p0, int64_t p1) {
    for (int64_t p = p0; p < p1; ++p) {
      const T* xp = x + p * H * W;
      for (int64_t oy = 0; oy < OH; ++oy) {
        int64_t hs = oy * wh.s - wh.p;
        auto [i0, i1] = validTaps(hs, wh, H);
        T* orow = out + (p * OH + oy) * OW;
        int64_t* irow = idx + (p * OH + oy) * OW;
        for (int64_t ox = 0; ox < OW; ++ox) {
          int64_t ws = ox * ww.s - ww.p;
          auto [j0, j1] = validTaps(ws, ww, W);
          T best = -std::numeric_limits<T>::infinity();
          int64_t bestIdx = -1;
          // A window entirely in the padding (possible with ceil_mode)
          // gives -inf and index -1.
          if (i0 < i1 && j0 < j1) maxWindow(xp, W, hs, ws, wh, ww, i0, i1, j0, j1, best, bestIdx);
          orow[ox] = best;
          irow[ox] = bestIdx;
        }
      }
    }
  });
}

template <typename T>
void avgPoolPlanes(const Planes& in, const Window& wh, const Window& ww, const PoolParams& pp,
                   T* out) {
  int64_t H = in.h, W = in.w, OH = wh.out, OW = ww.out;
  const T* x = in.x.data<T>();
  parallelFor(0, in.planes, planeGrain(OH * OW * wh.k * ww.k), [&](int64_t p0, int64_t p1) {
    for (int64_t p = p0; p < p1; ++p) {
      const T* xp = x + p * H * W;
      for (int64_t oy = 0; oy < OH; ++oy) {
        int64_t hs = oy * wh.s - wh.p, he = std::min(hs + wh.k, H + wh.p);
        int64_t hsz = he - hs;
        hs = std::max<int64_t>(hs, 0), he = std::min(he, H);
        for (int64_t ox = 0; ox < OW; ++ox) {
          int64_t ws = ox * ww.s - ww.p, we = std::min(ws + ww.k, W + ww.p);
          int64_t poolSize = hsz * (we - ws);
          ws = std::max<int64_t>(ws, 0), we = std::min(we, W);
          T* o = out + (p * OH + oy) * OW + ox;
          if (hs >= he || ws >= we) {
            *o = T(0);
            continue;
          }
          T sum = 0;
          for (int64_t iy = hs; iy < he; ++iy)
            for (int64_t ix = ws; ix < we; ++ix) sum += xp[iy * W + ix];
          int64_t div = pp.divisorOverride ? *pp.divisorOverride
                        : pp.countIncludePad ? poolSize
                                             : (he - hs) * (we - ws);
          *o = sum / static_cast<T>(div);
        }
      }
    }
  });
}

// Sum of n contiguous values with eight independent accumulators, so the
// loop vectorizes instead of waiting on one add chain (mobilenet_v3's
// squeeze-excite pools spent 0.1 ms per call in the single-chain loop).
template <typename T>
inline T sumContiguous(const T* p, int64_t n) {
  T acc[8] = {};
  int64_t i = 0;
  for (; i + 8 <= n; i += 8)
    for (int j = 0; j < 8; ++j) acc[j] += p[i + j];
  T s = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
  for (; i < n; ++i) s += p[i];
  return s;
}

inline int64_t adaptiveStart(int64_t i, int64_t out, int64_t in) { return (i * in) / out; }
inline int64_t adaptiveEnd(int64_t i, int64_t out, int64_t in) {
  return ((i + 1) * in + out - 1) / out;
}

template <typename T, bool Max>
void adaptivePlanes(const Planes& in, int64_t OH, int64_t OW, T* out, int64_t* idx) {
  int64_t H = in.h, W = in.w;
  const T* x = in.x.data<T>();
  parallelFor(0, in.planes, planeGrain(H * W), [&](int64_t p0, int64_t p1) {
    for (int64_t p = p0; p < p1; ++p) {
      const T* xp = x + p * H * W;
      for (int64_t oy = 0; oy < OH; ++oy) {
        int64_t hs = adaptiveStart(oy, OH, H), he = adaptiveEnd(oy, OH, H);
        for (int64_t ox = 0; ox < OW; ++ox) {
          int64_t ws = adaptiveStart(ox, OW, W), we = adaptiveEnd(ox, OW, W);
          int64_t o = (p * OH + oy) * OW + ox;
          if constexpr (Max) {
            T best = xp[hs * W + ws];
            int64_t bi = hs * W + ws;
            for (int64_t iy = hs; iy < he; ++iy)
              for (int64_t ix = ws; ix < we; ++ix) {
                T v = xp[iy * W + ix];
                if (v > best || (std::isnan(v) && !std::isnan(best))) best = v, bi = iy * W + ix;
              }
            out[o] = best;
            idx[o] = bi;
          } else {
            T sum = 0;
            if (ws == 0 && we == W) {
              sum = sumContiguous(xp + hs * W, (he - hs) * W);  // whole rows, e.g. a global pool
            } else {
              for (int64_t iy = hs; iy < he; ++iy) sum += sumContiguous(xp + iy * W + ws, we - ws);
            }
            out[o] = sum / static_cast<T>((he - hs) * (we - ws));
          }
        }
      }
    }
  });
}

std::pair<int64_t, int64_t> adaptiveSize(const char* op, IntArrayRef outputSize, int sd) {
  WICK_CHECK(static_cast<int>(outputSize.size()) == sd,
             "{}: output_size must have {} values, got {}", op, sd, shapeStr(outputSize));
  for (int64_t v : outputSize)
    WICK_CHECK(v >= 0, "{}: output_size must be non-negative, got {}", op, shapeStr(outputSize));
  return sd == 1 ? std::pair<int64_t, int64_t>{1, outputSize[0]}
                 : std::pair<int64_t, int64_t>{outputSize[0], outputSize[1]};
}

}  // namespace

std::pair<Tensor, Tensor> maxPool(const char* op, const Tensor& input, const PoolParams& pp,
                                  int sd, bool wantIndices) {
  if (sd == 2 && !wantIndices && channelsLast4d(input)) {
    checkFloating(op, input);
    int64_t n = input.size(0), c = input.size(1);
    auto [wh, ww] = windows(op, pp, sd, input.size(2), input.size(3), false);
    Tensor out = Tensor::emptyStrided({n, c, wh.out, ww.out}, {wh.out * ww.out * c, 1, ww.out * c, c},
                                      input.dtype());
    WICK_DISPATCH_FLOATING_CNN(input.dtype(), op,
                               { maxPoolChannelsLast<scalar_t>(input, wh, ww, out.data<scalar_t>()); });
    return {out, Tensor()};
  }
  Planes in = planesOf(op, input, sd);
  auto [wh, ww] = windows(op, pp, sd, in.h, in.w, false);
  Tensor out = outputLike(input, sd, wh.out, ww.out, input.dtype());
  Tensor idx = wantIndices ? outputLike(input, sd, wh.out, ww.out, DType::Int64) : Tensor();
  WICK_DISPATCH_FLOATING_CNN(input.dtype(), op, {
    maxPoolPlanes<scalar_t>(in, wh, ww, out.data<scalar_t>(),
                            wantIndices ? idx.data<int64_t>() : nullptr);
  });
  return {out, idx};
}

Tensor avgPool(const char* op, const Tensor& input, const PoolParams& pp, int sd) {
  Planes in = planesOf(op, input, sd);
  WICK_CHECK(!pp.divisorOverride || *pp.divisorOverride != 0, "{}: divisor must be not zero", op);
  auto [wh, ww] = windows(op, pp, sd, in.h, in.w, true);
  Tensor out = outputLike(input, sd, wh.out, ww.out, input.dtype());
  WICK_DISPATCH_FLOATING_CNN(input.dtype(), op,
                             { avgPoolPlanes<scalar_t>(in, wh, ww, pp, out.data<scalar_t>()); });
  return out;
}

Tensor adaptiveAvgPool(const char* op, const Tensor& input, IntArrayRef outputSize, int sd) {
  auto [oh, ow] = adaptiveSize(op, outputSize, sd);
  Planes in = planesOf(op, input, sd);
  Tensor out = outputLike(input, sd, oh, ow, input.dtype());
  if (out.numel() == 0) return out;
  WICK_DISPATCH_FLOATING_CNN(input.dtype(), op, {
    adaptivePlanes<scalar_t, false>(in, oh, ow, out.data<scalar_t>(), nullptr);
  });
  return out;
}

std::pair<Tensor, Tensor> adaptiveMaxPool(const char* op, const Tensor& input,
                                          IntArrayRef outputSize, int sd) {
  auto [oh, ow] = adaptiveSize(op, outputSize, sd);
  Planes in = planesOf(op, input, sd);
  Tensor out = outputLike(input, sd, oh, ow, input.dtype());
  Tensor idx = outputLike(input, sd, oh, ow, DType::Int64);
  if (out.numel() == 0) return {out, idx};
  WICK_DISPATCH_FLOATING_CNN(input.dtype(), op, {
    adaptivePlanes<scalar_t, true>(in, oh, ow, out.data<scalar_t>(), idx.data<int64_t>());
  });
  return {out, idx};
}

}  // namespace wick::kernels
