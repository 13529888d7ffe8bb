#include "volunteer/volunteer_service.hpp"

#include <fmt/format.h>
#include <openssl/crypto.h>

#include "common/strings.hpp"
#include "privacy/crypto.hpp"
#include "privacy/validators.hpp"
#include "volunteer/checks.hpp"
#include "volunteer/declaration.hpp"
#include "volunteer/hour_repository.hpp"
#include "volunteer/organisation_repository.hpp"
#include "volunteer/volunteer_repository.hpp"

namespace shequ::volunteer {

namespace {

constexpr std::size_t kMaxName = 30;
constexpr std::size_t kMaxSkills = 200;
constexpr std::size_t kMaxTitle = 60;
constexpr std::size_t kMaxPlace = 100;
constexpr std::size_t kMaxReason = 200;
constexpr int64_t kMaxActivities = 200;

Error activity_not_found() {
  return Error::not_found({"未找到该志愿活动", "no such volunteer activity"});
}

Error volunteer_not_found() {
  return Error::not_found({"未找到该志愿者", "no such volunteer"});
}

Error not_a_volunteer() {
  return Error::forbidden({"您还不是已通过审核的志愿者", "you are not an approved volunteer yet"});
}

Status check_volunteer(const VolunteerInput& input) {
  std::vector<FieldError> problems;
  check_length(problems, "name", input.name, 2, kMaxName);
  check_length(problems, "skills", input.skills, 0, kMaxSkills);
  if (!input.phone.empty()) {
    if (auto phone = privacy::validate_mobile(input.phone, "phone"); !phone) {
      for (const FieldError& e : phone.error().details) problems.push_back(e);
    }
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));
  return {};
}

std::string_view direction_key(Direction direction) {
  return direction == Direction::in ? "in" : "out";
}

std::vector<std::string_view> split_at_dots(std::string_view text) {
  std::vector<std::string_view> parts;
  for (std::size_t from = 0;;) {
    const std::size_t dot = text.find('.', from);
    parts.push_back(text.substr(from, dot == std::string_view::npos ? dot : dot - from));
    if (dot == std::string_view::npos) return parts;
    from = dot + 1;
  }
}

int64_t window_of(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count() /
         kCodeWindow.count();
}

// A place: volunteers are shown by masked name only.
std::string masked_name(const privacy::Keyring& keyring, const std::string& sealed) {
  auto name = keyring.open(sealed, kNameContext);
  return name ? privacy::mask_name(*name) : std::string();
}

}  // namespace

VolunteerService::VolunteerService(const org::OrgService& org, storage::Database& db,
                                   const audit::Log& audit, const Clock& clock,
                                   const privacy::Keyring& keyring, const HourRecord& hours)
    : org_(org),
      db_(db),
      audit_(audit),
      clock_(clock),
      keyring_(keyring),
      hours_(hours),
      code_key_(keyring.derived_key(kCodeKeyPurpose)) {}

Result<std::string> VolunteerService::community_of(const Actor& actor) const {
  // A machine client is no person: it cannot volunteer.
  if (!actor.has(kSelfJoin) || actor.via_api_key) {
    return Error::forbidden({"只有居民可以报名志愿者", "only residents volunteer"});
  }
  SHEQU_ASSIGN_OR_RETURN(const org::UnitView home, org_.unit(actor.unit_code));
  if (home.unit.level == org::Level::grid) return home.unit.parent_code;
  if (home.unit.level == org::Level::village) return home.unit.code;
  return Error::conflict(
      {"您的账号不属于某个村（社区），不能以居民身份参加志愿服务",
       "your account belongs to no village or community, so it cannot volunteer as a resident"});
}

Result<Volunteer> VolunteerService::shown(const Volunteer& stored, const std::string& name_sealed,
                                          const std::optional<std::string>& phone_sealed) const {
  Volunteer v = stored;
  v.name = masked_name(keyring_, name_sealed);
  if (phone_sealed) {
    SHEQU_ASSIGN_OR_RETURN(const std::string phone, keyring_.open(*phone_sealed, kPhoneContext));
    v.phone = privacy::mask_mobile(phone);
  }
  return v;
}

repository::VolunteerRow VolunteerService::sealed(const VolunteerInput& input,
                                                  const std::string& unit,
                                                  std::optional<int64_t> user_id,
                                                  VolunteerState state,
                                                  const std::string& now) const {
  repository::VolunteerRow row;
  row.volunteer = {.unit_code = unit,
                   .user_id = user_id,
                   .skills = input.skills,
                   .state = state,
                   .created_at = now};
  row.name_sealed = keyring_.seal(input.name, kNameContext);
  if (!input.phone.empty()) {
    row.phone_sealed = keyring_.seal(input.phone, kPhoneContext);
    row.phone_index = keyring_.blind_index(input.phone, kPhoneContext);
  }
  return row;
}

