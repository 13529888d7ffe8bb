// Query strings, decoded strictly; the route's contract (http/contract.hpp) then checks the
// parameters against what the route takes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.hpp"

namespace shequ::http {

// Decodes %XX escapes (and '+' as space when `plus_is_space`). nullopt for a malformed escape,
// an encoded NUL, or a result that is not valid UTF-8.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

// Splits "a=1&b=x%20y" into decoded pairs, in order. Fails (field "query") on a bad escape.
Result<std::vector<std::pair<std::string, std::string>>> parse_query(std::string_view query);

}  // namespace shequ::http
