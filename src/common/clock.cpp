#include "common/clock.hpp"

#include <fmt/format.h>

#include "common/strings.hpp"

namespace shequ {

namespace {
using std::chrono::year_month_day;

year_month_day to_date(TimePoint t) {
  return year_month_day{std::chrono::floor<std::chrono::days>(t)};
}
}  // namespace

std::string format_timestamp(TimePoint t) {
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const year_month_day ymd{day};
  const std::chrono::hh_mm_ss hms{std::chrono::floor<std::chrono::milliseconds>(t - day)};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                     hms.hours().count(), hms.minutes().count(), hms.seconds().count(),
                     hms.subseconds().count());
}

std::optional<TimePoint> parse_timestamp(std::string_view text) {
  // 2026-11-30T08:15:00.123Z
  if (text.size() != 24 || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      text[19] != '.' || text[23] != 'Z' || !is_valid_date(text.substr(0, 10))) {
    return std::nullopt;
  }
  const auto hours = parse_decimal(text.substr(11, 2));
  const auto minutes = parse_decimal(text.substr(14, 2));
  const auto seconds = parse_decimal(text.substr(17, 2));
  const auto millis = parse_decimal(text.substr(20, 3));
  if (!hours || !minutes || !seconds || !millis || *hours > 23 || *minutes > 59 || *seconds > 59)
    return std::nullopt;
  return parse_date(text.substr(0, 10)) + std::chrono::hours(*hours) +
         std::chrono::minutes(*minutes) + std::chrono::seconds(*seconds) +
         std::chrono::milliseconds(*millis);
}

std::string format_date(TimePoint t) {
  const auto ymd = to_date(t);
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

std::string china_date(TimePoint t) {
  return format_date(t + std::chrono::hours(8));
}

int china_year(TimePoint t) {
  const std::chrono::year_month_day day{
      std::chrono::floor<std::chrono::days>(t + std::chrono::hours(8))};
  return static_cast<int>(day.year());
}

TimePoint china_day_start(std::string_view date) {
  return parse_date(date) - std::chrono::hours(8);
}

TimePoint china_day_end(std::string_view date) {
  return china_day_start(date) + std::chrono::hours(24);
}

bool is_valid_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  const auto y = parse_decimal(text.substr(0, 4));
  const auto m = parse_decimal(text.substr(5, 2));
  const auto d = parse_decimal(text.substr(8, 2));
  if (!y || !m || !d) return false;
  const year_month_day ymd{std::chrono::year(static_cast<int>(*y)),
                           std::chrono::month(static_cast<unsigned>(*m)),
                           std::chrono::day(static_cast<unsigned>(*d))};
  return ymd.ok();
}

TimePoint parse_date(std::string_view text) {
  const year_month_day ymd{
      std::chrono::year(static_cast<int>(*parse_decimal(text.substr(0, 4)))),
      std::chrono::month(static_cast<unsigned>(*parse_decimal(text.substr(5, 2)))),
      std::chrono::day(static_cast<unsigned>(*parse_decimal(text.substr(8, 2))))};
  return std::chrono::sys_days{ymd};
}

}  // namespace shequ
