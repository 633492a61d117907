// ZipArchive: maps the file, validates the (zip64) end records and the
// central directory up front, then serves records as views or inflated
// buffers.
#include "serialize/zip_reader.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <new>

#include "core/check.h"
#include "serialize/zip_codec.h"
#include "serialize/zip_format.h"

namespace wick::serialize {

using namespace zipfmt;

namespace {

// Deflate cannot expand data by more than about 1032:1; a declared size
// beyond that is corrupt and must not drive an allocation.
constexpr uint64_t kMaxDeflateRatio = 1032;
constexpr int64_t kMinVersion = 3;
constexpr int64_t kMaxVersion = 10;

}  // namespace

// The whole file: an mmap (private, copy-on-write, so tensors viewing it may
// be written without touching the file) or an aligned heap buffer.
struct ZipArchive::Mapping {
  void* addr = nullptr;
  size_t size = 0;
  bool mmapped = false;
  ~Mapping() {
    if (mmapped) munmap(addr, size);
    else std::free(addr);
  }
};

ZipArchive::ZipArchive(std::string path, std::shared_ptr<Mapping> mapping)
    : path_(std::move(path)), mapping_(std::move(mapping)) {
  base_ = static_cast<const uint8_t*>(mapping_->addr);
  size_ = mapping_->size;
}

ZipArchive::~ZipArchive() = default;

bool ZipArchive::canInflate() { return zipcodec::haveInflate(); }

std::shared_ptr<const ZipArchive> ZipArchive::open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  WICK_CHECK(fd >= 0, "cannot open archive '{}': {}", path, std::strerror(errno));
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    WICK_FAIL("cannot open archive '{}': not a regular file", path);
  }
  if (st.st_size == 0) {
    ::close(fd);
    WICK_FAIL("zip archive '{}': the file is empty", path);
  }
  auto m = std::make_shared<Mapping>();
  m->size = static_cast<size_t>(st.st_size);
  m->addr = mmap(nullptr, m->size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_NORESERVE, fd, 0);
  int err = errno;
  ::close(fd);
  WICK_CHECK(m->addr != MAP_FAILED, "cannot map archive '{}': {}", path, std::strerror(err));
  m->mmapped = true;
  std::shared_ptr<ZipArchive> a(new ZipArchive(path, std::move(m)));
  a->parse();
  return a;
}

std::shared_ptr<const ZipArchive> ZipArchive::fromBuffer(std::string name, std::string_view bytes) {
  WICK_CHECK(!bytes.empty(), "zip archive '{}': the buffer is empty", name);
  auto m = std::make_shared<Mapping>();
  m->size = bytes.size();
  size_t rounded = (bytes.size() + kDataAlignment - 1) / kDataAlignment * kDataAlignment;
  m->addr = std::aligned_alloc(kDataAlignment, rounded);
  WICK_CHECK(m->addr != nullptr, "zip archive '{}': out of memory for {} bytes", name, bytes.size());
  std::memcpy(m->addr, bytes.data(), bytes.size());
  std::shared_ptr<ZipArchive> a(new ZipArchive(std::move(name), std::move(m)));
  a->parse();
  return a;
}

void ZipArchive::fail(std::string_view what) const {
  WICK_FAIL("zip archive '{}': {}", path_, what);
}

void ZipArchive::failRecord(std::string_view record, std::string_view what) const {
  WICK_FAIL("zip archive '{}', record '{}': {}", path_, record, what);
}

