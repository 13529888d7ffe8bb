#include "readiness/incident_service.hpp"

#include <fmt/format.h>

#include <chrono>

#include "common/strings.hpp"
#include "readiness/declaration.hpp"

namespace shequ::readiness {

namespace {

Error incident_not_found() {
  return Error::not_found({"灾情报告", "incident report"});
}

// How far ahead of the server's clock a report's time may be: a phone's clock a little fast.
constexpr auto kClockSlack = std::chrono::minutes(10);

}  // namespace

IncidentService::IncidentService(const org::OrgService& org, storage::Database& db,
                                 const audit::Log& audit, const Clock& clock)
    : org_(org), db_(db), audit_(audit), clock_(clock) {}

Result<IncidentInput> IncidentService::validated(const Actor& actor,
                                                 const IncidentInput& input) const {
  // Outside the caller's scope the unit is not there (404), whatever else is wrong.
  SHEQU_ASSIGN_OR_RETURN(const org::UnitView unit, org_.unit(actor, input.unit));
  SHEQU_TRY(org_.in_scope(actor, kIncidentReport, input.unit));
  std::vector<FieldError> errors;
  IncidentInput out = input;
  const org::Level level = unit.unit.level;
  // A grid worker (often the village's disaster information officer) reports for their grid; the
  // village's totals include it.
  if (level < org::Level::county) {
    errors.push_back({"unit",
                      {"灾情由区县、乡镇（街道）、村（社区）或网格报送",
                       "a county, township, village, community or grid reports"}});
  }
  if (!find_choice(incident_kinds(), input.kind)) {
    errors.push_back({"kind", {"不是灾害种类", "not a kind of disaster"}});
  }
  const auto occurred = parse_timestamp(input.occurred_at);
  if (!occurred) {
    errors.push_back({"occurredAt", {"不是有效的时间", "not a time"}});
  } else if (*occurred > clock_.now() + kClockSlack) {
    errors.push_back({"occurredAt", {"发生时间不能晚于现在", "must not be in the future"}});
  } else {
    out.occurred_at = format_timestamp(*occurred);
  }
  out.place = checked_text(input.place, "place", kMaxPlace, true, errors);
  out.needs = checked_text(input.needs, "needs", kMaxNeeds, false, errors);
  const Toll& t = input.toll;
  const auto among_affected = [&](const char* field, int64_t count, const char* zh,
                                  const char* en) {
    if (count > t.affected) {
      errors.push_back(
          {field,
           {fmt::format("{}人数（{}）不能多于受灾人数（{}）", zh, count, t.affected),
            fmt::format("{} ({}) cannot exceed the people affected ({})", en, count, t.affected)}});
    }
  };
  among_affected("injured", t.injured, "受伤", "the injured");
  among_affected("dead", t.dead, "死亡", "the dead");
  among_affected("missing", t.missing, "失踪", "the missing");
  if (t.injured <= t.affected && t.dead <= t.affected && t.missing <= t.affected &&
      t.injured + t.dead + t.missing > t.affected) {
    errors.push_back({"affected",
                      {"受伤、死亡、失踪人数之和不能多于受灾人数",
                       "the injured, dead and missing together exceed the people affected"}});
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return out;
}

IncidentView IncidentService::view_of(Incident incident) const {
  const auto unit = org_.unit(incident.unit_code);
  std::string name = unit ? unit->unit.name : incident.unit_code;
  return {std::move(incident), std::move(name)};
}

Result<Incident> IncidentService::visible(storage::Session& s, const Actor& actor,
                                          int64_t id) const {
  SHEQU_ASSIGN_OR_RETURN(auto incident, repository::find_incident(s, id));
  if (!incident || !org_.covers(actor, kIncidentRead, incident->unit_code)) {
    return incident_not_found();
  }
  return *incident;
}

Result<IncidentView> IncidentService::report(const Actor& actor, const IncidentInput& input) const {
  SHEQU_ASSIGN_OR_RETURN(const IncidentInput in, validated(actor, input));
  const std::string now = format_timestamp(clock_.now());
  Incident i;
  i.unit_code = in.unit;
  i.kind = in.kind;
  i.occurred_at = in.occurred_at;
  i.place = in.place;
  i.toll = in.toll;
  i.toll.incidents = 1;
  i.needs = in.needs;
  if (actor.user_id > 0) i.reported_by = actor.user_id;
  i.reported_by_name = actor.username;
  i.created_at = now;
  i.updated_at = now;
  return db_.write_value<IncidentView>([&](storage::Session& s) -> Result<IncidentView> {
    SHEQU_ASSIGN_OR_RETURN(i.id, repository::insert_incident(s, i));
    SHEQU_TRY(audit_.append(s, audit::who(actor, kIncidentReport),
                            {std::string(kAuditReport), "incident", std::to_string(i.id), "success",
                             i.kind, i.unit_code}));
    return view_of(i);
  });
}

Result<IncidentView> IncidentService::correct(const Actor& actor, int64_t id, int64_t version,
                                              const IncidentInput& input) const {
  SHEQU_ASSIGN_OR_RETURN(const IncidentInput in, validated(actor, input));
  return db_.write_value<IncidentView>([&](storage::Session& s) -> Result<IncidentView> {
    SHEQU_ASSIGN_OR_RETURN(Incident i, visible(s, actor, id));
    SHEQU_TRY(org_.in_scope(actor, kIncidentReport, i.unit_code));
    if (in.unit != i.unit_code) {
      return Error::invalid("unit", {"续报不能改变报送单位", "a later report keeps the unit"});
    }
    i.kind = in.kind;
    i.occurred_at = in.occurred_at;
    i.place = in.place;
    i.toll = in.toll;
    i.toll.incidents = 1;
    i.needs = in.needs;
    i.updated_at = format_timestamp(clock_.now());
    SHEQU_ASSIGN_OR_RETURN(const bool changed, repository::update_incident(s, i, version));
    if (!changed) {
      return Error::conflict({"灾情报告已被他人续报，请刷新后重试",
                              "the report was changed meanwhile; reload and try again"});
    }
    i.version = version + 1;
    SHEQU_TRY(audit_.append(s, audit::who(actor, kIncidentReport),
                            {std::string(kAuditCorrect), "incident", std::to_string(i.id),
                             "success", fmt::format("version {}", i.version), i.unit_code}));
    return view_of(i);
  });
}

Result<IncidentView> IncidentService::find(const Actor& actor, int64_t id) const {
  return db_.read_value<IncidentView>([&](storage::Session& s) -> Result<IncidentView> {
    SHEQU_ASSIGN_OR_RETURN(Incident i, visible(s, actor, id));
    return view_of(std::move(i));
  });
}

Result<Period> IncidentService::period_of(const Period& period) const {
  Period out = period;
  const auto now = clock_.now();
  if (out.from.empty()) out.from = fmt::format("{}-01-01", china_year(now));
  if (out.to.empty()) out.to = china_date(now);
  if (out.to < out.from) {
    return Error::invalid("to", {"结束日期应不早于开始日期", "must not be before the start"});
  }
  return out;
}

Result<org::Page<IncidentView>> IncidentService::list(const Actor& actor, const std::string& unit,
                                                      const std::string& kind, const Period& period,
                                                      const org::PageRequest& page) const {
  IncidentFilter filter;
  if (unit.empty()) {
    filter.roots = actor.roots_for(kIncidentRead);
  } else {
    SHEQU_TRY(org_.unit(actor, unit));
    SHEQU_TRY(org_.in_scope(actor, kIncidentRead, unit));
    filter.roots = {unit};
  }
  filter.kind = kind;
  if (!period.from.empty()) filter.from = format_timestamp(china_day_start(period.from));
  if (!period.to.empty()) filter.until = format_timestamp(china_day_end(period.to));
  return db_.read_value<org::Page<IncidentView>>(
      [&](storage::Session& s) -> Result<org::Page<IncidentView>> {
        SHEQU_ASSIGN_OR_RETURN(auto found, repository::list_incidents(s, filter, page));
        org::Page<IncidentView> out;
        out.total = found.total;
        for (Incident& i : found.items) out.items.push_back(view_of(std::move(i)));
        return out;
      });
}

Result<IncidentSummary> IncidentService::summary(const Actor& actor, const std::string& unit,
                                                 const Period& period) const {
  const std::string code = unit.empty() ? actor.unit_code : unit;
  SHEQU_ASSIGN_OR_RETURN(const org::UnitView view, org_.unit(actor, code));
  SHEQU_TRY(org_.in_scope(actor, kIncidentRead, code));
  SHEQU_ASSIGN_OR_RETURN(const Period p, period_of(period));
  IncidentFilter filter;
  filter.roots = {code};
  filter.from = format_timestamp(china_day_start(p.from));
  filter.until = format_timestamp(china_day_end(p.to));
  SHEQU_ASSIGN_OR_RETURN(const auto rows,
                         db_.read_value<std::vector<UnitKindToll>>(
                             [&](storage::Session& s) { return repository::tolls(s, filter); }));
  IncidentSummary out;
  out.unit = code;
  out.unit_name = view.unit.name;
  out.period = p;
  const auto children = org_.tree().children(code, {1, 100000});
  if (children) {
    for (const org::UnitView& child : children->items) {
      if (child.unit.level == org::Level::grid) continue;
      out.children.push_back({child.unit.code, child.unit.name, {}});
    }
  }
  for (const UnitKindToll& row : rows) {
    out.total.add(row.toll);
    out.by_kind[row.kind].add(row.toll);
    for (UnitToll& child : out.children) {
      if (org_.tree().contains(child.unit, row.unit)) child.toll.add(row.toll);
    }
  }
  return out;
}

}  // namespace shequ::readiness