Result<Volunteer> VolunteerService::apply(const Actor& actor, const VolunteerInput& input) const {
  SHEQU_ASSIGN_OR_RETURN(const std::string unit, community_of(actor));
  SHEQU_TRY(check_volunteer(input));
  const std::string now = format_timestamp(clock_.now());
  const repository::VolunteerRow row =
      sealed(input, unit, actor.user_id, VolunteerState::applied, now);
  return db_.write_value<Volunteer>([&](storage::Session& s) -> Result<Volunteer> {
    SHEQU_ASSIGN_OR_RETURN(auto existing, repository::volunteer_of_user(s, actor.user_id));
    if (existing && existing->volunteer.state != VolunteerState::refused) {
      return Error::conflict({"您已申请过志愿者", "you have applied already"});
    }
    int64_t id = 0;
    if (existing) {
      // Applying again after a refusal: the same record, open again, with what was given now.
      SHEQU_ASSIGN_OR_RETURN(const bool reopened,
                             repository::reopen_volunteer(s, existing->volunteer.id,
                                                          existing->volunteer.version, row, now));
      if (!reopened) return Error::conflict({"申请已变更，请刷新", "changed meanwhile; reload"});
      id = existing->volunteer.id;
    } else {
      SHEQU_ASSIGN_OR_RETURN(id, repository::insert_volunteer(s, row));
    }
    SHEQU_TRY(audit_.append(
        s, audit::who(actor, kSelfJoin),
        {std::string(kAuditApply), "volunteer", std::to_string(id), "success", "", unit}));
    SHEQU_ASSIGN_OR_RETURN(auto stored, repository::find_volunteer(s, id));
    return shown(stored->volunteer, stored->name_sealed, stored->phone_sealed);
  });
}

Result<std::optional<Volunteer>> VolunteerService::mine(const Actor& actor) const {
  if (!actor.has(kSelfJoin) || actor.via_api_key) return not_a_volunteer();
  return db_.read_value<std::optional<Volunteer>>(
      [&](storage::Session& s) -> Result<std::optional<Volunteer>> {
        SHEQU_ASSIGN_OR_RETURN(auto row, repository::volunteer_of_user(s, actor.user_id));
        if (!row) return std::optional<Volunteer>();
        SHEQU_ASSIGN_OR_RETURN(Volunteer v,
                               shown(row->volunteer, row->name_sealed, row->phone_sealed));
        SHEQU_ASSIGN_OR_RETURN(auto minutes, repository::minutes_of(s, {v.id}));
        v.minutes = minutes[v.id];
        return std::optional<Volunteer>(std::move(v));
      });
}

Result<Volunteer> VolunteerService::register_volunteer(const Actor& actor, const std::string& unit,
                                                       const VolunteerInput& input) const {
  SHEQU_ASSIGN_OR_RETURN(const org::UnitView target, org_.unit(actor, unit));
  SHEQU_TRY(org_.in_scope(actor, kRosterManage, unit));
  if (target.unit.level != org::Level::village) {
    return Error::invalid(
        "unit", {"志愿者应登记在村（社区）", "volunteers belong to a village or community"});
  }
  SHEQU_TRY(check_volunteer(input));
  const std::string now = format_timestamp(clock_.now());
  repository::VolunteerRow row = sealed(input, unit, std::nullopt, VolunteerState::approved, now);
  return db_.write_value<Volunteer>([&](storage::Session& s) -> Result<Volunteer> {
    SHEQU_ASSIGN_OR_RETURN(const int64_t id, repository::insert_volunteer(s, row));
    SHEQU_TRY(audit_.append(
        s, audit::who(actor, kRosterManage),
        {std::string(kAuditRegister), "volunteer", std::to_string(id), "success", "", unit}));
    row.volunteer.id = id;
    return shown(row.volunteer, row.name_sealed, row.phone_sealed);
  });
}

