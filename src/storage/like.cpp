#include "storage/like.hpp"

#include <fmt/format.h>

namespace shequ::storage {

std::string like_contains(std::string_view text) {
  std::string pattern = "%";
  pattern.reserve(text.size() + 2);
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  pattern += '%';
  return pattern;
}

std::string contains_text(std::initializer_list<Column> columns, std::string_view text,
                          std::vector<Value>& params) {
  if (text.empty() || columns.size() == 0) return "1 = 1";
  // The pattern is folded here as the columns are folded in SQL: ASCII letters only, byte by
  // byte, which never touches a byte of a multi-byte UTF-8 character (all are >= 0x80).
  std::string folded(text);
  for (char& c : folded) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  params.emplace_back(like_contains(folded));
  const std::size_t n = params.size();
  std::string condition;
  for (const Column& column : columns) {
    condition += condition.empty() ? "(" : " OR ";
    condition += fmt::format("lower({} COLLATE \"C\") LIKE ${} ESCAPE '\\'", column.name(), n);
  }
  return condition + ")";
}

}  // namespace shequ::storage
