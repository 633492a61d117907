// Tensor: a strided view of a reference-counted storage.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <span>
#include <string>
#include <vector>

#include "wick/device.h"
#include "wick/dtype.h"
#include "wick/error.h"
#include "wick/ref.h"
#include "wick/scalar.h"
#include "wick/small_vector.h"

namespace wick {

// A non-owning view of int64 values (sizes, strides, dims), constructible
// from a braced list, a vector, a SmallVector or a span, like c10::ArrayRef.
// A braced list lives until the end of the full expression: pass it to a
// call, never store the IntArrayRef.
class IntArrayRef {
 public:
  constexpr IntArrayRef() = default;
  constexpr IntArrayRef(const int64_t* data, size_t size) : data_(data), size_(size) {}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
// The list outlives the call it is passed to, which is the intended use.
#pragma GCC diagnostic ignored "-Winit-list-lifetime"
#endif
  constexpr IntArrayRef(std::initializer_list<int64_t> il)  // NOLINT
      : data_(il.begin()), size_(il.size()) {}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
  IntArrayRef(const std::vector<int64_t>& v) : data_(v.data()), size_(v.size()) {}  // NOLINT
  template <size_t N>
  IntArrayRef(const SmallVector<int64_t, N>& v) : data_(v.data()), size_(v.size()) {}  // NOLINT
  constexpr IntArrayRef(std::span<const int64_t> s) : data_(s.data()), size_(s.size()) {}  // NOLINT

  constexpr const int64_t* data() const { return data_; }
  constexpr size_t size() const { return size_; }
  constexpr bool empty() const { return size_ == 0; }
  constexpr const int64_t* begin() const { return data_; }
  constexpr const int64_t* end() const { return data_ + size_; }
  constexpr const int64_t& operator[](size_t i) const { return data_[i]; }
  constexpr const int64_t& front() const { return data_[0]; }
  constexpr const int64_t& back() const { return data_[size_ - 1]; }
  constexpr IntArrayRef slice(size_t start, size_t n) const { return {data_ + start, n}; }
  constexpr IntArrayRef slice(size_t start) const { return {data_ + start, size_ - start}; }
  std::vector<int64_t> vec() const { return {data_, data_ + size_}; }
  constexpr operator std::span<const int64_t>() const { return {data_, size_}; }  // NOLINT
  bool operator==(const IntArrayRef& o) const {
    if (size_ != o.size_) return false;
    for (size_t i = 0; i < size_; ++i)
      if (data_[i] != o.data_[i]) return false;
    return true;
  }

 private:
  const int64_t* data_ = nullptr;
  size_t size_ = 0;
};

using DimVector = SmallVector<int64_t, 6>;

// A block of memory, 64-byte aligned when Wick allocates it. Memory that
// Wick does not own (a mapped archive record, a user buffer) carries a
// deleter that is called when the last tensor viewing it goes away.
class StorageImpl : public RefCounted {
 public:
  using Deleter = std::function<void(void*)>;

  // Allocates nbytes from the caching allocator of `device`.
  StorageImpl(int64_t nbytes, Device device);
  // Adopts memory owned elsewhere; `deleter` (may be empty) releases it.
  StorageImpl(void* data, int64_t nbytes, Device device, Deleter deleter);
  ~StorageImpl() override;

  void* data() const { return data_; }
  int64_t nbytes() const { return nbytes_; }
  Device device() const { return device_; }

 private:
  void* data_;
  int64_t nbytes_;
  Device device_;
  Deleter deleter_;  // empty: the memory came from the caching allocator
};

using Storage = Ref<StorageImpl>;

class TensorImpl : public RefCounted {
 public:
  TensorImpl(Storage storage, DType dtype, IntArrayRef sizes, IntArrayRef strides, int64_t offset);

  const Storage& storage() const { return storage_; }
  DType dtype() const { return dtype_; }
  const DimVector& sizes() const { return sizes_; }
  const DimVector& strides() const { return strides_; }
  int64_t storageOffset() const { return offset_; }
  int64_t numel() const { return numel_; }
  bool isContiguous() const { return contiguous_; }

  // Used by in-place shape changes (resize_, set_, as_strided_).
  void setSizesAndStrides(IntArrayRef sizes, IntArrayRef strides, int64_t offset);
  void setStorage(Storage s) { storage_ = std::move(s); }

 private:
  void refresh();

  Storage storage_;
  DimVector sizes_;
  DimVector strides_;
  int64_t offset_;
  int64_t numel_;
  DType dtype_;
  bool contiguous_;
};

// Value handle of a tensor. Copies share the same TensorImpl (like
// at::Tensor); views share the storage with different sizes and strides.
class Tensor {
 public:
  Tensor() = default;
  explicit Tensor(Ref<TensorImpl> impl) : impl_(std::move(impl)) {}

