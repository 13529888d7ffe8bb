#include "volunteer/model.hpp"

namespace shequ::volunteer {

std::string_view state_key(VolunteerState state) {
  switch (state) {
    case VolunteerState::applied:
      return "applied";
    case VolunteerState::approved:
      return "approved";
    case VolunteerState::refused:
      return "refused";
  }
  return "applied";
}

std::optional<VolunteerState> parse_volunteer_state(std::string_view key) {
  for (const VolunteerState state :
       {VolunteerState::applied, VolunteerState::approved, VolunteerState::refused}) {
    if (state_key(state) == key) return state;
  }
  return std::nullopt;
}

std::string_view signup_key(SignupState state) {
  switch (state) {
    case SignupState::signed_up:
      return "signed_up";
    case SignupState::waiting:
      return "waiting";
    case SignupState::cancelled:
      return "cancelled";
  }
  return "signed_up";
}

std::string_view kind_key(OrganisationKind kind) {
  switch (kind) {
    case OrganisationKind::social_group:
      return "social_group";
    case OrganisationKind::private_non_enterprise:
      return "private_non_enterprise";
    case OrganisationKind::foundation:
      return "foundation";
    case OrganisationKind::community_organisation:
      return "community_organisation";
    case OrganisationKind::volunteer_team:
      return "volunteer_team";
  }
  return "volunteer_team";
}

Text kind_label(OrganisationKind kind) {
  switch (kind) {
    case OrganisationKind::social_group:
      return {"社会团体", "Social group"};
    case OrganisationKind::private_non_enterprise:
      return {"社会服务机构（民办非企业单位）", "Social service agency"};
    case OrganisationKind::foundation:
      return {"基金会", "Foundation"};
    case OrganisationKind::community_organisation:
      return {"社区社会组织", "Community organisation"};
    case OrganisationKind::volunteer_team:
      return {"志愿服务队", "Volunteer team"};
  }
  return {"志愿服务队", "Volunteer team"};
}

std::optional<OrganisationKind> parse_organisation_kind(std::string_view key) {
  for (const OrganisationKind kind :
       {OrganisationKind::social_group, OrganisationKind::private_non_enterprise,
        OrganisationKind::foundation, OrganisationKind::community_organisation,
        OrganisationKind::volunteer_team}) {
    if (kind_key(kind) == key) return kind;
  }
  return std::nullopt;
}

}  // namespace shequ::volunteer
