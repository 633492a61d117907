// Read-only access to the zip archives PyTorch writes (torch.save and
// torch.jit.save files): memory-mapped, every offset bounds-checked.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "wick/tensor.h"

namespace wick::serialize {

// The bytes of one record and whatever keeps them alive: the archive's
// mapping for stored records, an inflated buffer for compressed ones.
struct RecordData {
  std::span<const uint8_t> bytes;
  std::shared_ptr<const void> owner;

  const uint8_t* data() const { return bytes.data(); }
  size_t size() const { return bytes.size(); }
  std::string_view view() const {
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
  }
};

// An opened archive. Records live under one top-level folder whose name
// varies ("archive", the saved file's stem, ...); names given to and
// returned by this class are relative to it ("data.pkl", "data/0").
// Thread-safe after open: every method is const and leaves the archive
// unchanged.
class ZipArchive {
 public:
  // Maps `path` and reads its central directory. Throws wick::Error naming
  // the file (and the record) when it is not a well-formed zip archive.
  // Like any mapping, the file must not be truncated while it is open.
  static std::shared_ptr<const ZipArchive> open(const std::string& path);
  // Reads an archive held in memory (copied into an aligned buffer);
  // `name` stands for the file in error messages.
  static std::shared_ptr<const ZipArchive> fromBuffer(std::string name, std::string_view bytes);

  // False in builds without zlib, where deflated records (code/, debug
  // info) fail to read with an error saying so; stored tensors still load.
  static bool canInflate();

  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  const std::string& path() const { return path_; }
  // The top-level folder, without its trailing slash.
  const std::string& folder() const { return folder_; }
  // Record names in archive order.
  std::vector<std::string> records() const;
  bool hasRecord(std::string_view name) const;
  // Uncompressed size of a record; throws when absent.
  uint64_t recordSize(std::string_view name) const;

  // A record's bytes. Stored records are a view into the mapping (no copy;
  // PyTorch aligns them to 64 bytes); deflated ones are inflated and their
  // CRC checked.
  RecordData read(std::string_view name) const;
  // A CPU storage holding a record. Zero-copy when the record is stored and
  // its data is aligned to `alignment`; the storage then keeps the mapping
  // alive. Writes to it stay private to this process.
  Storage readStorage(std::string_view name, size_t alignment = 64) const;

  // The serialization format version, from `version` or `.data/version`;
  // throws when missing, unreadable or outside the supported range [3, 10].
  int64_t version() const;

  struct Mapping;

 private:
  struct Entry {
    std::string name;  // relative to folder_
    uint64_t dataOffset = 0;
    uint64_t compressedSize = 0;
    uint64_t size = 0;
    uint32_t crc = 0;
    uint16_t method = 0;
  };

  ZipArchive(std::string path, std::shared_ptr<Mapping> mapping);
  void parse();
  void parseEntry(const uint8_t* cd, size_t avail, uint64_t cdLimit, size_t* consumed);
  const Entry& entry(std::string_view name) const;
  [[noreturn]] void fail(std::string_view what) const;
  [[noreturn]] void failRecord(std::string_view record, std::string_view what) const;

  std::string path_;
  std::string folder_;
  std::shared_ptr<Mapping> mapping_;
  const uint8_t* base_ = nullptr;
  uint64_t size_ = 0;
  std::vector<Entry> entries_;
  std::unordered_map<std::string_view, size_t> index_;
};

}  // namespace wick::serialize
