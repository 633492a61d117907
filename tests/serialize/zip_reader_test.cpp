// ZipArchive and ZipWriter: PyTorch's archives, zero-copy records, inflate,
// zip64, and malformed archives that must fail with a wick::Error.
#include <gtest/gtest.h>

#include <cstring>

#include "serialize/zip_codec.h"
#include "serialize/zip_reader.h"
#include "serialize/zip_writer.h"
#include "serialize_test_util.h"

namespace wick::serialize {
namespace {

using testing::fixture;
using testing::readFile;
using testing::tempPath;
using testing::writeFile;

// Offsets of every central directory header in an archive's bytes.
std::vector<size_t> centralHeaders(const std::string& zip) {
  std::vector<size_t> out;
  for (size_t p = zip.find("PK\x01\x02"); p != std::string::npos; p = zip.find("PK\x01\x02", p + 1))
    out.push_back(p);
  return out;
}

void put32(std::string& s, size_t at, uint32_t v) { std::memcpy(&s[at], &v, 4); }

// Opens an archive from bytes and reads every record: what a loader does.
void openAndReadAll(const std::string& bytes) {
  auto a = ZipArchive::fromBuffer("mem.zip", bytes);
  for (const std::string& r : a->records()) a->read(r);
}

TEST(ZipReader, OpensTorchSaveFile) {
  auto a = ZipArchive::open(fixture("views.pt"));
  EXPECT_EQ(a->folder(), "views");
  EXPECT_EQ(a->version(), 3);
  EXPECT_TRUE(a->hasRecord("data.pkl"));
  EXPECT_TRUE(a->hasRecord("data/0"));
  EXPECT_FALSE(a->hasRecord("views/data.pkl"));
  EXPECT_EQ(a->recordSize("data/0"), 24u * 4u);
  EXPECT_EQ(a->records().front(), "data.pkl");
}

TEST(ZipReader, FolderNameVaries) {
  EXPECT_EQ(ZipArchive::open(fixture("script_module.pt"))->folder(), "script_module");
  EXPECT_EQ(ZipArchive::open(fixture("dtypes.pt"))->folder(), "dtypes");
}

TEST(ZipReader, RepackedArchive) {
  if (!ZipArchive::canInflate()) GTEST_SKIP() << "built without zlib";
  // Folder entries are skipped; deflated tensor records are inflated.
  auto a = ZipArchive::open(fixture("repacked.pt"));
  EXPECT_EQ(a->folder(), "repacked");
  EXPECT_EQ(a->records(), (std::vector<std::string>{"data.pkl", "data/0", "data/1", "version"}));
  Storage s = a->readStorage("data/0");
  EXPECT_EQ(static_cast<const float*>(s->data())[23], 23.0f);
}

TEST(ZipReader, StoredRecordsAreZeroCopyAndAligned) {
  auto a = ZipArchive::open(fixture("views.pt"));
  RecordData r = a->read("data/0");
  EXPECT_EQ(reinterpret_cast<uintptr_t>(r.data()) % 64, 0u);
  Storage s = a->readStorage("data/0");
  EXPECT_EQ(s->data(), r.data());
  const float* f = static_cast<const float*>(s->data());
  EXPECT_EQ(f[0], 0.0f);
  EXPECT_EQ(f[23], 23.0f);
}

TEST(ZipReader, StorageKeepsMappingAlive) {
  Storage s;
  {
    auto a = ZipArchive::open(fixture("views.pt"));
    s = a->readStorage("data/0");
  }
  EXPECT_EQ(static_cast<const float*>(s->data())[5], 5.0f);
  // The mapping is private: writes through a tensor never reach the file.
  static_cast<float*>(s->data())[5] = 99.0f;
  EXPECT_EQ(static_cast<const float*>(ZipArchive::open(fixture("views.pt"))->readStorage("data/0")->data())[5],
            5.0f);
}

TEST(ZipReader, InflatesCompressedRecords) {
  if (!ZipArchive::canInflate()) GTEST_SKIP() << "built without zlib";
  auto a = ZipArchive::open(fixture("script_module.pt"));
  ASSERT_TRUE(a->hasRecord("code/__torch__.py"));
  RecordData code = a->read("code/__torch__.py");
  EXPECT_NE(code.view().find("class Scripted(Module)"), std::string_view::npos);
  EXPECT_EQ(code.size(), a->recordSize("code/__torch__.py"));
  EXPECT_GT(a->read("code/__torch__.py.debug_pkl").size(), 0u);
  // An inflated record can still back a storage (copied when misaligned).
  EXPECT_EQ(a->readStorage("code/__torch__.py")->nbytes(), static_cast<int64_t>(code.size()));
}

TEST(ZipCodec, Crc32) {
  std::string check = "123456789";
  std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t*>(check.data()), check.size());
  EXPECT_EQ(zipcodec::crc32(bytes), 0xcbf43926u);
  EXPECT_EQ(zipcodec::crc32Portable(bytes), 0xcbf43926u);
  std::string big = testing::readFile(fixture("dtypes.pt"));
  std::span<const uint8_t> b(reinterpret_cast<const uint8_t*>(big.data()), big.size());
  EXPECT_EQ(zipcodec::crc32(b), zipcodec::crc32Portable(b));
  EXPECT_EQ(zipcodec::crc32({}), 0u);
}

TEST(ZipCodec, InflateWithoutZlibSaysSo) {
  if (ZipArchive::canInflate()) GTEST_SKIP() << "built with zlib";
  EXPECT_WICK_ERROR(ZipArchive::open(fixture("script_module.pt"))->read("code/__torch__.py"), "has no zlib");
}

TEST(ZipWriter, RoundTripsThroughReader) {
  for (bool zip64 : {false, true}) {
    std::string path = tempPath(zip64 ? "rt64.zip" : "rt.zip");
    std::string big(1 << 20, 'x');
    big[12345] = 'y';
    {
      ZipWriter w(path, "rt", ZipWriter::Options{zip64});
      w.writeRecord("data.pkl", std::string_view("abc"));
      w.writeRecord("empty", std::string_view(""));
      w.writeRecord("data/0", big);
      w.writeRecord("version", std::string_view("3\n"));
      w.finish();
    }
    auto a = ZipArchive::open(path);
    EXPECT_EQ(a->folder(), "rt");
    EXPECT_EQ(a->version(), 3);
    EXPECT_EQ(a->read("data.pkl").view(), "abc");
    EXPECT_EQ(a->read("empty").size(), 0u);
    RecordData d = a->read("data/0");
    EXPECT_EQ(d.view(), big);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(d.data()) % 64, 0u);
    auto b = ZipArchive::fromBuffer("copy", readFile(path));
    EXPECT_EQ(b->read("data/0").view(), big);
  }
}

