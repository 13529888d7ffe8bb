// The OpenAPI 3.1 description of the API, generated from the route table and its contracts so
// that it cannot drift: every operation with its parameters, body and replies, the permission it
// needs (x-permission), the named shapes under components/schemas, and the shared Error shape
// for every 4xx and 5xx answer.
#pragma once

#include <string_view>

#include "common/json.hpp"
#include "http/router.hpp"

namespace shequ::http {

Json openapi_document(const Router& router, std::string_view version);

}  // namespace shequ::http