Result<Volunteer> VolunteerService::decide(const Actor& actor, int64_t id, bool approve,
                                           const std::string& reason,
                                           int64_t expected_version) const {
  if (!approve) {
    std::vector<FieldError> problems;
    check_length(problems, "reason", reason, 2, kMaxReason);
    if (!problems.empty()) return Error::invalid(std::move(problems));
  }
  const std::string now = format_timestamp(clock_.now());
  return db_.write_value<Volunteer>([&](storage::Session& s) -> Result<Volunteer> {
    SHEQU_ASSIGN_OR_RETURN(auto row, repository::find_volunteer(s, id));
    if (!row || !org_.covers(actor, kRosterManage, row->volunteer.unit_code)) {
      return volunteer_not_found();
    }
    if (row->volunteer.state != VolunteerState::applied) {
      return Error::conflict({"该申请已审核", "this application has been decided"});
    }
    const VolunteerState state = approve ? VolunteerState::approved : VolunteerState::refused;
    SHEQU_ASSIGN_OR_RETURN(const bool changed,
                           repository::decide_volunteer(s, id, expected_version, state,
                                                        approve ? "" : reason, actor.user_id, now));
    if (!changed) return Error::conflict({"申请已变更，请刷新", "changed meanwhile; reload"});
    SHEQU_TRY(audit_.append(s, audit::who(actor, kRosterManage),
                            {std::string(kAuditDecide), "volunteer", std::to_string(id),
                             std::string(state_key(state)), "", row->volunteer.unit_code}));
    SHEQU_ASSIGN_OR_RETURN(auto stored, repository::find_volunteer(s, id));
    return shown(stored->volunteer, stored->name_sealed, stored->phone_sealed);
  });
}

Result<org::Page<Volunteer>> VolunteerService::volunteers(const Actor& actor,
                                                          const std::optional<std::string>& unit,
                                                          std::optional<VolunteerState> state,
                                                          const org::PageRequest& page) const {
  SHEQU_ASSIGN_OR_RETURN(const std::vector<std::string> roots,
                         org_.list_roots(actor, kHoursRead, unit));
  return db_.read_value<org::Page<Volunteer>>(
      [&](storage::Session& s) -> Result<org::Page<Volunteer>> {
        org::Page<Volunteer> out;
        SHEQU_ASSIGN_OR_RETURN(auto rows, repository::volunteers(s, roots, state, page.offset(),
                                                                 page.page_size, out.total));
        std::vector<int64_t> ids;
        for (const auto& row : rows) ids.push_back(row.volunteer.id);
        SHEQU_ASSIGN_OR_RETURN(auto minutes, repository::minutes_of(s, ids));
        for (const auto& row : rows) {
          SHEQU_ASSIGN_OR_RETURN(Volunteer v,
                                 shown(row.volunteer, row.name_sealed, row.phone_sealed));
          v.minutes = minutes[v.id];
          out.items.push_back(std::move(v));
        }
        return out;
      });
}

Result<Activity> VolunteerService::publish(const Actor& actor, const ActivityInput& input) const {
  SHEQU_ASSIGN_OR_RETURN(const org::UnitView target, org_.unit(actor, input.unit_code));
  SHEQU_TRY(org_.in_scope(actor, kActivityManage, input.unit_code));
  std::vector<FieldError> problems;
  if (target.unit.level != org::Level::village && target.unit.level != org::Level::township) {
    problems.push_back({"unit",
                        {"志愿活动由乡镇（街道）或村（社区）发布",
                         "activities belong to a township, village or community"}});
  }
  check_length(problems, "title", input.title, 2, kMaxTitle);
  check_length(problems, "place", input.place, 2, kMaxPlace);
  check_length(problems, "skills", input.skills, 0, kMaxSkills);
  if (input.capacity < 1 || input.capacity > kMaxCapacity) {
    problems.push_back({"capacity",
                        {fmt::format("应为 1 至 {} 人", kMaxCapacity),
                         fmt::format("must be 1 to {}", kMaxCapacity)}});
  }
  const auto starts = parse_timestamp(input.starts_at);
  const auto ends = parse_timestamp(input.ends_at);
  if (!starts) problems.push_back({"startsAt", {"时间格式不正确", "not a time"}});
  if (!ends) problems.push_back({"endsAt", {"时间格式不正确", "not a time"}});
  if (starts && *starts < clock_.now()) {
    problems.push_back({"startsAt", {"开始时间已过", "the start is in the past"}});
  }
  if (starts && ends && (*ends <= *starts || *ends - *starts > std::chrono::hours(24))) {
    problems.push_back(
        {"endsAt",
         {"结束时间应在开始之后的 24 小时内", "must be within 24 hours after the start"}});
  }
  const std::string now = format_timestamp(clock_.now());
  return db_.write_value<Activity>([&](storage::Session& s) -> Result<Activity> {
    // Every field's problem at once, the organisation's with the others.
    std::vector<FieldError> all = problems;
    if (input.organisation_id) {
      SHEQU_ASSIGN_OR_RETURN(auto runs, repository::find_organisation(s, *input.organisation_id));
      if (!runs || !org_.covers(actor, kHoursRead, runs->organisation.area_code)) {
        all.push_back(
            {"organisation", {"未找到该社会组织或志愿服务队", "no such organisation or team"}});
      } else if (!org_.tree().contains(runs->organisation.area_code, input.unit_code)) {
        all.push_back({"organisation",
                       {"活动地点不在该组织的服务区域内",
                        "the activity's unit lies outside the organisation's area"}});
      }
    }
    if (!all.empty()) return Error::invalid(std::move(all));
    SHEQU_ASSIGN_OR_RETURN(const int64_t id,
                           repository::insert_activity(s, input, actor.user_id, now));
    SHEQU_TRY(audit_.append(s, audit::who(actor, kActivityManage),
                            {std::string(kAuditPublish), "volunteer_activity", std::to_string(id),
                             "success", "", input.unit_code}));
    SHEQU_ASSIGN_OR_RETURN(auto stored, repository::find_activity(s, id));
    return *stored;
  });
}

