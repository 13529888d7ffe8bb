// Volunteers, their activities, check-in and check-out, and the confirmation of hours into the
// chained record (ADR 0030). Every call checks the caller's permission and scope: staff act on
// the units of their scope; a resident acts as the volunteer their account is.
//
// Thread-safe: immutable after construction; every reference must outlive the service.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "common/actor.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"
#include "org/org_service.hpp"
#include "privacy/keyring.hpp"
#include "storage/database.hpp"
#include "volunteer/hour_record.hpp"
#include "volunteer/model.hpp"
#include "volunteer/volunteer_repository.hpp"

namespace shequ::volunteer {

struct ActivityDetail {
  Activity activity;
  // For staff: every sign-up. For a volunteer: their own, if any.
  std::vector<Signup> signups;
};

// The limits the checks apply.
inline constexpr std::chrono::seconds kCodeWindow{30};    // a code is shown this long
inline constexpr std::chrono::hours kEarliestCheckIn{1};  // before the start
inline constexpr std::chrono::hours kLatestCheckOut{2};   // after the end
inline constexpr int64_t kMaxCapacity = 10'000;
inline constexpr int64_t kMinutesPerDay = 24 * 60;

class VolunteerService {
 public:
  VolunteerService(const org::OrgService& org, storage::Database& db, const audit::Log& audit,
                   const Clock& clock, const privacy::Keyring& keyring, const HourRecord& hours);

  // A resident applies to volunteer in their village or community; a refused one may apply
  // again. Refused (conflict) while an application is open or approved.
  Result<Volunteer> apply(const Actor& actor, const VolunteerInput& input) const;
  // The caller's own volunteer record, with its confirmed minutes; none when they never applied.
  Result<std::optional<Volunteer>> mine(const Actor& actor) const;
  // Staff register someone without a phone: approved at once.
  Result<Volunteer> register_volunteer(const Actor& actor, const std::string& unit,
                                       const VolunteerInput& input) const;
  Result<Volunteer> decide(const Actor& actor, int64_t id, bool approve, const std::string& reason,
                           int64_t expected_version) const;
  Result<org::Page<Volunteer>> volunteers(const Actor& actor,
                                          const std::optional<std::string>& unit,
                                          std::optional<VolunteerState> state,
                                          const org::PageRequest& page) const;

  // Staff of a township, village or community publish an activity of their unit; they and the
  // staff above it organise it (show its codes, check in by hand, confirm its hours). An activity
  // run by a social organisation or team names it: one the caller reads, whose area holds the
  // unit (else invalid on "organisation", with the other fields' problems).
  Result<Activity> publish(const Actor& actor, const ActivityInput& input) const;
  // Staff: the activities of their scope, or of `unit`'s subtree. Newest start first, at most
  // 200.
  Result<std::vector<Activity>> activities(const Actor& actor,
                                           const std::optional<std::string>& unit) const;
  // Staff: an activity with every sign-up, names masked.
  Result<ActivityDetail> activity(const Actor& actor, int64_t id) const;
  // A resident: the activities of their community and the units above it, each with their own
  // sign-up if any. Newest start first, at most 200.
  Result<std::vector<ActivityDetail>> open_to_me(const Actor& actor) const;

  // The caller's own place: taken while there is room, else on the waiting list. Refused for an
  // activity that overlaps one they hold a place in, has begun or is not theirs to join.
  Result<Signup> sign_up(const Actor& actor, int64_t activity_id) const;
  // Gives the place up; the first volunteer waiting takes it.
  Status cancel(const Actor& actor, int64_t activity_id) const;

  // The organisers' code for the screen at the activity, valid for this window and the next.
  Result<CheckCode> code(const Actor& actor, int64_t activity_id, Direction direction) const;
  // The volunteer checks in or out on their phone with the code shown at the activity.
  Result<Signup> check(const Actor& actor, int64_t activity_id, Direction direction,
                       const std::string& code) const;
  // An organiser checks in or out someone without a phone, at the time they say; an approved
  // volunteer of the activity's area without a place is given one.
  Result<Signup> check_by_hand(const Actor& actor, int64_t activity_id, int64_t volunteer_id,
                               Direction direction, const std::string& at) const;

  // An organiser confirms an activity that has ended: each volunteer checked in and out gets
  // the minutes they were there within its time, as entries of the hour record; the activity
  // is then ended. All or nothing.
  Result<std::vector<HourEntry>> confirm(const Actor& actor, int64_t activity_id) const;

  // A volunteer's entries in order, for the staff of their unit.
  Result<std::vector<HourEntry>> hours(const Actor& actor, int64_t volunteer_id) const;
  // An organiser over an entry's unit corrects it: a new entry naming it, with the difference
  // of minutes (negative when there were too many) and the reason; the entry itself stays.
  // invalid without a reason or a difference; conflict for a correction of a correction, or when
  // the entry would fall below nothing or the day pass 24 hours.
  Result<HourEntry> correct(const Actor& actor, int64_t seq, int64_t difference,
                            const std::string& reason) const;
  // The caller's own entries (none before they volunteer).
  Result<std::vector<HourEntry>> my_hours(const Actor& actor) const;

 private:
  Result<std::string> community_of(const Actor& actor) const;
  // The row of a new volunteer, its personal fields sealed.
  repository::VolunteerRow sealed(const VolunteerInput& input, const std::string& unit,
                                  std::optional<int64_t> user_id, VolunteerState state,
                                  const std::string& now) const;
  Result<Volunteer> shown(const Volunteer& stored, const std::string& name_sealed,
                          const std::optional<std::string>& phone_sealed) const;
  std::string code_mac(int64_t activity_id, int64_t window, Direction direction) const;

  const org::OrgService& org_;
  storage::Database& db_;
  const audit::Log& audit_;
  const Clock& clock_;
  const privacy::Keyring& keyring_;
  const HourRecord& hours_;
  ChainKey code_key_;
};

}  // namespace shequ::volunteer
