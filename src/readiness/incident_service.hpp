// Disaster incident reports (灾情报送): a village's or community's disaster information officer,
// a grid worker (for their grid) or the staff of a township or county reports what happened (kind,
// time, place), what it took (people affected, injured, dead, missing; houses damaged) and what is
// needed, and corrects it as the count firms up (续报). The units above read the reports of their
// subtree and their totals by unit, kind and period.
//
// Every call checks the caller's scope on the server: a report outside it is not_found.
// Thread-safe; what the constructor takes outlives the service.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "common/actor.hpp"
#include "common/clock.hpp"
#include "org/org_service.hpp"
#include "readiness/incident_repository.hpp"
#include "storage/database.hpp"

namespace shequ::readiness {

inline constexpr std::size_t kMaxPlace = 200;
inline constexpr std::size_t kMaxNeeds = 1000;
inline constexpr int64_t kMaxPeople = 100'000'000;

struct IncidentInput {
  std::string unit;
  std::string kind;
  std::string occurred_at;  // format_timestamp
  std::string place;
  Toll toll;  // incidents unused
  std::string needs;
};

struct IncidentView {
  Incident incident;
  std::string unit_name;
};

// China dates, both included; "" for the first day of the current year and today.
struct Period {
  std::string from;
  std::string to;
};

struct UnitToll {
  std::string unit;
  std::string unit_name;
  Toll toll;
};

struct IncidentSummary {
  std::string unit;
  std::string unit_name;
  Period period;
  Toll total;
  std::map<std::string, Toll> by_kind;
  std::vector<UnitToll> children;  // every child unit (grids aside), none left out
};

class IncidentService {
 public:
  IncidentService(const org::OrgService& org, storage::Database& db, const audit::Log& audit,
                  const Clock& clock);

  // Every field is checked at once: the toll must add up (injured, dead and missing are among
  // the affected), the time must not be in the future.
  Result<IncidentView> report(const Actor& actor, const IncidentInput& input) const;
  // A later report of the same incident (续报) at `version`; its unit does not change.
  Result<IncidentView> correct(const Actor& actor, int64_t id, int64_t version,
                               const IncidentInput& input) const;
  Result<IncidentView> find(const Actor& actor, int64_t id) const;
  // In `unit`'s subtree ("" every unit of the caller's scope), latest first.
  Result<org::Page<IncidentView>> list(const Actor& actor, const std::string& unit,
                                       const std::string& kind, const Period& period,
                                       const org::PageRequest& page) const;
  // Totals over `unit`'s subtree ("" the caller's own unit) in the period.
  Result<IncidentSummary> summary(const Actor& actor, const std::string& unit,
                                  const Period& period) const;

 private:
  Result<IncidentInput> validated(const Actor& actor, const IncidentInput& input) const;
  Result<Period> period_of(const Period& period) const;
  IncidentView view_of(Incident incident) const;
  Result<Incident> visible(storage::Session& s, const Actor& actor, int64_t id) const;

  const org::OrgService& org_;
  storage::Database& db_;
  const audit::Log& audit_;
  const Clock& clock_;
};

}  // namespace shequ::readiness
