#include "common/error.hpp"

#include <algorithm>
#include <utility>

namespace shequ {

std::string_view error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_argument:
      return "invalid_argument";
    case ErrorCode::not_found:
      return "not_found";
    case ErrorCode::conflict:
      return "conflict";
    case ErrorCode::unauthenticated:
      return "unauthenticated";
    case ErrorCode::forbidden:
      return "forbidden";
    case ErrorCode::too_large:
      return "too_large";
    case ErrorCode::rate_limited:
      return "rate_limited";
    case ErrorCode::unavailable:
      return "unavailable";
    case ErrorCode::internal:
      return "internal";
    case ErrorCode::method_not_allowed:
      return "method_not_allowed";
    case ErrorCode::unsupported_media_type:
      return "unsupported_media_type";
  }
  return "internal";
}

Error Error::invalid(std::vector<FieldError> details) {
  return Error{ErrorCode::invalid_argument,
               {"请求参数有误，请检查后重试", "The request has invalid fields"},
               std::move(details),
               {}};
}

Error Error::invalid(std::string field, Text reason) {
  return invalid(std::vector<FieldError>{{std::move(field), std::move(reason)}});
}

Error Error::not_found(Text what) {
  return Error{ErrorCode::not_found, std::move(what), {}, {}};
}

Error Error::conflict(Text why) {
  return Error{ErrorCode::conflict, std::move(why), {}, {}};
}

Error Error::unauthenticated(Text why) {
  return Error{ErrorCode::unauthenticated, std::move(why), {}, {}};
}

Error Error::forbidden(Text why) {
  return Error{ErrorCode::forbidden, std::move(why), {}, {}};
}

Error Error::too_large(Text why) {
  return Error{ErrorCode::too_large, std::move(why), {}, {}};
}

Error Error::rate_limited(Text why, int64_t retry_after_seconds) {
  Error error{ErrorCode::rate_limited, std::move(why), {}, {}};
  error.retry_after_seconds = std::max<int64_t>(1, retry_after_seconds);
  return error;
}

Error Error::unavailable(std::string internal_detail) {
  return Error{ErrorCode::unavailable,
               {"服务暂时不可用，请稍后重试", "The service is temporarily unavailable"},
               {},
               std::move(internal_detail)};
}

Error Error::internal(std::string internal_detail) {
  return Error{ErrorCode::internal,
               {"服务器内部错误，请稍后重试", "Internal server error"},
               {},
               std::move(internal_detail)};
}

}  // namespace shequ