void ZipArchive::parse() {
  if (size_ < kEndSize) fail(fmt::format("not a zip archive ({} bytes is too short)", size_));
  // The end record sits in the last 22 + 65535 (comment) bytes; search
  // backwards so a comment containing the signature cannot fool us.
  uint64_t lowest = size_ > kEndSize + kMaxCommentSize ? size_ - kEndSize - kMaxCommentSize : 0;
  uint64_t eocd = UINT64_MAX;
  for (uint64_t p = size_ - kEndSize + 1; p-- > lowest;) {
    if (rd32(base_ + p) == kEndSig && p + kEndSize + rd16(base_ + p + 20) <= size_) {
      eocd = p;
      break;
    }
  }
  if (eocd == UINT64_MAX) fail("not a zip archive (no end of central directory record; truncated?)");
  const uint8_t* e = base_ + eocd;
  uint64_t disk = rd16(e + 4), cdDisk = rd16(e + 6);
  uint64_t count = rd16(e + 10), cdSize = rd32(e + 12), cdOffset = rd32(e + 16);
  uint64_t cdLimit = eocd;  // the central directory ends before the end records
  if (eocd >= kZip64LocatorSize && rd32(e - kZip64LocatorSize) == kZip64LocatorSig) {
    uint64_t z64 = rd64(e - kZip64LocatorSize + 8);
    if (z64 > eocd - kZip64LocatorSize || eocd - kZip64LocatorSize - z64 < kZip64EndSize)
      fail("zip64 end record out of bounds");
    const uint8_t* z = base_ + z64;
    if (rd32(z) != kZip64EndSig) fail("bad zip64 end record signature");
    disk = rd32(z + 16);
    cdDisk = rd32(z + 20);
    count = rd64(z + 32);
    cdSize = rd64(z + 40);
    cdOffset = rd64(z + 48);
    cdLimit = z64;
  } else if (count == 0xffff || cdSize == 0xffffffffu || cdOffset == 0xffffffffu) {
    fail("the end record needs a zip64 end record, which is missing");
  }
  if ((disk != 0 && disk != 0xffff) || (cdDisk != 0 && cdDisk != 0xffff))
    fail("multi-disk archives are not supported");
  if (cdOffset > cdLimit || cdSize > cdLimit - cdOffset)
    fail(fmt::format("central directory (offset {}, size {}) out of bounds of the {}-byte file",
                     cdOffset, cdSize, size_));
  if (count > cdSize / kCentralHeaderSize)
    fail(fmt::format("{} records cannot fit a {}-byte central directory", count, cdSize));
  if (count == 0) fail("the archive has no records");

  entries_.reserve(count);
  uint64_t pos = cdOffset;
  for (uint64_t i = 0; i < count; ++i) {
    size_t used = 0;
    parseEntry(base_ + pos, cdOffset + cdSize - pos, cdOffset, &used);
    pos += used;
  }
  if (entries_.empty()) fail("the archive has only folders, no records");
  for (size_t i = 0; i < entries_.size(); ++i) {
    if (!index_.emplace(entries_[i].name, i).second)
      failRecord(entries_[i].name, "appears twice in the archive");
  }
}

void ZipArchive::parseEntry(const uint8_t* c, size_t avail, uint64_t cdOffset, size_t* consumed) {
  if (avail < kCentralHeaderSize || rd32(c) != kCentralHeaderSig)
    fail(fmt::format("central directory entry {} is malformed", entries_.size()));
  uint16_t flags = rd16(c + 8), method = rd16(c + 10);
  uint32_t crc = rd32(c + 16);
  uint64_t csize = rd32(c + 20), usize = rd32(c + 24);
  size_t nameLen = rd16(c + 28), extraLen = rd16(c + 30), commentLen = rd16(c + 32);
  uint64_t local = rd32(c + 42);
  if (kCentralHeaderSize + nameLen + extraLen + commentLen > avail)
    fail(fmt::format("central directory entry {} overruns the directory", entries_.size()));
  *consumed = kCentralHeaderSize + nameLen + extraLen + commentLen;
  std::string full(reinterpret_cast<const char*>(c + kCentralHeaderSize), nameLen);
  if (full.empty() || full.find('\0') != std::string::npos)
    fail(fmt::format("central directory entry {} has an invalid name", entries_.size()));

  // Zip64: saturated 32-bit fields are replaced, in this order, by 64-bit
  // values in extra field 0x0001.
  bool needU = usize == 0xffffffffu, needC = csize == 0xffffffffu, needL = local == 0xffffffffu;
  const uint8_t* x = c + kCentralHeaderSize + nameLen;
  for (size_t p = 0; p + 4 <= extraLen;) {
    uint16_t id = rd16(x + p), len = rd16(x + p + 2);
    if (p + 4 + len > extraLen) failRecord(full, "extra field overruns its header");
    if (id == kZip64ExtraId) {
      size_t q = p + 4, end = p + 4 + len;
      auto take = [&](bool need, uint64_t* v) {
        if (!need) return;
        if (q + 8 > end) failRecord(full, "zip64 extra field is too short");
        *v = rd64(x + q);
        q += 8;
      };
      take(needU, &usize);
      take(needC, &csize);
      take(needL, &local);
      needU = needC = needL = false;
    }
    p += 4 + len;
  }
  if (needU || needC || needL) failRecord(full, "sizes need a zip64 extra field, which is missing");
  if (flags & kFlagEncrypted) failRecord(full, "encrypted records are not supported");
  if (method != kMethodStored && method != kMethodDeflate)
    failRecord(full, fmt::format("unsupported compression method {}", method));
  if (method == kMethodStored && csize != usize)
    failRecord(full, fmt::format("stored record has compressed size {} but size {}", csize, usize));
  if (method == kMethodDeflate && usize / kMaxDeflateRatio > csize + 1)
    failRecord(full, fmt::format("declared size {} is impossible for {} compressed bytes", usize, csize));

  // The local header repeats the name and may carry different extra fields
  // (PyTorch's alignment padding); data follows it.
  if (local > cdOffset || cdOffset - local < kLocalHeaderSize)
    failRecord(full, fmt::format("local header offset {} out of bounds", local));
  const uint8_t* l = base_ + local;
  if (rd32(l) != kLocalHeaderSig) failRecord(full, "bad local header signature");
  uint64_t dataOffset = local + kLocalHeaderSize + rd16(l + 26) + rd16(l + 28);
  if (rd16(l + 26) != nameLen || dataOffset > cdOffset ||
      std::memcmp(l + kLocalHeaderSize, full.data(), nameLen) != 0)
    failRecord(full, "local header does not match the central directory");
  if (csize > cdOffset - dataOffset)
    failRecord(full, fmt::format("data (offset {}, {} bytes) out of bounds", dataOffset, csize));

  size_t slash = full.find('/');
  if (slash == 0 || slash == std::string::npos)
    failRecord(full, "records must live under one top-level folder");
  if (folder_.empty()) folder_ = full.substr(0, slash);
  else if (slash != folder_.size() || full.compare(0, slash, folder_) != 0)
    failRecord(full, fmt::format("is outside the archive's folder '{}'", folder_));
  // Directory entries (from repacking with `zip -r`) hold no data.
  if (full.back() == '/') {
    if (usize != 0) failRecord(full, "directory entry with data");
    return;
  }

  Entry en;
  en.name = full.substr(slash + 1);
  en.dataOffset = dataOffset;
  en.compressedSize = csize;
  en.size = usize;
  en.crc = crc;
  en.method = method;
  entries_.push_back(std::move(en));
}

