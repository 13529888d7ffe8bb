#include "lists/lists_service.hpp"

#include <fmt/format.h>

#include <cmath>

#include "common/strings.hpp"
#include "facility/catalogue.hpp"
#include "facility/facility_repository.hpp"
#include "lists/declaration.hpp"
#include "privacy/validators.hpp"
#include "requests/declaration.hpp"
#include "requests/request_repository.hpp"
#include "residents/account_person.hpp"
#include "residents/declaration.hpp"
#include "residents/resident_repository.hpp"
#include "residents/visit_repository.hpp"
#include "volunteer/organisation_repository.hpp"

namespace shequ::lists {

namespace {

using NeedAndResource = std::pair<Need, Resource>;

Error need_not_found() {
  return Error::not_found({"需求", "need"});
}
Error resource_not_found() {
  return Error::not_found({"资源", "resource"});
}

// Checks a point given as both coordinates or neither; appends what is wrong.
std::optional<std::pair<int32_t, int32_t>> checked_point(std::optional<double> lat,
                                                         std::optional<double> lon,
                                                         std::vector<FieldError>& errors) {
  if (!lat && !lon) return std::nullopt;
  if (!lat || !lon) {
    errors.push_back(
        {lat ? "lon" : "lat", {"经纬度须同时填写", "give both coordinates or neither"}});
    return std::nullopt;
  }
  if (*lat < -90 || *lat > 90 || *lon < -180 || *lon > 180) {
    errors.push_back({"lat", {"不是有效的经纬度", "not a point on earth"}});
    return std::nullopt;
  }
  return std::pair{static_cast<int32_t>(std::lround(*lat * 1e7)),
                   static_cast<int32_t>(std::lround(*lon * 1e7))};
}

// The field at fault: the start when it lies outside the day, else the end.
void check_hours(const DailyHours& hours, std::vector<FieldError>& errors) {
  if (hours.from < 0 || hours.from > 23) {
    errors.push_back({"fromHour", {"开始时间应在 0 至 23 时之间", "a start from 0 to 23"}});
  } else if (hours.to > 24 || hours.from >= hours.to) {
    errors.push_back(
        {"toHour", {"结束时间应晚于开始时间，最晚 24 时", "an end after the start, 24 at most"}});
  }
}

void check_choice(const std::vector<Choice>& choices, const std::string& value, const char* field,
                  std::vector<FieldError>& errors) {
  if (value.empty()) {
    errors.push_back({field, {"请选择", "choose one"}});
  } else if (!find_choice(choices, value)) {
    errors.push_back({field, {"不是可选的值", "not a choice"}});
  }
}

std::optional<access::Point> point_of(std::optional<int32_t> lat, std::optional<int32_t> lon) {
  if (!lat || !lon) return std::nullopt;
  return access::Point{*lat, *lon};
}

}  // namespace

ListsService::ListsService(const org::OrgService& org, storage::Database& db,
                           const audit::Log& audit, const Clock& clock,
                           const access::CircleService& circle, const privacy::Keyring& keyring,
                           const volunteer::OrganisationService& organisations)
    : org_(org),
      db_(db),
      audit_(audit),
      clock_(clock),
      circle_(circle),
      keyring_(keyring),
      organisations_(organisations) {}

Result<NeedInput> ListsService::validated(const Actor& actor, const NeedInput& input) const {
  SHEQU_ASSIGN_OR_RETURN(const org::UnitView unit, org_.unit(actor, input.unit));
  SHEQU_TRY(org_.in_scope(actor, kNeedWrite, input.unit));
  std::vector<FieldError> errors;
  NeedInput out = input;
  if (unit.unit.level < org::Level::village) {
    errors.push_back({"unit",
                      {"需求登记在村（社区）或网格",
                       "a need belongs to a village, "
                       "community or grid"}});
  }
  check_choice(need_sources(), input.source, "source", errors);
  if (input.source == kRaised) {
    errors.push_back(
        {"source", {"居民提出的需求由居民在居民端登记", "residents raise their own needs"}});
  }
  check_choice(categories(), input.category, "category", errors);
  check_choice(urgencies(), input.urgency, "urgency", errors);
  if (input.visit_id && input.source != "visit") {
    errors.push_back(
        {"visitId", {"只有来源为走访的需求关联走访记录", "only a visit's need names a visit"}});
  }
  if (input.request_id && input.source != "request") {
    errors.push_back(
        {"requestId", {"只有来源为诉求的需求关联诉求", "only a request's need names a request"}});
  }
  out.description = checked_text(input.description, "description", kMaxDescription, true, errors);
  out.source_ref = checked_text(input.source_ref, "sourceRef", kMaxSourceRef, false, errors);
  checked_point(out.lat, out.lon, errors);
  check_hours(input.hours, errors);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return out;
}

Status ListsService::take_origin(const ResourceInput& input, ResourceInput& out,
                                 std::vector<FieldError>& errors) const {
  if (input.facility_id && input.organisation_id) {
    errors.push_back(
        {"organisationId",
         {"资源只能取自一个设施或一个组织", "taken from one facility or organisation"}});
    return {};
  }
  if (input.facility_id) {
    if (input.source != "facility") {
      errors.push_back({"facilityId",
                        {"只有“服务设施”类资源可取自设施",
                         "only a facility resource is taken from a facility"}});
      return {};
    }
    SHEQU_ASSIGN_OR_RETURN(
        const auto found,
        db_.read_value<std::optional<facility::Facility>>([&](storage::Session& s) {
          return facility::FacilityRepository::find(s, *input.facility_id);
        }));
    if (!found || !org_.tree().contains(input.unit, found->fields.unit_code)) {
      errors.push_back(
          {"facilityId", {"资源所属单位内没有这个设施", "no such facility within the unit"}});
    } else if (found->fields.status == "closed") {
      errors.push_back({"facilityId", {"设施已停用", "the facility is closed"}});
    } else {
      out.name = found->fields.name;
      if (found->fields.lat_e7 && found->fields.lon_e7) {
        out.lat = *found->fields.lat_e7 / 1e7;
        out.lon = *found->fields.lon_e7 / 1e7;
      }
    }
    return {};
  }
  const bool team = input.source == "volunteer";
  if (!team && input.source != "organisation") {
    errors.push_back({"organisationId",
                      {"只有“志愿者（队伍）”和“社会组织”类资源可取自组织",
                       "only a volunteer or organisation resource is taken from an "
                       "organisation"}});
    return {};
  }
  SHEQU_ASSIGN_OR_RETURN(const auto found,
                         db_.read_value<std::optional<volunteer::repository::OrganisationRow>>(
                             [&](storage::Session& s) {
                               return volunteer::repository::find_organisation(
                                   s, *input.organisation_id);
                             }));
  if (!found || !organisations_.may_serve(found->organisation.area_code, input.unit)) {
    errors.push_back({"organisationId",
                      {"没有这个可服务本单位的组织", "no such organisation serving the unit"}});
  } else if ((found->organisation.kind == volunteer::OrganisationKind::volunteer_team) != team) {
    errors.push_back({"organisationId", team ? Text{"这不是志愿服务队", "not a volunteer team"}
                                             : Text{"志愿服务队请登记为“志愿者（队伍）”类资源",
                                                    "a volunteer team is a volunteer resource"}});
  } else {
    out.name = found->organisation.name;
  }
  return {};
}

Result<org::Page<Origin>> ListsService::origins(const Actor& actor, const std::string& unit,
                                                const std::string& source, const std::string& name,
                                                const org::PageRequest& page) const {
  SHEQU_TRY(org_.unit(actor, unit));
  SHEQU_TRY(org_.in_scope(actor, kResourceWrite, unit));
  org::Page<Origin> out;
  std::vector<int64_t> ids;
  if (source == "facility") {
    const facility::FacilityFilter filter{{unit}, "", "open", name};
    SHEQU_ASSIGN_OR_RETURN(auto found,
                           db_.read_value<org::Page<facility::Facility>>([&](storage::Session& s) {
                             return facility::FacilityRepository::list(s, filter, page);
                           }));
    out.total = found.total;
    for (const facility::Facility& f : found.items) {
      const facility::FacilityType* type = facility::find_facility_type(f.fields.type);
      out.items.push_back({f.id, f.fields.name,
                           type ? type->label : Text{f.fields.type, f.fields.type},
                           f.fields.unit_code, "", f.fields.lat_e7, f.fields.lon_e7});
      ids.push_back(f.id);
    }
  } else if (source == "volunteer" || source == "organisation") {
    SHEQU_ASSIGN_OR_RETURN(auto found,
                           organisations_.serving(unit, source == "volunteer", name, page));
    out.total = found.total;
    for (const volunteer::Organisation& o : found.items) {
      out.items.push_back({o.id, o.name, volunteer::kind_label(o.kind), o.area_code});
      ids.push_back(o.id);
    }
  } else {
    return Error::invalid("source", {"只有服务设施、志愿者（队伍）和社会组织可从登记中选取",
                                     "facilities, volunteers and organisations are registered "
                                     "elsewhere; the others are entered here"});
  }
  SHEQU_ASSIGN_OR_RETURN(
      const auto taken, db_.read_value<std::vector<int64_t>>([&](storage::Session& s) {
        return source == "facility" ? repository::facilities_taken(s, unit, ids)
                                    : repository::organisations_taken(s, unit, ids);
      }));
  for (Origin& o : out.items) {
    const auto where = org_.unit(o.unit_code);
    o.unit_name = where ? where->unit.name : o.unit_code;
    o.taken = std::find(taken.begin(), taken.end(), o.id) != taken.end();
  }
  return out;
}

Result<ResourceInput> ListsService::validated(const Actor& actor,
                                              const ResourceInput& input) const {
  SHEQU_TRY(org_.unit(actor, input.unit));
  SHEQU_TRY(org_.in_scope(actor, kResourceWrite, input.unit));
  std::vector<FieldError> errors;
  ResourceInput out = input;
  check_choice(resource_sources(), input.source, "source", errors);
  check_choice(categories(), input.category, "category", errors);
  if (input.facility_id || input.organisation_id) {
    SHEQU_TRY(take_origin(input, out, errors));
  } else {
    out.name = checked_text(input.name, "name", kMaxName, true, errors);
  }
  out.note = checked_text(input.note, "note", kMaxNote, false, errors);
  if (input.capacity < 1 || input.capacity > kMaxCapacity) {
    errors.push_back({"capacity", {"可服务数量应为正整数", "a whole number of 1 and up"}});
  }
  if (!input.contact.empty()) {
    const Status phone = privacy::validate_work_phone(input.contact, "contact");
    if (!phone) {
      for (const FieldError& e : phone.error().details) errors.push_back(e);
    }
  }
  checked_point(input.lat, input.lon, errors);
  check_hours(input.hours, errors);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return out;
}

Result<NeedView> ListsService::need_view(storage::Session& s, Need need) const {
  NeedView out;
  const auto unit = org_.unit(need.unit_code);
  out.unit_name = unit ? unit->unit.name : need.unit_code;
  if (need.person_id) {
    SHEQU_ASSIGN_OR_RETURN(const auto person,
                           residents::repository::find_person(s, *need.person_id));
    if (person && person->name_sealed) {
      SHEQU_ASSIGN_OR_RETURN(const std::string name,
                             keyring_.open(*person->name_sealed, residents::kNameContext));
      out.person_masked = privacy::mask_name(name);
    }
  }
  out.need = std::move(need);
  return out;
}

ResourceView ListsService::resource_view(Resource resource) const {
  const auto unit = org_.unit(resource.unit_code);
  std::string name = unit ? unit->unit.name : resource.unit_code;
  return {std::move(resource), std::move(name)};
}

Result<Need> ListsService::visible_need(storage::Session& s, const Actor& actor, int64_t id) const {
  SHEQU_ASSIGN_OR_RETURN(auto need, repository::find_need(s, id));
  if (!need || !org_.covers(actor, kNeedRead, need->unit_code)) return need_not_found();
  return std::move(*need);
}

Result<Resource> ListsService::visible_resource(storage::Session& s, const Actor& actor,
                                                int64_t id) const {
  SHEQU_ASSIGN_OR_RETURN(auto resource, repository::find_resource(s, id));
  if (!resource || !org_.covers(actor, kResourceRead, resource->unit_code)) {
    return resource_not_found();
  }
  return std::move(*resource);
}

Result<NeedView> ListsService::create_need(const Actor& actor, const NeedInput& input) const {
  SHEQU_ASSIGN_OR_RETURN(const NeedInput in, validated(actor, input));
  std::vector<FieldError> unused;
  const auto point = checked_point(in.lat, in.lon, unused);
  const std::string now = format_timestamp(clock_.now());
  Need n;
  n.unit_code = in.unit;
  n.source = in.source;
  n.source_ref = in.source_ref;
  n.category = in.category;
  n.urgency = in.urgency;
  n.description = in.description;
  if (point) {
    n.lat_e7 = point->first;
    n.lon_e7 = point->second;
  }
  n.hours = in.hours;
  n.person_id = in.person_id;
  if (actor.user_id > 0) n.created_by = actor.user_id;
  n.created_by_name = actor.username;
  n.created_at = now;
  n.updated_at = now;
  n.visit_id = in.visit_id;
  n.request_id = in.request_id;
  return db_.write_value<NeedView>([&](storage::Session& s) -> Result<NeedView> {
    SHEQU_TRY(take_finding(s, actor, n));
    if (n.person_id) {
      // A person of the register living within the need's unit, whom the caller may read.
      SHEQU_ASSIGN_OR_RETURN(const auto person,
                             residents::repository::find_person(s, *n.person_id));
      const bool fits = person && person->household_id && !person->anonymised_at &&
                        org_.covers(actor, residents::kPersonRead, person->grid_code) &&
                        org_.tree().contains(n.unit_code, person->grid_code);
      if (!fits) {
        return Error::invalid("personId", {"需求所在单位没有这位居民，或您无权查看",
                                           "no such resident of the need's unit in your scope"});
      }
    }
    SHEQU_ASSIGN_OR_RETURN(n.id, repository::insert_need(s, n));
    SHEQU_TRY(audit_.append(s, audit::who(actor, kNeedWrite),
                            {std::string(kAuditNeed), "lists_need", std::to_string(n.id), "success",
                             n.category, n.unit_code}));
    return need_view(s, n);
  });
}

Status ListsService::take_finding(storage::Session& s, const Actor& actor, Need& n) const {
  if (n.visit_id) {
    SHEQU_ASSIGN_OR_RETURN(const auto visit, residents::repository::find_visit(s, *n.visit_id));
    if (!visit || !org_.covers(actor, residents::kPersonRead, visit->grid_code) ||
        !org_.tree().contains(n.unit_code, visit->grid_code)) {
      return Error::invalid("visitId", {"需求所在单位没有这次走访，或您无权查看",
                                        "no such visit within the need's unit in your scope"});
    }
    SHEQU_ASSIGN_OR_RETURN(const bool registered,
                           repository::open_need_from_visit(s, *n.visit_id, n.category));
    if (registered) {
      return Error::invalid("visitId", {"这次走访发现的该类需求已经登记",
                                        "this visit's need of the category is registered already"});
    }
    if (!n.person_id) n.person_id = visit->person_id;
    if (!n.lat_e7) {
      n.lat_e7 = visit->lat_e7;
      n.lon_e7 = visit->lon_e7;
    }
    if (n.source_ref.empty()) n.source_ref = fmt::format("走访 {}", visit->visited_on);
  }
  if (n.request_id) {
    SHEQU_ASSIGN_OR_RETURN(const auto found, requests::repository::find_case(s, *n.request_id));
    // Where the request is: its grid when known, else its lead unit, which may lie above the
    // need's (a street leads a case of one of its communities).
    const bool around = found && (found->grid ? org_.tree().contains(n.unit_code, *found->grid)
                                              : org_.tree().contains(n.unit_code, found->unit) ||
                                                    org_.tree().contains(found->unit, n.unit_code));
    if (!around || !org_.covers(actor, requests::kCaseRead, found->unit)) {
      return Error::invalid("requestId", {"需求所在单位没有这件诉求，或您无权查看",
                                          "no such request around the need's unit in your scope"});
    }
    SHEQU_ASSIGN_OR_RETURN(const bool registered,
                           repository::open_need_from_request(s, *n.request_id, n.category));
    if (registered) {
      return Error::invalid("requestId",
                            {"这件诉求的该类需求已经登记",
                             "this request's need of the category is registered already"});
    }
    if (!n.lat_e7) {
      n.lat_e7 = found->lat_e7;
      n.lon_e7 = found->lon_e7;
    }
    if (n.source_ref.empty()) n.source_ref = "诉求 " + found->tracking_code;
  }
  return {};
}

Result<NeedView> ListsService::raise(const Actor& actor, const RaisedNeedInput& input) const {
  std::vector<FieldError> errors;
  Need n;
  check_choice(categories(), input.category, "category", errors);
  check_choice(urgencies(), input.urgency, "urgency", errors);
  n.description = checked_text(input.description, "description", kMaxDescription, true, errors);
  check_hours(input.hours, errors);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  // The unit where the account holds the resident's permission: its grid, village or community.
  // Officials hold the permission only to grant it; they have no home to raise a need from.
  std::optional<std::string> home;
  for (const std::string& root : actor.roots_for(kNeedRaise)) {
    const auto unit = org_.unit(root);
    if (unit && unit->unit.level >= org::Level::village) home = root;
  }
  if (!home) {
    return Error::conflict({"您的账号没有居住的村（社区），不能以居民身份提出需求",
                            "your account lives in no village or community: it raises no need"});
  }
  const std::string now = format_timestamp(clock_.now());
  n.unit_code = *home;
  n.source = std::string(kRaised);
  n.category = input.category;
  n.urgency = input.urgency;
  n.hours = input.hours;
  // Staff see who it is for through the register (masked), never the resident's account name.
  n.created_by = actor.user_id;
  n.raised_by = actor.user_id;
  n.created_at = now;
  n.updated_at = now;
  return db_.write_value<NeedView>([&](storage::Session& s) -> Result<NeedView> {
    SHEQU_ASSIGN_OR_RETURN(const int64_t waiting,
                           repository::count_open_raised_by(s, actor.user_id));
    if (waiting >= kMaxOpenRaised) {
      return Error::conflict(
          {fmt::format("您已有 {} 条需求正在办理，请办结后再提出", waiting),
           fmt::format("{} of your needs are being dealt with; raise more after", waiting)});
    }
    // For the register's record of them, at their home, when the account's phone names one.
    SHEQU_ASSIGN_OR_RETURN(const auto person,
                           residents::person_of_account(s, keyring_, org_.tree(), actor.user_id));
    const bool here = person && (org_.tree().contains(n.unit_code, person->grid_code) ||
                                 org_.tree().contains(person->unit_code, n.unit_code));
    if (here) {
      n.person_id = person->id;
      if (org_.tree().contains(n.unit_code, person->grid_code)) n.unit_code = person->grid_code;
      SHEQU_ASSIGN_OR_RETURN(const auto home,
                             residents::repository::find_household(s, *person->household_id));
      if (home && home->lat_e7 && home->lon_e7) {
        n.lat_e7 = home->lat_e7;
        n.lon_e7 = home->lon_e7;
      }
    }
    SHEQU_ASSIGN_OR_RETURN(n.id, repository::insert_need(s, n));
    SHEQU_TRY(audit_.append(s, audit::who(actor, kNeedRaise),
                            {std::string(kAuditRaise), "lists_need", std::to_string(n.id),
                             "success", n.category, n.unit_code}));
    return need_view(s, n);
  });
}

Result<std::vector<RaisedNeed>> ListsService::raised(const Actor& actor) const {
  return db_.read_value<std::vector<RaisedNeed>>(
      [&](storage::Session& s) -> Result<std::vector<RaisedNeed>> {
        SHEQU_ASSIGN_OR_RETURN(std::vector<Need> needs,
                               repository::needs_raised_by(s, actor.user_id, kRaisedShown));
        std::vector<RaisedNeed> out;
        for (Need& need : needs) {
          RaisedNeed r;
          SHEQU_ASSIGN_OR_RETURN(std::vector<Match> matches, repository::matches_of(s, need.id));
          for (Match& m : matches) {
            SHEQU_ASSIGN_OR_RETURN(auto resource, repository::find_resource(s, m.resource_id));
            r.matches.push_back({std::move(m), resource ? resource->name : std::string()});
          }
          const auto unit = org_.unit(need.unit_code);
          r.unit_name = unit ? unit->unit.name : need.unit_code;
          r.need = std::move(need);
          out.push_back(std::move(r));
        }
        return out;
      });
}

Result<NeedDetail> ListsService::find_need(const Actor& actor, int64_t id) const {
  return db_.read_value<NeedDetail>([&](storage::Session& s) -> Result<NeedDetail> {
    SHEQU_ASSIGN_OR_RETURN(Need need, visible_need(s, actor, id));
    SHEQU_ASSIGN_OR_RETURN(std::vector<Match> matches, repository::matches_of(s, id));
    NeedDetail out;
    for (Match& m : matches) {
      SHEQU_ASSIGN_OR_RETURN(auto resource, repository::find_resource(s, m.resource_id));
      out.matches.push_back({std::move(m), resource ? resource->name : std::string()});
    }
    SHEQU_ASSIGN_OR_RETURN(out.need, need_view(s, std::move(need)));
    return out;
  });
}

Result<org::Page<NeedView>> ListsService::list_needs(const Actor& actor, const NeedQuery& query,
                                                     const org::PageRequest& page) const {
  NeedFilter filter{{}, query.status, query.category, query.urgency, query.source};
  if (query.unit.empty()) {
    filter.roots = actor.roots_for(kNeedRead);
  } else {
    SHEQU_TRY(org_.unit(actor, query.unit));
    SHEQU_TRY(org_.in_scope(actor, kNeedRead, query.unit));
    filter.roots = {query.unit};
  }
  return db_.read_value<org::Page<NeedView>>(
      [&](storage::Session& s) -> Result<org::Page<NeedView>> {
        SHEQU_ASSIGN_OR_RETURN(auto found, repository::list_needs(s, filter, page));
        org::Page<NeedView> out;
        out.total = found.total;
        for (Need& n : found.items) {
          SHEQU_ASSIGN_OR_RETURN(NeedView v, need_view(s, std::move(n)));
          out.items.push_back(std::move(v));
        }
        return out;
      });
}

Result<NeedView> ListsService::close_need(const Actor& actor, int64_t id, int64_t version,
                                          const std::string& note) const {
  std::vector<FieldError> errors;
  const std::string checked = checked_text(note, "note", kMaxNote, true, errors);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return db_.write_value<NeedView>([&](storage::Session& s) -> Result<NeedView> {
    SHEQU_ASSIGN_OR_RETURN(Need need, visible_need(s, actor, id));
    SHEQU_TRY(org_.in_scope(actor, kNeedWrite, need.unit_code));
    if (need.status != kOpen) {
      return Error::conflict({"只能办结待对接的需求；已对接的需求请记录对接结果",
                              "only an open need is closed; a matched one closes with its "
                              "outcome"});
    }
    need.updated_at = format_timestamp(clock_.now());
    SHEQU_ASSIGN_OR_RETURN(
        const bool changed,
        repository::set_need_status(s, id, kClosed, checked, need.updated_at, version));
    if (!changed) {
      return Error::conflict(
          {"需求已被他人处理，请刷新后重试", "the need was changed meanwhile; reload"});
    }
    need.status = std::string(kClosed);
    need.close_note = checked;
    need.version = version + 1;
    SHEQU_TRY(audit_.append(s, audit::who(actor, kNeedWrite),
                            {std::string(kAuditClose), "lists_need", std::to_string(id), "success",
                             checked, need.unit_code}));
    return need_view(s, std::move(need));
  });
}

Result<ResourceView> ListsService::create_resource(const Actor& actor,
                                                   const ResourceInput& input) const {
  SHEQU_ASSIGN_OR_RETURN(const ResourceInput in, validated(actor, input));
  std::vector<FieldError> unused;
  const auto point = checked_point(in.lat, in.lon, unused);
  const std::string now = format_timestamp(clock_.now());
  Resource r;
  r.unit_code = in.unit;
  r.source = in.source;
  r.name = in.name;
  r.category = in.category;
  r.capacity = in.capacity;
  r.hours = in.hours;
  if (point) {
    r.lat_e7 = point->first;
    r.lon_e7 = point->second;
  }
  r.contact = in.contact;
  r.note = in.note;
  r.facility_id = in.facility_id;
  r.organisation_id = in.organisation_id;
  r.created_at = now;
  r.updated_at = now;
  return db_.write_value<ResourceView>([&](storage::Session& s) -> Result<ResourceView> {
    SHEQU_ASSIGN_OR_RETURN(r.id, repository::insert_resource(s, r));
    SHEQU_TRY(audit_.append(s, audit::who(actor, kResourceWrite),
                            {std::string(kAuditResource), "lists_resource", std::to_string(r.id),
                             "success", r.name, r.unit_code}));
    // As it reads: what it was taken from decides whether it is available.
    SHEQU_ASSIGN_OR_RETURN(Resource stored, visible_resource(s, actor, r.id));
    return resource_view(std::move(stored));
  });
}

Result<ResourceView> ListsService::update_resource(const Actor& actor, int64_t id, int64_t version,
                                                   const ResourceInput& input) const {
  SHEQU_ASSIGN_OR_RETURN(const ResourceInput in, validated(actor, input));
  return db_.write_value<ResourceView>([&](storage::Session& s) -> Result<ResourceView> {
    SHEQU_ASSIGN_OR_RETURN(Resource r, visible_resource(s, actor, id));
    SHEQU_TRY(org_.in_scope(actor, kResourceWrite, r.unit_code));
    if (in.unit != r.unit_code) {
      return Error::invalid("unit", {"资源的所属单位不能修改", "a resource keeps its unit"});
    }
    if (in.capacity < r.booked) {
      return Error::invalid("capacity",
                            {fmt::format("可服务数量不能少于已对接的 {} 个", r.booked),
                             fmt::format("cannot fall below the {} places booked", r.booked)});
    }
    std::vector<FieldError> unused;
    const auto point = checked_point(in.lat, in.lon, unused);
    r.source = in.source;
    r.name = in.name;
    r.category = in.category;
    r.capacity = in.capacity;
    r.hours = in.hours;
    r.lat_e7 = point ? std::optional(point->first) : std::nullopt;
    r.lon_e7 = point ? std::optional(point->second) : std::nullopt;
    r.contact = in.contact;
    r.note = in.note;
    r.facility_id = in.facility_id;
    r.organisation_id = in.organisation_id;
    r.updated_at = format_timestamp(clock_.now());
    SHEQU_ASSIGN_OR_RETURN(const bool changed, repository::update_resource(s, r, version));
    if (!changed) {
      return Error::conflict(
          {"资源已被他人修改，请刷新后重试", "the resource was changed meanwhile; reload"});
    }
    r.version = version + 1;
    SHEQU_TRY(audit_.append(
        s, audit::who(actor, kResourceWrite),
        {std::string(kAuditResourceUpdate), "lists_resource", std::to_string(id), "success",
         fmt::format("capacity {}, version {}", r.capacity, r.version), r.unit_code}));
    SHEQU_ASSIGN_OR_RETURN(Resource stored, visible_resource(s, actor, id));
    return resource_view(std::move(stored));
  });
}

Result<ResourceView> ListsService::find_resource(const Actor& actor, int64_t id) const {
  return db_.read_value<ResourceView>([&](storage::Session& s) -> Result<ResourceView> {
    SHEQU_ASSIGN_OR_RETURN(Resource r, visible_resource(s, actor, id));
    return resource_view(std::move(r));
  });
}

Result<org::Page<ResourceView>> ListsService::list_resources(const Actor& actor,
                                                             const std::string& unit,
                                                             const std::string& category,
                                                             const org::PageRequest& page) const {
  ResourceFilter filter;
  if (unit.empty()) {
    filter.roots = actor.roots_for(kResourceRead);
  } else {
    SHEQU_TRY(org_.unit(actor, unit));
    SHEQU_TRY(org_.in_scope(actor, kResourceRead, unit));
    filter.roots = {unit};
  }
  filter.category = category;
  SHEQU_ASSIGN_OR_RETURN(auto found, db_.read_value<org::Page<Resource>>([&](storage::Session& s) {
    return repository::list_resources(s, filter, page);
  }));
  org::Page<ResourceView> out;
  out.total = found.total;
  for (Resource& r : found.items) out.items.push_back(resource_view(std::move(r)));
  return out;
}

access::CircleService::MatchAnswer ListsService::rank(
    const Need& need, const std::vector<Resource>& resources) const {
  std::vector<access::MatchNeed> needs{
      {access::kNotSnapped, 0, 0, access::WeekHours::daily(need.hours.from, need.hours.to)}};
  const std::vector<std::optional<access::Point>> need_points{point_of(need.lat_e7, need.lon_e7)};
  std::vector<access::MatchResource> offers;
  std::vector<std::optional<access::Point>> offer_points;
  for (const Resource& r : resources) {
    // One category per call: the need's, so every resource given offers it.
    offers.push_back({access::kNotSnapped, 0, 0, r.capacity - r.booked,
                      access::WeekHours::daily(r.hours.from, r.hours.to)});
    offer_points.push_back(point_of(r.lat_e7, r.lon_e7));
  }
  return circle_.match(std::move(needs), need_points, std::move(offers), offer_points, kWalkLimitMm,
                       kProposalsPerNeed);
}

Result<Proposals> ListsService::proposals(const Actor& actor, int64_t need_id) const {
  SHEQU_ASSIGN_OR_RETURN(const Need need,
                         db_.read_value<Need>([&](storage::Session& s) -> Result<Need> {
                           return visible_need(s, actor, need_id);
                         }));
  Proposals out;
  out.located = need.lat_e7.has_value();
  if (need.status != kOpen) {
    return Error::conflict({"需求已对接或已办结", "the need is matched or closed already"});
  }
  ResourceFilter filter{{org_.tree().county_of(need.unit_code)}, need.category, true};
  SHEQU_ASSIGN_OR_RETURN(auto found, db_.read_value<org::Page<Resource>>([&](storage::Session& s) {
    return repository::list_resources(s, filter, {1, 10'000});
  }));
  const auto answer = rank(need, found.items);
  out.by_network = answer.by_network;
  for (const access::Proposal& p : answer.proposals.front()) {
    out.items.push_back({resource_view(found.items[p.resource]), p.walk_mm});
  }
  return out;
}

Result<MatchView> ListsService::confirm(const Actor& actor, int64_t need_id, int64_t version,
                                        int64_t resource_id) const {
  SHEQU_ASSIGN_OR_RETURN(
      const auto both,
      db_.read_value<NeedAndResource>([&](storage::Session& s) -> Result<NeedAndResource> {
        SHEQU_ASSIGN_OR_RETURN(Need need, visible_need(s, actor, need_id));
        SHEQU_TRY(org_.in_scope(actor, kNeedWrite, need.unit_code));
        SHEQU_ASSIGN_OR_RETURN(auto resource, repository::find_resource(s, resource_id));
        // A resource outside the county serving the need is none of its.
        if (!resource ||
            !org_.tree().contains(org_.tree().county_of(need.unit_code), resource->unit_code)) {
          return resource_not_found();
        }
        return std::pair{std::move(need), std::move(*resource)};
      }));
  const auto& [need, resource] = both;
  if (resource.category != need.category) {
    return Error::invalid("resource", {"资源的服务类别与需求不符",
                                       "the resource offers another "
                                       "category"});
  }
  if (!resource.available) {
    return Error::conflict({"资源所在设施未开放，暂不能对接", "its facility is not open"});
  }
  // The walk as it is now, for the record (none when either has no point or it is beyond reach).
  const auto answer = rank(need, {resource});
  Match m;
  m.need_id = need_id;
  m.resource_id = resource_id;
  m.by_network = answer.by_network;
  if (!answer.proposals.front().empty()) m.walk_mm = answer.proposals.front().front().walk_mm;
  if (actor.user_id > 0) m.confirmed_by = actor.user_id;
  m.confirmed_by_name = actor.username;
  m.confirmed_at = format_timestamp(clock_.now());
  return db_.write_value<MatchView>([&](storage::Session& s) -> Result<MatchView> {
    SHEQU_ASSIGN_OR_RETURN(const Need current, visible_need(s, actor, need_id));
    if (current.status != kOpen) {
      return Error::conflict({"需求已对接或已办结，不能再对接",
                              "the need is matched or closed already: it takes no match"});
    }
    SHEQU_ASSIGN_OR_RETURN(
        const bool changed,
        repository::set_need_status(s, need_id, kMatched, "", m.confirmed_at, version));
    if (!changed) {
      return Error::conflict(
          {"需求已被他人处理，请刷新后重试", "the need was changed meanwhile; reload"});
    }
    SHEQU_ASSIGN_OR_RETURN(const bool booked, repository::book(s, resource_id));
    if (!booked) {
      return Error::conflict({fmt::format("“{}”已满（可服务 {} 个），请选择其他资源", resource.name,
                                          resource.capacity),
                              fmt::format("{} is full ({} places): choose another", resource.name,
                                          resource.capacity)});
    }
    SHEQU_ASSIGN_OR_RETURN(m.id, repository::insert_match(s, m));
    SHEQU_TRY(
        audit_.append(s, audit::who(actor, kNeedWrite),
                      {std::string(kAuditMatch), "lists_need", std::to_string(need_id), "success",
                       fmt::format("resource {}", resource_id), current.unit_code}));
    return MatchView{m, resource.name};
  });
}

Result<MatchView> ListsService::record_outcome(const Actor& actor, int64_t match_id,
                                               int64_t version, bool done,
                                               const std::string& note) const {
  std::vector<FieldError> errors;
  const std::string checked = checked_text(note, "note", kMaxNote, !done, errors);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return db_.write_value<MatchView>([&](storage::Session& s) -> Result<MatchView> {
    SHEQU_ASSIGN_OR_RETURN(auto match, repository::find_match(s, match_id));
    if (!match) return Error::not_found({"需求对接", "match"});
    auto need = visible_need(s, actor, match->need_id);
    if (!need) return Error::not_found({"需求对接", "match"});
    SHEQU_TRY(org_.in_scope(actor, kNeedWrite, need->unit_code));
    if (match->outcome != kPending) {
      return Error::conflict({"对接结果已记录", "the outcome is recorded already"});
    }
    Match m = *match;
    m.outcome = std::string(done ? kDone : kFailed);
    m.outcome_note = checked;
    m.closed_at = format_timestamp(clock_.now());
    SHEQU_ASSIGN_OR_RETURN(const bool changed, repository::close_match(s, m, version));
    if (!changed) {
      return Error::conflict(
          {"对接已被他人处理，请刷新后重试", "the match was changed meanwhile; reload"});
    }
    m.version = version + 1;
    SHEQU_TRY(repository::release(s, m.resource_id));
    SHEQU_ASSIGN_OR_RETURN(
        const bool need_changed,
        repository::set_need_status(s, need->id, done ? kClosed : kOpen,
                                    done ? checked : std::string(), m.closed_at, need->version));
    if (!need_changed) {
      return Error::conflict(
          {"需求已被他人处理，请刷新后重试", "the need was changed meanwhile; reload"});
    }
    SHEQU_ASSIGN_OR_RETURN(auto resource, repository::find_resource(s, m.resource_id));
    SHEQU_TRY(
        audit_.append(s, audit::who(actor, kNeedWrite),
                      {std::string(kAuditOutcome), "lists_need", std::to_string(need->id),
                       "success", fmt::format("match {}: {}", m.id, m.outcome), need->unit_code}));
    return MatchView{m, resource ? resource->name : std::string()};
  });
}

Result<int64_t> ListsService::count_urgent(const Actor& actor) const {
  const NeedFilter filter{actor.roots_for(kNeedWrite), std::string(kOpen), "",
                          std::string(kUrgent)};
  return db_.read_value<int64_t>(
      [&](storage::Session& s) { return repository::count_needs(s, filter); });
}

Result<int64_t> ListsService::count_raised(const Actor& actor) const {
  NeedFilter filter{actor.roots_for(kNeedWrite), std::string(kOpen), "", ""};
  filter.source = std::string(kRaised);
  return db_.read_value<int64_t>(
      [&](storage::Session& s) { return repository::count_needs(s, filter); });
}

}  // namespace shequ::lists
