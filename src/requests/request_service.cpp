#include "requests/request_service.hpp"

#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <numbers>
#include <set>

#include <fmt/format.h>

#include "common/geo.hpp"
#include "common/strings.hpp"
#include "privacy/validators.hpp"
#include "requests/declaration.hpp"
#include "requests/photo.hpp"
#include "requests/request_repository.hpp"

namespace shequ::requests {

namespace {

// How many overdue cases one run of the escalation job takes on; the next run takes the rest.
constexpr int64_t kEscalationBatch = 500;

Error no_case(int64_t id) {
  return Error::not_found(
      {fmt::format("诉求 {} 不存在", id), fmt::format("request {} not found", id)});
}

// A write carrying a version someone else's write has replaced.
Error stale_category() {
  return Error::conflict(
      {"该分类已被他人修改，请刷新后再改", "someone else changed this category: reload it"});
}

Error unresolved_case() {
  return Error::conflict({"诉求没有办理结果，无需评价", "the request has no result to rate"});
}

Error merged_case() {
  return Error::conflict({"该诉求已并入另一诉求办理", "this request was merged into another"});
}

Error stale_case() {
  return Error::conflict({"诉求已被他人更新，请刷新后重试",
                          "someone changed the request meanwhile: reload and try again"});
}

// "SQ" and ten characters that cannot be mistaken for one another when read out on the phone
// (no 0, 1, I or O): 32^10 codes, not guessable from one another.
std::string new_tracking_code() {
  static constexpr std::string_view kAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  std::string code = "SQ";
  for (int i = 0; i < 10; ++i) code += kAlphabet[randombytes_uniform(kAlphabet.size())];
  return code;
}

// Entered text normalised (common/strings.hpp) and measured; the problem on `field`, if any.
std::optional<std::string> checked_text(std::string_view text, const std::string& field,
                                        std::size_t min, std::size_t max,
                                        std::vector<FieldError>& errors) {
  auto normal = normalise_text(trim(text), field);
  if (!normal) {
    for (const FieldError& e : normal.error().details) errors.push_back(e);
    return std::nullopt;
  }
  const std::size_t length = utf8_length(*normal);
  if (length < min || length > max) {
    errors.push_back({field, min > 0 ? Text{fmt::format("应为 {} 至 {} 个字", min, max),
                                            fmt::format("must be {} to {} characters", min, max)}
                                     : Text{fmt::format("不能超过 {} 个字", max),
                                            fmt::format("must be at most {} characters", max)}});
    return std::nullopt;
  }
  return std::move(*normal);
}

bool needs_note(Action action) {
  switch (action) {
    case Action::resolve:
    case Action::return_to_sender:
    case Action::transfer:
    case Action::supervise:
    case Action::co_report:
    case Action::reopen:
    case Action::withdraw:
    case Action::follow_up:
      return true;
    default:
      return false;
  }
}

// A resident's own request: one they submitted themselves on the resident pages (not one staff
// registered on someone's behalf, which its registrar does not follow or rate as a resident).
bool own_case(const Case& c, const Actor& actor) {
  return c.channel == "resident" && c.submitted_by == actor.user_id;
}

bool names_unit(Action action) {
  return action == Action::transfer || action == Action::add_co_handler;
}

constexpr double kMetresPerDegree = 111'195;  // of a great circle of the mean Earth radius

// Great-circle distance in metres (haversine, mean Earth radius): exact enough at 50 m.
double metres_between(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kRadians = std::numbers::pi / 180;
  const double dlat = (lat2 - lat1) * kRadians;
  const double dlon = (lon2 - lon1) * kRadians;
  const double a = std::pow(std::sin(dlat / 2), 2) + std::cos(lat1 * kRadians) *
                                                         std::cos(lat2 * kRadians) *
                                                         std::pow(std::sin(dlon / 2), 2);
  return 2 * 6'371'008.8 * std::asin(std::min(1.0, std::sqrt(a)));
}

}  // namespace

Result<std::vector<Category>> RequestService::categories(bool include_inactive) const {
  return db_.read_value<std::vector<Category>>(
      [&](storage::Session& s) -> Result<std::vector<Category>> {
        SHEQU_ASSIGN_OR_RETURN(std::vector<Category> all, repository::categories(s));
        if (include_inactive) return all;
        // A withdrawn group withdraws its categories too.
        std::set<std::string> withdrawn;
        for (const Category& c : all) {
          if (!c.active) withdrawn.insert(c.code);
        }
        std::erase_if(all, [&](const Category& c) {
          return withdrawn.contains(c.code) || withdrawn.contains(c.parent);
        });
        return all;
      });
}

Result<std::string> RequestService::check_province_keeper(const Actor& actor,
                                                          const Text& what) const {
  const auto roots = org_.tree().roots();
  if (roots.empty() || !org_.covers(actor, kCatalogueManage, roots.front().unit.code)) {
    return Error::forbidden(what);
  }
  return roots.front().unit.code;
}

Result<Category> RequestService::change_category(const Actor& actor, Category change,
                                                 int64_t expected_version) const {
  SHEQU_ASSIGN_OR_RETURN(const std::string province,
                         check_province_keeper(actor, {"诉求分类由省级管理员维护",
                                                       "the catalogue is kept by the province"}));
  change.name = {std::string(trim(change.name.zh)), std::string(trim(change.name.en))};
  SHEQU_TRY(check_category(change, false));
  return db_.write_value<Category>([&](storage::Session& s) -> Result<Category> {
    SHEQU_ASSIGN_OR_RETURN(auto found, repository::category(s, change.code));
    if (!found) return Error::not_found({"没有这个诉求分类", "no such category"});
    if (found->version != expected_version) return stale_category();
    SHEQU_ASSIGN_OR_RETURN(const bool changed,
                           repository::update_category(s, change, expected_version));
    if (!changed) return stale_category();
    SHEQU_TRY(
        audit_.append(s, audit::who(actor, kCatalogueManage),
                      {std::string(kAuditCatalogue), "request_category", change.code, "success",
                       found->active && !change.active ? "deactivate" : "change", province}));
    SHEQU_ASSIGN_OR_RETURN(auto saved, repository::category(s, change.code));
    return std::move(*saved);
  });
}

Result<Category> RequestService::add_category(const Actor& actor, Category category) const {
  SHEQU_ASSIGN_OR_RETURN(const std::string province,
                         check_province_keeper(actor, {"诉求分类由省级管理员维护",
                                                       "the catalogue is kept by the province"}));
  category.name = {std::string(trim(category.name.zh)), std::string(trim(category.name.en))};
  category.active = true;
  SHEQU_TRY(check_category(category, true));
  return db_.write_value<Category>([&](storage::Session& s) -> Result<Category> {
    if (!category.parent.empty()) {
      SHEQU_ASSIGN_OR_RETURN(auto group, repository::category(s, category.parent));
      if (!group || !group->parent.empty()) {
        return Error::invalid("parent", {"没有这个分组", "no such group"});
      }
    }
    SHEQU_ASSIGN_OR_RETURN(auto taken, repository::category(s, category.code));
    if (taken) {
      // A conflict that a form shows at its field.
      Error error = Error::conflict({"分类代码已被使用", "this code is taken"});
      error.details.push_back({"code", {"已被其他分类使用", "already used by another category"}});
      return error;
    }
    SHEQU_TRY(repository::insert_category(s, category));
    SHEQU_TRY(audit_.append(s, audit::who(actor, kCatalogueManage),
                            {std::string(kAuditCatalogue), "request_category", category.code,
                             "success", "add", province}));
    SHEQU_ASSIGN_OR_RETURN(auto saved, repository::category(s, category.code));
    return std::move(*saved);
  });
}

Result<std::vector<CalendarDay>> RequestService::calendar(int year) const {
  return db_.read_value<std::vector<CalendarDay>>(
      [&](storage::Session& s) -> Result<std::vector<CalendarDay>> {
        SHEQU_ASSIGN_OR_RETURN(std::vector<CalendarDay> days, repository::calendar_days(s));
        std::erase_if(days, [&](const CalendarDay& d) {
          return d.date.substr(0, 4) != std::to_string(year);
        });
        return days;
      });
}

Result<std::vector<CalendarDay>> RequestService::set_calendar(
    const Actor& actor, int year, const std::vector<CalendarDay>& days) const {
  SHEQU_ASSIGN_OR_RETURN(
      const std::string province,
      check_province_keeper(
          actor, {"工作日历由省级管理员维护", "the working calendar is kept by the province"}));
  std::vector<FieldError> errors;
  std::vector<CalendarDay> clean;
  for (std::size_t i = 0; i < days.size(); ++i) {
    const std::string prefix = fmt::format("days[{}].", i);
    CalendarDay day{days[i].date, days[i].working, std::string(trim(days[i].name))};
    if (Status checked = check_calendar_day(day, prefix); !checked) {
      for (const FieldError& e : checked.error().details) errors.push_back(e);
      continue;
    }
    if (day.date.substr(0, 4) != std::to_string(year)) {
      errors.push_back(
          {prefix + "date",
           {fmt::format("应为 {} 年的日期", year), fmt::format("must be a date in {}", year)}});
      continue;
    }
    if (std::ranges::any_of(clean, [&](const CalendarDay& d) { return d.date == day.date; })) {
      errors.push_back({prefix + "date", {"日期重复", "this date is listed twice"}});
      continue;
    }
    clean.push_back(std::move(day));
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  std::ranges::sort(clean, {}, &CalendarDay::date);
  SHEQU_TRY(db_.write([&](storage::Session& s) -> Status {
    SHEQU_TRY(repository::replace_calendar_year(s, year, clean));
    return audit_.append(s, audit::who(actor, kCatalogueManage),
                         {std::string(kAuditCalendar), "calendar", std::to_string(year), "success",
                          fmt::format("{} days", clean.size()), province});
  }));
  return clean;
}

Result<Case> RequestService::checked_new(const Actor& actor, NewRequest& r,
                                         std::string_view permission, storage::Session& s) const {
  std::vector<FieldError> errors;
  Case c;
  // The category: an active leaf of an active group, with its questions answered.
  SHEQU_ASSIGN_OR_RETURN(auto found, repository::category_in_group(s, r.category));
  const std::optional<Category>& category = found.category;
  const std::optional<Category>& group = found.group;
  if (!category || !group || !category->active || !group->active) {
    errors.push_back(
        {"categoryCode", {"请选择诉求分类中的一项", "must be a category of the catalogue"}});
  } else {
    c.category = category->code;
    auto answers = check_answers(category->attributes, r.attributes);
    if (answers) {
      c.attributes = std::move(*answers);
    } else {
      for (const FieldError& e : answers.error().details) errors.push_back(e);
    }
  }
  // Where: a village or community, or a grid under one.
  bool outside = false;
  const auto place = org_.tree().find(r.unit);
  if (place && !org_.covers(actor, permission, r.unit)) {
    outside = true;
    errors.push_back({"unitCode", {"不在您的管辖范围内", "outside the units you look after"}});
  } else if (!place ||
             (place->unit.level != org::Level::village && place->unit.level != org::Level::grid)) {
    errors.push_back(
        {"unitCode", {"应为村（社区）或网格", "must be a village, community or grid"}});
  } else if (place->unit.level == org::Level::grid) {
    c.grid = place->unit.code;
    c.unit = place->unit.parent_code;
  } else {
    c.unit = place->unit.code;
  }
  // Handled at the category's level: the unit above the village when it says so.
  if (category && !c.unit.empty() && category->level != org::Level::village) {
    for (const org::UnitView& above : org_.tree().ancestors(c.unit)) {
      if (above.unit.level == category->level) c.unit = above.unit.code;
    }
  }
  if (auto text = checked_text(r.description, "description", 1, kMaxDescription, errors)) {
    c.description = std::move(*text);
  }
  if (auto text = checked_text(r.address, "address", 0, kMaxAddress, errors)) {
    c.address = std::move(*text);
  }
  if (r.lat.has_value() != r.lon.has_value()) {
    errors.push_back(
        {r.lat ? "lon" : "lat", {"经纬度应同时填写", "give both latitude and longitude"}});
  } else if (r.lat) {
    if (!geo::in_gansu(*r.lon, *r.lat)) {
      errors.push_back({"lat", {"位置不在甘肃省内", "the place is outside Gansu"}});
    } else {
      c.lat_e7 = static_cast<int32_t>(std::lround(*r.lat * 1e7));
      c.lon_e7 = static_cast<int32_t>(std::lround(*r.lon * 1e7));
    }
  }
  // A place inside a grid someone drew reaches that grid's worker, when the community handles it.
  if (!c.grid && c.lat_e7 && !c.unit.empty() && c.unit == r.unit) {
    SHEQU_ASSIGN_OR_RETURN(c.grid, org_.grid_at(s, c.unit, *r.lon, *r.lat));
  }
  if (auto name = checked_text(r.contact_name, "contactName", 0, kMaxContactName, errors);
      name && !name->empty()) {
    c.contact_name_sealed = keyring_.seal(*name, kContactNameContext);
  }
  const std::string phone(trim(r.contact_phone));
  if (!phone.empty()) {
    if (Status ok = privacy::validate_work_phone(phone, "contactPhone"); !ok) {
      for (const FieldError& e : ok.error().details) errors.push_back(e);
    } else {
      c.contact_phone_sealed = keyring_.seal(phone, kContactPhoneContext);
      c.contact_phone_index = keyring_.blind_index(phone, kContactPhoneContext);
    }
  }
  if (r.external_id) {
    const std::string id(trim(*r.external_id));
    const bool plain = std::ranges::all_of(id, [](char ch) {
      return std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_';
    });
    if (id.empty() || id.size() > kMaxExternalId || !plain) {
      errors.push_back(
          {"externalId",
           {fmt::format("应为 1 至 {} 位字母、数字、“-”或“_”", kMaxExternalId),
            fmt::format("must be 1 to {} letters, digits, '-' or '_'", kMaxExternalId)}});
    } else {
      c.external_id = id;
    }
  }
  if (!errors.empty()) {
    Error error = Error::invalid(std::move(errors));
    if (outside) error.code = ErrorCode::forbidden;
    return error;
  }
  c.channel = r.channel;
  c.submitted_by = actor.user_id > 0 ? std::optional(actor.user_id) : std::nullopt;
  const TimePoint now = clock_.now();
  SHEQU_ASSIGN_OR_RETURN(std::vector<CalendarDay> days, repository::calendar_days(s));
  const WorkCalendar calendar(days);
  const TimeLimitClass* limits = find_time_limit_class(category->time_limit);
  if (!limits) return Error::internal("request_category.time_limit names no class");
  c.received_at = format_timestamp(now);
  c.accept_due = format_timestamp(deadline_after(now, limits->accept, calendar));
  c.resolve_due = format_timestamp(deadline_after(now, limits->resolve, calendar));
  c.updated_at = c.received_at;
  c.tracking_code = new_tracking_code();
  return c;
}

Result<Case> RequestService::register_new(const Actor& actor, NewRequest& request,
                                          std::string_view permission) const {
  SHEQU_ASSIGN_OR_RETURN(Case c, db_.read_value<Case>([&](storage::Session& s) {
    return checked_new(actor, request, permission, s);
  }));
  SHEQU_ASSIGN_OR_RETURN(c.id, insert(actor, c, permission));
  return c;
}

Status RequestService::check_staff_channel(const NewRequest& request) {
  if (request.channel != "hotline" && request.channel != "patrol" && request.channel != "open311") {
    return Error::invalid("channel", {"应为热线（hotline）、巡查（patrol）或 Open311（open311）",
                                      "must be hotline, patrol or open311"});
  }
  return {};
}

Result<Case> RequestService::staff_intake(const Actor& actor, NewRequest& request) const {
  SHEQU_TRY(check_staff_channel(request));
  return register_new(actor, request, kCaseIntake);
}

Result<Case> RequestService::open_within(storage::Session& s, const Actor& actor,
                                         NewRequest request) const {
  SHEQU_TRY(check_staff_channel(request));
  SHEQU_ASSIGN_OR_RETURN(Case c, checked_new(actor, request, kCaseIntake, s));
  SHEQU_ASSIGN_OR_RETURN(c.id, insert_in(s, actor, c, kCaseIntake));
  return c;
}

Status RequestService::check_within(storage::Session& s, const Actor& actor,
                                    NewRequest request) const {
  SHEQU_TRY(check_staff_channel(request));
  SHEQU_TRY(checked_new(actor, request, kCaseIntake, s));
  return {};
}

Result<CaseDetail> RequestService::submit(const Actor& actor, NewRequest request) const {
  SHEQU_ASSIGN_OR_RETURN(Case c, staff_intake(actor, request));
  // What the answer shows is read after the commit: a PostgreSQL deployment's writers queue on
  // the audit chain's head, and the write holds only the rows of the case.
  return db_.read_value<CaseDetail>(
      [&](storage::Session& s) { return detail(s, actor, std::move(c)); });
}

Result<CaseView> RequestService::submit_brief(const Actor& actor, NewRequest request) const {
  SHEQU_ASSIGN_OR_RETURN(Case c, staff_intake(actor, request));
  return view_of(actor, std::move(c), clock_.now());
}

Status RequestService::check_new(const Actor& actor, NewRequest request) const {
  SHEQU_TRY(db_.read_value<Case>(
      [&](storage::Session& s) { return checked_new(actor, request, kCaseIntake, s); }));
  return {};
}

Result<CaseDetail> RequestService::submit_own(const Actor& actor, NewRequest request) const {
  if (request.unit.empty()) {
    const auto roots = actor.roots_for(kCaseSubmit);
    if (!roots.empty()) request.unit = roots.front();
  }
  request.channel = "resident";
  request.external_id.reset();
  SHEQU_ASSIGN_OR_RETURN(Case c, register_new(actor, request, kCaseSubmit));
  return db_.read_value<CaseDetail>(
      [&](storage::Session& s) { return detail(s, actor, std::move(c)); });
}

Result<int64_t> RequestService::insert(const Actor& actor, const Case& c,
                                       std::string_view permission) const {
  return db_.write_value<int64_t>(
      [&](storage::Session& s) { return insert_in(s, actor, c, permission); });
}

Result<int64_t> RequestService::insert_in(storage::Session& s, const Actor& actor, const Case& c,
                                          std::string_view permission) const {
  auto id = repository::insert_case(s, c);
  if (!id && id.error().code == ErrorCode::conflict && c.external_id) {
    Error error = Error::conflict({fmt::format("热线工单 {} 已经登记过", *c.external_id),
                                   fmt::format("case {} is already registered", *c.external_id)});
    error.details.push_back(
        {"externalId", {"该工单号已经登记过", "this case number is already registered"}});
    return error;
  }
  SHEQU_TRY(id);
  SHEQU_TRY(repository::append_event(
      s, *id,
      {0, c.received_at, "submit", c.submitted_by, "", "", std::nullopt,
       std::string(state_key(State::submitted)), c.unit, std::nullopt, ""}));
  SHEQU_TRY(audit_.append(s, audit::who(actor, permission),
                          {std::string(kAuditSubmit), "request", std::to_string(*id), "success",
                           fmt::format("{} {}", c.channel, c.category), c.unit}));
  return *id;
}

std::optional<Role> RequestService::role_in(const Actor& actor, const Case& c) const {
  const std::vector<std::string> handles = actor.roots_for(kCaseHandle);
  for (const std::string& root : handles) {
    if (root == c.unit || (c.grid && root == *c.grid)) return Role::handler;
  }
  for (const std::string& root : handles) {
    if (std::ranges::find(c.co_handlers, root) != c.co_handlers.end()) return Role::co_handler;
  }
  for (const std::string& root : actor.roots_for(kCaseSupervise)) {
    if (root != c.unit && org_.tree().contains(root, c.unit)) return Role::supervisor;
  }
  if (own_case(c, actor) && actor.has(kCaseSubmit)) return Role::resident;
  return std::nullopt;
}

bool RequestService::readable(const Actor& actor, const Case& c) const {
  if (org_.covers(actor, kCaseRead, c.unit)) return true;
  if (c.grid && org_.covers(actor, kCaseRead, *c.grid)) return true;
  return std::ranges::any_of(
      c.co_handlers, [&](const std::string& u) { return org_.covers(actor, kCaseRead, u); });
}

CaseView RequestService::view_of(const Actor& actor, Case c, TimePoint now) const {
  CaseView view;
  const auto opened = [&](const std::optional<std::string>& sealed, std::string_view context,
                          auto mask) -> std::string {
    if (!sealed) return "";
    auto clear = keyring_.open(*sealed, context);
    return clear ? mask(*clear) : "";
  };
  view.contact_name = opened(c.contact_name_sealed, kContactNameContext, privacy::mask_name);
  view.contact_phone = opened(c.contact_phone_sealed, kContactPhoneContext, privacy::mask_mobile);
  view.role = role_in(actor, c);
  // A merged case lives on in the one it joined: nothing more is done to it.
  if (view.role && !c.merged_into) {
    for (Action action : all_actions()) {
      if (action == Action::escalate) continue;
      if (next_state(c.status, action, *view.role)) view.allowed.push_back(action);
    }
    // Closed without a result (withdrawn): there is nothing to rate.
    if (!c.resolved_at) std::erase(view.allowed, Action::rate);
  }
  const std::string at = format_timestamp(now);
  view.overdue = (c.status == State::submitted && c.accept_due < at) ||
                 (is_open(c.status) && c.resolve_due < at);
  view.value = std::move(c);
  return view;
}

Result<std::vector<NearbyCase>> RequestService::duplicates_of(storage::Session& s,
                                                              const Actor& actor,
                                                              const Case& c) const {
  std::vector<NearbyCase> out;
  if (!is_open(c.status) || !c.lat_e7 || !c.lon_e7) return out;
  const double lat = *c.lat_e7 * 1e-7;
  const double lon = *c.lon_e7 * 1e-7;
  // The box around the point, a little wider than the circle; the circle is then exact.
  const double lat_span = kDuplicateMetres / kMetresPerDegree * 1.01;
  const double lon_span = lat_span / std::max(std::cos(lat * std::numbers::pi / 180), 0.01);
  const auto e7 = [](double degrees) { return static_cast<int32_t>(std::lround(degrees * 1e7)); };
  const repository::Area area{e7(lat - lat_span), e7(lat + lat_span), e7(lon - lon_span),
                              e7(lon + lon_span)};
  const std::string since =
      format_timestamp(clock_.now() - std::chrono::hours(24 * kDuplicateDays));
  SHEQU_ASSIGN_OR_RETURN(std::vector<Case> near,
                         repository::open_near(s, c.category, area, since, c.id));
  const bool resident = own_case(c, actor);
  for (const Case& other : near) {
    if (!other.lat_e7 || !other.lon_e7) continue;
    const double metres = metres_between(lat, lon, *other.lat_e7 * 1e-7, *other.lon_e7 * 1e-7);
    if (metres > kDuplicateMetres) continue;
    if (!resident && !readable(actor, other)) continue;
    out.push_back(
        {other.id, other.tracking_code, other.status, other.received_at, other.unit, metres});
  }
  std::ranges::sort(out, {}, &NearbyCase::distance_m);
  if (out.size() > kMaxDuplicates) out.resize(kMaxDuplicates);
  return out;
}

Result<CaseDetail> RequestService::detail(storage::Session& s, const Actor& actor, Case c) const {
  SHEQU_ASSIGN_OR_RETURN(std::vector<CaseEvent> timeline, repository::events(s, c.id));
  SHEQU_ASSIGN_OR_RETURN(auto rating, repository::find_rating(s, c.id));
  SHEQU_ASSIGN_OR_RETURN(auto rectification, repository::latest_rectification(s, c.id));
  SHEQU_ASSIGN_OR_RETURN(std::vector<Photo> photos, repository::photos(s, c.id));
  SHEQU_ASSIGN_OR_RETURN(std::vector<NearbyCase> duplicates, duplicates_of(s, actor, c));
  CaseDetail out{view_of(actor, std::move(c), clock_.now()),
                 std::move(timeline),
                 std::move(photos),
                 std::move(duplicates),
                 std::move(rating),
                 std::move(rectification)};
  // Rated once: the resident is not offered it again.
  if (out.rating) std::erase(out.view.allowed, Action::rate);
  return out;
}

Result<org::Page<CaseView>> RequestService::list(const Actor& actor, const CaseQuery& query) const {
  CaseFilter filter{actor.roots_for(kCaseRead),
                    std::nullopt,
                    query.status,
                    query.category,
                    std::nullopt,
                    std::nullopt};
  if (query.unit) {
    SHEQU_TRY(org_.unit(actor, *query.unit));
    SHEQU_TRY(org_.in_scope(actor, kCaseRead, *query.unit));
    filter.unit = query.unit;
  }
  const TimePoint now = clock_.now();
  if (query.overdue) filter.overdue_at = format_timestamp(now);
  SHEQU_ASSIGN_OR_RETURN(auto page, db_.read_value<org::Page<Case>>([&](storage::Session& s) {
    return repository::list_cases(s, filter, query.page);
  }));
  org::Page<CaseView> out{{}, page.total};
  for (Case& c : page.items) out.items.push_back(view_of(actor, std::move(c), now));
  return out;
}

Result<std::vector<FoundCase>> RequestService::search(const Actor& actor, CaseSearch search) const {
  search.roots = actor.roots_for(kCaseRead);
  struct Found {
    std::vector<Case> cases;
    std::map<int64_t, std::string> resolutions;
  };
  SHEQU_ASSIGN_OR_RETURN(
      Found found, db_.write_value<Found>([&](storage::Session& s) -> Result<Found> {
        Found f;
        SHEQU_ASSIGN_OR_RETURN(f.cases, repository::search_cases(s, search));
        std::vector<int64_t> ids;
        for (const Case& c : f.cases) ids.push_back(c.id);
        SHEQU_ASSIGN_OR_RETURN(
            f.resolutions,
            repository::latest_notes(s, ids, std::string(action_key(Action::resolve))));
        SHEQU_TRY(audit_.append(s, audit::who(actor, kCaseRead),
                                {std::string(kAuditBulkRead), "request", "", "success",
                                 fmt::format("cases {}", f.cases.size()), actor.unit_code}));
        return f;
      }));
  const TimePoint now = clock_.now();
  std::vector<FoundCase> out;
  for (Case& c : found.cases) {
    const auto note = found.resolutions.find(c.id);
    std::string resolution = note != found.resolutions.end() ? note->second : "";
    out.push_back({view_of(actor, std::move(c), now), std::move(resolution)});
  }
  return out;
}

Result<std::vector<CaseUpdate>> RequestService::updates(const Actor& actor, const std::string& from,
                                                        const std::string& to,
                                                        int64_t limit) const {
  return db_.write_value<std::vector<CaseUpdate>>(
      [&](storage::Session& s) -> Result<std::vector<CaseUpdate>> {
        SHEQU_ASSIGN_OR_RETURN(auto found,
                               repository::updates(s, actor.roots_for(kCaseRead), from, to, limit));
        SHEQU_TRY(audit_.append(s, audit::who(actor, kCaseRead),
                                {std::string(kAuditBulkRead), "request", "", "success",
                                 fmt::format("updates {}", found.size()), actor.unit_code}));
        return found;
      });
}

Result<CaseView> RequestService::find_by_tracking_code(const Actor& actor,
                                                       const std::string& code) const {
  SHEQU_ASSIGN_OR_RETURN(auto found, db_.read_value<std::optional<Case>>([&](storage::Session& s) {
    return repository::find_case_by_tracking_code(s, code);
  }));
  if (!found || !readable(actor, *found)) {
    return Error::not_found(
        {fmt::format("未找到诉求 {}", code), fmt::format("no request {}", code)});
  }
  return view_of(actor, std::move(*found), clock_.now());
}

Result<std::optional<CaseView>> RequestService::find_external(
    const Actor& actor, const std::string& channel, const std::string& external_id) const {
  SHEQU_ASSIGN_OR_RETURN(auto found, db_.read_value<std::optional<Case>>([&](storage::Session& s) {
    return repository::find_case_by_external_id(s, channel, external_id);
  }));
  if (!found || !readable(actor, *found)) return std::optional<CaseView>();
  return std::optional(view_of(actor, std::move(*found), clock_.now()));
}

Result<org::Page<CaseView>> RequestService::list_own(const Actor& actor,
                                                     const org::PageRequest& page) const {
  const CaseFilter filter{{}, std::nullopt, "", "", std::nullopt, actor.user_id};
  SHEQU_ASSIGN_OR_RETURN(auto cases, db_.read_value<org::Page<Case>>([&](storage::Session& s) {
    return repository::list_cases(s, filter, page);
  }));
  const TimePoint now = clock_.now();
  org::Page<CaseView> out{{}, cases.total};
  for (Case& c : cases.items) out.items.push_back(view_of(actor, std::move(c), now));
  return out;
}

Result<CaseDetail> RequestService::get(const Actor& actor, int64_t id) const {
  return db_.read_value<CaseDetail>([&](storage::Session& s) -> Result<CaseDetail> {
    SHEQU_ASSIGN_OR_RETURN(auto found, repository::find_case(s, id));
    if (!found || !readable(actor, *found)) return no_case(id);
    return detail(s, actor, std::move(*found));
  });
}

Result<CaseDetail> RequestService::get_own(const Actor& actor, int64_t id) const {
  return db_.read_value<CaseDetail>([&](storage::Session& s) -> Result<CaseDetail> {
    SHEQU_ASSIGN_OR_RETURN(auto found, repository::find_case(s, id));
    if (!found || !own_case(*found, actor)) return no_case(id);
    return detail(s, actor, std::move(*found));
  });
}

Result<Photo> RequestService::store_photo(const Actor& actor, int64_t id, std::string_view upload,
                                          std::string_view permission,
                                          const std::function<bool(const Case&)>& sees,
                                          const std::function<bool(const Case&)>& adds) const {
  const auto visible = [&](storage::Session& s) -> Result<Case> {
    SHEQU_ASSIGN_OR_RETURN(auto found, repository::find_case(s, id));
    if (!found || !sees(*found)) return no_case(id);
    return std::move(*found);
  };
  const auto open_to_photos = [&](storage::Session& s) -> Result<Case> {
    SHEQU_ASSIGN_OR_RETURN(Case c, visible(s));
    if (!adds(c)) {
      return Error::forbidden(
          {"您在此诉求中没有办理职责，不能添加照片", "you have no part in this request"});
    }
    if (c.status == State::closed) {
      return Error::conflict(
          {"诉求已办结，不能再添加照片", "the request is closed: no more photos"});
    }
    SHEQU_ASSIGN_OR_RETURN(const std::vector<Photo> shown, repository::photos(s, id));
    if (static_cast<int64_t>(shown.size()) >= kMaxPhotosPerCase) {
      return Error::conflict({fmt::format("每件诉求最多 {} 张照片", kMaxPhotosPerCase),
                              fmt::format("at most {} photos per request", kMaxPhotosPerCase)});
    }
    return c;
  };
  // What is not a photo is refused first: that says nothing of any case. Then a case the
  // caller cannot see is not found, and one that is not theirs to add to is forbidden.
  SHEQU_ASSIGN_OR_RETURN(CleanPhoto clean, clean_photo(upload));
  SHEQU_TRY(db_.read_value<Case>(open_to_photos));
  // On disk before the row that names it commits: a row never names a missing file. A crash in
  // between leaves a file no row names, which costs space and nothing else.
  SHEQU_ASSIGN_OR_RETURN(const std::string sha256, photos_.put(clean.bytes));
  Photo photo{0,
              sha256,
              std::move(clean.media_type),
              clean.width,
              clean.height,
              static_cast<int64_t>(clean.bytes.size()),
              actor.user_id > 0 ? std::optional(actor.user_id) : std::nullopt,
              format_timestamp(clock_.now())};
  return db_.write_value<Photo>([&](storage::Session& s) -> Result<Photo> {
    // Counted under the case's lock: two uploads at once cannot both be the ninth.
    SHEQU_TRY(repository::lock_case(s, id));
    SHEQU_ASSIGN_OR_RETURN(const Case c, open_to_photos(s));
    SHEQU_ASSIGN_OR_RETURN(photo.id, repository::insert_photo(s, id, photo));
    SHEQU_TRY(audit_.append(s, audit::who(actor, permission),
                            {std::string(kAuditPhoto), "request", std::to_string(id), "success",
                             std::to_string(photo.id), c.unit}));
    return photo;
  });
}

Result<Photo> RequestService::add_photo(const Actor& actor, int64_t id,
                                        std::string_view upload) const {
  return store_photo(
      actor, id, upload, kCaseHandle, [&](const Case& c) { return readable(actor, c); },
      [&](const Case& c) {
        const auto role = role_in(actor, c);
        return role && *role != Role::resident;
      });
}

Result<Photo> RequestService::add_own_photo(const Actor& actor, int64_t id,
                                            std::string_view upload) const {
  const auto own = [&](const Case& c) { return own_case(c, actor); };
  return store_photo(actor, id, upload, kCaseSubmit, own, own);
}

Result<PhotoFile> RequestService::read_photo(int64_t id, int64_t photo_id,
                                             const std::function<bool(const Case&)>& may) const {
  SHEQU_ASSIGN_OR_RETURN(const Photo found,
                         db_.read_value<Photo>([&](storage::Session& s) -> Result<Photo> {
                           SHEQU_ASSIGN_OR_RETURN(auto c, repository::find_case(s, id));
                           if (!c || !may(*c)) return no_case(id);
                           SHEQU_ASSIGN_OR_RETURN(auto p, repository::photo(s, id, photo_id));
                           if (!p) return Error::not_found({"没有这张照片", "no such photo"});
                           return std::move(*p);
                         }));
  SHEQU_ASSIGN_OR_RETURN(std::string bytes, photos_.get(found.sha256));
  return PhotoFile{std::move(bytes), found.media_type};
}

Result<PhotoFile> RequestService::photo(const Actor& actor, int64_t id, int64_t photo_id) const {
  return read_photo(id, photo_id, [&](const Case& c) { return readable(actor, c); });
}

Result<PhotoFile> RequestService::own_photo(const Actor& actor, int64_t id,
                                            int64_t photo_id) const {
  return read_photo(id, photo_id, [&](const Case& c) { return own_case(c, actor); });
}

Status RequestService::check_target(const Actor& actor, Role role, const Case& c,
                                    const Step& step) const {
  const std::string& code = *step.target_unit;
  const auto target = org_.tree().find(code);
  if (!target || target->unit.level < org::Level::county ||
      target->unit.level > org::Level::village) {
    return Error::invalid("targetUnit", {"应为县、乡镇（街道）或村（社区）",
                                         "must be a county, township or village/community"});
  }
  if (code == c.unit || std::ranges::find(c.co_handlers, code) != c.co_handlers.end()) {
    return Error::invalid("targetUnit", {"该单位已在办理此诉求", "that unit already has the case"});
  }
  // A lead unit passes a case among its neighbours under the unit above it; a unit above
  // passes it anywhere in its own scope.
  const auto lead = org_.tree().find(c.unit);
  const bool reachable = role == Role::supervisor
                             ? org_.covers(actor, kCaseSupervise, code)
                             : lead && !lead->unit.parent_code.empty() &&
                                   org_.tree().contains(lead->unit.parent_code, code);
  if (!reachable) {
    Error error = Error::invalid(
        "targetUnit", {"不在您可转办的范围内", "outside the units you may pass the case to"});
    error.code = ErrorCode::forbidden;
    return error;
  }
  return {};
}

Result<CaseDetail> RequestService::act(const Actor& actor, int64_t id, const Step& step) const {
  if (step.action == Action::escalate || step.action == Action::withdraw ||
      step.action == Action::rate) {
    return Error::invalid("action", {"不能由此执行该操作", "this action is not taken here"});
  }
  std::vector<FieldError> errors;
  std::string note;
  if (auto text =
          checked_text(step.note, "note", needs_note(step.action) ? 1 : 0, kMaxNote, errors)) {
    note = std::move(*text);
  }
  if (names_unit(step.action) && !step.target_unit) {
    errors.push_back({"targetUnit", {"请选择单位", "name the unit"}});
  }
  if (step.action == Action::merge && !step.target_case) {
    errors.push_back({"targetCase", {"请选择要并入的诉求", "name the request to merge into"}});
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return db_.write_value<CaseDetail>([&](storage::Session& s) -> Result<CaseDetail> {
    SHEQU_ASSIGN_OR_RETURN(auto found, repository::find_case(s, id));
    if (!found || !readable(actor, *found)) return no_case(id);
    Case c = std::move(*found);
    // A stale view first: what the caller may do is judged on the case as it is now.
    if (step.version != c.version) {
      return stale_case();
    }
    const std::optional<Role> role = role_in(actor, c);
    if (!role || *role == Role::resident) {
      return Error::forbidden({"您不是此诉求的承办、协办或上级单位",
                               "you are not with a unit handling or above this request"});
    }
    if (c.merged_into) return merged_case();
    SHEQU_ASSIGN_OR_RETURN(const State next, next_state(c.status, step.action, *role));
    if (names_unit(step.action)) SHEQU_TRY(check_target(actor, *role, c, step));
    std::optional<Case> kept;  // merge: the case that carries on
    if (step.action == Action::merge) {
      SHEQU_ASSIGN_OR_RETURN(auto found_target, repository::find_case(s, *step.target_case));
      if (!found_target || !readable(actor, *found_target) || found_target->id == c.id) {
        return Error::invalid("targetCase",
                              {"没有可并入的这件诉求", "no such request to merge into"});
      }
      if (!is_open(found_target->status)) {
        return Error::conflict(
            {"只能并入尚在办理的诉求", "a request can only be merged into an open one"});
      }
      kept = std::move(*found_target);
    }
    const std::string now = format_timestamp(clock_.now());
    const State before = c.status;
    std::optional<std::string> target = step.target_unit;
    switch (step.action) {
      case Action::accept:
        c.accepted_at = now;
        break;
      case Action::resolve:
        c.resolved_at = now;
        SHEQU_TRY(repository::finish_rectification(s, c.id, now));
        break;
      case Action::close:
        c.closed_at = now;
        break;
      case Action::reopen:
        c.resolved_at.reset();
        c.closed_at.reset();
        break;
      case Action::transfer:
      case Action::return_to_sender: {
        if (step.action == Action::return_to_sender) {
          const auto lead = org_.tree().find(c.unit);
          if (!lead || lead->unit.parent_code.empty()) {
            return Error::conflict(
                {"没有可退回的上级单位", "there is no unit above to return it to"});
          }
          target = lead->unit.parent_code;
        }
        c.unit = *target;
        c.accepted_at.reset();
        if (c.grid && !org_.tree().contains(c.unit, *c.grid)) c.grid.reset();
        break;
      }
      case Action::add_co_handler:
        SHEQU_TRY(repository::add_co_handler(s, c.id, *target, now));
        c.co_handlers.push_back(*target);
        break;
      case Action::merge:
        c.merged_into = kept->id;
        c.closed_at = now;
        break;
      default:
        break;
    }
    if (!names_unit(step.action) && step.action != Action::return_to_sender) target.reset();
    c.status = next;
    c.updated_at = now;
    SHEQU_ASSIGN_OR_RETURN(const bool updated, repository::update_case(s, c, step.version));
    if (!updated) {
      return stale_case();
    }
    c.version = step.version + 1;
    SHEQU_TRY(repository::append_event(
        s, c.id,
        {0, now, std::string(action_key(step.action)),
         actor.user_id > 0 ? std::optional(actor.user_id) : std::nullopt, "", "",
         std::string(state_key(before)), std::string(state_key(c.status)), c.unit, target, note}));
    if (kept) {
      // The case that carries on says what joined it, in its own timeline.
      SHEQU_TRY(repository::append_event(
          s, kept->id,
          {0, now, std::string(action_key(Action::merge)),
           actor.user_id > 0 ? std::optional(actor.user_id) : std::nullopt, "", "",
           std::string(state_key(kept->status)), std::string(state_key(kept->status)), kept->unit,
           std::nullopt,
           fmt::format("并入诉求 {}（{} merged into this）", c.tracking_code, c.tracking_code)}));
    }
    SHEQU_TRY(audit_.append(
        s, audit::who(actor, *role == Role::supervisor ? kCaseSupervise : kCaseHandle),
        {std::string(kAuditStep), "request", std::to_string(c.id), "success",
         std::string(action_key(step.action)), c.unit}));
    return detail(s, actor, std::move(c));
  });
}

Result<CaseDetail> RequestService::withdraw(const Actor& actor, int64_t id, int64_t version,
                                            const std::string& note) const {
  std::vector<FieldError> errors;
  auto text = checked_text(note, "note", 1, kMaxNote, errors);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return db_.write_value<CaseDetail>([&](storage::Session& s) -> Result<CaseDetail> {
    SHEQU_ASSIGN_OR_RETURN(auto found, repository::find_case(s, id));
    if (!found || !own_case(*found, actor)) return no_case(id);
    Case c = std::move(*found);
    SHEQU_ASSIGN_OR_RETURN(const State next,
                           next_state(c.status, Action::withdraw, Role::resident));
    if (version != c.version) {
      return stale_case();
    }
    const std::string now = format_timestamp(clock_.now());
    const State before = c.status;
    c.status = next;
    c.closed_at = now;
    c.updated_at = now;
    SHEQU_ASSIGN_OR_RETURN(const bool updated, repository::update_case(s, c, version));
    if (!updated) {
      return stale_case();
    }
    c.version = version + 1;
    SHEQU_TRY(
        repository::append_event(s, c.id,
                                 {0, now, std::string(action_key(Action::withdraw)), actor.user_id,
                                  "", "", std::string(state_key(before)),
                                  std::string(state_key(c.status)), c.unit, std::nullopt, *text}));
    SHEQU_TRY(audit_.append(s, audit::who(actor, kCaseSubmit),
                            {std::string(kAuditStep), "request", std::to_string(c.id), "success",
                             std::string(action_key(Action::withdraw)), c.unit}));
    return detail(s, actor, std::move(c));
  });
}

Result<CaseDetail> RequestService::rate(const Actor& actor, int64_t id, int64_t version,
                                        const std::string& score,
                                        const std::string& comment) const {
  std::vector<FieldError> errors;
  if (std::ranges::find(kScores, score) == std::end(kScores)) {
    errors.push_back({"score", {"请选择评价等级", "choose a rating"}});
  }
  auto text = checked_text(comment, "comment", 0, kMaxComment, errors);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return db_.write_value<CaseDetail>([&](storage::Session& s) -> Result<CaseDetail> {
    SHEQU_ASSIGN_OR_RETURN(auto found, repository::find_case(s, id));
    if (!found || !own_case(*found, actor)) return no_case(id);
    Case c = std::move(*found);
    if (version != c.version) {
      return stale_case();
    }
    SHEQU_ASSIGN_OR_RETURN(auto earlier, repository::find_rating(s, id));
    if (earlier) return Error::conflict({"您已经评价过这件诉求", "you have rated this request"});
    if (c.merged_into) return merged_case();
    SHEQU_ASSIGN_OR_RETURN(State next, next_state(c.status, Action::rate, Role::resident));
    // Closed without a result (withdrawn): there is nothing to rate.
    if (!c.resolved_at) return unresolved_case();
    const TimePoint at = clock_.now();
    const std::string now = format_timestamp(at);
    const State before = c.status;
    SHEQU_TRY(repository::insert_rating(s, id, {score, *text, actor.user_id, now}));
    std::vector<CaseEvent> steps{{0, now, std::string(action_key(Action::rate)), actor.user_id, "",
                                  "", std::string(state_key(before)), std::string(state_key(next)),
                                  c.unit, std::nullopt, *text}};
    c.closed_at = c.closed_at.value_or(now);
    if (is_bad_score(score)) {
      // Reopened for rectification, by the platform, due in 15 working days.
      SHEQU_ASSIGN_OR_RETURN(const State reopened, next_state(next, Action::reopen, Role::system));
      SHEQU_ASSIGN_OR_RETURN(std::vector<CalendarDay> days, repository::calendar_days(s));
      const std::string due =
          format_timestamp(WorkCalendar(days).after_working_days(at, kRectificationWorkingDays));
      SHEQU_TRY(repository::open_rectification(s, id, now, due));
      steps.push_back({0, now, std::string(action_key(Action::reopen)), std::nullopt, "", "",
                       std::string(state_key(next)), std::string(state_key(reopened)), c.unit,
                       std::nullopt, "rectification"});
      next = reopened;
      c.resolved_at.reset();
      c.closed_at.reset();
    }
    c.status = next;
    c.updated_at = now;
    SHEQU_ASSIGN_OR_RETURN(const bool updated, repository::update_case(s, c, version));
    if (!updated) {
      return stale_case();
    }
    c.version = version + 1;
    for (const CaseEvent& e : steps) SHEQU_TRY(repository::append_event(s, id, e));
    SHEQU_TRY(audit_.append(s, audit::who(actor, kCaseSubmit),
                            {std::string(kAuditStep), "request", std::to_string(id), "success",
                             fmt::format("rate {}", score), c.unit}));
    return detail(s, actor, std::move(c));
  });
}

Result<CaseDetail> RequestService::change_appeal(
    const Actor& actor, int64_t id, Role needed, std::string_view permission,
    const std::function<Result<std::string>(Rating&)>& change) const {
  return db_.write_value<CaseDetail>([&](storage::Session& s) -> Result<CaseDetail> {
    SHEQU_ASSIGN_OR_RETURN(auto found, repository::find_case(s, id));
    if (!found || !readable(actor, *found)) return no_case(id);
    Case c = std::move(*found);
    SHEQU_ASSIGN_OR_RETURN(auto rating, repository::find_rating(s, id));
    if (!rating) return Error::conflict({"这件诉求还没有评价", "the request has not been rated"});
    if (role_in(actor, c) != needed) {
      return Error::forbidden(
          needed == Role::handler
              ? Text{"只有承办单位可以申诉评价", "only the lead unit may appeal"}
              : Text{"申诉由承办单位的上级单位裁定",
                     "the unit above the lead unit decides appeals"});
    }
    SHEQU_ASSIGN_OR_RETURN(const std::string action, change(*rating));
    SHEQU_TRY(repository::update_appeal(s, id, *rating));
    const std::string now = format_timestamp(clock_.now());
    const std::string state(state_key(c.status));
    SHEQU_TRY(repository::append_event(
        s, id,
        {0, now, action, actor.user_id > 0 ? std::optional(actor.user_id) : std::nullopt, "", "",
         state, state, c.unit, std::nullopt,
         action == "appeal" ? rating->appeal_reason.value_or("")
                            : rating->decision_note.value_or("")}));
    SHEQU_TRY(audit_.append(
        s, audit::who(actor, permission),
        {std::string(kAuditAppeal), "request", std::to_string(id), "success", action, c.unit}));
    return detail(s, actor, std::move(c));
  });
}

Result<CaseDetail> RequestService::appeal(const Actor& actor, int64_t id,
                                          const std::string& reason) const {
  std::vector<FieldError> errors;
  auto text = checked_text(reason, "reason", 1, kMaxNote, errors);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  const std::string now = format_timestamp(clock_.now());
  return change_appeal(
      actor, id, Role::handler, kCaseHandle, [&](Rating& r) -> Result<std::string> {
        if (!is_bad_score(r.score) || r.appeal_status != "none") {
          return Error::conflict(
              {"只能对未申诉过的差评申诉一次", "only a bad rating is appealed, once"});
        }
        r.appeal_status = "pending";
        r.appeal_reason = *text;
        r.appealed_by = actor.user_id;
        r.appealed_at = now;
        return std::string("appeal");
      });
}

Result<CaseDetail> RequestService::decide_appeal(const Actor& actor, int64_t id, bool upheld,
                                                 const std::string& note) const {
  std::vector<FieldError> errors;
  auto text = checked_text(note, "note", 1, kMaxNote, errors);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  const std::string now = format_timestamp(clock_.now());
  return change_appeal(
      actor, id, Role::supervisor, kCaseSupervise, [&](Rating& r) -> Result<std::string> {
        if (r.appeal_status != "pending") {
          return Error::conflict({"没有待裁定的申诉", "there is no appeal waiting for a decision"});
        }
        r.appeal_status = upheld ? "upheld" : "rejected";
        r.decision_note = *text;
        r.decided_by = actor.user_id;
        r.decided_at = now;
        return std::string(upheld ? "appeal_upheld" : "appeal_rejected");
      });
}

Result<RatesReport> RequestService::rates(const Actor& actor, const RatesQuery& query) const {
  SHEQU_TRY(org_.unit(actor, query.unit));
  SHEQU_TRY(org_.in_scope(actor, kCaseRead, query.unit));
  if (query.to < query.from) {
    return Error::invalid("to", {"结束日期不能早于开始日期", "must not be before from"});
  }
  const std::string from = format_timestamp(china_day_start(query.from));
  const std::string to = format_timestamp(china_day_end(query.to));
  const std::string now = format_timestamp(clock_.now());
  std::vector<std::string> children;
  if (!query.by_category) {
    if (auto below = org_.tree().children(query.unit, {1, 100000})) {
      for (const org::UnitView& v : below->items) children.push_back(v.unit.code);
    }
  }
  return db_.read_value<RatesReport>([&](storage::Session& s) -> Result<RatesReport> {
    SHEQU_ASSIGN_OR_RETURN(auto total, repository::rates_by_unit(s, {query.unit}, from, to, now));
    RatesReport report{std::move(total.front()), {}};
    if (query.by_category) {
      SHEQU_ASSIGN_OR_RETURN(report.rows,
                             repository::rates_by_category(s, query.unit, from, to, now));
    } else {
      SHEQU_ASSIGN_OR_RETURN(report.rows, repository::rates_by_unit(s, children, from, to, now));
    }
    return report;
  });
}

Result<std::vector<RateCounts>> RequestService::rates_by_lead_unit(const std::string& from,
                                                                   const std::string& to) const {
  const std::string first = format_timestamp(china_day_start(from));
  const std::string end = format_timestamp(china_day_end(to));
  const std::string now = format_timestamp(clock_.now());
  return db_.read_value<std::vector<RateCounts>>(
      [&](storage::Session& s) { return repository::rates_by_lead_unit(s, first, end, now); });
}

Result<int64_t> RequestService::count_to_accept(const Actor& actor) const {
  const std::vector<std::string> units = actor.roots_for(kCaseHandle);
  return db_.read_value<int64_t>(
      [&](storage::Session& s) { return repository::count_to_accept(s, units); });
}

Result<int64_t> RequestService::count_overdue(const Actor& actor) const {
  CaseQuery query;
  query.overdue = true;
  query.page = {1, 1};
  SHEQU_ASSIGN_OR_RETURN(auto page, list(actor, query));
  return page.total;
}

Result<int64_t> RequestService::escalate_overdue() const {
  const std::string now = format_timestamp(clock_.now());
  SHEQU_ASSIGN_OR_RETURN(auto overdue, db_.read_value<std::vector<Case>>([&](storage::Session& s) {
    return repository::overdue_unescalated(s, now, kEscalationBatch);
  }));
  int64_t escalated = 0;
  for (Case& c : overdue) {
    const bool acceptance =
        c.status == State::submitted && !c.accept_escalated && c.accept_due < now;
    const bool resolution = !c.resolve_escalated && c.resolve_due < now;
    const auto lead = org_.tree().find(c.unit);
    const std::optional<std::string> above = lead && !lead->unit.parent_code.empty()
                                                 ? std::optional(lead->unit.parent_code)
                                                 : std::nullopt;
    const int64_t version = c.version;
    if (acceptance) c.accept_escalated = true;
    if (resolution) c.resolve_escalated = true;
    c.updated_at = now;
    SHEQU_ASSIGN_OR_RETURN(
        const bool done, db_.write_value<bool>([&](storage::Session& s) -> Result<bool> {
          // Changed since it was read (someone acted, or another run got there): the next run
          // looks at it again.
          SHEQU_ASSIGN_OR_RETURN(const bool updated, repository::update_case(s, c, version));
          if (!updated) return false;
          // The note names the deadline passed (docs/api.md).
          const std::string note = resolution ? "resolve_due" : "accept_due";
          SHEQU_TRY(
              repository::append_event(s, c.id,
                                       {0, now, std::string(action_key(Action::escalate)),
                                        std::nullopt, "", "", std::string(state_key(c.status)),
                                        std::string(state_key(c.status)), c.unit, above, note}));
          return true;
        }));
    if (done) ++escalated;
  }
  return escalated;
}

}  // namespace shequ::requests
