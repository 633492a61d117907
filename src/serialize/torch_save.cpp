// loadTorchSaved / saveTorchSaved: the zip container plus the pickle, with
// storages kept as data/<key> records.
#include "serialize/torch_save.h"

#include <cctype>
#include <filesystem>
#include <fstream>

#include "core/check.h"
#include "serialize/pickler.h"
#include "serialize/archive_reader.h"
#include "serialize/zip_reader.h"
#include "serialize/zip_writer.h"

namespace wick::serialize {

namespace {

// Files from before PyTorch 1.6 (and torch.save(..., _use_new_zipfile_
// serialization=False)) are a bare pickle stream starting with PROTO.
bool isLegacyFormat(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  char head[2] = {};
  return f.read(head, 2) && static_cast<uint8_t>(head[0]) == 0x80 && head[1] <= 5;
}

// The folder name PyTorch 1.13 uses: the file's stem when it is a plain
// name, else "archive".
std::string folderFor(const std::string& path) {
  std::string stem = std::filesystem::path(path).stem().string();
  if (stem.empty()) return "archive";
  for (char c : stem)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '.') return "archive";
  return stem;
}

}  // namespace

IValue loadTorchSaved(const std::string& path) {
  WICK_CHECK(!isLegacyFormat(path),
             "'{}' uses the legacy torch.save format (before PyTorch 1.6), which is not supported; "
             "re-save it with torch.save(obj, path) from PyTorch 1.6 or later",
             path);
  std::shared_ptr<const ZipArchive> archive = ZipArchive::open(path);
  archive->version();
  if (archive->hasRecord("byteorder")) {
    std::string_view order = archive->read("byteorder").view();
    WICK_CHECK(order == "little", "'{}': byte order '{}' is not supported (only little-endian)", path,
               order.substr(0, 16));
  }
  WICK_CHECK(archive->hasRecord("data.pkl"), "'{}' is a zip archive without data.pkl: not a torch.save file",
             path);
  return unpickleRecord(archive, "data.pkl", "data/", UnpickleOptions{});
}

void saveTorchSaved(const IValue& value, const std::string& path) {
  Pickler pickler;
  std::string pkl = pickler.dump(value);
  ZipWriter writer(path, folderFor(path));
  writer.writeRecord("data.pkl", pkl);
  for (size_t i = 0; i < pickler.storages().size(); ++i) {
    const Pickler::StorageEntry& s = pickler.storages()[i];
    size_t nbytes = static_cast<size_t>(s.numel * elementSize(s.dtype));
    writer.writeRecord("data/" + std::to_string(i),
                       std::span<const uint8_t>(static_cast<const uint8_t*>(s.storage->data()), nbytes));
  }
  writer.writeRecord("version", std::string_view("3\n"));
  writer.finish();
}

}  // namespace wick::serialize
