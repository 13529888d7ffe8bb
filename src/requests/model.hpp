// What the requests module stores: cases (诉求) and the steps of their timelines. Plain data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/json.hpp"
#include "requests/workflow.hpp"

namespace shequ::requests {

// Where a request came in.
inline constexpr std::string_view kChannels[] = {
    "resident",  // the resident pages
    "hotline",   // a staff desk taking a call (12345 and the community's own line)
    "patrol",    // a grid worker's patrol (巡查上报)
    "open311",   // an Open311 client
};

struct Case {
  int64_t id = 0;
  std::string tracking_code;  // what the resident is given: "SQ7K3M9XQ2AB"
  std::string category;
  std::string unit;                 // the lead unit (承办单位)
  std::optional<std::string> grid;  // the grid it falls in, when known
  State status = State::submitted;
  std::string channel;
  std::optional<std::string> external_id;  // the hotline's own case number
  std::string description;
  std::string address;
  std::optional<int32_t> lat_e7;  // WGS 84, degrees x 10^7
  std::optional<int32_t> lon_e7;
  Json attributes = Json::object();  // the category's questions answered
  std::optional<std::string> contact_name_sealed;
  std::optional<std::string> contact_phone_sealed;
  std::optional<std::string> contact_phone_index;
  std::optional<int64_t> submitted_by;
  std::string received_at;
  std::string accept_due;
  std::string resolve_due;
  std::optional<std::string> accepted_at;
  std::optional<std::string> resolved_at;
  std::optional<std::string> closed_at;
  bool accept_escalated = false;
  bool resolve_escalated = false;
  std::vector<std::string> co_handlers;  // co-handling units, in the order added
  std::optional<int64_t> merged_into;    // closed as a duplicate of this case
  std::string updated_at;
  int64_t version = 1;
};

// One step of a case's timeline, as stored (never changed).
struct CaseEvent {
  int64_t id = 0;
  std::string at;
  std::string action;  // an action_key, or "submit"
  std::optional<int64_t> user_id;
  std::string username;  // empty for the platform's own steps
  std::string display_name;
  std::optional<std::string> from_status;
  std::string to_status;
  std::string unit;  // the lead unit after the step
  std::optional<std::string> target_unit;
  std::string note;
};

// How a resident rates a case (好差评), best first; the last two are bad ratings.
inline constexpr std::string_view kScores[] = {"very_satisfied", "satisfied", "basic",
                                               "dissatisfied", "very_dissatisfied"};
inline bool is_bad_score(std::string_view score) {
  return score == "dissatisfied" || score == "very_dissatisfied";
}

// The appeal of a rating: none, pending, upheld (the rating no longer counts) or rejected.
struct Rating {
  std::string score;
  std::string comment;
  std::optional<int64_t> rated_by;
  std::string rated_at;
  std::string appeal_status = "none";
  std::optional<std::string> appeal_reason;
  std::optional<int64_t> appealed_by;
  std::optional<std::string> appealed_at;
  std::optional<std::string> decision_note;
  std::optional<int64_t> decided_by;
  std::optional<std::string> decided_at;
};

// What a bad rating opens: the case put right by `due`.
struct Rectification {
  int64_t id = 0;
  std::string opened_at;
  std::string due;
  std::optional<std::string> done_at;
};

// An open case like another (the same category, received lately, close by): a duplicate hint.
struct NearbyCase {
  int64_t id = 0;
  std::string tracking_code;
  State status = State::submitted;
  std::string received_at;
  std::string unit;
  double distance_m = 0;
};

// A photo of a case; its bytes are in the photo folder under `sha256`.
struct Photo {
  int64_t id = 0;
  std::string sha256;
  std::string media_type;
  int width = 0;
  int height = 0;
  int64_t size_bytes = 0;
  std::optional<int64_t> uploaded_by;
  std::string uploaded_at;
};

// The counts behind the three rates (三率) of one unit's subtree, or one category, in a period.
struct RateCounts {
  std::string key;               // the unit's code, or the category's
  int64_t received = 0;          // cases received (withdrawn ones aside)
  int64_t accepted_in_time = 0;  // accepted by the acceptance deadline
  int64_t resolution_due = 0;    // resolved, or past the feedback deadline
  int64_t resolved_in_time = 0;  // resolved by the feedback deadline
  int64_t rated = 0;             // rated, upheld appeals aside
  int64_t satisfied = 0;         // of those: very satisfied, satisfied or basically satisfied
};

// What an Open311 client asks for (GET requests), within the caller's scope: the cases `ids`
// when given (and then no other filter applies), or else those received over [received_from,
// received_to] (timestamps), of `categories` (leaves; empty: every one), open or not, newest
// first, at most `limit`.
struct CaseSearch {
  std::vector<std::string> roots;  // units whose subtrees the caller may read
  std::vector<int64_t> ids;
  std::vector<std::string> categories;
  std::string received_from;
  std::string received_to;
  std::optional<bool> open;  // true: submitted, accepted or in progress; false: resolved or closed
  int64_t limit = 1000;
};

// A step of a case's timeline with the case it belongs to (Open311's service request updates).
struct CaseUpdate {
  int64_t case_id = 0;
  CaseEvent event;
};

// A list's filter, within the caller's scope.
struct CaseFilter {
  std::vector<std::string> roots;         // units whose subtrees the caller may read
  std::optional<std::string> unit;        // a unit in scope: its subtree only
  std::string status;                     // a state key, or "" for every state
  std::string category;                   // a leaf, a group (its leaves), or ""
  std::optional<std::string> overdue_at;  // open and past a deadline at this time
  std::optional<int64_t> submitted_by;    // a resident's own (submitted on the resident pages)
};

}  // namespace shequ::requests
