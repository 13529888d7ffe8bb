#include "common/compression.hpp"

#include <zlib.h>

#include <fmt/format.h>

#include <stdexcept>

namespace shequ {

std::string compress(std::string_view bytes) {
  uLongf length = compressBound(static_cast<uLong>(bytes.size()));
  std::string out(length, '\0');
  const int rc = compress2(reinterpret_cast<Bytef*>(out.data()), &length,
                           reinterpret_cast<const Bytef*>(bytes.data()),
                           static_cast<uLong>(bytes.size()), Z_BEST_SPEED);
  // compressBound is always enough, so only a lack of memory fails.
  if (rc != Z_OK) throw std::runtime_error(fmt::format("zlib compress2 failed ({})", rc));
  out.resize(length);
  return out;
}

Result<std::string> decompress(std::string_view compressed, std::size_t size) {
  std::string out(size, '\0');
  uLongf length = static_cast<uLongf>(size);
  uLong consumed = static_cast<uLong>(compressed.size());
  const int rc = uncompress2(reinterpret_cast<Bytef*>(out.data()), &length,
                             reinterpret_cast<const Bytef*>(compressed.data()), &consumed);
  if (rc != Z_OK || length != size || consumed != compressed.size()) {
    return Error::internal(fmt::format("zlib: damaged data, or not {} bytes ({})", size, rc));
  }
  return out;
}

std::optional<std::string> inflate_at_most(std::string_view compressed, std::size_t max_size) {
  z_stream stream{};
  if (inflateInit(&stream) != Z_OK) throw std::runtime_error("zlib inflateInit failed");
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  std::string out;
  char chunk[64 * 1024];
  int rc = Z_OK;
  while (rc == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(chunk);
    stream.avail_out = sizeof chunk;
    rc = inflate(&stream, Z_NO_FLUSH);
    out.append(chunk, sizeof chunk - stream.avail_out);
    if (out.size() > max_size) rc = Z_BUF_ERROR;
    // No progress with input left means a truncated stream.
    if (rc == Z_OK && stream.avail_in == 0 && stream.avail_out != 0) rc = Z_DATA_ERROR;
  }
  inflateEnd(&stream);
  if (rc != Z_STREAM_END) return std::nullopt;
  return out;
}

}  // namespace shequ
