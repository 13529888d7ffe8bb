// Strict JSON input: the only way request bodies and other outside JSON enter the program (the
// contracts of http/contract.hpp then check their shape).
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/result.hpp"

namespace shequ {

using Json = nlohmann::json;

// Parses JSON text. Refuses malformed text, invalid UTF-8, duplicate keys in an object, and
// nesting deeper than `max_depth`; the error names the problem for the person who sent it.
Result<Json> parse_json_strict(std::string_view text, int max_depth = 32);

}  // namespace shequ