Result<std::vector<Activity>> VolunteerService::activities(
    const Actor& actor, const std::optional<std::string>& unit) const {
  SHEQU_ASSIGN_OR_RETURN(const std::vector<std::string> roots,
                         org_.list_roots(actor, kHoursRead, unit));
  return db_.read_value<std::vector<Activity>>(
      [&](storage::Session& s) { return repository::activities(s, roots, false, kMaxActivities); });
}

Result<std::vector<ActivityDetail>> VolunteerService::open_to_me(const Actor& actor) const {
  SHEQU_ASSIGN_OR_RETURN(const std::string community, community_of(actor));
  std::vector<std::string> units{community};
  for (std::string code = community;;) {
    auto unit = org_.unit(code);
    if (!unit || unit->unit.parent_code.empty()) break;
    code = unit->unit.parent_code;
    units.push_back(code);
  }
  return db_.read_value<std::vector<ActivityDetail>>(
      [&](storage::Session& s) -> Result<std::vector<ActivityDetail>> {
        SHEQU_ASSIGN_OR_RETURN(auto found, repository::activities(s, units, true, kMaxActivities));
        SHEQU_ASSIGN_OR_RETURN(auto me, repository::volunteer_of_user(s, actor.user_id));
        std::vector<ActivityDetail> out;
        for (Activity& a : found) {
          ActivityDetail detail{std::move(a), {}};
          if (me) {
            SHEQU_ASSIGN_OR_RETURN(
                auto mine, repository::find_signup(s, detail.activity.id, me->volunteer.id));
            if (mine) {
              mine->volunteer_name = masked_name(keyring_, me->name_sealed);
              detail.signups.push_back(std::move(*mine));
            }
          }
          out.push_back(std::move(detail));
        }
        return out;
      });
}

Result<ActivityDetail> VolunteerService::activity(const Actor& actor, int64_t id) const {
  return db_.read_value<ActivityDetail>([&](storage::Session& s) -> Result<ActivityDetail> {
    SHEQU_ASSIGN_OR_RETURN(auto found, repository::find_activity(s, id));
    if (!found || !org_.covers(actor, kHoursRead, found->unit_code)) return activity_not_found();
    ActivityDetail detail{*found, {}};
    SHEQU_ASSIGN_OR_RETURN(detail.signups, repository::signups(s, id));
    for (Signup& signup : detail.signups) {
      SHEQU_ASSIGN_OR_RETURN(auto v, repository::find_volunteer(s, signup.volunteer_id));
      if (v) signup.volunteer_name = masked_name(keyring_, v->name_sealed);
    }
    return detail;
  });
}

