// The plan's indicators for people: values for any unit and period in one's scope (DHIS2's
// analytics), and the entry and approval of the values the system cannot compute yet.
//
// Scope: analytics and entry lists need indicator:value:read over the units asked for; entering
// needs indicator:value:enter over the value's unit, approving and unapproving
// indicator:value:approve over it from a unit above it. Outside scope a unit does not exist
// (not_found). Entries, approvals and unapprovals are kept in the value's history and audited.
//
// Thread-safe: holds references only; the engine is shared by every caller.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "common/actor.hpp"
#include "common/clock.hpp"
#include "indicator/catalogue.hpp"
#include "indicator/declaration.hpp"
#include "indicator/engine.hpp"
#include "indicator/value.hpp"
#include "kit/module.hpp"
#include "org/org_service.hpp"
#include "storage/database.hpp"

namespace shequ::indicator {

// What the analytics ask for, as the request writes it (analytics in docs/api.md).
struct AnalyticsQuery {
  std::vector<std::string> indicators;  // "4", "19" (both of its parts), ...
  std::vector<std::string> units;       // codes, "LEVEL-n", "CHILDREN"
  std::vector<std::string> periods;     // "2020", "2025Q1", "202511"
};

struct AnalyticsRow {
  const Indicator* indicator = nullptr;
  std::string unit;
  std::string period;
  Figure figure;
  std::string status;              // "met", "on_track", "at_risk", "no_data"
  std::optional<double> progress;  // the share of the target reached, 0 to 100
  std::optional<int> rank;         // among its parent's children with data, best first
  int ranked = 0;                  // how many of them there are
  bool from_records = false;       // counted, wholly or partly, from a module's records
};

struct AnalyticsResult {
  std::vector<const Indicator*> indicators;
  std::vector<org::UnitRef> units;  // every unit of a row, with its name
  std::vector<AnalyticsRow> rows;
};

// The residences under a unit reaching daily services and a fitness ground within fifteen
// minutes (indicator 29, from the fifteen-minute circle): {residences, reached daily, reached
// fitness}; an error when the circle has no network for the unit.
struct CircleFigures {
  double residences = 0;
  double reached_daily = 0;
  double reached_fitness = 0;
};
using CircleSource = std::function<Result<CircleFigures>(const std::string& unit)>;

// The counts behind the three rates of requests handled on receipt (rows R1 to R3) of one lead
// unit's own cases, as docs/requests.md defines them: response = accepted in time / received,
// resolution = resolved in time / due for resolution, satisfaction = satisfied / rated.
struct RequestCounts {
  std::string unit;
  int64_t received = 0;
  int64_t accepted_in_time = 0;
  int64_t resolution_due = 0;
  int64_t resolved_in_time = 0;
  int64_t rated = 0;
  int64_t satisfied = 0;
};
// Every lead unit's counts for the cases received over China dates [first_day, last_day].
using RequestSource = std::function<Result<std::vector<RequestCounts>>(
    const std::string& first_day, const std::string& last_day)>;

// What a module counts for an entered indicator row from its records (ADR 0030) over China
// dates [first_day, last_day]: one entry per unit whose records say it. nullopt when no module
// counts the row. Where a unit at the row's entry level has counts in its subtree, they replace
// the value entered for it.
using ModuleSource = std::function<Result<std::optional<std::vector<kit::UnitCounts>>>(
    std::string_view indicator, const std::string& first_day, const std::string& last_day)>;

// What a module counted from its records for one entry-level unit's subtree (ADR 0030): the
// figure that replaces the entered value for the period.
struct CountedValue {
  int64_t numerator = 0;
  int64_t denominator = 0;  // when the indicator does not divide by one of the engine's facts
};

// One entry-level unit on the entry page: its value when entered, the fact an indicator divides
// by when the system has it, and the module's count when its records cover the unit.
struct EntryRow {
  org::UnitRef unit;
  std::optional<EnteredValue> value;
  std::optional<double> denominator_fact;
  std::optional<CountedValue> counted;
};

struct EntryRequest {
  std::string indicator;
  std::string unit_code;
  std::string period;
  std::optional<int64_t> numerator;
  std::optional<int64_t> denominator;
  int64_t expected_version = 0;  // 0 for a first entry
};

class IndicatorService {
 public:
  // Every reference must outlive the service. `circle`, `requests` and `modules` may be empty
  // (no such module): their rows have no data, or (modules) their entered values only.
  IndicatorService(const org::OrgService& org, storage::Database& db, const audit::Log& audit,
                   const Clock& clock, Engine& engine, CircleSource circle, RequestSource requests,
                   ModuleSource modules = {});

  // Every field checked at once; units outside scope are not_found. At most kMaxRows rows.
  Result<AnalyticsResult> analytics(const Actor& actor, const AnalyticsQuery& query) const;
  static constexpr std::size_t kMaxRows = 100'000;

  // The units under `unit` (itself included) at the indicator's entry level, with their values
  // for `period`; at most kMaxEntryRows.
  Result<std::vector<EntryRow>> entries(const Actor& actor, const std::string& indicator,
                                        const std::string& unit, const std::string& period) const;
  static constexpr std::size_t kMaxEntryRows = 5'000;

  Result<EnteredValue> enter(const Actor& actor, const EntryRequest& request) const;
  Result<EnteredValue> approve(const Actor& actor, const ValueKey& key,
                               int64_t expected_version) const;
  Result<EnteredValue> unapprove(const Actor& actor, const ValueKey& key,
                                 int64_t expected_version) const;
  // Newest first.
  Result<std::vector<ValueChange>> history(const Actor& actor, const ValueKey& key) const;

 private:
  Result<EnteredValue> set_approval(const Actor& actor, const ValueKey& key,
                                    int64_t expected_version, bool approve) const;
  // The value when its unit is in the actor's scope for `permission`, else not_found.
  Result<EnteredValue> visible(storage::Session& s, const Actor& actor, std::string_view permission,
                               const ValueKey& key) const;
  int current_year() const;

  const org::OrgService& org_;
  storage::Database& db_;
  const audit::Log& audit_;
  const Clock& clock_;
  Engine& engine_;
  CircleSource circle_;
  RequestSource requests_;
  ModuleSource modules_;
};

}  // namespace shequ::indicator
