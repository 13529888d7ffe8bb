// Whole-buffer zlib (RFC 1950) compression, for large values the program stores and reads back
// itself (an uploaded register held until its import job runs). Thread-safe: no shared state.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace shequ {

// `bytes` compressed at zlib's fastest level: a register's text shrinks four to six times in
// less time than sealing and storing the bytes saved would take.
std::string compress(std::string_view bytes);

// The bytes `compressed` holds, which must be exactly `size` of them (the caller kept the
// original length); an internal error when they are not, or the data is damaged.
Result<std::string> decompress(std::string_view compressed, std::size_t size);

}  // namespace shequ
