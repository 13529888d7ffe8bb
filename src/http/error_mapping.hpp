// The one place where error codes become HTTP statuses and error bodies.
#pragma once

#include <string_view>

#include "common/error.hpp"
#include "http/message.hpp"

namespace shequ::http {

int http_status(ErrorCode code);

// {"code": ..., "message": ..., "details": [{"field", "reason"[, "line"]}], "requestId": ...}
// in the request's language, with Retry-After for rate_limited. Never includes
// Error::internal_detail.
Response error_response(const Error& error, Locale locale, std::string_view request_id);
// The same body alone, for an error reported inside another answer (a failed job).
Json error_body(const Error& error, Locale locale, std::string_view request_id);

}  // namespace shequ::http
