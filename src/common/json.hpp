// Strict JSON input: the only way request bodies and other outside JSON enter the program.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/result.hpp"

namespace shequ {

using Json = nlohmann::json;

// Parses JSON text. Refuses malformed text, invalid UTF-8, duplicate keys in an object, and
// nesting deeper than `max_depth`; the error names the problem for the person who sent it.
Result<Json> parse_json_strict(std::string_view text, int max_depth = 32);

// Reads the fields of one JSON object into a DTO while collecting every problem at once:
// wrong types, missing required fields, out-of-range values, and (in finish()) unknown fields.
// Not thread-safe; lives for one request.
class JsonObjectReader {
 public:
  // Precondition: `object` outlives the reader.
  explicit JsonObjectReader(const Json& object, std::string prefix = "");

  // A non-empty string trimmed of surrounding spaces, through normalise_text (NFC; no control or
  // invisible characters), then of at most `max_chars` code points. Absent or null -> error for
  // required, nullopt for optional.
  std::optional<std::string> required_text(const std::string& field, std::size_t max_chars);
  std::optional<std::string> optional_text(const std::string& field, std::size_t max_chars);
  // The same, but "" is a value (clears the field) rather than an error.
  std::optional<std::string> optional_text_or_empty(const std::string& field,
                                                    std::size_t max_chars);
  // A string taken exactly as sent (no trimming), 1 to `max_chars` characters: for passwords.
  std::optional<std::string> required_secret(const std::string& field, std::size_t max_chars);
  // An array of objects; `read_item` reads each with a reader whose fields are prefixed
  // "field[i].". nullopt when absent; an error when not an array of objects.
  std::optional<std::size_t> optional_array(
      const std::string& field, std::size_t max_items,
      const std::function<void(JsonObjectReader&)>& read_item);
  // A required array of at most `max_items` non-empty strings, each through normalise_text and
  // then of at most `max_chars` characters. A refused item is reported as "field[i]".
  std::optional<std::vector<std::string>> required_string_array(const std::string& field,
                                                                std::size_t max_items,
                                                                std::size_t max_chars);
  // An integer in [min, max]; floats, strings and booleans are wrong types.
  std::optional<int64_t> required_int(const std::string& field, int64_t min, int64_t max);
  std::optional<int64_t> optional_int(const std::string& field, int64_t min, int64_t max);
  std::optional<bool> optional_bool(const std::string& field);
  // Any JSON number (integer or not).
  std::optional<double> required_number(const std::string& field);

  void add_error(const std::string& field, Text reason);
  bool has_errors() const { return !errors_.empty(); }

  // Reports fields no getter asked for, then returns every error found, or ok.
  Status finish();

 private:
  const Json* find(const std::string& field);
  // Takes the field errors of `error`, whose fields already carry their full path.
  void add_errors(Error error);
  std::string path(const std::string& field) const { return prefix_ + field; }

  const Json& object_;
  std::string prefix_;
  std::set<std::string, std::less<>> seen_;
  std::vector<FieldError> errors_;
};

// Requires that `body` is a JSON object; otherwise an invalid_argument error naming the body.
Result<Json> parse_json_object(std::string_view body);

}  // namespace shequ
