// Coded values with their labels (a kind of household, a category of warning): the wire key
// every API and table uses, and the words people read in both languages.
//
// Thread-safe: plain data and pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace shequ {

struct Choice {
  std::string_view key;  // points at a string literal
  Text label;
};

// The choice with this key; null when none has it.
const Choice* find_choice(const std::vector<Choice>& choices, std::string_view key);
// Its label in `locale`; the key itself when no choice has it.
std::string choice_label(const std::vector<Choice>& choices, std::string_view key, Locale locale);
// The keys in order: what an API's enumeration of them accepts.
std::vector<std::string> choice_keys(const std::vector<Choice>& choices);

}  // namespace shequ