TEST(ZipWriter, UnfinishedWriterLeavesNoFile) {
  std::string path = tempPath("unfinished.zip");
  {
    ZipWriter w(path, "x");
    w.writeRecord("a", std::string_view("1"));
  }
  EXPECT_WICK_ERROR(ZipArchive::open(path), "cannot open archive");
}

TEST(ZipReader, MissingAndNonZipFiles) {
  EXPECT_WICK_ERROR(ZipArchive::open(fixture("no_such_file.pt")), "no_such_file.pt");
  std::string empty = tempPath("empty.pt");
  writeFile(empty, "");
  EXPECT_WICK_ERROR(ZipArchive::open(empty), "empty");
  EXPECT_WICK_ERROR(ZipArchive::fromBuffer("junk", std::string(1000, 'j')), "not a zip archive");
  EXPECT_WICK_ERROR(ZipArchive::open(testing::repoRoot() + "/tests"), "not a regular file");
  auto a = ZipArchive::open(fixture("views.pt"));
  EXPECT_WICK_ERROR(a->read("nope"), "record 'nope': no such record");
}

TEST(ZipReader, EveryTruncationFails) {
  std::string bytes = readFile(fixture("views.pt"));
  for (size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_THROW(openAndReadAll(bytes.substr(0, n)), Error) << "prefix of " << n << " bytes";
  }
}

TEST(ZipReader, FlippedBytesNeverCrash) {
  // Each byte flipped in turn: either the archive still reads (the byte was
  // in stored data or padding) or a wick::Error says why.
  for (const char* name : {"views.pt", "script_module.pt"}) {
    std::string bytes = readFile(fixture(name));
    size_t failures = 0;
    for (size_t i = 0; i < bytes.size(); ++i) {
      std::string b = bytes;
      b[i] = static_cast<char>(b[i] ^ 0x5a);
      try {
        openAndReadAll(b);
      } catch (const Error&) {
        ++failures;
      }
    }
    EXPECT_GT(failures, 0u) << name;
  }
}

