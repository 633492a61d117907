// Writes zip archives the way PyTorch's PyTorchStreamWriter does: stored
// records under one folder, data aligned to 64 bytes, zip64 end records.
#pragma once

#include <cstdint>
#include <cstdio>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace wick::serialize {

class ZipWriter {
 public:
  struct Options {
    // Writes zip64 size and offset fields for every record, not only for
    // those past 4 GB (what streaming writers do; also how tests reach the
    // zip64 paths of the reader without 4 GB files).
    bool forceZip64 = false;
  };

  // Starts `path`. Data goes to a temporary file beside it that finish()
  // renames, so a failed save never leaves a truncated archive at `path`.
  ZipWriter(std::string path, std::string folder, Options options);
  ZipWriter(std::string path, std::string folder) : ZipWriter(std::move(path), std::move(folder), Options{}) {}
  ~ZipWriter();
  ZipWriter(const ZipWriter&) = delete;
  ZipWriter& operator=(const ZipWriter&) = delete;

  // Adds `folder/name`, stored uncompressed with its data 64-byte aligned.
  void writeRecord(std::string_view name, std::span<const uint8_t> data);
  void writeRecord(std::string_view name, std::string_view data) {
    writeRecord(name, std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(data.data()), data.size()));
  }
  // Writes the central directory and end records and moves the file into
  // place. Throws wick::Error naming the path on any I/O failure.
  void finish();

 private:
  struct Entry {
    std::string name;
    uint64_t offset;
    uint64_t size;
    uint32_t crc;
    bool zip64;
  };
  void put(const void* p, size_t n);
  void put(const std::string& s) { put(s.data(), s.size()); }

  std::string path_;
  std::string tmpPath_;
  std::string folder_;
  Options options_;
  std::FILE* file_ = nullptr;
  uint64_t offset_ = 0;
  std::vector<Entry> entries_;
  bool finished_ = false;
};

}  // namespace wick::serialize
