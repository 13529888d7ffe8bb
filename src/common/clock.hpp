// Time, injected. Services take a Clock& so that tests run at a fixed, chosen time.
#pragma once

#include <atomic>
#include <chrono>
#include <optional>
#include <string>

namespace shequ {

using TimePoint = std::chrono::system_clock::time_point;

// Thread-safe: now() may be called from any thread.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint now() const override { return std::chrono::system_clock::now(); }
};

// A clock that stands still until advanced; for tests and for replaying imports at a given date.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start) : now_(start.time_since_epoch().count()) {}
  TimePoint now() const override { return TimePoint(TimePoint::duration(now_.load())); }
  void advance(TimePoint::duration by) { now_ += by.count(); }
  void set(TimePoint at) { now_ = at.time_since_epoch().count(); }

 private:
  std::atomic<TimePoint::duration::rep> now_;
};

// "2026-11-30T08:15:00.123Z" (UTC, millisecond precision): the one timestamp format in storage.
std::string format_timestamp(TimePoint t);
// The time point of a timestamp written by format_timestamp; nullopt for any other text.
std::optional<TimePoint> parse_timestamp(std::string_view text);
// "2026-11-30" (UTC): the one date format in storage.
std::string format_date(TimePoint t);
// The calendar date in China (UTC+8, no daylight saving): what "today" means to every user of
// a province's system, e.g. the day a grid is created or an import takes effect.
std::string china_date(TimePoint t);
// The year of that date (2026): the year officials report on today.
int china_year(TimePoint t);
// Parses "YYYY-MM-DD" strictly (real calendar date); false when malformed.
bool is_valid_date(std::string_view text);
// Builds a time point at midnight UTC of the given date. Precondition: is_valid_date.
TimePoint parse_date(std::string_view text);
// The first instant of a calendar day in China (16:00 UTC the day before), and the first of the
// next one: the bounds of "that day" for a user. Precondition: is_valid_date.
TimePoint china_day_start(std::string_view date);
TimePoint china_day_end(std::string_view date);

}  // namespace shequ
