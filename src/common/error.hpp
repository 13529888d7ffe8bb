// Errors as values. Every failure that a caller can act on is an Error with a stable code from
// the one registry below; the HTTP status for each code is chosen in http/error_mapping.cpp only.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace shequ {

// The registry of stable error codes. Append only: clients match on the names.
enum class ErrorCode {
  invalid_argument,
  not_found,
  conflict,
  unauthenticated,
  forbidden,
  too_large,
  rate_limited,
  unavailable,
  internal,
  method_not_allowed,
  unsupported_media_type,
};

inline constexpr ErrorCode kAllErrorCodes[] = {
    ErrorCode::invalid_argument,
    ErrorCode::not_found,
    ErrorCode::conflict,
    ErrorCode::unauthenticated,
    ErrorCode::forbidden,
    ErrorCode::too_large,
    ErrorCode::rate_limited,
    ErrorCode::unavailable,
    ErrorCode::internal,
    ErrorCode::method_not_allowed,
    ErrorCode::unsupported_media_type,
};

// The wire name of a code ("invalid_argument").
std::string_view error_code_name(ErrorCode code);

// Languages the product speaks to people. Chinese is the default.
enum class Locale { zh_CN, en };

// A text shown to people, in every language the product speaks.
struct Text {
  std::string zh;
  std::string en;

  const std::string& in(Locale locale) const { return locale == Locale::en ? en : zh; }
  bool operator==(const Text&) const = default;
};

// One wrong input field and why, e.g. {"pageSize", {"不能大于 200", "must be at most 200"}}.
// `line` is the 1-based line of an imported file the field stands on; 0 when not from a file.
struct FieldError {
  std::string field;
  Text reason;
  int64_t line = 0;
};

// An error returned by a service or repository. `message` and `details` are shown to people;
// `internal_detail` goes to the log only and must never reach a response body.
struct Error {
  ErrorCode code = ErrorCode::internal;
  Text message;
  std::vector<FieldError> details;
  std::string internal_detail;
  // For rate_limited: seconds after which trying again may succeed (HTTP Retry-After).
  int64_t retry_after_seconds = 0;

  // Input failed validation; `details` lists every wrong field at once.
  static Error invalid(std::vector<FieldError> details);
  static Error invalid(std::string field, Text reason);
  static Error not_found(Text what);
  static Error conflict(Text why);
  static Error unauthenticated(Text why);
  static Error forbidden(Text why);
  static Error too_large(Text why);
  // Too many requests of this kind; try again after `retry_after_seconds` (at least 1).
  static Error rate_limited(Text why, int64_t retry_after_seconds);
  static Error unavailable(std::string internal_detail);
  // A fault the user cannot fix; the message is generic, the detail is logged.
  static Error internal(std::string internal_detail);
};

}  // namespace shequ
