// archiveStorageLoader and unpickleRecord: persistent ids resolved to
// archive records.
#include "serialize/archive_reader.h"

#include "core/check.h"

namespace wick::serialize {

StorageLoader archiveStorageLoader(std::shared_ptr<const ZipArchive> archive, std::string prefix,
                                   std::string suffix) {
  return [archive = std::move(archive), prefix = std::move(prefix), suffix = std::move(suffix)](
             const std::string& key, DType dtype, int64_t numel) -> Storage {
    std::string name = prefix + key + suffix;
    uint64_t have = archive->recordSize(name);
    uint64_t need = static_cast<uint64_t>(numel) * static_cast<uint64_t>(elementSize(dtype));
    WICK_CHECK(have >= need, "zip archive '{}', record '{}': {} bytes, but the storage needs {}",
               archive->path(), name, have, need);
    return archive->readStorage(name, 64);
  };
}

IValue unpickleRecord(const std::shared_ptr<const ZipArchive>& archive, std::string_view record,
                      std::string storagePrefix, UnpickleOptions options) {
  RecordData data = archive->read(record);
  options.source = archive->path() + ": " + std::string(record);
  options.loadStorage = archiveStorageLoader(archive, std::move(storagePrefix));
  return unpickle(data.bytes, options);
}

}  // namespace wick::serialize
