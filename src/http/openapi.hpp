// The OpenAPI 3 description of the API, generated from the route table so it cannot drift.
#pragma once

#include <string_view>

#include "common/json.hpp"
#include "http/router.hpp"

namespace shequ::http {

Json openapi_document(const Router& router, std::string_view version);

}  // namespace shequ::http
