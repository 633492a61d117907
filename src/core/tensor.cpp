// Storage and tensor basics: construction, views, copies with conversion,
// printing.
#include "wick/tensor.h"

#include <fmt/format.h>

#include <cmath>
#include <cstring>

#include "core/allocator.h"
#include "core/check.h"
#include "core/dispatch.h"
#include "core/strided_copy.h"

namespace wick {

StorageImpl::StorageImpl(int64_t nbytes, Device device)
    : data_(nullptr), nbytes_(nbytes), device_(device) {
  WICK_CHECK(device.isCpu(), "cannot allocate memory on {}: only cpu is supported in this build",
             device.str());
  data_ = cpuAllocate(static_cast<size_t>(nbytes));
}

StorageImpl::StorageImpl(void* data, int64_t nbytes, Device device, Deleter deleter)
    : data_(data), nbytes_(nbytes), device_(device), deleter_(std::move(deleter)) {
  if (!deleter_) deleter_ = [](void*) {};
}

StorageImpl::~StorageImpl() {
  if (deleter_) deleter_(data_);
  else cpuFree(data_, static_cast<size_t>(nbytes_));
}

int64_t computeNumel(IntArrayRef sizes) {
  int64_t n = 1;
  for (int64_t s : sizes) {
    WICK_CHECK(s >= 0, "invalid shape: negative dimension {}", s);
    WICK_CHECK(!__builtin_mul_overflow(n, s, &n), "invalid shape: the number of elements overflows int64");
  }
  return n;
}

DimVector contiguousStrides(IntArrayRef sizes) {
  DimVector st;
  st.resize(sizes.size());
  int64_t acc = 1;
  for (size_t i = sizes.size(); i-- > 0;) {
    st[i] = acc;
    acc *= sizes[i] > 1 ? sizes[i] : 1;
  }
  return st;
}

int64_t wrapDim(int64_t dim, int64_t rank, const char* what) {
  int64_t r = rank == 0 ? 1 : rank;  // PyTorch lets dim 0 / -1 address a 0-dim tensor
  WICK_CHECK(dim >= -r && dim < r, "{} out of range: got {}, expected a value in [{}, {}]", what,
             dim, -r, r - 1);
  return dim < 0 ? dim + r : dim;
}

TensorImpl::TensorImpl(Storage storage, DType dtype, IntArrayRef sizes, IntArrayRef strides,
                       int64_t offset)
    : storage_(std::move(storage)), sizes_(sizes), strides_(strides), offset_(offset), dtype_(dtype) {
  WICK_ASSERT(sizes.size() == strides.size(), "sizes and strides differ in rank");
  refresh();
}

void TensorImpl::setSizesAndStrides(IntArrayRef sizes, IntArrayRef strides, int64_t offset) {
  sizes_ = DimVector(sizes);
  strides_ = DimVector(strides);
  offset_ = offset;
  refresh();
}

void TensorImpl::refresh() {
  numel_ = computeNumel(sizes_.span());
  bool c = true;
  int64_t expected = 1;
  for (size_t i = sizes_.size(); i-- > 0;) {
    if (sizes_[i] == 1) continue;
    if (strides_[i] != expected) {
      c = false;
      break;
    }
    expected *= sizes_[i];
  }
  contiguous_ = c || numel_ == 0;
}

Tensor Tensor::empty(IntArrayRef sizes, DType dtype, Device device) {
  int64_t n = computeNumel(sizes);
  int64_t nbytes;
  WICK_CHECK(!__builtin_mul_overflow(n, wick::elementSize(dtype), &nbytes),
             "invalid shape: the tensor's size in bytes overflows int64");
  Storage s = makeRef<StorageImpl>(nbytes, device);
  DimVector st = contiguousStrides(sizes);
  return Tensor(makeRef<TensorImpl>(std::move(s), dtype, sizes, st.span(), 0));
}

Tensor Tensor::emptyStrided(IntArrayRef sizes, IntArrayRef strides, DType dtype, Device device) {
  WICK_CHECK(sizes.size() == strides.size(), "empty_strided: {} sizes but {} strides", sizes.size(),
             strides.size());
  int64_t extent = 1;
  for (size_t i = 0; i < sizes.size(); ++i) {
    WICK_CHECK(sizes[i] >= 0 && strides[i] >= 0, "empty_strided: negative size or stride");
    if (sizes[i] == 0) {
      extent = 0;
      break;
    }
    extent += (sizes[i] - 1) * strides[i];
  }
  Storage s = makeRef<StorageImpl>(extent * wick::elementSize(dtype), device);
  return Tensor(makeRef<TensorImpl>(std::move(s), dtype, sizes, strides, 0));
}

Tensor Tensor::fromBlob(void* data, IntArrayRef sizes, IntArrayRef strides, DType dtype,
                        StorageImpl::Deleter deleter) {
  int64_t extent = 1;
  for (size_t i = 0; i < sizes.size(); ++i) {
    if (sizes[i] == 0) {
      extent = 0;
      break;
    }
    extent += (sizes[i] - 1) * strides[i];
  }
  Storage s = makeRef<StorageImpl>(data, extent * wick::elementSize(dtype), kCPU, std::move(deleter));
  return Tensor(makeRef<TensorImpl>(std::move(s), dtype, sizes, strides, 0));
}

Tensor Tensor::full(IntArrayRef sizes, Scalar value, DType dtype) {
  Tensor t = empty(sizes, dtype);
  int64_t n = t.numel();
  WICK_DISPATCH_ALL(dtype, "full", {
    scalar_t v = value.to<scalar_t>();
    scalar_t* p = static_cast<scalar_t*>(t.rawData());
    for (int64_t i = 0; i < n; ++i) p[i] = v;
  });
  return t;
}

Tensor Tensor::zeros(IntArrayRef sizes, DType dtype) {
  Tensor t = empty(sizes, dtype);
  std::memset(t.rawData(), 0, static_cast<size_t>(t.nbytes()));
  return t;
}

Tensor Tensor::scalar(Scalar value, DType dtype) { return full({}, value, dtype); }

int64_t Tensor::size(int64_t d) const { return sizes()[wrapDim(d, dim())]; }
int64_t Tensor::stride(int64_t d) const { return strides()[wrapDim(d, dim())]; }

void Tensor::checkDType(DType expected) const {
  WICK_CHECK(dtype() == expected, "expected a tensor of dtype {}, got {}", dtypeName(expected),
             dtypeName(dtype()));
}

Tensor Tensor::asStrided(IntArrayRef sizes, IntArrayRef strides, int64_t offset) const {
  return Tensor(makeRef<TensorImpl>(storage(), dtype(), sizes, strides, offset));
}

Tensor Tensor::contiguous() const {
  if (isContiguous()) return *this;
  return clone();
}

Tensor Tensor::clone() const {
  Tensor out = empty(sizes(), dtype(), device());
  out.copyFrom(*this);
  return out;
}

Tensor Tensor::to(DType dt, bool copy) const {
  if (dt == dtype() && !copy) return *this;
  Tensor out = empty(sizes(), dt, device());
  out.copyFrom(*this);
  return out;
}

void Tensor::copyFrom(const Tensor& src) const {
  // Broadcast src to self's shape.
  int64_t nd = dim();
  WICK_CHECK(src.dim() <= nd, "copy_: source of shape [{}] does not broadcast to [{}]",
             fmt::join(src.sizes(), ", "), fmt::join(sizes(), ", "));
  DimVector sst;
  sst.resize(static_cast<size_t>(nd));
  int64_t lead = nd - src.dim();
  for (int64_t i = 0; i < nd; ++i) {
    if (i < lead) {
      sst[i] = 0;
      continue;
    }
    int64_t ss = src.sizes()[i - lead];
    WICK_CHECK(ss == sizes()[i] || ss == 1, "copy_: source of shape [{}] does not broadcast to [{}]",
               fmt::join(src.sizes(), ", "), fmt::join(sizes(), ", "));
    sst[i] = ss == 1 ? 0 : src.strides()[i - lead];
  }
  stridedCopy(rawData(), dtype(), strides(), src.rawData(), src.dtype(), sst.span(), sizes());
}

Scalar Tensor::item() const {
  WICK_CHECK(numel() == 1, "item(): a Tensor with {} elements cannot be converted to a Scalar",
             numel());
  return at(0);
}

Scalar Tensor::at(int64_t flat) const {
  WICK_CHECK(flat >= 0 && flat < numel(), "index {} out of range for a tensor of {} elements", flat,
             numel());
  int64_t off = 0;
  for (int64_t d = dim() - 1; d >= 0; --d) {
    int64_t s = sizes()[d];
    off += (flat % s) * strides()[d];
    flat /= s;
  }
  const char* base = static_cast<const char*>(rawData());
  return WICK_DISPATCH_ALL(dtype(), "item", {
    scalar_t v;
    std::memcpy(&v, base + off * static_cast<int64_t>(sizeof(scalar_t)), sizeof(scalar_t));
    if constexpr (std::is_same_v<scalar_t, bool>) return Scalar(v);
    else if constexpr (std::is_integral_v<scalar_t>) return Scalar(static_cast<int64_t>(v));
    else return Scalar(static_cast<double>(v));
  });
}

std::string Tensor::typeString() const {
  if (!defined()) return "Tensor[undefined]";
  return fmt::format("Tensor[{}, [{}]]", dtypeName(dtype()), fmt::join(sizes(), ", "));
}

std::string Tensor::str() const {
  if (!defined()) return "tensor(undefined)";
  std::string out = "tensor(";
  int64_t n = numel();
  int64_t shown = n > 1000 ? 6 : n;
  std::function<void(int64_t, int64_t&)> rec;
  auto fmtScalar = [&](int64_t i) {
    Scalar s = at(i);
    if (s.isFloat()) return fmt::format("{:.4f}", s.toDouble());
    return s.str();
  };
  if (dim() == 0) {
    out += fmtScalar(0);
  } else if (n > 1000) {
    out += "[";
    for (int64_t i = 0; i < shown; ++i) out += (i ? ", " : "") + fmtScalar(i);
    out += ", ...]";
  } else {
    // Nested brackets per dim.
    int64_t flat = 0;
    rec = [&](int64_t d, int64_t& f) {
      out += "[";
      for (int64_t i = 0; i < sizes()[d]; ++i) {
        if (i) out += d + 1 == dim() ? ", " : ",\n" + std::string(static_cast<size_t>(8 + d), ' ');
        if (d + 1 == dim()) out += fmtScalar(f++);
        else rec(d + 1, f);
      }
      out += "]";
    };
    rec(0, flat);
  }
  if (dtype() != DType::Float32 && dtype() != DType::Int64 && dtype() != DType::Bool)
    out += fmt::format(", dtype=torch.{}", dtypeName(dtype()));
  out += ")";
  return out;
}

std::string Scalar::str() const {
  switch (kind_) {
    case Kind::Bool: return v_.i ? "True" : "False";
    case Kind::Int: return std::to_string(v_.i);
    case Kind::Float: {
      double d = v_.d;
      if (std::isnan(d)) return "nan";
      if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
      std::string s = fmt::format("{}", d);
      if (s.find_first_of(".eE") == std::string::npos) s += ".";
      return s;
    }
  }
  return "";
}

std::string Device::str() const {
  std::string s = type == DeviceType::CPU ? "cpu" : "cuda";
  if (index >= 0) s += ":" + std::to_string(index);
  return s;
}

Device Device::parse(std::string_view s) {
  DeviceType t;
  std::string_view rest;
  if (s.substr(0, 3) == "cpu") {
    t = DeviceType::CPU;
    rest = s.substr(3);
  } else if (s.substr(0, 4) == "cuda") {
    t = DeviceType::CUDA;
    rest = s.substr(4);
  } else {
    WICK_FAIL("invalid device string '{}': expected cpu, cuda or cuda:N", s);
  }
  if (rest.empty()) return Device(t);
  WICK_CHECK(rest[0] == ':' && rest.size() > 1 && rest.size() <= 4,
             "invalid device string '{}': expected cpu, cuda or cuda:N", s);
  int idx = 0;
  for (char c : rest.substr(1)) {
    WICK_CHECK(c >= '0' && c <= '9', "invalid device string '{}': expected cpu, cuda or cuda:N", s);
    idx = idx * 10 + (c - '0');
  }
  WICK_CHECK(idx < 128, "invalid device index in '{}'", s);
  return Device(t, static_cast<int8_t>(idx));
}

namespace detail {
void throwInternal(const char* file, int line, const char* cond, const std::string& msg) {
  throw Error(fmt::format("internal error at {}:{}: check '{}' failed{}{}", file, line, cond,
                          msg.empty() ? "" : ": ", msg));
}
}  // namespace detail

}  // namespace wick
