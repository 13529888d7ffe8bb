// ID numbers for the residents the API tests register.
#pragma once

#include <string>

#include <fmt/format.h>

#include "privacy/validators.hpp"

namespace shequ::testing {

// A valid ID number (GB 11643) of 城关区 for a birth date (YYYYMMDD) and a sequence number
// (0–999; odd for a man).
inline std::string id_number(const std::string& birth, int sequence) {
  const std::string first17 = "620102" + birth + fmt::format("{:03}", sequence);
  return first17 + privacy::resident_id_check_character(first17);
}

}  // namespace shequ::testing
