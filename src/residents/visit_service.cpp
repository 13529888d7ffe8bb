#include "residents/visit_service.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "auth/auth_repository.hpp"
#include "common/geo.hpp"
#include "common/strings.hpp"
#include "inbox/inbox.hpp"
#include "residents/checks.hpp"
#include "residents/declaration.hpp"
#include "residents/resident_repository.hpp"
#include "residents/visit_repository.hpp"

namespace shequ::residents {

namespace {

Error referral_not_found() {
  return Error::not_found({"未找到该转介", "no such referral"});
}

bool is_key(std::string_view key) {
  return key.size() >= 8 && key.size() <= 64 && std::all_of(key.begin(), key.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_';
         });
}

std::string code_prefix(std::string_view code, std::size_t kept) {
  std::string out(code.substr(0, std::min(kept, code.size())));
  out.resize(12, '0');
  return out;
}

}  // namespace

std::string province_of(std::string_view code) {
  return code_prefix(code, 2);
}

std::string city_of(std::string_view code) {
  return code_prefix(code, 4);
}

std::string township_of(std::string_view code) {
  return code_prefix(code, 9);
}

VisitService::VisitService(const org::OrgService& org, storage::Database& db,
                           const audit::Log& audit, const Clock& clock,
                           const privacy::Keyring& keyring, const ResidentService& residents,
                           const requests::RequestService& requests)
    : org_(org),
      db_(db),
      audit_(audit),
      clock_(clock),
      keyring_(keyring),
      residents_(residents),
      requests_(requests) {}

std::string VisitService::today() const {
  return china_date(clock_.now());
}

VisitView VisitService::view_of(const Actor& actor, Visit visit) const {
  VisitView view;
  if (visit.note_sealed && org_.covers(actor, kVisitRecord, visit.grid_code)) {
    auto note = keyring_.open(*visit.note_sealed, kVisitNoteContext);
    if (note) view.note = std::move(*note);
  }
  view.value = std::move(visit);
  return view;
}

// ---- visits ----------------------------------------------------------------------------------

