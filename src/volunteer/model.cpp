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

}  // namespace shequ::volunteer
