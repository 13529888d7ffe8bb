#include "readiness/drill_service.hpp"

#include <fmt/format.h>

#include "common/strings.hpp"
#include "readiness/declaration.hpp"

namespace shequ::readiness {

namespace {

Error drill_not_found() {
  return Error::not_found({"应急演练", "emergency drill"});
}

// What the audit log keeps of a drill at each step.
std::string audit_detail(const Drill& d) {
  return fmt::format("{} {} {}", d.status, d.scenario, d.held_on);
}

}  // namespace

DrillService::DrillService(const org::OrgService& org, storage::Database& db,
                           const audit::Log& audit, const Clock& clock)
    : org_(org), db_(db), audit_(audit), clock_(clock) {}

Result<DrillInput> DrillService::validated(const Actor& actor, const DrillInput& input) const {
  // Outside the caller's scope the unit is not there (404), whatever else is wrong.
  SHEQU_ASSIGN_OR_RETURN(const org::UnitView unit, org_.unit(actor, input.unit));
  SHEQU_TRY(org_.in_scope(actor, kDrillWrite, input.unit));
  std::vector<FieldError> errors;
  DrillInput out = input;
  const org::Level level = unit.unit.level;
  if (level < org::Level::county || level > org::Level::village) {
    errors.push_back({"unit",
                      {"应急演练由区县、乡镇（街道）或村（社区）组织",
                       "a county, township, village or community holds drills"}});
  }
  if (!is_valid_date(input.held_on)) {
    errors.push_back({"heldOn", {"不是有效的日期（YYYY-MM-DD）", "not a date (YYYY-MM-DD)"}});
  } else if (input.status == "done" && input.held_on > china_date(clock_.now())) {
    errors.push_back({"heldOn",
                      {"已开展的演练日期不能晚于今天，尚未开展的请登记为计划",
                       "a drill held is not dated after today; plan one that lies ahead"}});
  }
  if (!find_choice(drill_statuses(), input.status)) {
    errors.push_back({"status", {"不是演练状态", "not a drill's status"}});
  }
  if (!find_choice(drill_scenarios(), input.scenario)) {
    errors.push_back({"scenario", {"不是演练科目", "not a drill's scenario"}});
  }
  out.description = checked_text(input.description, "description", kMaxDrillText, false, errors);
  if (input.participants < 0 || input.participants > kMaxParticipants) {
    errors.push_back({"participants",
                      {fmt::format("参加人数应在 0 到 {} 之间", kMaxParticipants),
                       fmt::format("must be from 0 to {}", kMaxParticipants)}});
  }
  out.place = checked_text(input.place, "place", kMaxDrillText, true, errors);
  out.summary = checked_text(input.summary, "summary", kMaxDrillSummary, false, errors);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return out;
}

DrillView DrillService::view_of(Drill drill) const {
  const auto unit = org_.unit(drill.unit_code);
  std::string name = unit ? unit->unit.name : drill.unit_code;
  return {std::move(drill), std::move(name)};
}

Result<Drill> DrillService::visible(storage::Session& s, const Actor& actor, int64_t id) const {
  SHEQU_ASSIGN_OR_RETURN(auto drill, repository::find_drill(s, id));
  if (!drill || !org_.covers(actor, kDrillRead, drill->unit_code)) return drill_not_found();
  return *drill;
}

Result<DrillView> DrillService::create(const Actor& actor, const DrillInput& input) const {
  SHEQU_ASSIGN_OR_RETURN(const DrillInput in, validated(actor, input));
  const std::string now = format_timestamp(clock_.now());
  Drill d;
  d.unit_code = in.unit;
  d.held_on = in.held_on;
  d.status = in.status;
  d.scenario = in.scenario;
  d.description = in.description;
  d.participants = in.participants;
  d.place = in.place;
  d.summary = in.summary;
  d.updated_by_name = actor.username;
  d.created_at = now;
  d.updated_at = now;
  return db_.write_value<DrillView>([&](storage::Session& s) -> Result<DrillView> {
    SHEQU_ASSIGN_OR_RETURN(d.id, repository::insert_drill(s, d));
    SHEQU_TRY(audit_.append(s, audit::who(actor, kDrillWrite),
                            {std::string(kAuditDrillCreate), "drill", std::to_string(d.id),
                             "success", audit_detail(d), d.unit_code}));
    return view_of(d);
  });
}

Result<DrillView> DrillService::update(const Actor& actor, int64_t id, int64_t version,
                                       const DrillInput& input) const {
  SHEQU_ASSIGN_OR_RETURN(const DrillInput in, validated(actor, input));
  return db_.write_value<DrillView>([&](storage::Session& s) -> Result<DrillView> {
    SHEQU_ASSIGN_OR_RETURN(Drill d, visible(s, actor, id));
    SHEQU_TRY(org_.in_scope(actor, kDrillWrite, d.unit_code));
    if (in.unit != d.unit_code) {
      return Error::invalid("unit", {"演练的组织单位不能修改", "a drill keeps its unit"});
    }
    d.held_on = in.held_on;
    d.status = in.status;
    d.scenario = in.scenario;
    d.description = in.description;
    d.participants = in.participants;
    d.place = in.place;
    d.summary = in.summary;
    d.updated_by_name = actor.username;
    d.updated_at = format_timestamp(clock_.now());
    SHEQU_ASSIGN_OR_RETURN(const bool changed, repository::update_drill(s, d, version));
    if (!changed) {
      return Error::conflict({"该演练已被他人修改，请刷新后重试",
                              "the drill was changed meanwhile; reload and try again"});
    }
    d.version = version + 1;
    SHEQU_TRY(audit_.append(s, audit::who(actor, kDrillWrite),
                            {std::string(kAuditDrillUpdate), "drill", std::to_string(d.id),
                             "success", audit_detail(d), d.unit_code}));
    return view_of(d);
  });
}

Result<DrillView> DrillService::find(const Actor& actor, int64_t id) const {
  return db_.read_value<DrillView>([&](storage::Session& s) -> Result<DrillView> {
    SHEQU_ASSIGN_OR_RETURN(Drill d, visible(s, actor, id));
    return view_of(std::move(d));
  });
}

Result<DrillList> DrillService::list(const Actor& actor, const DrillQuery& query,
                                     const org::PageRequest& page) const {
  DrillFilter filter;
  if (query.unit.empty()) {
    filter.roots = actor.roots_for(kDrillRead);
  } else {
    SHEQU_TRY(org_.unit(actor, query.unit));
    SHEQU_TRY(org_.in_scope(actor, kDrillRead, query.unit));
    filter.roots = {query.unit};
  }
  if (!query.from.empty() && !query.to.empty() && query.to < query.from) {
    return Error::invalid("to", {"结束日期应不早于开始日期", "must not be before the start"});
  }
  filter.scenario = query.scenario;
  filter.status = query.status;
  filter.from = query.from;
  filter.to = query.to;
  DrillFilter year;
  year.roots = filter.roots;
  const int64_t this_year = china_year(clock_.now());
  year.from = fmt::format("{}-01-01", this_year);
  year.to = fmt::format("{}-12-31", this_year);
  return db_.read_value<DrillList>([&](storage::Session& s) -> Result<DrillList> {
    SHEQU_ASSIGN_OR_RETURN(auto found, repository::list_drills(s, filter, page));
    SHEQU_ASSIGN_OR_RETURN(const auto counts, repository::count_drills(s, year));
    DrillList out;
    out.page.total = found.total;
    for (Drill& d : found.items) out.page.items.push_back(view_of(std::move(d)));
    out.this_year.year = this_year;
    for (const DrillCount& c : counts) {
      if (c.status == "done") {
        out.this_year.done = c.drills;
        out.this_year.participants = c.participants;
      } else {
        out.this_year.planned += c.drills;
      }
    }
    return out;
  });
}

}  // namespace shequ::readiness