Result<VisitView> VisitService::record(const Actor& actor, int64_t person,
                                       const NewVisit& input) const {
  const std::string now_date = today();
  std::vector<FieldError> errors;
  if (!is_key(input.client_key)) {
    errors.push_back(
        {"key",
         {"应为 8 至 64 位字母、数字、“-”或“_”", "must be 8 to 64 letters, digits, '-' or '_'"}});
  }
  if (!is_valid_date(input.visited_on)) {
    errors.push_back({"visitedOn", {"日期应为 YYYY-MM-DD", "must be a date, YYYY-MM-DD"}});
  } else if (input.visited_on > now_date) {
    errors.push_back({"visitedOn", {"走访日期不能晚于今天", "must not be in the future"}});
  } else if (days_between(input.visited_on, now_date) > kMaxVisitAgeDays) {
    errors.push_back({"visitedOn",
                      {fmt::format("只能补录 {} 天内的走访", kMaxVisitAgeDays),
                       fmt::format("must be within the last {} days", kMaxVisitAgeDays)}});
  }
  check_choice(errors, "met", visit_met(), input.met);
  check_choice(errors, "health", visit_conditions(), input.health);
  check_choice(errors, "living", visit_conditions(), input.living);
  check_choice(errors, "safety", visit_safety(), input.safety);
  std::set<std::string> needs;
  for (std::size_t i = 0; i < input.needs.size(); ++i) {
    const std::string field = fmt::format("needs[{}]", i);
    if (!is_choice(visit_needs(), input.needs[i])) {
      errors.push_back({field, {"未知的需求", "unknown need"}});
    } else if (!needs.insert(input.needs[i]).second) {
      errors.push_back({field, {"需求重复", "the need is given twice"}});
    }
  }
  if (utf8_length(input.note) > kMaxVisitNote) {
    errors.push_back({"note",
                      {fmt::format("不超过 {} 个字", kMaxVisitNote),
                       fmt::format("at most {} characters", kMaxVisitNote)}});
  }
  if (input.lat.has_value() != input.lon.has_value()) {
    errors.push_back({"lat", {"经纬度应同时给出", "give both latitude and longitude, or neither"}});
  } else if (input.lat && !geo::in_gansu(*input.lon, *input.lat)) {
    errors.push_back({"lat", {"位置不在甘肃省内", "the point is not in Gansu"}});
  }
  if (input.refer) {
    check_choice(errors, "refer", referral_kinds(), *input.refer);
    const std::size_t n = utf8_length(input.refer_reason);
    if (n < 2 || n > 200) {
      errors.push_back(
          {"referReason",
           {"请说明发现的困难（2 至 200 个字）", "state the hardship (2 to 200 characters)"}});
    }
  }
  // Sent again (from a phone that lost its signal): the visit kept the first time.
  const auto replay = [&](storage::Session& s) -> Result<std::optional<VisitView>> {
    SHEQU_ASSIGN_OR_RETURN(auto kept, repository::find_visit_by_key(s, input.client_key));
    if (!kept) return std::optional<VisitView>();
    if (kept->person_id != person || kept->visited_on != input.visited_on ||
        !org_.covers(actor, kVisitRecord, kept->grid_code)) {
      Error error = Error::conflict({"该记录编号已用于另一次走访", "the key names another visit"});
      error.details.push_back({"key", error.message});
      return error;
    }
    VisitView view = view_of(actor, std::move(*kept));
    view.replayed = true;
    return std::optional<VisitView>(std::move(view));
  };
  auto written = db_.write_value<VisitView>([&](storage::Session& s) -> Result<VisitView> {
    SHEQU_ASSIGN_OR_RETURN(auto again, replay(s));
    if (again) return std::move(*again);
    SHEQU_ASSIGN_OR_RETURN(auto found, repository::find_person(s, person));
    if (!found || !org_.covers(actor, kVisitRecord, found->grid_code)) return person_not_found();
    std::optional<requests::NewRequest> request;
    if (input.request) {
      request = requests::NewRequest{.category = input.request->category,
                                     .unit = found->grid_code,
                                     .description = input.request->description,
                                     .lat = input.lat,
                                     .lon = input.lon,
                                     .channel = "patrol",
                                     .external_id = input.client_key};
      // Named as the request's fields, with the visit's own problems, all at once. The key,
      // which is the external id, the visit checks itself.
      if (Status checked = requests_.check_within(s, actor, *request); !checked) {
        Error error = checked.error();
        std::vector<FieldError> named;
        for (const FieldError& e : error.details) {
          if (e.field != "externalId") named.push_back({"request." + e.field, e.reason});
        }
        if (error.code != ErrorCode::invalid_argument) {
          error.details = std::move(named);
          return error;
        }
        errors.insert(errors.end(), named.begin(), named.end());
      }
    }
    if (!errors.empty()) return Error::invalid(errors);
    if (found->moved_out || found->anonymised_at) {
      return Error::conflict({"该居民已迁出，不能记录走访", "the person has moved away"});
    }
    Visit v;
    v.person_id = person;
    v.grid_code = found->grid_code;
    v.visited_on = input.visited_on;
    v.visitor_id = actor.user_id;
    v.visitor_username = actor.username;
    v.met = input.met;
    v.health = input.health;
    v.living = input.living;
    v.safety = input.safety;
    v.needs = input.needs;
    if (!input.note.empty()) v.note_sealed = keyring_.seal(input.note, kVisitNoteContext);
    v.lat_e7 = e7(input.lat);
    v.lon_e7 = e7(input.lon);
    v.client_key = input.client_key;
    v.recorded_at = format_timestamp(clock_.now());
    if (request) {
      SHEQU_ASSIGN_OR_RETURN(requests::Case opened, requests_.open_within(s, actor, *request));
      v.request_id = opened.id;
    }
    SHEQU_ASSIGN_OR_RETURN(v.id, repository::insert_visit(s, v));
    SHEQU_TRY(
        audit_.append(s, audit::who(actor, kVisitRecord),
                      {std::string(kAuditVisitRecord), "visit", std::to_string(v.id), "success",
                       fmt::format("resident {} on {}", person, v.visited_on), v.grid_code}));
    std::optional<ReferralView> referral;
    if (input.refer) {
      Referral r;
      r.person_id = person;
      r.visit_id = v.id;
      r.township_code = township_of(found->unit_code);
      r.grid_code = found->grid_code;
      r.kind = *input.refer;
      r.status = "referred";
      r.reason = input.refer_reason;
      r.created_at = v.recorded_at;
      SHEQU_ASSIGN_OR_RETURN(r.id, repository::insert_referral(s, r));
      SHEQU_TRY(audit_.append(
          s, audit::who(actor, kVisitRecord),
          {std::string(kAuditReferralCreate), "referral", std::to_string(r.id), "success",
           fmt::format("{} for resident {}", r.kind, person), r.township_code}));
      referral = ReferralView{std::move(r), residents_.view_of(actor, *found)};
    }
    SHEQU_ASSIGN_OR_RETURN(auto stored, repository::find_visit(s, v.id));
    VisitView view = view_of(actor, stored ? std::move(*stored) : std::move(v));
    view.referral = std::move(referral);
    return view;
  });
  // Two sends at once: the second's insert met the first's key; answer the first's visit.
  if (!written && written.error().code == ErrorCode::conflict && is_key(input.client_key)) {
    auto again = db_.read_value<std::optional<VisitView>>(replay);
    if (again && *again) return std::move(**again);
  }
  return written;
}