Result<Signup> VolunteerService::sign_up(const Actor& actor, int64_t activity_id) const {
  SHEQU_ASSIGN_OR_RETURN(const std::string community, community_of(actor));
  const TimePoint now = clock_.now();
  return db_.write_value<Signup>([&](storage::Session& s) -> Result<Signup> {
    SHEQU_ASSIGN_OR_RETURN(auto found, repository::find_activity(s, activity_id, true));
    if (!found || !org_.tree().contains(found->unit_code, community)) {
      return activity_not_found();
    }
    SHEQU_ASSIGN_OR_RETURN(auto me, repository::volunteer_of_user(s, actor.user_id));
    if (!me || me->volunteer.state != VolunteerState::approved) return not_a_volunteer();
    if (found->state != ActivityState::published || parse_timestamp(found->starts_at) <= now) {
      return Error::conflict({"活动已开始或已结束，不能报名", "the activity has begun or ended"});
    }
    SHEQU_ASSIGN_OR_RETURN(auto existing,
                           repository::find_signup(s, activity_id, me->volunteer.id));
    if (existing && existing->state != SignupState::cancelled) {
      return Error::conflict({"您已报名该活动", "you have signed up already"});
    }
    SHEQU_ASSIGN_OR_RETURN(
        auto clashes, repository::overlapping(s, me->volunteer.id, found->starts_at, found->ends_at,
                                              activity_id));
    if (!clashes.empty()) {
      return Error::conflict(
          {fmt::format("与您已报名的活动（编号 {}）时间重叠", clashes.front()),
           fmt::format("overlaps activity {} you signed up for", clashes.front())});
    }
    const SignupState state =
        found->signed_up < found->capacity ? SignupState::signed_up : SignupState::waiting;
    const std::string at = format_timestamp(now);
    SHEQU_TRY(repository::put_signup(s, activity_id, me->volunteer.id, state, at));
    SHEQU_TRY(audit_.append(s, audit::who(actor, kSelfJoin),
                            {std::string(kAuditSignup), "volunteer_activity",
                             std::to_string(activity_id), std::string(signup_key(state)),
                             fmt::format("volunteer {}", me->volunteer.id), found->unit_code}));
    SHEQU_ASSIGN_OR_RETURN(auto made, repository::find_signup(s, activity_id, me->volunteer.id));
    made->volunteer_name = masked_name(keyring_, me->name_sealed);
    return *made;
  });
}

Status VolunteerService::cancel(const Actor& actor, int64_t activity_id) const {
  SHEQU_ASSIGN_OR_RETURN(const std::string community, community_of(actor));
  const TimePoint now = clock_.now();
  return db_.write([&](storage::Session& s) -> Status {
    SHEQU_ASSIGN_OR_RETURN(auto found, repository::find_activity(s, activity_id, true));
    if (!found || !org_.tree().contains(found->unit_code, community)) {
      return activity_not_found();
    }
    SHEQU_ASSIGN_OR_RETURN(auto me, repository::volunteer_of_user(s, actor.user_id));
    if (!me) return not_a_volunteer();
    SHEQU_ASSIGN_OR_RETURN(auto mine, repository::find_signup(s, activity_id, me->volunteer.id));
    if (!mine || mine->state == SignupState::cancelled) {
      return Error::not_found({"您未报名该活动", "you have not signed up"});
    }
    if (mine->checked_in_at || parse_timestamp(found->starts_at) <= now) {
      return Error::conflict({"活动已开始，不能取消", "the activity has begun"});
    }
    SHEQU_TRY(
        repository::set_signup_state(s, activity_id, me->volunteer.id, SignupState::cancelled));
    if (mine->state == SignupState::signed_up) {
      SHEQU_ASSIGN_OR_RETURN(auto next, repository::first_waiting(s, activity_id));
      if (next) {
        SHEQU_TRY(repository::set_signup_state(s, activity_id, *next, SignupState::signed_up));
      }
    }
    return audit_.append(
        s, audit::who(actor, kSelfJoin),
        {std::string(kAuditSignup), "volunteer_activity", std::to_string(activity_id), "cancelled",
         fmt::format("volunteer {}", me->volunteer.id), found->unit_code});
  });
}

std::string VolunteerService::code_mac(int64_t activity_id, int64_t window,
                                       Direction direction) const {
  const std::string activity = std::to_string(activity_id);
  const std::string at = std::to_string(window);
  return privacy::to_hex(
             privacy::hmac_sm3(code_key_, {activity, "|", at, "|", direction_key(direction)}))
      .substr(0, 24);
}

Result<CheckCode> VolunteerService::code(const Actor& actor, int64_t activity_id,
                                         Direction direction) const {
  SHEQU_ASSIGN_OR_RETURN(auto found,
                         db_.read_value<std::optional<Activity>>([&](storage::Session& s) {
                           return repository::find_activity(s, activity_id);
                         }));
  if (!found || !org_.covers(actor, kActivityManage, found->unit_code)) {
    return activity_not_found();
  }
  if (found->state != ActivityState::published) {
    return Error::conflict({"活动已结束", "the activity has ended"});
  }
  const TimePoint now = clock_.now();
  const int64_t window = window_of(now);
  return CheckCode{
      fmt::format("{}.{}.{}.{}", activity_id, window, direction_key(direction),
                  code_mac(activity_id, window, direction)),
      format_timestamp(TimePoint(std::chrono::seconds((window + 1) * kCodeWindow.count())))};
}

