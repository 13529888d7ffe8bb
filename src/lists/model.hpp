// Needs, resources and matches of the three lists (三项清单) as stored, and their SQL. Every
// function runs inside the caller's transaction; scoped reads take the roots of the caller's
// subtrees (storage::in_subtrees).
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

namespace shequ::lists {

// What a need asks for and a resource offers: one catalogue for both.
const std::vector<Choice>& categories();
// Where a need came from: entered by staff, met on a home visit, raised by a request, or raised
// by a resident on the resident pages (kRaised: never chosen by staff).
const std::vector<Choice>& need_sources();
const std::vector<Choice>& urgencies();  // normal, urgent
// What a resource is: a facility, a volunteer or team, a social organisation, a unit stationed
// in the area (驻区单位), a charity.
const std::vector<Choice>& resource_sources();
const std::vector<Choice>& need_states();  // open, matched, closed
const std::vector<Choice>& outcomes();     // pending, done, failed

inline constexpr std::string_view kRaised = "h5";
inline constexpr std::string_view kOpen = "open";
inline constexpr std::string_view kMatched = "matched";
inline constexpr std::string_view kClosed = "closed";
inline constexpr std::string_view kUrgent = "urgent";
inline constexpr std::string_view kPending = "pending";
inline constexpr std::string_view kDone = "done";
inline constexpr std::string_view kFailed = "failed";

// Daily hours, from (included) to (excluded), 0–24.
struct DailyHours {
  int from = 0;
  int to = 24;
};

struct Need {
  int64_t id = 0;
  std::string unit_code;  // a village, community or grid
  std::string source;
  std::string source_ref;  // the visit or request it came from, as staff note it
  std::string category;
  std::string urgency;
  std::string description;
  std::optional<int32_t> lat_e7;  // both or neither
  std::optional<int32_t> lon_e7;
  DailyHours hours;
  std::string status = std::string(kOpen);
  std::string close_note;
  std::optional<int64_t> created_by;
  std::string created_by_name;
  std::string created_at;
  std::string updated_at;
  int64_t version = 1;
  std::optional<int64_t> person_id;   // who it is for: a person of the register
  std::optional<int64_t> raised_by;   // the resident's account that raised it (source h5)
  std::optional<int64_t> visit_id;    // the home visit it was found in (source visit)
  std::optional<int64_t> request_id;  // the request it came with (source request)
};

struct Resource {
  int64_t id = 0;
  std::string unit_code;
  std::string source;
  std::string name;
  std::string category;
  int64_t capacity = 1;
  int64_t booked = 0;
  DailyHours hours;
  std::optional<int32_t> lat_e7;
  std::optional<int32_t> lon_e7;
  std::string contact;  // a work number
  std::string note;
  std::string created_at;
  std::string updated_at;
  int64_t version = 1;
  // What it was taken from, if anything: its name (and the facility's point) are read from there.
  std::optional<int64_t> facility_id;
  std::optional<int64_t> organisation_id;
  bool available = true;  // read only: false while the facility it was taken from is not open
};

struct Match {
  int64_t id = 0;
  int64_t need_id = 0;
  int64_t resource_id = 0;
  std::optional<int64_t> walk_mm;
  bool by_network = false;
  std::string outcome = std::string(kPending);
  std::string outcome_note;
  std::optional<int64_t> confirmed_by;
  std::string confirmed_by_name;
  std::string confirmed_at;
  std::string closed_at;
  int64_t version = 1;
};

struct NeedFilter {
  std::vector<std::string> roots;
  std::string status;    // "" any
  std::string category;  // "" any
  std::string urgency;   // "" any
  std::string source;    // "" any
};

struct ResourceFilter {
  std::vector<std::string> roots;
  std::string category;     // "" any
  bool proposable = false;  // only those with a place left that are available
};

namespace repository {

Result<int64_t> insert_need(storage::Session& s, const Need& need);
Result<std::optional<Need>> find_need(storage::Session& s, int64_t id);
// Sets the status (and the closing note) at `expected_version`; false when it changed since.
Result<bool> set_need_status(storage::Session& s, int64_t id, std::string_view status,
                             const std::string& note, const std::string& updated_at,
                             int64_t expected_version);
// Urgent first, then the oldest.
Result<org::Page<Need>> list_needs(storage::Session& s, const NeedFilter& filter,
                                   const org::PageRequest& page);
Result<int64_t> count_needs(storage::Session& s, const NeedFilter& filter);
// The needs an account raised, newest first (at most `limit`); of them, how many are open.
Result<std::vector<Need>> needs_raised_by(storage::Session& s, int64_t user_id, int64_t limit);
Result<int64_t> count_open_raised_by(storage::Session& s, int64_t user_id);
// Whether a need of `category` not closed came from the visit (or the request) already.
Result<bool> open_need_from_visit(storage::Session& s, int64_t visit_id,
                                  const std::string& category);
Result<bool> open_need_from_request(storage::Session& s, int64_t request_id,
                                    const std::string& category);

Result<int64_t> insert_resource(storage::Session& s, const Resource& resource);
Result<std::optional<Resource>> find_resource(storage::Session& s, int64_t id);
// Rewrites what staff enter at `expected_version`, never below what is booked; false when it
// changed since or the capacity would fall below the places booked.
Result<bool> update_resource(storage::Session& s, const Resource& resource,
                             int64_t expected_version);
// Takes one place when one is left (false: full); gives one back.
Result<bool> book(storage::Session& s, int64_t resource_id);
Status release(storage::Session& s, int64_t resource_id);
// By unit, then name.
Result<org::Page<Resource>> list_resources(storage::Session& s, const ResourceFilter& filter,
                                           const org::PageRequest& page);

Result<int64_t> insert_match(storage::Session& s, const Match& match);
Result<std::optional<Match>> find_match(storage::Session& s, int64_t id);
Result<bool> close_match(storage::Session& s, const Match& match, int64_t expected_version);
// A need's matches, newest first.
Result<std::vector<Match>> matches_of(storage::Session& s, int64_t need_id);
// Of `facility_ids` and `organisation_ids`, those a resource under `root` was taken from.
Result<std::vector<int64_t>> facilities_taken(storage::Session& s, const std::string& root,
                                              const std::vector<int64_t>& facility_ids);
Result<std::vector<int64_t>> organisations_taken(storage::Session& s, const std::string& root,
                                                 const std::vector<int64_t>& organisation_ids);

}  // namespace repository

}  // namespace shequ::lists