Result<std::vector<VisitView>> VisitService::visits(const Actor& actor, int64_t person) const {
  return db_.write_value<std::vector<VisitView>>(
      [&](storage::Session& s) -> Result<std::vector<VisitView>> {
        SHEQU_ASSIGN_OR_RETURN(auto found, repository::find_person(s, person));
        if (!found || !org_.covers(actor, kPersonRead, found->grid_code)) {
          return person_not_found();
        }
        SHEQU_ASSIGN_OR_RETURN(auto visits, repository::visits_of(s, person, 100));
        std::vector<VisitView> out;
        for (Visit& v : visits) out.push_back(view_of(actor, std::move(v)));
        SHEQU_TRY(
            audit_.append(s, audit::who(actor, kPersonRead),
                          {std::string(kAuditVisitRead), "resident", std::to_string(person),
                           "success", fmt::format("{} visits", out.size()), found->grid_code}));
        return out;
      });
}

// ---- care targets ----------------------------------------------------------------------------

Result<std::vector<VisitService::Due>> VisitService::all_overdue(
    const Actor& actor, const std::optional<std::string>& unit) const {
  if (unit) SHEQU_TRY(org_.in_scope(actor, kPersonRead, *unit));
  return overdue_under({actor.roots_for(kPersonRead), unit}, today());
}

Result<std::vector<VisitService::Due>> VisitService::overdue_under(
    const repository::Filter& filter, const std::string& now_date) const {
  return db_.read_value<std::vector<Due>>([&](storage::Session& s) -> Result<std::vector<Due>> {
    SHEQU_ASSIGN_OR_RETURN(auto rules, repository::care_rules(s));
    // Every tag some rule (or a default) makes a target anywhere: the candidates' tags.
    std::set<std::string> target_tags;
    for (const auto& [tag, every] : default_care_rules()) {
      if (every > 0) target_tags.insert(tag);
    }
    for (const CareRule& r : rules) {
      if (r.every_months > 0) target_tags.insert(r.tag);
    }
    SHEQU_ASSIGN_OR_RETURN(
        auto candidates,
        repository::care_candidates(s, filter, {target_tags.begin(), target_tags.end()}));
    std::map<std::string, std::map<std::string, int>> rules_of_city;
    std::map<int, std::string> periods;  // by interval: the same for every target
    std::vector<Due> out;
    for (const repository::CareCandidate& c : candidates) {
      const std::string city = city_of(c.grid_code);
      auto known = rules_of_city.find(city);
      if (known == rules_of_city.end()) {
        known =
            rules_of_city.emplace(city, effective_care_rules(rules, province_of(city), city)).first;
      }
      const int every = care_interval(c.tags, known->second);
      if (every == 0) continue;
      auto period = periods.find(every);
      if (period == periods.end())
        period = periods.emplace(every, period_start(now_date, every)).first;
      Due d{c.person_id, c.grid_code, every, period->second, std::nullopt, 0};
      if (c.last_visit) {
        if (*c.last_visit >= d.period_start) continue;
        d.last_visit = c.last_visit;
      }
      d.days_since = days_between(d.last_visit.value_or(d.period_start), now_date);
      out.push_back(std::move(d));
    }
    std::sort(out.begin(), out.end(), [](const Due& a, const Due& b) {
      if (a.last_visit.has_value() != b.last_visit.has_value()) return !a.last_visit;
      if (a.days_since != b.days_since) return a.days_since > b.days_since;
      return a.person_id < b.person_id;
    });
    return out;
  });
}

