// Entered values (DHIS2's data values): what the responsible level enters for an indicator whose
// facts the system does not hold yet, one per indicator, unit and period, and their approval.
//
// Thread-safe: plain data and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/json.hpp"

namespace shequ::indicator {

struct ValueKey {
  std::string indicator;  // "12"
  std::string unit_code;
  std::string period;  // "2025", "202511"
  bool operator==(const ValueKey&) const = default;
};

inline constexpr std::string_view kEntered = "entered";
inline constexpr std::string_view kApproved = "approved";

struct EnteredValue {
  ValueKey key;
  int64_t numerator = 0;
  std::optional<int64_t> denominator;  // when the indicator has no fact for it
  std::string state{kEntered};
  std::string entered_at;
  std::string entered_by;  // user name
  std::optional<std::string> approved_at;
  std::optional<std::string> approved_by;
  int64_t version = 0;  // 0 before it is first saved
};

// One entry, approval or unapproval, as the history shows it.
struct ValueChange {
  int64_t id = 0;
  std::string action;  // "enter", "approve", "unapprove"
  std::string changed_at;
  std::optional<int64_t> user_id;
  std::string username;
  Json before;  // null for the first entry
  Json after;
};

// The largest number a value may hold: ten million (more people than Gansu has, ten times over
// would be a typing error).
inline constexpr int64_t kMaxEntered = 10'000'000;

Json to_json(const EnteredValue& value);
Json to_json(const ValueChange& change);

}  // namespace shequ::indicator
