// Strict parsing of text that arrives from outside: query strings, path segments, CSV cells.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace shequ {

// Parses a non-negative decimal integer: ASCII digits only, at most 18 of them. No sign, no
// spaces, no hex ("0x1"), no exponent ("1e3"); "+1" and "" are rejected. Leading zeros allowed.
std::optional<int64_t> parse_decimal(std::string_view text);

// True when every byte is an ASCII digit and the text is not empty.
bool is_digits(std::string_view text);

// True when the bytes are well-formed UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF).
bool is_valid_utf8(std::string_view text);

// True when the text holds a C0 control character or DEL (tab, CR and LF included).
bool has_control_characters(std::string_view text);

// Number of Unicode code points. Precondition: is_valid_utf8(text).
std::size_t utf8_length(std::string_view text);

// Strips ASCII spaces and tabs at both ends.
std::string_view trim(std::string_view text);

}  // namespace shequ
