// Query strings, decoded strictly. Every handler reads its parameters through QueryReader,
// which collects every problem at once and refuses parameters the route does not take.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
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

// Not thread-safe; lives for one request.
class QueryReader {
 public:
  // Fails like parse_query.
  static Result<QueryReader> parse(std::string_view raw_query);

  // A decimal integer in [min, max]; `fallback` when absent. Strict: "1e3", "0x1", "+1", "-1"
  // and overlong numbers are errors.
  int64_t integer(const std::string& name, int64_t fallback, int64_t min, int64_t max);
  // The same, but absence is an error too; nullopt when absent or wrong.
  std::optional<int64_t> required_integer(const std::string& name, int64_t min, int64_t max);
  // Text through normalise_text (NFC; no control or invisible characters), then of at most
  // `max_chars` characters; nullopt when absent.
  std::optional<std::string> text(const std::string& name, std::size_t max_chars);
  // The same, but absence is an error too.
  std::optional<std::string> required_text(const std::string& name, std::size_t max_chars);

  // Reports parameters nobody asked for and repeated ones; returns every problem, or ok.
  Status finish();

 private:
  std::optional<std::string> take(const std::string& name);

  std::vector<std::pair<std::string, std::string>> pairs_;
  std::set<std::string, std::less<>> asked_;
  std::vector<FieldError> errors_;
};

}  // namespace shequ::http
