// Identifiers in SQL that is put together from pieces (storage/scope.hpp, storage/like.hpp).
#pragma once

#include <string_view>

namespace shequ::storage {

// A column name such as "unit_code" or "u.display_name". It can only be made from a literal in
// the source: the constructor runs at compile time and refuses anything but lower-case letters,
// digits, '_' and '.', so a column name never comes from a request.
class Column {
 public:
  consteval Column(const char* name) : name_(name) {  // NOLINT: implicit, from a literal
    if (name_.empty()) not_an_identifier();
    for (const char c : name_) {
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.'))
        not_an_identifier();
    }
  }
  std::string_view name() const { return name_; }

 private:
  // Not constexpr: a constructor that reaches it is not a constant expression and fails to
  // compile.
  static void not_an_identifier() {}
  std::string_view name_;
};

}  // namespace shequ::storage
