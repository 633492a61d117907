// zipcodec: zlib's inflate and crc32 behind a build option, with a table
// CRC-32 for builds without zlib.
#include "serialize/zip_codec.h"

#include <algorithm>
#include <array>

#if WICK_WITH_ZLIB
#include <zlib.h>
#endif

namespace wick::serialize::zipcodec {

uint32_t crc32Portable(std::span<const uint8_t> data) {
  static const std::array<uint32_t, 256> kTable = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  uint32_t c = 0xffffffffu;
  for (uint8_t b : data) c = kTable[(c ^ b) & 0xff] ^ (c >> 8);
  return c ^ 0xffffffffu;
}

#if WICK_WITH_ZLIB

namespace {

// zlib counts in 32-bit units: feed it in chunks.
constexpr uint64_t kChunk = 1u << 30;

}  // namespace

bool haveInflate() { return true; }

bool inflateRaw(std::span<const uint8_t> in, std::span<uint8_t> out, std::string* why) {
  z_stream zs{};
  if (inflateInit2(&zs, -MAX_WBITS) != Z_OK) {
    *why = "zlib failed to initialize";
    return false;
  }
  uint64_t inLeft = in.size(), outLeft = out.size();
  zs.next_in = const_cast<Bytef*>(in.data());
  zs.next_out = out.data();
  int ret = Z_OK;
  // Ends on Z_STREAM_END, an error, or Z_BUF_ERROR once input or output is
  // exhausted: never loops without progress.
  while (ret == Z_OK) {
    if (zs.avail_in == 0 && inLeft > 0) {
      zs.avail_in = static_cast<uInt>(std::min(inLeft, kChunk));
      inLeft -= zs.avail_in;
    }
    if (zs.avail_out == 0 && outLeft > 0) {
      zs.avail_out = static_cast<uInt>(std::min(outLeft, kChunk));
      outLeft -= zs.avail_out;
    }
    ret = inflate(&zs, Z_NO_FLUSH);
  }
  uint64_t produced = zs.total_out;
  if (ret != Z_STREAM_END) *why = zs.msg ? zs.msg : "truncated stream";
  else if (produced != out.size()) *why = "wrong size";
  inflateEnd(&zs);
  if (ret == Z_STREAM_END && produced == out.size()) return true;
  *why += " (" + std::to_string(produced) + " of " + std::to_string(out.size()) + " bytes)";
  return false;
}

uint32_t crc32(std::span<const uint8_t> data) {
  uLong crc = ::crc32(0L, Z_NULL, 0);
  for (size_t off = 0; off < data.size(); off += kChunk)
    crc = ::crc32(crc, data.data() + off, static_cast<uInt>(std::min<uint64_t>(data.size() - off, kChunk)));
  return static_cast<uint32_t>(crc);
}

#else

bool haveInflate() { return false; }

bool inflateRaw(std::span<const uint8_t>, std::span<uint8_t>, std::string* why) {
  *why = "this build of Wick has no zlib (install zlib1g-dev and reconfigure)";
  return false;
}

uint32_t crc32(std::span<const uint8_t> data) { return crc32Portable(data); }

#endif

}  // namespace wick::serialize::zipcodec