Result<Signup> VolunteerService::check(const Actor& actor, int64_t activity_id, Direction direction,
                                       const std::string& code) const {
  SHEQU_ASSIGN_OR_RETURN(const std::string community, community_of(actor));
  // "<activity>.<window>.<in|out>.<mac>": for this activity and direction, signed with our key,
  // shown now or in the window before.
  const auto parts = split_at_dots(code);
  const TimePoint now = clock_.now();
  const Error foreign = Error::invalid(
      "code", {"签到码不属于本活动，请扫描现场的签到码", "not this activity's code"});
  if (parts.size() != 4 || parts[0] != std::to_string(activity_id) ||
      parts[2] != direction_key(direction)) {
    return foreign;
  }
  const auto window = parse_decimal(parts[1]);
  if (!window) return foreign;
  const std::string expected = code_mac(activity_id, *window, direction);
  if (parts[3].size() != expected.size() ||
      CRYPTO_memcmp(parts[3].data(), expected.data(), expected.size()) != 0) {
    return foreign;
  }
  const int64_t current = window_of(now);
  if (*window != current && *window != current - 1) {
    return Error::invalid("code", {"签到码已过期，请扫描现场最新的签到码",
                                   "the code has expired; scan the one shown now"});
  }
  return db_.write_value<Signup>([&](storage::Session& s) -> Result<Signup> {
    SHEQU_ASSIGN_OR_RETURN(auto me, repository::volunteer_of_user(s, actor.user_id));
    if (!me || me->volunteer.state != VolunteerState::approved) return not_a_volunteer();
    SHEQU_ASSIGN_OR_RETURN(auto found, repository::find_activity(s, activity_id, true));
    if (!found || !org_.tree().contains(found->unit_code, community)) {
      return activity_not_found();
    }
    SHEQU_ASSIGN_OR_RETURN(auto mine, repository::find_signup(s, activity_id, me->volunteer.id));
    if (!mine || mine->state != SignupState::signed_up) {
      return Error::conflict({"您没有该活动的名额", "you hold no place in this activity"});
    }
    const TimePoint starts = *parse_timestamp(found->starts_at);
    const TimePoint ends = *parse_timestamp(found->ends_at);
    if (direction == Direction::in) {
      if (mine->checked_in_at) return Error::conflict({"您已签到", "you have checked in"});
      if (now < starts - kEarliestCheckIn || now > ends) {
        return Error::conflict({"不在签到时间内", "not the time to check in"});
      }
    } else {
      if (!mine->checked_in_at) {
        return Error::conflict({"请先签到再签退", "check in before checking out"});
      }
      if (mine->checked_out_at) return Error::conflict({"您已签退", "you have checked out"});
      if (now > ends + kLatestCheckOut) {
        return Error::conflict({"已超过签退时间", "too late to check out"});
      }
    }
    SHEQU_TRY(repository::set_check(s, activity_id, me->volunteer.id, direction,
                                    format_timestamp(now), false));
    SHEQU_TRY(audit_.append(s, audit::who(actor, kSelfJoin),
                            {std::string(kAuditCheck), "volunteer_activity",
                             std::to_string(activity_id), std::string(direction_key(direction)),
                             fmt::format("volunteer {}", me->volunteer.id), found->unit_code}));
    SHEQU_ASSIGN_OR_RETURN(auto made, repository::find_signup(s, activity_id, me->volunteer.id));
    made->volunteer_name = masked_name(keyring_, me->name_sealed);
    return *made;
  });
}

