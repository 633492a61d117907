// A vector with inline storage for its first N elements: tensor sizes and
// strides, tuple elements. Only for trivially copyable T.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <new>
#include <span>
#include <type_traits>
#include <utility>

namespace wick {

template <typename T, size_t N>
class SmallVector {
  static_assert(std::is_trivially_copyable_v<T>, "SmallVector holds trivially copyable types");

 public:
  SmallVector() = default;
  SmallVector(std::initializer_list<T> il) { assign(il.begin(), il.size()); }
  explicit SmallVector(std::span<const T> s) { assign(s.data(), s.size()); }
  // From any contiguous range with data() and size() (IntArrayRef, vector).
  template <typename R, typename = decltype(std::declval<const R&>().data()),
            typename = std::enable_if_t<!std::is_same_v<R, SmallVector>>>
  explicit SmallVector(const R& r) {
    assign(r.data(), r.size());
  }
  SmallVector(size_t n, T v) {
    resize(n);
    for (size_t i = 0; i < n; ++i) data_[i] = v;
  }
  SmallVector(const SmallVector& o) { assign(o.data_, o.size_); }
  SmallVector(SmallVector&& o) noexcept { steal(o); }
  SmallVector& operator=(const SmallVector& o) {
    if (this != &o) assign(o.data_, o.size_);
    return *this;
  }
  SmallVector& operator=(SmallVector&& o) noexcept {
    if (this != &o) {
      freeHeap();
      steal(o);
    }
    return *this;
  }
  ~SmallVector() { freeHeap(); }

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T* data() { return data_; }
  const T* data() const { return data_; }
  T& operator[](size_t i) { return data_[i]; }
  const T& operator[](size_t i) const { return data_[i]; }
  T* begin() { return data_; }
  T* end() { return data_ + size_; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }
  T& back() { return data_[size_ - 1]; }
  const T& back() const { return data_[size_ - 1]; }

  operator std::span<const T>() const { return {data_, size_}; }  // NOLINT
  std::span<const T> span() const { return {data_, size_}; }

  void reserve(size_t n) {
    if (n <= cap_) return;
    T* p = static_cast<T*>(std::malloc(n * sizeof(T)));
    if (!p) throw std::bad_alloc();
    if (size_) std::memcpy(p, data_, size_ * sizeof(T));
    freeHeap();
    data_ = p;
    cap_ = n;
  }
  void resize(size_t n) {
    if (n > cap_) reserve(n < 2 * cap_ ? 2 * cap_ : n);
    for (size_t i = size_; i < n; ++i) data_[i] = T();
    size_ = n;
  }
  void push_back(T v) {
    if (size_ == cap_) reserve(2 * cap_);
    data_[size_++] = v;
  }
  void pop_back() { --size_; }
  void clear() { size_ = 0; }
  void insert(size_t pos, T v) {
    push_back(v);
    std::memmove(data_ + pos + 1, data_ + pos, (size_ - 1 - pos) * sizeof(T));
    data_[pos] = v;
  }
  void erase(size_t pos) {
    std::memmove(data_ + pos, data_ + pos + 1, (size_ - 1 - pos) * sizeof(T));
    --size_;
  }
  bool operator==(const SmallVector& o) const {
    return size_ == o.size_ && (size_ == 0 || std::memcmp(data_, o.data_, size_ * sizeof(T)) == 0);
  }

 private:
  void assign(const T* src, size_t n) {
    if (n > cap_) reserve(n);
    if (n) std::memmove(data_, src, n * sizeof(T));
    size_ = n;
  }
  void freeHeap() {
    if (data_ != inline_) std::free(data_);
    data_ = inline_;
    cap_ = N;
  }
  void steal(SmallVector& o) {
    if (o.data_ == o.inline_) {
      data_ = inline_;
      cap_ = N;
      size_ = o.size_;
      if (size_) std::memcpy(inline_, o.inline_, size_ * sizeof(T));
    } else {
      data_ = o.data_;
      cap_ = o.cap_;
      size_ = o.size_;
      o.data_ = o.inline_;
      o.cap_ = N;
    }
    o.size_ = 0;
  }

  T inline_[N];
  T* data_ = inline_;
  size_t size_ = 0;
  size_t cap_ = N;
};

}  // namespace wick
