#include "http/error_mapping.hpp"

namespace shequ::http {

int http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_argument:
      return 400;
    case ErrorCode::unauthenticated:
      return 401;
    case ErrorCode::forbidden:
      return 403;
    case ErrorCode::not_found:
      return 404;
    case ErrorCode::method_not_allowed:
      return 405;
    case ErrorCode::conflict:
      return 409;
    case ErrorCode::too_large:
      return 413;
    case ErrorCode::unsupported_media_type:
      return 415;
    case ErrorCode::rate_limited:
      return 429;
    case ErrorCode::internal:
      return 500;
    case ErrorCode::unavailable:
      return 503;
  }
  return 500;
}

Json error_body(const Error& error, Locale locale, std::string_view request_id) {
  Json details = Json::array();
  for (const FieldError& d : error.details) {
    Json item{{"field", d.field}, {"reason", d.reason.in(locale)}};
    if (d.line > 0) item["line"] = d.line;
    details.push_back(std::move(item));
  }
  return {{"code", error_code_name(error.code)},
          {"message", error.message.in(locale)},
          {"details", std::move(details)},
          {"requestId", request_id}};
}

Response error_response(const Error& error, Locale locale, std::string_view request_id) {
  Response response =
      Response::json(http_status(error.code), error_body(error, locale, request_id));
  if (error.code == ErrorCode::rate_limited && error.retry_after_seconds > 0)
    response.headers.emplace_back("retry-after", std::to_string(error.retry_after_seconds));
  return response;
}

}  // namespace shequ::http
