#include "common/money.hpp"

#include <fmt/format.h>

namespace shequ {

std::string yuan_of_fen(int64_t fen) {
  const uint64_t magnitude = fen < 0 ? 0 - static_cast<uint64_t>(fen) : static_cast<uint64_t>(fen);
  return fmt::format("{}{}.{:02}", fen < 0 ? "-" : "", magnitude / 100, magnitude % 100);
}

}  // namespace shequ
