// Working days as the State Council publishes them each November for the next year (国务院办公厅
// 关于部分节假日安排的通知): Monday to Friday, except the public holidays, plus the weekend days
// worked in exchange (调休上班). Deadlines counted in working days (a general request's 7, a
// rectification's 15) follow it; a deadline counted in hours (an emergency's 2) does not.
//
// The exceptions are a table administrators keep (request_calendar_day); a year the State Council
// has not published yet counts weekends alone.
//
// Immutable after construction; thread-safe.
#pragma once

#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "common/result.hpp"

namespace shequ::requests {

// One day that differs from the Monday-to-Friday rule, or states it for a holiday on a weekend.
struct CalendarDay {
  std::string date;  // "2026-02-16"
  bool working = false;
  std::string name;  // "春节"; for a worked weekend day, the holiday it pays for
};

class WorkCalendar {
 public:
  WorkCalendar() = default;
  explicit WorkCalendar(const std::vector<CalendarDay>& days);

  // Whether people work on that date ("YYYY-MM-DD"). Precondition: is_valid_date(date).
  bool is_working_day(std::string_view date) const;
  // The end (24:00 China time) of the `n`th working day after the China date of `from`: the
  // deadline of "within n working days" for something received at `from`. Precondition: n >= 1.
  TimePoint after_working_days(TimePoint from, int n) const;

 private:
  std::set<std::string, std::less<>> holidays_;
  std::set<std::string, std::less<>> worked_weekend_days_;
};

// Checks a day an administrator enters: a real date, a name of at most 20 characters, and a
// combination that changes something (a holiday on a working day or a weekend; a worked day on a
// weekend only). Every problem at once, on fields named by `prefix` ("days[3].").
Status check_calendar_day(const CalendarDay& day, const std::string& prefix);

}  // namespace shequ::requests
