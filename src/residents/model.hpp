// Households and people as stored (实有人口). Personal fields are held sealed here (privacy::
// Keyring); the service opens them only to mask them, or for a reveal or an export.
// Plain data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/choice.hpp"
#include "common/error.hpp"

namespace shequ::residents {

// 家庭户, 集体户.
const std::vector<Choice>& household_types();
// A member's relation to the head of the household (与户主关系); "head" is the head.
const std::vector<Choice>& relations();
// 户籍, 常住 (living here, registered elsewhere), 流动 (staying for a while).
const std::vector<Choice>& registrations();
// 残疾类别 (GB/T 26341): the detail of a disability tag is "<kind>:<grade 1-4>".
const std::vector<Choice>& disability_kinds();

// What a tag marks a person as. `sensitive` tags are seen and set only with
// residents:person:sensitive; a tag with `detail` carries one (the disability's kind and grade).
struct TagKind {
  std::string_view key;
  Text label;
  bool sensitive = false;
  bool detail = false;
};
const std::vector<TagKind>& tag_kinds();
const TagKind* find_tag_kind(std::string_view key);
bool is_choice(const std::vector<Choice>& choices, std::string_view key);

inline constexpr std::string_view kHead = "head";
inline constexpr std::string_view kDisability = "disability";

struct Household {
  int64_t id = 0;
  std::string unit_code;  // the village or community
  std::string grid_code;
  std::string address_sealed;
  std::optional<int32_t> lat_e7;  // WGS 84, degrees × 10^7
  std::optional<int32_t> lon_e7;
  std::string type;
  std::string created_at;
  std::string updated_at;
  int64_t version = 1;
};

struct Tag {
  std::string key;
  std::string detail;  // "" unless the kind has one
  bool operator==(const Tag&) const = default;
};

struct Person {
  int64_t id = 0;
  std::string unit_code;  // of the current household, or the last one after moving away
  std::string grid_code;
  std::optional<int64_t> household_id;  // none once moved away
  // None once anonymised.
  std::optional<std::string> name_sealed;
  std::optional<std::string> id_number_sealed;
  std::optional<std::string> id_number_index;
  std::optional<std::string> phone_sealed;
  std::optional<std::string> phone_index;
  std::string sex;         // "male" or "female", from the ID number
  std::string birth_date;  // YYYY-MM-DD, from the ID number
  std::string ethnicity;
  std::string registration;
  std::optional<std::string> moved_out;  // the date they left the area
  std::optional<std::string> anonymised_at;
  std::string created_at;
  std::string updated_at;
  int64_t version = 1;
  std::vector<Tag> tags;  // by key
  // Read, not written with the person: the relation of the current stay ("" once moved away).
  std::string relation;
};

inline constexpr std::size_t kMaxAddress = 200;
inline constexpr std::size_t kMaxName = 30;
inline constexpr std::size_t kMaxEthnicity = 10;
inline constexpr std::size_t kMaxReason = 200;

// A household to register.
struct NewHousehold {
  std::string grid;  // the grid's code
  std::string address;
  std::optional<double> lat;  // WGS 84; both or neither, in Gansu
  std::optional<double> lon;
  std::string type;  // household_types()
};

// A person to register into a household.
struct NewPerson {
  int64_t household = 0;
  std::string relation;  // relations()
  std::string name;
  std::string id_number;
  std::string phone;  // "" none
  std::string ethnicity;
  std::string registration;  // registrations()
  std::string moved_in;      // YYYY-MM-DD
  std::vector<Tag> tags;
};

// A stay in a household: from moved_in to moved_out (none: still there).
struct Membership {
  int64_t id = 0;
  int64_t person_id = 0;
  int64_t household_id = 0;
  std::string relation;
  std::string moved_in;
  std::optional<std::string> moved_out;
};

// A visit's findings: whom the visitor met (本人, 家属, 未见到人), health and living conditions
// (良好, 一般, 较差), safety hazards (无, 有), and needs.
const std::vector<Choice>& visit_met();
const std::vector<Choice>& visit_conditions();
const std::vector<Choice>& visit_safety();
const std::vector<Choice>& visit_needs();
// The assessments a referral asks the township for (低保, 特困) and where one stands.
const std::vector<Choice>& referral_kinds();
const std::vector<Choice>& referral_statuses();

struct Visit {
  int64_t id = 0;
  int64_t person_id = 0;
  std::string grid_code;
  std::string visited_on;  // YYYY-MM-DD
  int64_t visitor_id = 0;
  std::string visitor_username;      // read, not written
  std::string visitor_display_name;  // read, not written
  std::string met;
  std::string health;
  std::string living;
  std::string safety;
  std::vector<std::string> needs;
  std::optional<std::string> note_sealed;
  std::optional<int32_t> lat_e7;
  std::optional<int32_t> lon_e7;
  std::string client_key;
  std::string recorded_at;
  std::optional<int64_t> request_id;  // the request (诉求) a finding opened
};

struct Referral {
  int64_t id = 0;
  int64_t person_id = 0;
  std::optional<int64_t> visit_id;
  std::string township_code;
  std::string grid_code;
  std::string kind;
  std::string status;  // referred, under_assessment, granted, refused
  std::string reason;  // the visit's finding, then the township's decision
  std::string created_at;
  std::optional<std::string> decided_at;
  std::optional<int64_t> decided_by;
  int64_t version = 1;
};

// Indicator 12 of one village or community over a month: how many of its people with a tag
// were visited.
struct VisitRate {
  std::string unit;
  int64_t targets = 0;  // living there at some time in the month
  int64_t visited = 0;  // of them, visited in the month
};

}  // namespace shequ::residents
