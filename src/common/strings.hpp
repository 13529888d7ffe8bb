// Strict parsing of text that arrives from outside: query strings, path segments, CSV cells.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"

namespace shequ {

// Parses a non-negative decimal integer: ASCII digits only, at most 18 of them. No sign, no
// spaces, no hex ("0x1"), no exponent ("1e3"); "+1" and "" are rejected. Leading zeros allowed.
std::optional<int64_t> parse_decimal(std::string_view text);

// A finite number written out whole as std::from_chars reads it ("30.5", "-2", "1e3"); nullopt
// for anything else: spaces, a leading '+', trailing text, infinities, NaN.
std::optional<double> parse_number(std::string_view text);

// True when every byte is an ASCII digit and the text is not empty.
bool is_digits(std::string_view text);

// True when the bytes are well-formed UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF).
bool is_valid_utf8(std::string_view text);

// The one rule for text that people enter or import (names, descriptions, reasons, search
// terms): returns the text in Unicode NFC, or an invalid_argument error naming `field` when it is
// not UTF-8 or holds a character that would make it display as something else:
//   * control characters: C0 (tab and line breaks included), DEL, C1 (U+0080-U+009F);
//   * format characters (general category Cf): bidirectional overrides, embeddings, isolates and
//     marks, zero-width spaces and joiners, word joiners, the byte-order mark, soft hyphens, tags;
//   * line and paragraph separators (U+2028, U+2029);
//   * private-use characters and noncharacters (U+FDD0-U+FDEF, U+xxFFFE, U+xxFFFF);
//   * other characters Unicode says to display as nothing (Hangul fillers), except the marks that
//     only choose how the preceding character is drawn (variation selectors: emoji and Mongolian
//     need them).
// One exception: U+200D ZERO WIDTH JOINER between two emoji, which draws them as one (a family
// of three is man, joiner, woman, joiner, girl). The error's reason names the first refused
// character and its position. Normalised text comes back unchanged. Length limits apply to the
// result. Thread-safe.
Result<std::string> normalise_text(std::string_view text, std::string_view field);

// Text a person entered, for a service that checks a whole input at once: normalised and
// trimmed; a refused character, an empty value when `required`, or more than `max_chars` code
// points is appended to `errors` under `field` (and the value comes back as given).
std::string checked_text(std::string_view value, const std::string& field, std::size_t max_chars,
                         bool required, std::vector<FieldError>& errors);

// Number of Unicode code points. Precondition: is_valid_utf8(text).
std::size_t utf8_length(std::string_view text);

// Strips ASCII spaces and tabs at both ends.
std::string_view trim(std::string_view text);

}  // namespace shequ
