#include "common/strings.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <memory>

#include <fmt/format.h>
#include <utf8proc.h>

namespace shequ {

namespace {

bool is_noncharacter(utf8proc_int32_t c) {
  return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
}

bool is_emoji(utf8proc_int32_t c) {
  return utf8proc_get_property(c)->boundclass == UTF8PROC_BOUNDCLASS_EXTENDED_PICTOGRAPHIC;
}

// Skin tones and variation selectors that finish an emoji before a joiner.
bool extends_previous(utf8proc_int32_t c) {
  return utf8proc_get_property(c)->boundclass == UTF8PROC_BOUNDCLASS_EXTEND;
}

bool is_refused(utf8proc_int32_t c) {
  switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CO:
    case UTF8PROC_CATEGORY_CS:
      return true;
    case UTF8PROC_CATEGORY_MN:
      // Marks only change the character before them, and variation selectors among them are
      // part of emoji and of Mongolian writing, though Unicode lists them as ignorable.
      return false;
    default:
      return is_noncharacter(c) || utf8proc_get_property(c)->ignorable;
  }
}

constexpr utf8proc_int32_t kZeroWidthJoiner = 0x200D;

}  // namespace

std::optional<int64_t> parse_decimal(std::string_view text) {
  if (text.empty() || text.size() > 18 || !is_digits(text)) return std::nullopt;
  int64_t value = 0;
  for (char c : text) value = value * 10 + (c - '0');
  return value;
}

std::optional<double> parse_number(std::string_view text) {
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

bool is_digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool is_valid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t extra = 0;
    uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
      extra = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + extra >= n) return false;  // truncated sequence
    for (std::size_t k = 1; k <= extra; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    static constexpr uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += extra + 1;
  }
  return true;
}

Result<std::string> normalise_text(std::string_view text, std::string_view field) {
  if (!is_valid_utf8(text)) {
    return Error::invalid(std::string(field), {"不是有效的 UTF-8 文本", "is not valid UTF-8 text"});
  }
  utf8proc_uint8_t* composed = nullptr;
  const utf8proc_ssize_t size =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                   static_cast<utf8proc_ssize_t>(text.size()), &composed,
                   static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  const std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(composed, &std::free);
  if (size < 0) {
    return Error::internal(fmt::format("utf8proc_map: {}", utf8proc_errmsg(size)));
  }
  std::string out(reinterpret_cast<const char*>(composed), static_cast<std::size_t>(size));
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(out.data());
  auto next_code_point = [&](std::size_t& at) {
    utf8proc_int32_t c = 0;
    at += static_cast<std::size_t>(
        utf8proc_iterate(bytes + at, static_cast<utf8proc_ssize_t>(out.size() - at), &c));
    return c;
  };
  bool after_emoji = false;
  std::size_t position = 0;
  for (std::size_t at = 0; at < out.size();) {
    const utf8proc_int32_t c = next_code_point(at);
    ++position;
    std::size_t ahead = at;
    const bool joins_emoji =
        c == kZeroWidthJoiner && after_emoji && at < out.size() && is_emoji(next_code_point(ahead));
    if (is_refused(c) && !joins_emoji) {
      return Error::invalid(
          std::string(field),
          {fmt::format("不能含有控制字符或不可见字符（第 {} 个字符 U+{:04X}）", position, c),
           fmt::format(
               "must not contain control or invisible characters (U+{:04X} at character {})", c,
               position)});
    }
    after_emoji = is_emoji(c) || (after_emoji && extends_previous(c));
  }
  return out;
}

std::size_t utf8_length(std::string_view text) {
  std::size_t count = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++count;
  }
  return count;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string checked_text(std::string_view value, const std::string& field, std::size_t max_chars,
                         bool required, std::vector<FieldError>& errors) {
  auto normalised = normalise_text(value, field);
  if (!normalised) {
    errors.insert(errors.end(), normalised.error().details.begin(),
                  normalised.error().details.end());
    return std::string(value);
  }
  std::string out(trim(*normalised));
  if (required && out.empty()) {
    errors.push_back({field, {"不能为空", "must not be empty"}});
  } else if (utf8_length(out) > max_chars) {
    errors.push_back({field,
                      {fmt::format("最长 {} 个字", max_chars),
                       fmt::format("at most {} characters", max_chars)}});
  }
  return out;
}

}  // namespace shequ
