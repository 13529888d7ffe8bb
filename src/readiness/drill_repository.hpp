// Emergency drills (应急演练) as stored, and their SQL. Every function runs inside the caller's
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

// What a drill rehearses: fire, earthquake, flood, evacuation, gas leak, other.
const std::vector<Choice>& drill_scenarios();
// Planned (its date may lie ahead) or held.
const std::vector<Choice>& drill_statuses();

struct Drill {
  int64_t id = 0;
  std::string unit_code;  // a county, township, village or community
  std::string held_on;    // China date
  std::string status;     // planned, done
  std::string scenario;
  std::string description;
  int64_t participants = 0;
  std::string place;
  std::string summary;
  std::string updated_by_name;
  std::string created_at;
  std::string updated_at;
  int64_t version = 1;
};

struct DrillFilter {
  std::vector<std::string> roots;  // the subtrees listed
  std::string scenario;            // "" any
  std::string status;              // "" any
  std::string from;                // held on or after (China date)
  std::string to;                  // held on or before (China date)
};

// Drills in a filter by status: how many, and how many people took part.
struct DrillCount {
  std::string status;
  int64_t drills = 0;
  int64_t participants = 0;
};

namespace repository {

Result<int64_t> insert_drill(storage::Session& s, const Drill& drill);
Result<std::optional<Drill>> find_drill(storage::Session& s, int64_t id);
// Rewrites it at `expected_version`; false when it changed since.
Result<bool> update_drill(storage::Session& s, const Drill& drill, int64_t expected_version);
// The latest date first.
Result<org::Page<Drill>> list_drills(storage::Session& s, const DrillFilter& filter,
                                     const org::PageRequest& page);
Result<std::vector<DrillCount>> count_drills(storage::Session& s, const DrillFilter& filter);

}  // namespace repository

}  // namespace shequ::readiness