Result<Signup> VolunteerService::check_by_hand(const Actor& actor, int64_t activity_id,
                                               int64_t volunteer_id, Direction direction,
                                               const std::string& at) const {
  const auto when = parse_timestamp(at);
  if (!when) return Error::invalid("at", {"时间格式不正确", "not a time"});
  if (*when > clock_.now()) return Error::invalid("at", {"时间不能晚于现在", "in the future"});
  return db_.write_value<Signup>([&](storage::Session& s) -> Result<Signup> {
    SHEQU_ASSIGN_OR_RETURN(auto found, repository::find_activity(s, activity_id, true));
    if (!found || !org_.covers(actor, kActivityManage, found->unit_code)) {
      return activity_not_found();
    }
    if (found->state != ActivityState::published) {
      return Error::conflict({"活动已确认时长", "the activity's hours are confirmed"});
    }
    SHEQU_ASSIGN_OR_RETURN(auto mine, repository::find_signup(s, activity_id, volunteer_id));
    if (!mine || mine->state != SignupState::signed_up) {
      // Someone without a phone is given a place on the spot, if they volunteer here.
      SHEQU_ASSIGN_OR_RETURN(auto v, repository::find_volunteer(s, volunteer_id));
      if (!v || v->volunteer.state != VolunteerState::approved ||
          !org_.tree().contains(found->unit_code, v->volunteer.unit_code)) {
        return Error::invalid("volunteer", {"不是本活动范围内已通过审核的志愿者",
                                            "not an approved volunteer of the activity's area"});
      }
      SHEQU_TRY(repository::put_signup(s, activity_id, volunteer_id, SignupState::signed_up,
                                       format_timestamp(clock_.now())));
      SHEQU_ASSIGN_OR_RETURN(mine, repository::find_signup(s, activity_id, volunteer_id));
    }
    const TimePoint starts = *parse_timestamp(found->starts_at);
    const TimePoint ends = *parse_timestamp(found->ends_at);
    if (*when < starts - kEarliestCheckIn || *when > ends + kLatestCheckOut) {
      return Error::invalid("at", {"不在活动时间内", "outside the activity's time"});
    }
    if (direction == Direction::out) {
      if (!mine->checked_in_at) {
        return Error::invalid("at", {"请先签到再签退", "check in before checking out"});
      }
      if (*when <= *parse_timestamp(*mine->checked_in_at)) {
        return Error::invalid("at", {"签退时间应晚于签到时间", "must be after the check-in"});
      }
    } else if (mine->checked_out_at && *when >= *parse_timestamp(*mine->checked_out_at)) {
      return Error::invalid("at", {"签到时间应早于签退时间", "must be before the check-out"});
    }
    SHEQU_TRY(repository::set_check(s, activity_id, volunteer_id, direction,
                                    format_timestamp(*when), true));
    SHEQU_TRY(
        audit_.append(s, audit::who(actor, kActivityManage),
                      {std::string(kAuditCheck), "volunteer_activity", std::to_string(activity_id),
                       fmt::format("{} by hand", direction_key(direction)),
                       fmt::format("volunteer {}", volunteer_id), found->unit_code}));
    SHEQU_ASSIGN_OR_RETURN(auto made, repository::find_signup(s, activity_id, volunteer_id));
    SHEQU_ASSIGN_OR_RETURN(auto v, repository::find_volunteer(s, volunteer_id));
    if (v) made->volunteer_name = masked_name(keyring_, v->name_sealed);
    return *made;
  });
}

Result<std::vector<HourEntry>> VolunteerService::confirm(const Actor& actor,
                                                         int64_t activity_id) const {
  const TimePoint now = clock_.now();
  return db_.write_value<std::vector<HourEntry>>(
      [&](storage::Session& s) -> Result<std::vector<HourEntry>> {
        // The head first, as every writer of hours takes it, then the activity: a confirmation
        // made meanwhile by another server is seen as such, and a day's minutes cannot grow
        // between their check and the entry.
        SHEQU_TRY(repository::hold_hours(s));
        SHEQU_ASSIGN_OR_RETURN(auto found, repository::find_activity(s, activity_id, true));
        if (!found || !org_.covers(actor, kActivityManage, found->unit_code)) {
          return activity_not_found();
        }
        if (found->state != ActivityState::published) {
          return Error::conflict({"该活动的时长已确认", "the hours are confirmed already"});
        }
        const TimePoint starts = *parse_timestamp(found->starts_at);
        const TimePoint ends = *parse_timestamp(found->ends_at);
        if (now < ends) {
          return Error::conflict({"活动结束后才能确认时长", "confirm once the activity has ended"});
        }
        const std::string served_on = china_date(starts);
        const audit::Who who = audit::who(actor, kActivityManage);
        SHEQU_ASSIGN_OR_RETURN(auto places, repository::signups(s, activity_id));
        std::vector<HourEntry> written;
        for (const Signup& place : places) {
          if (place.state != SignupState::signed_up || !place.checked_in_at ||
              !place.checked_out_at) {
            continue;
          }
          const TimePoint in = std::max(starts, *parse_timestamp(*place.checked_in_at));
          const TimePoint out = std::min(ends, *parse_timestamp(*place.checked_out_at));
          const int64_t minutes =
              out > in ? std::chrono::duration_cast<std::chrono::minutes>(out - in).count() : 0;
          if (minutes == 0) continue;
          SHEQU_ASSIGN_OR_RETURN(const int64_t that_day,
                                 repository::minutes_on(s, place.volunteer_id, served_on));
          if (that_day + minutes > kMinutesPerDay) {
            return Error::conflict({fmt::format("志愿者 {} 在 {} 的服务时长将超过 24 小时",
                                                place.volunteer_id, served_on),
                                    fmt::format("volunteer {} would serve more than 24 hours on {}",
                                                place.volunteer_id, served_on)});
          }
          SHEQU_ASSIGN_OR_RETURN(HourEntry entry,
                                 hours_.append(s, who,
                                               {.volunteer_id = place.volunteer_id,
                                                .activity_id = activity_id,
                                                .unit_code = found->unit_code,
                                                .served_on = served_on,
                                                .minutes = minutes,
                                                .recorded_by = actor.user_id,
                                                .recorded_at = format_timestamp(now)}));
          written.push_back(std::move(entry));
        }
        SHEQU_TRY(repository::end_activity(s, activity_id, format_timestamp(now)));
        SHEQU_TRY(audit_.append(
            s, who,
            {std::string(kAuditConfirm), "volunteer_activity", std::to_string(activity_id),
             "success", fmt::format("{} entries", written.size()), found->unit_code}));
        return written;
      });
}

