#include "app/settings.hpp"

#include <charconv>
#include <cstdlib>

#include <fmt/format.h>

namespace shequ::app {

Result<double> number_setting(const Settings& settings, std::string_view name, double fallback,
                              double min, double max) {
  const auto it = settings.find(std::string(name));
  if (it == settings.end()) return fallback;
  char* end = nullptr;
  const double value = std::strtod(it->second.c_str(), &end);
  if (it->second.empty() || *end != '\0' || !(value >= min && value <= max)) {
    return Error::invalid(
        std::string(name),
        {fmt::format("应为 {} 到 {} 之间的数：{}", min, max, it->second),
         fmt::format("must be a number from {} to {}: {}", min, max, it->second)});
  }
  return value;
}

Result<int64_t> whole_number_setting(const Settings& settings, std::string_view name,
                                     int64_t fallback, int64_t min, int64_t max) {
  const auto it = settings.find(std::string(name));
  if (it == settings.end()) return fallback;
  int64_t value = 0;
  const std::string& text = it->second;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    return Error::invalid(
        std::string(name),
        {fmt::format("应为 {} 到 {} 之间的整数：{}", min, max, text),
         fmt::format("must be a whole number from {} to {}: {}", min, max, text)});
  }
  return value;
}

}  // namespace shequ::app
