// The loops of stridedCopy: dims are coalesced, the innermost dim runs a
// typed conversion loop, and contiguous same-type copies become memcpy.
#include "core/strided_copy.h"

#include <cstring>

#include "core/dispatch.h"

namespace wick {
namespace {

template <typename D, typename S>
inline D convert(S v) {
  if constexpr (std::is_same_v<D, bool>) {
    return static_cast<double>(v) != 0.0;
  } else if constexpr (std::is_same_v<D, Half> || std::is_same_v<D, BFloat16>) {
    return D(static_cast<float>(v));
  } else if constexpr (std::is_same_v<S, Half> || std::is_same_v<S, BFloat16>) {
    return static_cast<D>(static_cast<float>(v));
  } else {
    return static_cast<D>(v);
  }
}

template <typename D, typename S>
void innerLoop(char* d, int64_t ds, const char* s, int64_t ss, int64_t n) {
  if (ds == 1 && ss == 1) {
    D* dp = reinterpret_cast<D*>(d);
    const S* sp = reinterpret_cast<const S*>(s);
    for (int64_t i = 0; i < n; ++i) dp[i] = convert<D, S>(sp[i]);
    return;
  }
  for (int64_t i = 0; i < n; ++i) {
    S v;
    std::memcpy(&v, s + i * ss * static_cast<int64_t>(sizeof(S)), sizeof(S));
    D o = convert<D, S>(v);
    std::memcpy(d + i * ds * static_cast<int64_t>(sizeof(D)), &o, sizeof(D));
  }
}

}  // namespace

void stridedCopy(void* dst, DType dstType, IntArrayRef dstStrides, const void* src, DType srcType,
                 IntArrayRef srcStrides, IntArrayRef sizes) {
  // Coalesce: drop size-1 dims, merge dims that are contiguous in both.
  int64_t n = 1;
  for (int64_t s : sizes) n *= s;
  if (n == 0) return;
  DimVector sz, dst_st, src_st;
  for (size_t i = 0; i < sizes.size(); ++i) {
    if (sizes[i] == 1) continue;
    if (!sz.empty() && dst_st.back() == dstStrides[i] * sizes[i] &&
        src_st.back() == srcStrides[i] * sizes[i]) {
      sz.back() *= sizes[i];
      dst_st.back() = dstStrides[i];
      src_st.back() = srcStrides[i];
      continue;
    }
    sz.push_back(sizes[i]);
    dst_st.push_back(dstStrides[i]);
    src_st.push_back(srcStrides[i]);
  }
  if (sz.empty()) {
    sz.push_back(1);
    dst_st.push_back(1);
    src_st.push_back(1);
  }
  const int64_t nd = static_cast<int64_t>(sz.size());
  const int64_t inner = sz[nd - 1];
  const int64_t dsz = elementSize(dstType), ssz = elementSize(srcType);
  if (dstType == srcType && nd == 1 && dst_st[0] == 1 && src_st[0] == 1) {
    std::memcpy(dst, src, static_cast<size_t>(inner * dsz));
    return;
  }
  DimVector idx(static_cast<size_t>(nd), 0);
  int64_t outer = n / inner;
  auto run = [&](auto dtag, auto stag) {
    using D = decltype(dtag);
    using S = decltype(stag);
    char* d = static_cast<char*>(dst);
    const char* s = static_cast<const char*>(src);
    for (int64_t o = 0; o < outer; ++o) {
      int64_t doff = 0, soff = 0;
      for (int64_t k = 0; k < nd - 1; ++k) {
        doff += idx[k] * dst_st[k];
        soff += idx[k] * src_st[k];
      }
      innerLoop<D, S>(d + doff * dsz, dst_st[nd - 1], s + soff * ssz, src_st[nd - 1], inner);
      for (int64_t k = nd - 2; k >= 0; --k) {
        if (++idx[k] < sz[k]) break;
        idx[k] = 0;
      }
    }
  };
  WICK_DISPATCH_ALL(dstType, "copy", {
    using D = scalar_t;
    WICK_DISPATCH_ALL(srcType, "copy", { run(D{}, scalar_t{}); });
  });
}

}  // namespace wick
