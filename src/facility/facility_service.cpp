#include "facility/facility_service.hpp"

#include <fmt/format.h>

#include "common/strings.hpp"
#include "facility/catalogue.hpp"
#include "facility/declaration.hpp"
#include "facility/facility_import.hpp"

namespace shequ::facility {

namespace {

Error no_facility(int64_t id) {
  return Error::not_found(
      {fmt::format("未找到编号为 {} 的设施", id), fmt::format("no facility with id {}", id)});
}

FacilityChange change_by(const Actor& actor, std::string now, Json before, Json after) {
  // The operator at the console has no account (user id 0).
  const auto user = actor.user_id > 0 ? std::optional(actor.user_id) : std::nullopt;
  return {0, std::move(now), user, actor.username, std::move(before), std::move(after)};
}

}  // namespace

Result<org::Page<Facility>> FacilityService::list(const Actor& actor,
                                                  const FacilityQuery& query) const {
  FacilityFilter filter{{}, query.type, query.status, query.name};
  if (query.unit) {
    SHEQU_TRY(org_.unit(actor, *query.unit));
    SHEQU_TRY(org_.in_scope(actor, kRegistryRead, *query.unit));
    filter.roots = {*query.unit};
  } else {
    filter.roots = actor.roots_for(kRegistryRead);
  }
  return db_.read_value<org::Page<Facility>>(
      [&](storage::Session& s) { return FacilityRepository::list(s, filter, query.page); });
}

Result<Facility> FacilityService::visible(storage::Session& s, const Actor& actor,
                                          std::string_view permission, int64_t id) const {
  SHEQU_ASSIGN_OR_RETURN(auto found, FacilityRepository::find(s, id));
  if (!found || !org_.covers(actor, permission, found->fields.unit_code)) return no_facility(id);
  return std::move(*found);
}

Result<FacilityDetail> FacilityService::get(const Actor& actor, int64_t id) const {
  SHEQU_ASSIGN_OR_RETURN(Facility facility, db_.read_value<Facility>([&](storage::Session& s) {
    return visible(s, actor, kRegistryRead, id);
  }));
  // The households of its unit: the latest year entered up to this one (the year in China).
  const int64_t year = china_year(clock_.now());
  SHEQU_ASSIGN_OR_RETURN(
      auto figures, db_.read_value<std::optional<UnitFigures>>([&](storage::Session& s) {
        return FacilityRepository::figures_up_to(s, facility.fields.unit_code, year);
      }));
  FacilityDetail detail{std::move(facility), {}};
  detail.standards = check_standards(detail.facility.fields,
                                     figures ? std::optional(figures->households) : std::nullopt);
  return detail;
}

std::optional<FacilityService::UnitProblem> FacilityService::unit_problem(
    const Actor& actor, const FacilityFields& fields) const {
  auto unit = org_.unit(fields.unit_code);
  if (!unit) return UnitProblem{{"unitCode", {"没有这个单位", "no such unit"}}, false};
  if (!org_.covers(actor, kRegistryWrite, fields.unit_code)) {
    return UnitProblem{{"unitCode", {"不在您的管辖范围内", "outside the units you look after"}},
                       true};
  }
  const FacilityType* type = find_facility_type(fields.type);
  if (type != nullptr && unit->unit.level != type->level) {
    return UnitProblem{
        {"unitCode",
         type->level == org::Level::township
             ? Text{"该类设施属于乡镇（街道）", "this kind belongs to a township"}
             : Text{"该类设施属于村（社区）", "this kind belongs to a village or community"}},
        false};
  }
  return std::nullopt;
}

Status FacilityService::check(const Actor& actor, FacilityFields& fields) const {
  std::vector<FieldError> problems = check_fields(fields);
  if (auto unit = unit_problem(actor, fields)) {
    if (unit->outside_scope) {
      Error error = Error::forbidden(
          {"无权在该单位登记设施", "you may not register facilities of this unit"});
      error.details.push_back(std::move(unit->error));
      return error;
    }
    problems.push_back(std::move(unit->error));
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));
  return {};
}

Result<Facility> FacilityService::create(const Actor& actor, FacilityFields fields) const {
  SHEQU_TRY(check(actor, fields));
  const std::string now = format_timestamp(clock_.now());
  return db_.write_value<Facility>([&](storage::Session& s) -> Result<Facility> {
    SHEQU_ASSIGN_OR_RETURN(const int64_t id, FacilityRepository::insert(s, fields, now));
    const Facility facility{id, fields, now, now, 1};
    SHEQU_TRY(
        FacilityRepository::add_change(s, id, change_by(actor, now, nullptr, to_json(facility))));
    SHEQU_TRY(audit_.append(
        s, audit::who(actor, kRegistryWrite),
        {"facility.create", "facility", std::to_string(id), "success", "", fields.unit_code}));
    return facility;
  });
}

