#include "requests/calendar.hpp"

#include <fmt/format.h>

#include "common/strings.hpp"

namespace shequ::requests {

namespace {

constexpr std::size_t kMaxDayName = 20;

std::chrono::weekday weekday_of(std::string_view date) {
  return std::chrono::weekday(std::chrono::floor<std::chrono::days>(parse_date(date)));
}

bool is_weekend(std::string_view date) {
  const std::chrono::weekday day = weekday_of(date);
  return day == std::chrono::Saturday || day == std::chrono::Sunday;
}

std::string next_date(std::string_view date) {
  return format_date(parse_date(date) + std::chrono::days(1));
}

}  // namespace

WorkCalendar::WorkCalendar(const std::vector<CalendarDay>& days) {
  for (const CalendarDay& day : days) {
    (day.working ? worked_weekend_days_ : holidays_).insert(day.date);
  }
}

bool WorkCalendar::is_working_day(std::string_view date) const {
  if (holidays_.contains(date)) return false;
  if (worked_weekend_days_.contains(date)) return true;
  return !is_weekend(date);
}

TimePoint WorkCalendar::after_working_days(TimePoint from, int n) const {
  std::string date = china_date(from);
  for (int counted = 0; counted < n;) {
    date = next_date(date);
    if (is_working_day(date)) ++counted;
  }
  return china_day_end(date);
}

Status check_calendar_day(const CalendarDay& day, const std::string& prefix) {
  std::vector<FieldError> errors;
  if (!is_valid_date(day.date)) {
    errors.push_back(
        {prefix + "date", {"应为“2026-10-01”这样的日期", "must be a date like 2026-10-01"}});
  } else if (day.working && !is_weekend(day.date)) {
    errors.push_back({prefix + "working",
                      {"调休上班日应为周六或周日", "a worked day in exchange falls on a weekend"}});
  }
  const std::string_view name = trim(day.name);
  if (name.empty() || utf8_length(name) > kMaxDayName) {
    errors.push_back({prefix + "name",
                      {fmt::format("应为 1 至 {} 个字的节日名称", kMaxDayName),
                       fmt::format("must name the holiday in 1 to {} characters", kMaxDayName)}});
  }
  if (errors.empty()) return {};
  return Error::invalid(std::move(errors));
}

}  // namespace shequ::requests