Result<org::Page<OverdueTarget>> VisitService::overdue(const Actor& actor,
                                                       const std::optional<std::string>& unit,
                                                       const org::PageRequest& page) const {
  SHEQU_ASSIGN_OR_RETURN(auto all, all_overdue(actor, unit));
  org::Page<OverdueTarget> out;
  out.total = static_cast<int64_t>(all.size());
  const auto from = std::min(all.size(), static_cast<std::size_t>(page.offset()));
  const auto to = std::min(all.size(), from + static_cast<std::size_t>(page.page_size));
  // Only the page's people are read and masked: a county's targets are not all opened.
  SHEQU_TRY(db_.read([&](storage::Session& s) -> Status {
    for (std::size_t i = from; i < to; ++i) {
      const Due& d = all[i];
      SHEQU_ASSIGN_OR_RETURN(auto person, repository::find_person(s, d.person_id));
      if (!person) return Error::internal(fmt::format("target {} vanished", d.person_id));
      out.items.push_back({residents_.view_of(actor, std::move(*person)), d.every_months,
                           d.period_start, d.last_visit, d.days_since});
    }
    return {};
  }));
  return out;
}

Result<int64_t> VisitService::count_overdue(const Actor& actor) const {
  // The targets of those who visit: a grid worker's grid, a community's grids.
  Actor visitor = actor;
  std::erase_if(visitor.grants, [](const Grant& g) { return !g.allows(kVisitRecord); });
  SHEQU_ASSIGN_OR_RETURN(auto all, all_overdue(visitor, std::nullopt));
  return static_cast<int64_t>(all.size());
}

Result<ReminderRun> VisitService::remind_overdue(const std::string& root,
                                                 const std::string& date) const {
  ReminderRun run{date.substr(0, 7), 0, 0};
  if (std::stoi(date.substr(8, 2)) < kReminderDay) return run;
  SHEQU_ASSIGN_OR_RETURN(auto all, overdue_under({{root}, std::nullopt}, date));
  // Each grid's targets, for each active account serving it: one message per account, summing
  // its grids. A grid nobody serves is the community's to-do (auth.grids.unstaffed) already.
  std::map<std::string, std::pair<int64_t, int>> by_grid;  // count, longest days unvisited
  for (const Due& d : all) {
    auto& [count, longest] = by_grid[d.grid_code];
    count += 1;
    longest = std::max(longest, d.days_since);
  }
  const std::string now = format_timestamp(clock_.now());
  SHEQU_TRY(db_.write([&](storage::Session& s) -> Status {
    std::map<int64_t, std::pair<int64_t, int>> by_account;
    for (const auto& [grid, due] : by_grid) {
      SHEQU_ASSIGN_OR_RETURN(auto workers, auth::AuthRepository::grid_assignments_of_grid(s, grid));
      for (const auth::GridAssignment& a : workers) {
        if (a.worker.status != "active") continue;
        auto& [count, longest] = by_account[a.worker.id];
        count += due.first;
        longest = std::max(longest, due.second);
      }
    }
    for (const auto& [account, due] : by_account) {
      const auto [count, longest] = due;
      const inbox::Message message{
          .account_id = account,
          .kind = std::string(kReminderMessage),
          .key = run.month,
          .title = {fmt::format("走访提醒：本期还有 {} 位关爱对象未走访", count),
                    fmt::format("Visit reminder: {} care targets not yet visited this period",
                                count)},
          .body = {fmt::format("您负责的网格中有 {} 位关爱对象本期尚未走访，最久的已 {} 天"
                               "未走访。请在本期结束前完成入户走访。",
                               count, longest),
                   fmt::format("{} care targets of your grids have not been visited this period; "
                               "the longest for {} days. Please visit them before the period "
                               "ends.",
                               count, longest)},
          .link = "/residents/visits/overdue",
          .created_at = now};
      SHEQU_ASSIGN_OR_RETURN(const bool left, inbox::post(s, message));
      if (left) {
        run.reminded += 1;
        run.targets += count;
      }
    }
    return {};
  }));
  return run;
}

