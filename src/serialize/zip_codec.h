// Deflate decoding and CRC-32 for zip records. zlib does both when the build
// has it; without zlib (a slim build) CRC-32 is computed here and
// compressed records cannot be read.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace wick::serialize::zipcodec {

// Whether this build can inflate deflated records.
bool haveInflate();

// Inflates the raw deflate stream `in` into exactly `out.size()` bytes.
// Returns false with a reason in *why when the stream is corrupt, shorter or
// longer than declared.
bool inflateRaw(std::span<const uint8_t> in, std::span<uint8_t> out, std::string* why);

// CRC-32 (ISO-HDLC, as zip uses) of `data`: zlib's when available.
uint32_t crc32(std::span<const uint8_t> data);
// The same by table lookup, used without zlib (and checked against zlib).
uint32_t crc32Portable(std::span<const uint8_t> data);

}  // namespace wick::serialize::zipcodec
