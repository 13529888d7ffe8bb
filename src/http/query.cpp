#include "http/query.hpp"

#include "common/reasons.hpp"
#include "common/strings.hpp"

namespace shequ::http {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;  // truncated escape
      const int hi = hex_value(text[i + 1]);
      const int lo = hex_value(text[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      const char decoded = static_cast<char>(hi * 16 + lo);
      if (decoded == '\0') return std::nullopt;
      out.push_back(decoded);
      i += 2;
    } else if (c == '\0') {
      return std::nullopt;  // a raw NUL is refused like an encoded one
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  if (!is_valid_utf8(out)) return std::nullopt;
  return out;
}

Result<std::vector<std::pair<std::string, std::string>>> parse_query(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> pairs;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view part = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (part.empty()) continue;
    const auto eq = part.find('=');
    auto name = percent_decode(part.substr(0, eq), true);
    auto value = percent_decode(
        eq == std::string_view::npos ? std::string_view{} : part.substr(eq + 1), true);
    if (!name || !value) {
      return Error::invalid("query", {"查询参数编码有误", "the query string is badly encoded"});
    }
    pairs.emplace_back(std::move(*name), std::move(*value));
  }
  return pairs;
}

Result<QueryReader> QueryReader::parse(std::string_view raw_query) {
  SHEQU_ASSIGN_OR_RETURN(auto pairs, parse_query(raw_query));
  QueryReader reader;
  reader.pairs_ = std::move(pairs);
  return reader;
}

std::optional<std::string> QueryReader::take(const std::string& name) {
  asked_.insert(name);
  for (const auto& [key, value] : pairs_) {
    if (key == name) return value;
  }
  return std::nullopt;
}

int64_t QueryReader::integer(const std::string& name, int64_t fallback, int64_t min, int64_t max) {
  const auto raw = take(name);
  if (!raw) return fallback;
  const auto value = parse_decimal(*raw);
  if (!value || *value < min || *value > max) {
    errors_.push_back({name, reason::not_an_integer_from(min, max)});
    return fallback;
  }
  return *value;
}

std::optional<int64_t> QueryReader::required_integer(const std::string& name, int64_t min,
                                                     int64_t max) {
  const std::size_t errors_before = errors_.size();
  const int64_t value = integer(name, min - 1, min, max);
  if (value >= min) return value;
  if (errors_.size() == errors_before) errors_.push_back({name, reason::required()});
  return std::nullopt;
}

std::optional<std::string> QueryReader::required_text(const std::string& name,
                                                      std::size_t max_chars) {
  const std::size_t errors_before = errors_.size();
  auto value = text(name, max_chars);
  if (!value && errors_.size() == errors_before) errors_.push_back({name, reason::required()});
  return value;
}

std::optional<std::string> QueryReader::text(const std::string& name, std::size_t max_chars) {
  const auto raw = take(name);
  if (!raw) return std::nullopt;
  auto text = normalise_text(*raw, name);
  if (!text) {
    for (FieldError& e : std::move(text).error().details) errors_.push_back(std::move(e));
    return std::nullopt;
  }
  if (utf8_length(*text) > max_chars) {
    errors_.push_back({name, reason::too_long(max_chars)});
    return std::nullopt;
  }
  return std::move(text).value();
}

Status QueryReader::finish() {
  std::set<std::string, std::less<>> seen;
  for (const auto& [key, value] : pairs_) {
    if (!asked_.contains(key)) {
      if (seen.insert(key).second) errors_.push_back({key, reason::unknown_query_parameter()});
      continue;
    }
    if (!seen.insert(key).second) {
      errors_.push_back({key, reason::repeated_query_parameter()});
    }
  }
  if (errors_.empty()) return {};
  return Error::invalid(std::move(errors_));
}

}  // namespace shequ::http
