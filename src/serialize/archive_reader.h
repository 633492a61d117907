// Pickles stored in an archive: the storage loader that maps persistent ids
// to records, and one call that unpickles a record with it.
//
// Loading a TorchScript archive's state, as a module loader would:
//
//   auto archive = ZipArchive::open("model.pt");
//   archive->version();  // throws for formats Wick cannot read
//   UnpickleOptions o;
//   o.resolveClass = [&](const std::string& name) { return compiledClass(name); };
//   o.setState = [&](const Ref<Object>& obj, IValue state) { callSetState(obj, state); };
//   IValue constants = unpickleRecord(archive, "constants.pkl", "constants/", o);
//   IValue module = unpickleRecord(archive, "data.pkl", "data/", o);
//   RecordData code = archive->read("code/__torch__.py");  // code.view() is the source
//
// Tensors in `module` view the archive's mapping; they keep it alive after
// `archive` is gone.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "serialize/unpickler.h"
#include "serialize/zip_reader.h"

namespace wick::serialize {

// A StorageLoader over an archive's records named `prefix + key + suffix`
// ("data/" + key for data.pkl, "constants/" + key for constants.pkl,
// ".data/" + key + ".storage" for torch.package). Records are viewed
// without a copy when 64-byte aligned; a record shorter than the storage it
// backs is an error naming the archive and record.
StorageLoader archiveStorageLoader(std::shared_ptr<const ZipArchive> archive, std::string prefix,
                                   std::string suffix = "");

// Unpickles `record` of `archive` ("data.pkl", "constants.pkl") with its
// tensors' storages under `storagePrefix`; `options` supplies the class
// callbacks, and its source and storage loader are filled in here.
IValue unpickleRecord(const std::shared_ptr<const ZipArchive>& archive, std::string_view record,
                      std::string storagePrefix, UnpickleOptions options);

}  // namespace wick::serialize
