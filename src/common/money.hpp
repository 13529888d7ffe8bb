// Money as people read it: amounts are kept in fen (分, integers) everywhere and shown in yuan.
//
// Thread-safe: pure functions.
#pragma once

#include <cstdint>
#include <string>

namespace shequ {

// "1234.50" for 123450 fen; "-0.05" for -5.
std::string yuan_of_fen(int64_t fen);

}  // namespace shequ