Result<std::vector<EffectiveRule>> VisitService::care_rules(const Actor& actor,
                                                            const std::string& unit) const {
  SHEQU_TRY(org_.unit(actor, unit));
  return db_.read_value<std::vector<EffectiveRule>>(
      [&](storage::Session& s) -> Result<std::vector<EffectiveRule>> {
        SHEQU_ASSIGN_OR_RETURN(auto rules, repository::care_rules(s));
        const std::string province = province_of(unit);
        const std::string city = unit == province ? "" : city_of(unit);
        std::vector<EffectiveRule> out;
        for (const TagKind& kind : tag_kinds()) {
          EffectiveRule r{std::string(kind.key), 0, ""};
          if (const auto d = default_care_rules().find(r.tag); d != default_care_rules().end()) {
            r.every_months = d->second;
          }
          for (const std::string& level : {province, city}) {
            for (const CareRule& set : rules) {
              if (!level.empty() && set.unit_code == level && set.tag == r.tag) {
                r.every_months = set.every_months;
                r.set_at = level;
              }
            }
          }
          out.push_back(std::move(r));
        }
        return out;
      });
}

Result<std::vector<EffectiveRule>> VisitService::set_care_rules(
    const Actor& actor, const std::string& unit, const std::vector<CareRule>& rules) const {
  SHEQU_ASSIGN_OR_RETURN(org::UnitView view, org_.unit(actor, unit));
  SHEQU_TRY(org_.in_scope(actor, kRulesManage, unit));
  std::vector<FieldError> errors;
  if (view.unit.level != org::Level::province && view.unit.level != org::Level::city) {
    errors.push_back(
        {"code", {"只有省级和市级可以设置走访频次", "only the province and cities set the rules"}});
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const std::string field = fmt::format("rules[{}]", i);
    if (find_tag_kind(rules[i].tag) == nullptr) {
      errors.push_back({field + ".tag", {"未知的标签", "unknown tag"}});
    } else if (!seen.insert(rules[i].tag).second) {
      errors.push_back({field + ".tag", {"标签重复", "the tag is given twice"}});
    }
    if (std::find(std::begin(kCareIntervals), std::end(kCareIntervals), rules[i].every_months) ==
        std::end(kCareIntervals)) {
      errors.push_back({field + ".everyMonths",
                        {"应为 0（不走访）、1（每月）或 3（每季度）",
                         "must be 0 (none), 1 (monthly) or 3 (quarterly)"}});
    }
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  SHEQU_TRY(db_.write([&](storage::Session& s) -> Status {
    SHEQU_TRY(repository::replace_care_rules(s, unit, rules, format_timestamp(clock_.now())));
    std::string detail;
    for (const CareRule& r : rules) {
      detail += fmt::format("{}{}={}", detail.empty() ? "" : ", ", r.tag, r.every_months);
    }
    return audit_.append(s, audit::who(actor, kRulesManage),
                         {std::string(kAuditRulesUpdate), "care_rules", unit, "success",
                          detail.empty() ? "defaults" : detail, unit});
  }));
  return care_rules(actor, unit);
}

// ---- referrals -------------------------------------------------------------------------------

Result<org::Page<ReferralView>> VisitService::referrals(const Actor& actor,
                                                        const std::string& status,
                                                        const org::PageRequest& page) const {
  if (!status.empty() && !is_choice(referral_statuses(), status)) {
    return Error::invalid("status", {"未知的状态", "unknown status"});
  }
  return db_.read_value<org::Page<ReferralView>>(
      [&](storage::Session& s) -> Result<org::Page<ReferralView>> {
        SHEQU_ASSIGN_OR_RETURN(
            auto found, repository::list_referrals(s, actor.roots_for(kPersonRead), status, page));
        org::Page<ReferralView> out;
        out.total = found.total;
        for (Referral& r : found.items) {
          SHEQU_ASSIGN_OR_RETURN(auto person, repository::find_person(s, r.person_id));
          if (!person) return Error::internal(fmt::format("referral {} names no person", r.id));
          out.items.push_back({std::move(r), residents_.view_of(actor, std::move(*person))});
        }
        return out;
      });
}

Result<ReferralView> VisitService::decide(const Actor& actor, int64_t id, int64_t version,
                                          const std::string& status,
                                          const std::string& reason) const {
  return db_.write_value<ReferralView>([&](storage::Session& s) -> Result<ReferralView> {
    SHEQU_ASSIGN_OR_RETURN(auto found, repository::find_referral(s, id));
    if (!found || !org_.covers(actor, kPersonRead, found->grid_code)) return referral_not_found();
    // Only the township decides: staff of the grid's community see the referral, nothing more.
    if (!org_.covers(actor, kReferralDecide, found->township_code)) {
      return Error::forbidden({"只有乡镇（街道）可以办理转介", "only the township decides"});
    }
    Referral r = std::move(*found);
    std::vector<FieldError> errors;
    const bool open = r.status == "referred" || r.status == "under_assessment";
    if (status != "under_assessment" && status != "granted" && status != "refused") {
      errors.push_back({"status",
                        {"应为 under_assessment、granted 或 refused",
                         "must be under_assessment, granted or refused"}});
    }
    const std::size_t n = utf8_length(reason);
    if ((status == "refused" || status == "granted") && (n < 2 || n > 200)) {
      errors.push_back({"reason",
                        {"请说明结果和理由（2 至 200 个字）",
                         "state the decision's grounds (2 to 200 characters)"}});
    } else if (n > 200) {
      errors.push_back({"reason", {"不超过 200 个字", "at most 200 characters"}});
    }
    if (!errors.empty()) return Error::invalid(std::move(errors));
    if (!open || (status == "under_assessment" && r.status != "referred")) {
      return Error::conflict({"该转介已办结或已在审核中", "the referral is decided or under way"});
    }
    r.status = status;
    if (!reason.empty()) r.reason = reason;
    if (status != "under_assessment") {
      r.decided_at = format_timestamp(clock_.now());
      r.decided_by = actor.user_id;
    }
    SHEQU_ASSIGN_OR_RETURN(bool written, repository::update_referral(s, r, version));
    if (!written) {
      return Error::conflict({"该转介已被他人办理，请刷新后重试",
                              "the referral was changed by someone else; reload and try again"});
    }
    ++r.version;
    SHEQU_TRY(audit_.append(s, audit::who(actor, kReferralDecide),
                            {std::string(kAuditReferralDecide), "referral", std::to_string(id),
                             "success", status, r.township_code}));
    SHEQU_ASSIGN_OR_RETURN(auto person, repository::find_person(s, r.person_id));
    if (!person) return Error::internal(fmt::format("referral {} names no person", id));
    return ReferralView{std::move(r), residents_.view_of(actor, std::move(*person))};
  });
}

Result<int64_t> VisitService::count_open_referrals(const Actor& actor) const {
  return db_.read_value<int64_t>([&](storage::Session& s) {
    return repository::count_open_referrals(s, actor.roots_for(kReferralDecide));
  });
}

Result<std::vector<VisitRate>> VisitService::monthly_visits(const std::string& first_day,
                                                            const std::string& last_day) const {
  return db_.read_value<std::vector<VisitRate>>([&](storage::Session& s) {
    return repository::visit_rates(s, "special_hardship_elderly", first_day, last_day);
  });
}

}  // namespace shequ::residents