std::vector<std::string> ZipArchive::records() const {
  std::vector<std::string> out;
  out.reserve(entries_.size());
  for (const Entry& e : entries_) out.push_back(e.name);
  return out;
}

bool ZipArchive::hasRecord(std::string_view name) const { return index_.count(name) != 0; }

const ZipArchive::Entry& ZipArchive::entry(std::string_view name) const {
  auto it = index_.find(name);
  if (it == index_.end()) failRecord(name, "no such record");
  return entries_[it->second];
}

uint64_t ZipArchive::recordSize(std::string_view name) const { return entry(name).size; }

RecordData ZipArchive::read(std::string_view name) const {
  const Entry& e = entry(name);
  if (e.method == kMethodStored)
    return {std::span<const uint8_t>(base_ + e.dataOffset, e.size), mapping_};

  if (e.size > SIZE_MAX / 2) failRecord(name, "too large to inflate");
  std::shared_ptr<uint8_t[]> buf;
  try {
    buf = std::shared_ptr<uint8_t[]>(new uint8_t[std::max<uint64_t>(e.size, 1)]);
  } catch (const std::bad_alloc&) {
    failRecord(name, fmt::format("out of memory inflating {} bytes", e.size));
  }
  std::string why;
  if (!zipcodec::inflateRaw(std::span<const uint8_t>(base_ + e.dataOffset, e.compressedSize),
                            std::span<uint8_t>(buf.get(), e.size), &why))
    failRecord(name, fmt::format("cannot inflate: {}", why));
  if (zipcodec::crc32(std::span<const uint8_t>(buf.get(), e.size)) != e.crc) failRecord(name, "CRC mismatch");
  return {std::span<const uint8_t>(buf.get(), e.size), std::shared_ptr<const void>(buf, buf.get())};
}

Storage ZipArchive::readStorage(std::string_view name, size_t alignment) const {
  RecordData rec = read(name);
  auto addr = reinterpret_cast<uintptr_t>(rec.data());
  if (alignment == 0 || addr % alignment == 0) {
    // The deleter owns a reference to the mapping (or inflated buffer).
    return makeRef<StorageImpl>(const_cast<uint8_t*>(rec.data()), static_cast<int64_t>(rec.size()),
                                kCPU, [owner = rec.owner](void*) {});
  }
  Storage s = makeRef<StorageImpl>(static_cast<int64_t>(rec.size()), kCPU);
  if (rec.size() > 0) std::memcpy(s->data(), rec.data(), rec.size());
  return s;
}

int64_t ZipArchive::version() const {
  std::string_view rec = hasRecord("version") ? "version" : ".data/version";
  if (!hasRecord(rec)) fail("no 'version' record");
  if (recordSize(rec) > 32) failRecord(rec, "is not a version number");
  RecordData d = read(rec);
  std::string_view v = d.view();
  while (!v.empty() && (v.back() == '\n' || v.back() == '\r' || v.back() == ' ')) v.remove_suffix(1);
  int64_t n = 0;
  if (v.empty() || v.size() > 9) failRecord(rec, "is not a version number");
  for (char ch : v) {
    if (ch < '0' || ch > '9') failRecord(rec, fmt::format("is not a version number: '{}'", v));
    n = n * 10 + (ch - '0');
  }
  if (n < kMinVersion || n > kMaxVersion)
    failRecord(rec, fmt::format("format version {} is not supported (supported: {} to {})", n,
                                kMinVersion, kMaxVersion));
  return n;
}

}  // namespace wick::serialize
