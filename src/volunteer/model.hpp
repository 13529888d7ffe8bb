// The volunteer module's records (migration 0029), as services hand them out: personal fields
// masked unless a reveal says otherwise.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "volunteer/hour_chain.hpp"

namespace shequ::volunteer {

enum class VolunteerState { applied, approved, refused };
std::string_view state_key(VolunteerState state);
std::optional<VolunteerState> parse_volunteer_state(std::string_view key);

struct Volunteer {
  int64_t id = 0;
  std::string unit_code;  // the village or community
  std::optional<int64_t> user_id;
  std::string name;   // masked in answers: 张*三
  std::string phone;  // masked: 138****5678; "" none
  std::string skills;
  VolunteerState state = VolunteerState::applied;
  std::string state_reason;
  std::string created_at;
  int64_t version = 1;
  int64_t minutes = 0;  // confirmed, corrections included
};

// What a person gives to become a volunteer.
struct VolunteerInput {
  std::string name;
  std::string phone;  // "" none
  std::string skills;
};

enum class ActivityState { published, ended };

struct Activity {
  int64_t id = 0;
  std::string unit_code;
  std::string title;
  std::string place;
  std::string starts_at;  // format_timestamp
  std::string ends_at;
  int64_t capacity = 0;
  std::string skills;
  ActivityState state = ActivityState::published;
  int64_t organiser_id = 0;  // the account that published it; 0 a machine client
  int64_t signed_up = 0;     // places taken
  int64_t waiting = 0;
  int64_t version = 1;
  std::optional<int64_t> organisation_id;  // run by a social organisation or team
  std::string organisation_name;
};

struct ActivityInput {
  std::string unit_code;
  std::string title;
  std::string place;
  std::string starts_at;
  std::string ends_at;
  int64_t capacity = 0;
  std::string skills;
  std::optional<int64_t> organisation_id;  // whose service area holds unit_code
};

enum class SignupState { signed_up, waiting, cancelled };
std::string_view signup_key(SignupState state);

struct Signup {
  int64_t activity_id = 0;
  int64_t volunteer_id = 0;
  std::string volunteer_name;  // masked
  SignupState state = SignupState::signed_up;
  std::string signed_up_at;
  std::optional<std::string> checked_in_at;
  std::optional<std::string> checked_out_at;
  bool by_organiser = false;
};

enum class Direction { in, out };

// What kind of organisation: the three registered with civil affairs (a unified social credit
// code whose first two characters say so: 51, 52, 53), a community organisation filed with its
// township, and a volunteer team.
enum class OrganisationKind {
  social_group,            // 社会团体 (51)
  private_non_enterprise,  // 民办非企业单位 / 社会服务机构 (52)
  foundation,              // 基金会 (53)
  community_organisation,  // 社区社会组织
  volunteer_team,          // 志愿服务队
};
std::string_view kind_key(OrganisationKind kind);
std::optional<OrganisationKind> parse_organisation_kind(std::string_view key);
// What people call it: 社会团体, 民办非企业单位, …
Text kind_label(OrganisationKind kind);

struct Organisation {
  int64_t id = 0;
  std::string name;
  OrganisationKind kind = OrganisationKind::volunteer_team;
  std::string credit_code;    // "" none
  std::string area_code;      // the county, township, village or community it serves
  std::string contact_name;   // masked in answers
  std::string contact_phone;  // masked
  std::string services;       // what it does
  std::string created_at;
  int64_t version = 1;
  int64_t members = 0;  // current
};

struct OrganisationInput {
  std::string name;
  OrganisationKind kind = OrganisationKind::volunteer_team;
  std::string credit_code;
  std::string area_code;
  std::string contact_name;
  std::string contact_phone;
  std::string services;
};

enum class MemberRole { leader, member };

struct Membership {
  int64_t organisation_id = 0;
  int64_t volunteer_id = 0;
  std::string volunteer_name;  // masked
  MemberRole role = MemberRole::member;
  std::string joined_on;
  std::optional<std::string> left_on;
};

// A check-in or check-out code as the organiser's screen shows it.
struct CheckCode {
  std::string code;
  std::string expires_at;
};

}  // namespace shequ::volunteer