TEST(ZipReader, CorruptDeflateDataFails) {
  if (!ZipArchive::canInflate()) GTEST_SKIP() << "built without zlib";
  std::string bytes = readFile(fixture("script_module.pt"));
  auto a = ZipArchive::fromBuffer("m", bytes);
  RecordData code = a->read("code/__torch__.py");
  // Corrupt the middle of the compressed code record: CRC or zlib fails.
  size_t at = bytes.find("script_module/code/__torch__.pyFB");
  ASSERT_NE(at, std::string::npos);
  size_t data = at + 200;
  bytes[data] = static_cast<char>(bytes[data] ^ 0xff);
  auto b = ZipArchive::fromBuffer("m", bytes);
  EXPECT_WICK_ERROR(b->read("code/__torch__.py"), "record 'code/__torch__.py'");
}

TEST(ZipReader, RecordOutOfBounds) {
  std::string bytes = readFile(fixture("views.pt"));
  std::vector<size_t> cd = centralHeaders(bytes);
  ASSERT_GE(cd.size(), 2u);
  std::string b = bytes;
  put32(b, cd[1] + 42, 0x7fff0000);  // local header offset of data/0
  EXPECT_WICK_ERROR(ZipArchive::fromBuffer("oob.pt", b), "record 'views/data/0'");
  b = bytes;
  put32(b, cd[1] + 20, 0x7fff0000);  // compressed size
  put32(b, cd[1] + 24, 0x7fff0000);  // size
  EXPECT_WICK_ERROR(ZipArchive::fromBuffer("oob.pt", b), "out of bounds");
}

TEST(ZipReader, AbsurdDeclaredSizes) {
  std::string bytes = readFile(fixture("script_module.pt"));
  std::vector<size_t> cd = centralHeaders(bytes);
  size_t code = 0;
  for (size_t p : cd)
    if (bytes.compare(p + 46, 31, "script_module/code/__torch__.py") == 0) code = p;
  ASSERT_NE(code, 0u);
  put32(bytes, code + 24, 0xfffffff0);  // inflated size: 4 GB from ~250 bytes
  EXPECT_WICK_ERROR(ZipArchive::fromBuffer("absurd.pt", bytes), "impossible");
}

TEST(ZipReader, MissingZip64RecordsFail) {
  std::string bytes = readFile(fixture("views.pt"));
  size_t eocd = bytes.rfind("PK\x05\x06");
  size_t loc = bytes.rfind("PK\x06\x07");
  ASSERT_NE(loc, std::string::npos);
  std::string b = bytes;
  b[loc] = 'X';  // no locator, and the end record's fields are fine
  EXPECT_NO_THROW(openAndReadAll(b));
  put32(b, eocd + 16, 0xffffffff);  // central directory offset saturated
  EXPECT_WICK_ERROR(ZipArchive::fromBuffer("z.pt", b), "zip64");
  b = bytes;
  put32(b, loc + 8, 0x7ffffff0);  // locator points outside the file
  EXPECT_WICK_ERROR(ZipArchive::fromBuffer("z.pt", b), "zip64 end record out of bounds");
}

TEST(ZipReader, VersionChecks) {
  auto make = [](const std::string& version, const std::string& record) {
    std::string path = tempPath("version.zip");
    ZipWriter w(path, "v");
    w.writeRecord("data.pkl", std::string_view("x"));
    if (!record.empty()) w.writeRecord(record, version);
    w.finish();
    return ZipArchive::open(path);
  };
  EXPECT_EQ(make("3\n", "version")->version(), 3);
  EXPECT_EQ(make("10", ".data/version")->version(), 10);
  EXPECT_WICK_ERROR(make("11\n", "version")->version(), "format version 11 is not supported");
  EXPECT_WICK_ERROR(make("2\n", "version")->version(), "format version 2");
  EXPECT_WICK_ERROR(make("x3\n", "version")->version(), "not a version number");
  EXPECT_WICK_ERROR(make("", "")->version(), "no 'version' record");
}

TEST(ZipReader, RecordsOutsideTheFolderFail) {
  std::string bytes = readFile(fixture("views.pt"));
  // Rename the folder of one record in both headers: "views/" -> "viewz/".
  size_t first = bytes.find("views/data/0");
  size_t second = bytes.find("views/data/0", first + 1);
  ASSERT_NE(second, std::string::npos);
  bytes[first + 4] = bytes[second + 4] = 'z';
  EXPECT_WICK_ERROR(ZipArchive::fromBuffer("f.pt", bytes), "outside the archive's folder");
}

}  // namespace
}  // namespace wick::serialize
