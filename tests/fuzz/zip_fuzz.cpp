// libFuzzer target for the zip reader: any input must open or throw
// wick::Error, and every record it lists must read within bounds. Build by
// hand until WICK_FUZZ is wired:
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address -DWICK_WITH_ZLIB=1 -Iinclude -Isrc
//     tests/fuzz/zip_fuzz.cpp src/serialize/*.cpp src/core/*.cpp -lfmt -lz
#include <cstdint>
#include <string>

#include "serialize/zip_reader.h"
#include "wick/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace wick;
  try {
    auto a = serialize::ZipArchive::fromBuffer("fuzz.zip", std::string_view(reinterpret_cast<const char*>(data), size));
    uint64_t sum = 0;
    for (const std::string& r : a->records()) {
      try {
        serialize::RecordData d = a->read(r);
        for (size_t i = 0; i < d.size(); ++i) sum += d.data()[i];
        Storage s = a->readStorage(r, 64);
        sum += static_cast<uint64_t>(s->nbytes());
      } catch (const Error&) {
      }
    }
    try {
      sum += static_cast<uint64_t>(a->version());
    } catch (const Error&) {
    }
    volatile uint64_t sink = sum;
    (void)sink;
  } catch (const Error&) {
  }
  return 0;
}
