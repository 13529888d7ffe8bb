// Disaster incident reports as stored, and their SQL. Every function runs inside the caller's
// transaction; scoped reads take the roots of the caller's subtrees (storage::in_subtrees).
//
// Thread-safe: plain data and free functions over the caller's session.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/choice.hpp"
#include "common/result.hpp"
#include "org/model.hpp"
#include "storage/database.hpp"

namespace shequ::readiness {

// The national classification of natural disasters as Gansu meets them: drought, flood, hail
// (风雹), frost, snow, sandstorm, earthquake, geological (崩塌、滑坡、泥石流), wildfire, other.
const std::vector<Choice>& incident_kinds();

// What a disaster took: people affected, and among them injured, dead and missing; houses
// damaged. Also the sum over several incidents.
struct Toll {
  int64_t incidents = 0;
  int64_t affected = 0;
  int64_t injured = 0;
  int64_t dead = 0;
  int64_t missing = 0;
  int64_t houses_damaged = 0;
  void add(const Toll& other);
};

struct Incident {
  int64_t id = 0;
  std::string unit_code;  // a county, township, village, community or grid
  std::string kind;
  std::string occurred_at;  // format_timestamp
  std::string place;
  Toll toll;  // incidents unused
  std::string needs;
  std::optional<int64_t> reported_by;
  std::string reported_by_name;
  std::string created_at;
  std::string updated_at;
  int64_t version = 1;
};

struct IncidentFilter {
  std::vector<std::string> roots;  // the subtrees listed
  std::string kind;                // "" any
  std::string from;                // occurred at or after (timestamp)
  std::string until;               // before (timestamp)
};

// The tolls of the incidents in a filter, by unit and kind.
struct UnitKindToll {
  std::string unit;
  std::string kind;
  Toll toll;
};

namespace repository {

Result<int64_t> insert_incident(storage::Session& s, const Incident& incident);
Result<std::optional<Incident>> find_incident(storage::Session& s, int64_t id);
// Rewrites it at `expected_version`; false when it changed since.
Result<bool> update_incident(storage::Session& s, const Incident& incident,
                             int64_t expected_version);
// Latest occurrence first.
Result<org::Page<Incident>> list_incidents(storage::Session& s, const IncidentFilter& filter,
                                           const org::PageRequest& page);
Result<std::vector<UnitKindToll>> tolls(storage::Session& s, const IncidentFilter& filter);

}  // namespace repository

}  // namespace shequ::readiness
