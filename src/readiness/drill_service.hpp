// Emergency drills (应急演练): a county, township, village or community plans a drill (a date
// that may lie ahead) and records it once held: the scenario rehearsed (fire, earthquake, flood,
// evacuation, gas leak, other) and how, the people taking part, the place and a summary. The units
// above read the drills of their subtree and this year's counts.
//
// Every call checks the caller's scope on the server: a drill or unit outside it is not_found.
// Thread-safe; what the constructor takes outlives the service.
#pragma once

#include <cstdint>
#include <string>

#include "audit/audit_log.hpp"
#include "common/actor.hpp"
#include "common/clock.hpp"
#include "org/org_service.hpp"
#include "readiness/drill_repository.hpp"
#include "storage/database.hpp"

namespace shequ::readiness {

inline constexpr std::size_t kMaxDrillText = 200;
inline constexpr std::size_t kMaxDrillSummary = 2000;
inline constexpr int64_t kMaxParticipants = 1'000'000;

struct DrillInput {
  std::string unit;
  std::string held_on;  // China date
  std::string status;   // planned, done
  std::string scenario;
  std::string description;
  int64_t participants = 0;
  std::string place;
  std::string summary;
};

struct DrillView {
  Drill drill;
  std::string unit_name;
};

struct DrillQuery {
  std::string unit;  // its subtree; "" every unit of the caller's scope
  std::string scenario;
  std::string status;
  std::string from;  // China dates, both included; "" open
  std::string to;
};

// The drills of this year (China time) in the listed subtrees.
struct DrillYear {
  int64_t year = 0;
  int64_t done = 0;
  int64_t planned = 0;
  int64_t participants = 0;  // of the drills held
};

struct DrillList {
  org::Page<DrillView> page;
  DrillYear this_year;
};

class DrillService {
 public:
  DrillService(const org::OrgService& org, storage::Database& db, const audit::Log& audit,
               const Clock& clock);

  // Every field is checked at once; a drill held (done) is not dated after today.
  Result<DrillView> create(const Actor& actor, const DrillInput& input) const;
  // At `version`; its unit does not change.
  Result<DrillView> update(const Actor& actor, int64_t id, int64_t version,
                           const DrillInput& input) const;
  Result<DrillView> find(const Actor& actor, int64_t id) const;
  // The latest date first, with this year's counts over the same subtrees.
  Result<DrillList> list(const Actor& actor, const DrillQuery& query,
                         const org::PageRequest& page) const;

 private:
  Result<DrillInput> validated(const Actor& actor, const DrillInput& input) const;
  DrillView view_of(Drill drill) const;
  Result<Drill> visible(storage::Session& s, const Actor& actor, int64_t id) const;

  const org::OrgService& org_;
  storage::Database& db_;
  const audit::Log& audit_;
  const Clock& clock_;
};

}  // namespace shequ::readiness
