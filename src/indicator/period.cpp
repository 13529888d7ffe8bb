#include "indicator/period.hpp"

#include <fmt/format.h>
#include <charconv>

namespace shequ::indicator {

namespace {

std::optional<int> digits(std::string_view text) {
  int value = 0;
  if (text.empty()) return std::nullopt;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

}  // namespace

std::optional<PeriodId> parse_period(std::string_view text) {
  if (text.size() < 4) return std::nullopt;
  const auto year = digits(text.substr(0, 4));
  if (!year || *year < kFirstPeriodYear || *year > kLastPeriodYear) return std::nullopt;
  const std::string_view rest = text.substr(4);
  if (rest.empty()) return PeriodId{PeriodId::Kind::year, *year, 0};
  if (rest.size() == 2 && rest[0] == 'Q') {
    const auto quarter = digits(rest.substr(1));
    if (quarter && *quarter >= 1 && *quarter <= 4) {
      return PeriodId{PeriodId::Kind::quarter, *year, *quarter};
    }
    return std::nullopt;
  }
  if (rest.size() == 2) {
    const auto month = digits(rest);
    if (month && *month >= 1 && *month <= 12) return PeriodId{PeriodId::Kind::month, *year, *month};
  }
  return std::nullopt;
}

std::string to_string(const PeriodId& period) {
  switch (period.kind) {
    case PeriodId::Kind::year:
      return fmt::format("{:04}", period.year);
    case PeriodId::Kind::quarter:
      return fmt::format("{:04}Q{}", period.year, period.part);
    case PeriodId::Kind::month:
      return fmt::format("{:04}{:02}", period.year, period.part);
  }
  return {};
}

std::string last_day(const PeriodId& period) {
  int month = 12;
  if (period.kind == PeriodId::Kind::quarter) month = period.part * 3;
  if (period.kind == PeriodId::Kind::month) month = period.part;
  return fmt::format("{:04}-{:02}-{:02}", period.year, month, days_in_month(period.year, month));
}

std::string first_day(const PeriodId& period) {
  int month = 1;
  if (period.kind == PeriodId::Kind::quarter) month = period.part * 3 - 2;
  if (period.kind == PeriodId::Kind::month) month = period.part;
  return fmt::format("{:04}-{:02}-01", period.year, month);
}

PeriodId year_before(const PeriodId& period) {
  PeriodId before = period;
  before.year -= 1;
  return before;
}

}  // namespace shequ::indicator