  // Uninitialized contiguous tensor.
  static Tensor empty(IntArrayRef sizes, DType dtype, Device device = kCPU);
  static Tensor emptyStrided(IntArrayRef sizes, IntArrayRef strides, DType dtype,
                             Device device = kCPU);
  static Tensor zeros(IntArrayRef sizes, DType dtype);
  static Tensor full(IntArrayRef sizes, Scalar value, DType dtype);
  // A 0-dim tensor holding `value`, with `dtype` or the scalar's default.
  static Tensor scalar(Scalar value, DType dtype);
  static Tensor scalar(Scalar value) { return scalar(value, value.defaultDType()); }
  // Copies `values` into a new 1-D tensor.
  template <typename T>
  static Tensor fromVector(const std::vector<T>& values, IntArrayRef sizes = {});
  // Wraps memory owned by the caller; `deleter` runs when the storage dies.
  static Tensor fromBlob(void* data, IntArrayRef sizes, IntArrayRef strides, DType dtype,
                         StorageImpl::Deleter deleter = {});

  bool defined() const { return static_cast<bool>(impl_); }
  TensorImpl* impl() const { return impl_.get(); }
  const Ref<TensorImpl>& ref() const { return impl_; }
  DType dtype() const { return impl_->dtype(); }
  Device device() const { return impl_->storage()->device(); }
  int64_t dim() const { return static_cast<int64_t>(impl_->sizes().size()); }
  IntArrayRef sizes() const { return impl_->sizes(); }
  IntArrayRef strides() const { return impl_->strides(); }
  // size(d) and stride(d) accept negative dims like PyTorch.
  int64_t size(int64_t d) const;
  int64_t stride(int64_t d) const;
  int64_t numel() const { return impl_->numel(); }
  int64_t storageOffset() const { return impl_->storageOffset(); }
  int64_t elementSize() const { return wick::elementSize(dtype()); }
  int64_t nbytes() const { return numel() * elementSize(); }
  const Storage& storage() const { return impl_->storage(); }
  bool isContiguous() const { return impl_->isContiguous(); }
  bool isSameTensor(const Tensor& o) const { return impl_ == o.impl_; }
  bool sharesStorage(const Tensor& o) const { return storage() == o.storage(); }

  // Pointer to element 0 (storage data plus offset).
  void* rawData() const {
    return static_cast<char*>(impl_->storage()->data()) + impl_->storageOffset() * elementSize();
  }
  // Typed pointer to element 0; throws when T does not match the dtype.
  template <typename T>
  T* data() const {
    checkDType(CppTypeToDType<T>::value);
    return static_cast<T*>(rawData());
  }

  // A view sharing the storage.
  Tensor asStrided(IntArrayRef sizes, IntArrayRef strides, int64_t offset) const;
  // Self when contiguous, else a contiguous copy.
  Tensor contiguous() const;
  // A contiguous copy with its own storage.
  Tensor clone() const;
  // Copies src into self elementwise; src broadcasts to self's shape and is
  // converted to self's dtype.
  void copyFrom(const Tensor& src) const;
  // A converted copy (self when dtype already matches and copy is false).
  Tensor to(DType dtype, bool copy = false) const;

  // The value of a one-element tensor.
  Scalar item() const;
  // Element at a flat (row-major logical) index, as a Scalar; for tests and
  // printing, not for kernels.
  Scalar at(int64_t flatIndex) const;

  // "Tensor[float32, [2, 3]]"
  std::string typeString() const;
  // The values, formatted like PyTorch prints them (abbreviated past 1000).
  std::string str() const;

 private:
  void checkDType(DType expected) const;
  Ref<TensorImpl> impl_;
};

// Number of elements of a shape; throws wick::Error on overflow or a
// negative size.
int64_t computeNumel(IntArrayRef sizes);
// Row-major strides of a contiguous tensor of these sizes.
DimVector contiguousStrides(IntArrayRef sizes);
// Wraps a possibly negative dim into [0, rank); throws naming `what`.
int64_t wrapDim(int64_t dim, int64_t rank, const char* what = "dim");

template <typename T>
Tensor Tensor::fromVector(const std::vector<T>& values, IntArrayRef sizes) {
  int64_t n = static_cast<int64_t>(values.size());
  DimVector shape;
  if (sizes.empty()) shape.push_back(n);
  else shape = DimVector(sizes);
  Tensor t = empty(shape, CppTypeToDType<T>::value);
  if (t.numel() != n) throw Error("Tensor::fromVector: shape does not match the number of values");
  T* p = t.data<T>();
  for (int64_t i = 0; i < n; ++i) p[i] = values[i];
  return t;
}

}  // namespace wick
