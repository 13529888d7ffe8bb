#include "residents/checks.hpp"

#include <fmt/format.h>

#include <cmath>

#include "common/clock.hpp"
#include "common/strings.hpp"

namespace shequ::residents {

Error person_not_found() {
  return Error::not_found({"未找到该居民", "no such resident"});
}

std::optional<int32_t> e7(const std::optional<double>& degrees) {
  if (!degrees) return std::nullopt;
  return static_cast<int32_t>(std::lround(*degrees * 1e7));
}

void check_length(std::vector<FieldError>& errors, const std::string& field,
                  const std::string& value, std::size_t min, std::size_t max) {
  const std::size_t n = utf8_length(value);
  if (n < min || n > max) {
    errors.push_back({field,
                      {fmt::format("长度应为 {} 至 {} 个字", min, max),
                       fmt::format("must be {} to {} characters", min, max)}});
  }
}

void check_choice(std::vector<FieldError>& errors, const std::string& field,
                  const std::vector<Choice>& choices, const std::string& value) {
  if (!is_choice(choices, value)) {
    std::string keys;
    for (const Choice& c : choices) keys += (keys.empty() ? "" : ", ") + std::string(c.key);
    errors.push_back({field, {"应为以下之一：" + keys, "must be one of " + keys}});
  }
}

// A date given by a user: real, not in the future, not before `earliest`.
void check_date(std::vector<FieldError>& errors, const std::string& field, const std::string& value,
                const std::string& today, const std::string& earliest) {
  if (!is_valid_date(value)) {
    errors.push_back({field, {"日期应为 YYYY-MM-DD", "must be a date, YYYY-MM-DD"}});
  } else if (value > today) {
    errors.push_back({field, {"日期不能晚于今天", "must not be in the future"}});
  } else if (value < earliest) {
    errors.push_back({field,
                      {fmt::format("日期不能早于 {}", earliest),
                       fmt::format("must not be before {}", earliest)}});
  }
}

void append_problems(std::vector<FieldError>& errors, const Status& status) {
  if (!status) {
    for (const FieldError& e : status.error().details) errors.push_back(e);
  }
}

}  // namespace shequ::residents