Result<HourEntry> VolunteerService::correct(const Actor& actor, int64_t seq, int64_t difference,
                                            const std::string& reason) const {
  std::vector<FieldError> problems;
  check_length(problems, "reason", reason, 2, kMaxReason);
  if (difference == 0 || std::abs(difference) > kMinutesPerDay) {
    problems.push_back(
        {"minutes",
         {"更正的分钟数不能为 0，且不超过 1440", "a correction changes 1 to 1440 minutes"}});
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));
  const TimePoint now = clock_.now();
  return db_.write_value<HourEntry>([&](storage::Session& s) -> Result<HourEntry> {
    // Two corrections of one entry at once must not both find it with minutes to spare.
    SHEQU_TRY(repository::hold_hours(s));
    SHEQU_ASSIGN_OR_RETURN(auto entry, repository::find_hour(s, seq));
    if (!entry || !org_.covers(actor, kActivityManage, entry->unit_code)) {
      return Error::not_found({"未找到该条志愿服务记录", "no such entry of the hour record"});
    }
    if (entry->corrects) {
      return Error::conflict(
          {fmt::format("第 {} 条本身是更正，请更正第 {} 条", seq, *entry->corrects),
           fmt::format("entry {} is a correction itself: correct entry {}", seq,
                       *entry->corrects)});
    }
    SHEQU_ASSIGN_OR_RETURN(const int64_t corrected, repository::corrected_minutes(s, seq));
    const int64_t after = entry->minutes + corrected + difference;
    if (after < 0) {
      return Error::conflict({fmt::format("更正后第 {} 条将少于 0 分钟（现为 {} 分钟）", seq,
                                          entry->minutes + corrected),
                              fmt::format("entry {} would fall below nothing (it is {} minutes)",
                                          seq, entry->minutes + corrected)});
    }
    SHEQU_ASSIGN_OR_RETURN(const int64_t that_day,
                           repository::minutes_on(s, entry->volunteer_id, entry->served_on));
    if (that_day + difference > kMinutesPerDay) {
      return Error::conflict({fmt::format("更正后 {} 的服务时长将超过 24 小时", entry->served_on),
                              fmt::format("the hours of {} would pass 24", entry->served_on)});
    }
    return hours_.append(s, audit::who(actor, kActivityManage),
                         {.volunteer_id = entry->volunteer_id,
                          .activity_id = entry->activity_id,
                          .unit_code = entry->unit_code,
                          .served_on = entry->served_on,
                          .minutes = difference,
                          .corrects = seq,
                          .reason = reason,
                          .recorded_by = actor.user_id,
                          .recorded_at = format_timestamp(now)});
  });
}

Result<std::vector<HourEntry>> VolunteerService::hours(const Actor& actor,
                                                       int64_t volunteer_id) const {
  return db_.read_value<std::vector<HourEntry>>(
      [&](storage::Session& s) -> Result<std::vector<HourEntry>> {
        SHEQU_ASSIGN_OR_RETURN(auto row, repository::find_volunteer(s, volunteer_id));
        if (!row || !org_.covers(actor, kHoursRead, row->volunteer.unit_code)) {
          return volunteer_not_found();
        }
        return repository::hours_of(s, volunteer_id);
      });
}

Result<std::vector<HourEntry>> VolunteerService::my_hours(const Actor& actor) const {
  if (!actor.has(kSelfJoin) || actor.via_api_key) return not_a_volunteer();
  return db_.read_value<std::vector<HourEntry>>(
      [&](storage::Session& s) -> Result<std::vector<HourEntry>> {
        SHEQU_ASSIGN_OR_RETURN(auto row, repository::volunteer_of_user(s, actor.user_id));
        if (!row) return std::vector<HourEntry>();
        return repository::hours_of(s, row->volunteer.id);
      });
}

}  // namespace shequ::volunteer
