// Whole-buffer zlib (RFC 1950) compression, for large values the program stores and reads back
// itself (an uploaded register held until its import job runs). Thread-safe: no shared state.
#pragma once

#include <cstddef>
#include <optional>
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

// The bytes a zlib stream (RFC 1950, as a PDF's FlateDecode holds) inflates to, when they are at
// most `max_size`: nullopt when the stream is damaged or inflates to more (a small stream can
// inflate a thousandfold). Bytes after the stream's end are ignored.
std::optional<std::string> inflate_at_most(std::string_view compressed, std::size_t max_size);

}  // namespace shequ
