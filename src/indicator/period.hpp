// Periods as DHIS2 writes them: a year ("2025"), a quarter ("2025Q1") or a month ("202511").
//
// Thread-safe: plain values and pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace shequ::indicator {

struct PeriodId {
  enum class Kind { year, quarter, month };
  Kind kind = Kind::year;
  int year = 0;
  int part = 0;  // the quarter (1-4) or the month (1-12); 0 for a year

  bool operator==(const PeriodId&) const = default;
  auto operator<=>(const PeriodId&) const = default;
};

inline constexpr int kFirstPeriodYear = 2015;
inline constexpr int kLastPeriodYear = 2035;

// nullopt unless one of the three forms with a year from kFirstPeriodYear to kLastPeriodYear.
std::optional<PeriodId> parse_period(std::string_view text);
std::string to_string(const PeriodId& period);
// The period's first day, "YYYY-MM-DD".
std::string first_day(const PeriodId& period);
// The period's last day, "YYYY-MM-DD": what stood on that day is what the period counts.
std::string last_day(const PeriodId& period);
// The same period a year earlier (the trend compares with it).
PeriodId year_before(const PeriodId& period);

}  // namespace shequ::indicator
