// The library version.
#pragma once

#define WICK_VERSION_MAJOR 0
#define WICK_VERSION_MINOR 1
#define WICK_VERSION_PATCH 0
#define WICK_VERSION_STRING "0.1.0"

namespace wick {
inline const char* version() { return WICK_VERSION_STRING; }
}  // namespace wick
