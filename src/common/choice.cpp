#include "common/choice.hpp"

#include <algorithm>

namespace shequ {

const Choice* find_choice(const std::vector<Choice>& choices, std::string_view key) {
  const auto found =
      std::find_if(choices.begin(), choices.end(), [&](const Choice& c) { return c.key == key; });
  return found == choices.end() ? nullptr : &*found;
}

std::string choice_label(const std::vector<Choice>& choices, std::string_view key, Locale locale) {
  const Choice* c = find_choice(choices, key);
  return c ? c->label.in(locale) : std::string(key);
}

std::vector<std::string> choice_keys(const std::vector<Choice>& choices) {
  std::vector<std::string> keys;
  for (const Choice& c : choices) keys.emplace_back(c.key);
  return keys;
}

}  // namespace shequ
