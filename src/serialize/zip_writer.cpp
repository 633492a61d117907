// ZipWriter: local headers with PyTorch's "FB" alignment padding, a central
// directory, and zip64 end records (always, as PyTorch writes them).
#include "serialize/zip_writer.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/check.h"
#include "serialize/zip_codec.h"
#include "serialize/zip_format.h"

namespace wick::serialize {

using namespace zipfmt;

namespace {

constexpr uint16_t kVersionZip64 = 45;
constexpr uint16_t kVersionPlain = 20;
constexpr uint64_t kMax32 = 0xffffffffu;

}  // namespace

ZipWriter::ZipWriter(std::string path, std::string folder, Options options)
    : path_(std::move(path)), folder_(std::move(folder)), options_(options) {
  WICK_CHECK(!folder_.empty() && folder_.find('/') == std::string::npos,
             "zip archive '{}': invalid folder name '{}'", path_, folder_);
  tmpPath_ = path_ + ".tmp";
  file_ = std::fopen(tmpPath_.c_str(), "wb");
  WICK_CHECK(file_, "cannot create '{}': {}", tmpPath_, std::strerror(errno));
}

ZipWriter::~ZipWriter() {
  if (file_) std::fclose(file_);
  if (!finished_) std::remove(tmpPath_.c_str());
}

void ZipWriter::put(const void* p, size_t n) {
  if (n == 0) return;
  WICK_CHECK(std::fwrite(p, 1, n, file_) == n, "writing '{}' failed: {}", tmpPath_, std::strerror(errno));
  offset_ += n;
}

void ZipWriter::writeRecord(std::string_view name, std::span<const uint8_t> data) {
  WICK_CHECK(!finished_, "zip archive '{}': record '{}' written after finish()", path_, name);
  std::string full = folder_ + "/" + std::string(name);
  WICK_CHECK(!name.empty() && full.size() <= 0xffff, "zip archive '{}': invalid record name '{}'", path_, name);
  Entry e{full, offset_, data.size(), zipcodec::crc32(data), false};
  e.zip64 = options_.forceZip64 || e.size >= kMax32 || e.offset >= kMax32;

  std::string h;
  put32(h, kLocalHeaderSig);
  put16(h, e.zip64 ? kVersionZip64 : kVersionPlain);
  put16(h, 0);  // flags: sizes are known, so no data descriptor
  put16(h, kMethodStored);
  put16(h, 0);  // time
  put16(h, 0);  // date
  put32(h, e.crc);
  put32(h, e.zip64 ? kMax32 : static_cast<uint32_t>(e.size));
  put32(h, e.zip64 ? kMax32 : static_cast<uint32_t>(e.size));
  put16(h, static_cast<uint16_t>(full.size()));
  size_t extraPos = h.size();
  put16(h, 0);  // extra length, patched below
  h += full;
  size_t extraStart = h.size();
  if (e.zip64) {
    put16(h, kZip64ExtraId);
    put16(h, 16);
    put64(h, e.size);
    put64(h, e.size);
  }
  // Pad with an "FB" extra field so the data starts on a 64-byte boundary,
  // which lets readers map tensors without copying.
  uint64_t dataAt = offset_ + h.size() + 4;
  size_t pad = (kDataAlignment - dataAt % kDataAlignment) % kDataAlignment;
  put16(h, kPaddingExtraId);
  put16(h, static_cast<uint16_t>(pad));
  h.append(pad, 'Z');
  uint16_t extraLen = static_cast<uint16_t>(h.size() - extraStart);
  std::memcpy(h.data() + extraPos, &extraLen, 2);
  put(h);
  put(data.data(), data.size());
  entries_.push_back(std::move(e));
}

void ZipWriter::finish() {
  WICK_CHECK(!finished_, "zip archive '{}': finish() called twice", path_);
  uint64_t cdOffset = offset_;
  for (const Entry& e : entries_) {
    std::string c;
    put32(c, kCentralHeaderSig);
    put16(c, kVersionZip64);  // made by
    put16(c, e.zip64 ? kVersionZip64 : kVersionPlain);
    put16(c, 0);
    put16(c, kMethodStored);
    put16(c, 0);
    put16(c, 0);
    put32(c, e.crc);
    put32(c, e.zip64 ? kMax32 : static_cast<uint32_t>(e.size));
    put32(c, e.zip64 ? kMax32 : static_cast<uint32_t>(e.size));
    put16(c, static_cast<uint16_t>(e.name.size()));
    put16(c, e.zip64 ? 28 : 0);
    put16(c, 0);  // comment
    put16(c, 0);  // disk
    put16(c, 0);  // internal attributes
    put32(c, 0);  // external attributes
    put32(c, e.zip64 ? kMax32 : static_cast<uint32_t>(e.offset));
    c += e.name;
    if (e.zip64) {
      put16(c, kZip64ExtraId);
      put16(c, 24);
      put64(c, e.size);
      put64(c, e.size);
      put64(c, e.offset);
    }
    put(c);
  }
  uint64_t cdSize = offset_ - cdOffset;
  uint64_t z64Offset = offset_;
  uint64_t n = entries_.size();
  std::string t;
  put32(t, kZip64EndSig);
  put64(t, kZip64EndSize - 12);
  put16(t, kVersionZip64);
  put16(t, kVersionZip64);
  put32(t, 0);
  put32(t, 0);
  put64(t, n);
  put64(t, n);
  put64(t, cdSize);
  put64(t, cdOffset);
  put32(t, kZip64LocatorSig);
  put32(t, 0);
  put64(t, z64Offset);
  put32(t, 1);
  put32(t, kEndSig);
  put16(t, 0);
  put16(t, 0);
  put16(t, static_cast<uint16_t>(std::min<uint64_t>(n, 0xffff)));
  put16(t, static_cast<uint16_t>(std::min<uint64_t>(n, 0xffff)));
  put32(t, static_cast<uint32_t>(std::min(cdSize, kMax32)));
  put32(t, static_cast<uint32_t>(std::min(cdOffset, kMax32)));
  put16(t, 0);
  put(t);
  int rc = std::fclose(file_);
  file_ = nullptr;
  WICK_CHECK(rc == 0, "writing '{}' failed: {}", tmpPath_, std::strerror(errno));
  WICK_CHECK(std::rename(tmpPath_.c_str(), path_.c_str()) == 0, "cannot move '{}' to '{}': {}", tmpPath_,
             path_, std::strerror(errno));
  finished_ = true;
}

}  // namespace wick::serialize
