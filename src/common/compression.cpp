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

}  // namespace shequ