Result<Facility> FacilityService::update(const Actor& actor, int64_t id, int64_t expected_version,
                                         FacilityFields fields) const {
  // Unknown or out of scope first (404), before the fields are judged (400).
  SHEQU_TRY(db_.read([&](storage::Session& s) -> Status {
    SHEQU_TRY(visible(s, actor, kRegistryWrite, id));
    return {};
  }));
  SHEQU_TRY(check(actor, fields));
  const std::string now = format_timestamp(clock_.now());
  return db_.write_value<Facility>([&](storage::Session& s) -> Result<Facility> {
    // Read again in the writing transaction: what the history keeps as "before" is what the
    // version check below replaces.
    SHEQU_ASSIGN_OR_RETURN(const Facility before, visible(s, actor, kRegistryWrite, id));
    SHEQU_TRY(FacilityRepository::update(s, id, fields, expected_version, now));
    const Facility after{id, fields, before.created_at, now, expected_version + 1};
    SHEQU_TRY(FacilityRepository::add_change(
        s, id, change_by(actor, now, to_json(before), to_json(after))));
    SHEQU_TRY(audit_.append(
        s, audit::who(actor, kRegistryWrite),
        {"facility.update", "facility", std::to_string(id), "success", "", fields.unit_code}));
    return after;
  });
}

Result<std::size_t> FacilityService::import(const Actor& actor, TableReader& table) const {
  SHEQU_ASSIGN_OR_RETURN(std::vector<ImportedRow> rows, read_facilities(table));
  std::vector<FieldError> problems;
  for (const ImportedRow& row : rows) {
    if (auto unit = unit_problem(actor, row.fields)) {
      unit->error.field = std::string(template_columns().front().heading.zh);
      unit->error.line = row.line;
      if (problems.size() < kMaxReportedProblems) problems.push_back(std::move(unit->error));
    }
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));
  const std::string now = format_timestamp(clock_.now());
  SHEQU_TRY(db_.write([&](storage::Session& s) -> Status {
    for (const ImportedRow& row : rows) {
      SHEQU_ASSIGN_OR_RETURN(const int64_t id, FacilityRepository::insert(s, row.fields, now));
      const Facility facility{id, row.fields, now, now, 1};
      SHEQU_TRY(
          FacilityRepository::add_change(s, id, change_by(actor, now, nullptr, to_json(facility))));
    }
    return audit_.append(s, audit::who(actor, kRegistryWrite),
                         {"facility.import", "facility", "", "success",
                          fmt::format("{} facilities", rows.size()), actor.unit_code});
  }));
  return rows.size();
}

Result<std::vector<UnitFigures>> FacilityService::figures(const Actor& actor,
                                                          const std::string& unit) const {
  SHEQU_TRY(org_.unit(actor, unit));
  SHEQU_TRY(org_.in_scope(actor, kRegistryRead, unit));
  return db_.read_value<std::vector<UnitFigures>>(
      [&](storage::Session& s) { return FacilityRepository::figures(s, unit); });
}

Result<UnitFigures> FacilityService::set_figures(const Actor& actor, UnitFigures figures,
                                                 int64_t expected_version) const {
  SHEQU_ASSIGN_OR_RETURN(const org::UnitView unit, org_.unit(actor, figures.unit_code));
  SHEQU_TRY(org_.in_scope(actor, kRegistryWrite, figures.unit_code));
  std::vector<FieldError> problems = check_figures(figures);
  if (unit.unit.level != org::Level::village) {
    problems.push_back(
        {"code",
         {"只有村（社区）登记基础数据", "only villages and communities keep these figures"}});
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));
  const std::string now = format_timestamp(clock_.now());
  figures.updated_at = now;
  figures.version = expected_version + 1;
  return db_.write_value<UnitFigures>([&](storage::Session& s) -> Result<UnitFigures> {
    SHEQU_ASSIGN_OR_RETURN(auto before,
                           FacilityRepository::find_figures(s, figures.unit_code, figures.year));
    SHEQU_TRY(FacilityRepository::put_figures(s, figures, expected_version));
    SHEQU_TRY(FacilityRepository::add_figure_change(
        s, figures,
        change_by(actor, now, before ? to_json(*before) : Json(nullptr), to_json(figures))));
    SHEQU_TRY(audit_.append(s, audit::who(actor, kRegistryWrite),
                            {"facility.figures.update", "unit", figures.unit_code, "success",
                             fmt::format("{}", figures.year), figures.unit_code}));
    return figures;
  });
}

Result<std::vector<FacilityChange>> FacilityService::figure_history(const Actor& actor,
                                                                    const std::string& unit,
                                                                    int64_t year) const {
  SHEQU_TRY(org_.unit(actor, unit));
  SHEQU_TRY(org_.in_scope(actor, kRegistryRead, unit));
  return db_.read_value<std::vector<FacilityChange>>(
      [&](storage::Session& s) { return FacilityRepository::figure_changes(s, unit, year); });
}

Result<std::vector<FacilityChange>> FacilityService::history(const Actor& actor, int64_t id) const {
  return db_.read_value<std::vector<FacilityChange>>(
      [&](storage::Session& s) -> Result<std::vector<FacilityChange>> {
        SHEQU_TRY(visible(s, actor, kRegistryRead, id));
        return FacilityRepository::changes(s, id);
      });
}

}  // namespace shequ::facility
