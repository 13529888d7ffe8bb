// Searching text columns for a part of a name that a person typed.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "storage/column.hpp"
#include "storage/database.hpp"

namespace shequ::storage {

// The LIKE pattern that matches every value containing `text`, with LIKE's own characters
// ('%', '_' and the escape character '\') escaped so that they match only themselves.
// Use it only as `column LIKE $n ESCAPE '\'`: without the ESCAPE clause SQLite has no escape
// character, and the escaped pattern would match wrongly on that backend. Thread-safe.
std::string like_contains(std::string_view text);

// The condition "one of `columns` contains `text`" (joined by OR), for a WHERE clause, with the
// same answer on every backend:
//   - '%', '_' and '\' in `text` match only themselves (like_contains);
//   - the ASCII letters A-Z and a-z match each other without regard to case;
//   - every other character matches only itself: 'Ä' does not find 'ä', full-width 'Ｗ' does
//     not find 'W' (entered text is NFC, not NFKC: ADR 0016), Chinese has no case.
// Only ASCII is folded because that is what both backends can do alike in SQL: SQLite's lower()
// and LIKE know no other case (no ICU), and PostgreSQL's lower() follows the database's locale
// unless the value is given the "C" collation, as here (lower(column COLLATE "C"); the SQLite
// backend registers a "C" collation for the purpose). The contract test in
// tests/storage/database_contract_test.cpp holds both backends to this.
//
// The pattern is appended to `params` and referred to as $n (numbered after the parameters
// already there). Empty `text` matches everything: the condition is then "1 = 1" and nothing is
// appended. The columns are literals (Column). Thread-safe.
std::string contains_text(std::initializer_list<Column> columns, std::string_view text,
                          std::vector<Value>& params);

}  // namespace shequ::storage
