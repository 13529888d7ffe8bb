// Searching text columns for a part of a name that a person typed.
#pragma once

#include <string>
#include <string_view>

namespace shequ::storage {

// The LIKE pattern that matches every value containing `text`, with LIKE's own characters
// ('%', '_' and the escape character '\') escaped so that they match only themselves.
// Use it only as `column LIKE $n ESCAPE '\'`: without the ESCAPE clause SQLite has no escape
// character, and the escaped pattern would match wrongly on that backend. Thread-safe.
std::string like_contains(std::string_view text);

}  // namespace shequ::storage
