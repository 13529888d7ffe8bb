// Checks of text fields shared by the volunteer module's services. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include <fmt/format.h>

#include "common/error.hpp"
#include "common/strings.hpp"

namespace shequ::volunteer {

// Adds a reason on `field` unless `value` has from `min` to `max` characters.
inline void check_length(std::vector<FieldError>& problems, const std::string& field,
                         const std::string& value, std::size_t min, std::size_t max) {
  const std::size_t length = utf8_length(value);
  if (length < min || length > max) {
    problems.push_back({field,
                        {fmt::format("应为 {} 至 {} 个字", min, max),
                         fmt::format("must be {} to {} characters", min, max)}});
  }
}

}  // namespace shequ::volunteer
