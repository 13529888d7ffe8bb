// The authorization matrix, generated from the route table: every route x every built-in role x
// every relation of the target's unit to the caller's unit (own, descendant, ancestor, sibling,
// other branch). Each cell must be refused with 403 when the role lacks the route's permission,
// refused with 404 (or 403 for units named in a body) outside the caller's subtree, and pass
// access control inside it. List answers must hold nothing from outside the subtree.
// A route this test has no recipe for fails it: new routes must be added here.
#include <fmt/format.h>

#include <map>

#include "api/resident_ids.hpp"
#include "api/small_stack.hpp"
#include "auth/declaration.hpp"
#include "auth/roles.hpp"
#include "facility/facility_import.hpp"
#include "facility/facility_service.hpp"
#include "indicator/indicator_service.hpp"
#include "jobs/job_runner.hpp"
#include "privacy/validators.hpp"
#include "requests/request_service.hpp"
#include "residents/resident_import.hpp"
#include "residents/resident_service.hpp"
#include "residents/visit_service.hpp"
#include "support/access_reference.hpp"
#include "support/test_images.hpp"
#include "support/test_pdf.hpp"
#include "volunteer/organisation_service.hpp"
#include "volunteer/volunteer_service.hpp"
#include "workforce/training_service.hpp"
#include "workforce/workforce_service.hpp"

namespace shequ::testing {
namespace {

// The last relation names only accounts: one whose home is the caller's own unit but which holds
// a role at the unit above it, so that it works above the caller (an account takeover once
// went through such accounts).
enum class Relation { own, descendant, ancestor, sibling, other_branch, holds_role_above };
constexpr Relation kRelations[] = {Relation::own,          Relation::descendant,
                                   Relation::ancestor,     Relation::sibling,
                                   Relation::other_branch, Relation::holds_role_above};
const char* name(Relation r) {
  switch (r) {
    case Relation::own:
      return "own";
    case Relation::descendant:
      return "descendant";
    case Relation::ancestor:
      return "ancestor";
    case Relation::sibling:
      return "sibling";
    case Relation::other_branch:
      return "other_branch";
    case Relation::holds_role_above:
      return "holds_role_above";
  }
  return "";
}

// What a request names, seen from a caller at `home`.
struct Targets {
  std::string home;
  std::map<Relation, std::string> unit;  // any unit in the relation
  std::map<Relation, std::string> grid;  // a grid in the relation
  std::map<Relation, int64_t> user;      // an account whose unit is in the relation
  std::map<Relation, int64_t> job;       // a queued background job of a unit in the relation
  // A facility in the relation's subtree (and, for relations in scope, in the caller's), with
  // its unit.
  std::map<Relation, std::pair<int64_t, std::string>> facility;
  // A request (诉求) led by the unit of the relation's facility.
  std::map<Relation, int64_t> request;
  // A household of the relation's grid, a person living in it, and a referral a visit to them
  // raised.
  std::map<Relation, int64_t> household;
  std::map<Relation, int64_t> person;
  std::map<Relation, int64_t> referral;
  // A volunteer and an activity of the relation's facility's village.
  std::map<Relation, int64_t> volunteer;
  std::map<Relation, int64_t> activity;
  std::map<Relation, int64_t> organisation;  // a volunteer team of that village
  // A community worker on that village's roster, and their post.
  std::map<Relation, int64_t> worker;
  std::map<Relation, int64_t> worker_post;
};

struct Request {
  std::string method, target, body;
  std::string content_type = "application/json";
};

// A list's Excel download (the twin "<pattern>.xlsx" of a route that declares `exports`) is asked
// like the list, without its page. Other .xlsx routes (a template, a report) are downloads of
// their own.
bool is_download(const http::Route& route, const std::vector<http::Route>& routes) {
  if (!route.pattern.ends_with(".xlsx")) return false;
  const std::string list = route.pattern.substr(0, route.pattern.size() - 5);
  return std::any_of(routes.begin(), routes.end(), [&](const http::Route& other) {
    return other.method == route.method && other.pattern == list && other.exports.has_value();
  });
}
http::Route list_of(const http::Route& download) {
  http::Route list = download;
  list.pattern.resize(list.pattern.size() - 5);
  return list;
}
std::optional<Request> as_download(std::optional<Request> list) {
  if (!list) return list;
  std::string& target = list->target;
  for (const std::string page : {"pageSize=200&", "?pageSize=200", "&pageSize=200"}) {
    if (const auto at = target.find(page); at != std::string::npos) {
      target.erase(at + (page.front() == '?' ? 1 : 0), page.size() - (page.front() == '?' ? 1 : 0));
    }
  }
  if (target.ends_with("?")) target.pop_back();
  target.insert(std::min(target.find('?'), target.size()), ".xlsx");
  return list;
}

// A comprehensive facility of `unit` as the service takes it, and as a request body (with a
// stale `version` when given one).
facility::FacilityFields matrix_facility_fields(const std::string& unit) {
  facility::FacilityFields f;
  f.unit_code = unit;
  f.type = "comprehensive";
  f.name = "矩阵设施";
  f.floor_area = 500;
  f.activity_area = 320;
  f.office_area = 80;
  f.service_area = 50;
  f.status = "open";
  f.opened_on = "2020-01-01";
  return f;
}
std::string matrix_facility_body(const std::string& unit, int version) {
  Json body{{"unitCode", unit},        {"type", "comprehensive"},   {"name", "矩阵设施"},
            {"floorArea", 500},        {"activityArea", 320},       {"officeArea", 80},
            {"serviceArea", 50},       {"services", Json::array()}, {"status", "open"},
            {"openedOn", "2020-01-01"}};
  for (const char* day : {"mon", "tue", "wed", "thu", "fri", "sat", "sun"})
    body["hours"][day] = Json::array();
  if (version > 0) body["version"] = version;
  return body.dump();
}

class AuthorizationMatrixTest : public SmallStackTest {
 protected:
  void SetUp() override {
    SmallStackTest::SetUp();
    if (HasFatalFailure()) return;
    const Actor op = services_->operator_actor();
    // Grids beside the demo ones, so every relation has a grid: 620102001002001, 620201001001001.
    for (const char* village : {"620102001002", "620201001001"}) {
      ASSERT_TRUE(
          services_->org().create_grid(op, village, {std::string("矩阵网格"), std::nullopt}));
    }
    // Every role is held at a unit of its own level, so each level is a home; the units and
    // grids standing in each relation to it come from the small tree (see small_stack.hpp).
    const std::string province = "620000000000", lanzhou = "620100000000",
                      jiayuguan = "620200000000", chengguan = "620102000000",
                      jiayuguan_district = "620201000000", street = "620102001000",
                      other_street = "620102002000", jiayuguan_street = "620201001000",
                      community = "620102001001", sibling_community = "620102001002",
                      jiayuguan_community = "620201001001", grid = "620102001001001",
                      sibling_grid = "620102001001002", street_grid = "620102001002001",
                      jiayuguan_grid = "620201001001001";
    using R = Relation;
    homes_ = {
        {org::Level::province,
         {province,
          {{R::own, province}, {R::descendant, lanzhou}},
          {{R::own, sibling_grid}, {R::descendant, grid}}}},
        {org::Level::city,
         {lanzhou,
          {{R::own, lanzhou},
           {R::descendant, chengguan},
           {R::ancestor, province},
           {R::sibling, jiayuguan},
           {R::other_branch, jiayuguan_district}},
          {{R::own, sibling_grid}, {R::descendant, grid}, {R::sibling, jiayuguan_grid}}}},
        {org::Level::county,
         {chengguan,
          {{R::own, chengguan},
           {R::descendant, street},
           {R::ancestor, lanzhou},
           {R::other_branch, jiayuguan_district}},
          {{R::own, sibling_grid}, {R::descendant, grid}, {R::other_branch, jiayuguan_grid}}}},
        {org::Level::township,
         {street,
          {{R::own, street},
           {R::descendant, community},
           {R::ancestor, chengguan},
           {R::sibling, other_street},
           {R::other_branch, jiayuguan_street}},
          {{R::own, street_grid}, {R::descendant, grid}, {R::other_branch, jiayuguan_grid}}}},
        {org::Level::village,
         {community,
          {{R::own, community},
           {R::descendant, grid},
           {R::ancestor, street},
           {R::sibling, sibling_community},
           {R::other_branch, jiayuguan_community}},
          {{R::own, sibling_grid},
           {R::descendant, grid},
           {R::sibling, street_grid},
           {R::other_branch, jiayuguan_grid}}}},
        {org::Level::grid,
         {grid,
          {{R::own, grid},
           {R::ancestor, community},
           {R::sibling, sibling_grid},
           {R::other_branch, jiayuguan_grid}},
          {{R::own, grid}, {R::sibling, sibling_grid}, {R::other_branch, jiayuguan_grid}}}},
    };
    // One account without roles per unit a relation names: the objects of the account routes;
    // one queued job per such unit: the objects of the job routes (the runner is not started,
    // so they stay queued).
    std::map<std::string, int64_t> accounts;
    std::map<std::string, int64_t> jobs;
    for (auto& [level, targets] : homes_) {
      for (const auto& [relation, unit] : targets.unit) {
        if (!jobs.contains(unit)) {
          auto job = services_->service<jobs::JobRunner>().submit(
              {.kind = "jobs.purge", .unit_code = unit, .created_by_name = "matrix"});
          ASSERT_TRUE(job) << job.error().message.en;
          jobs[unit] = job->id;
        }
        targets.job[relation] = jobs[unit];
        if (!accounts.contains(unit)) {
          const auto n = accounts.size() + 1;
          auth::NewUser user{
              "matrix" + std::to_string(n),         "矩阵", unit, "Matrix#Shequ2026x", {}, false,
              "1397777000" + std::to_string(n % 10)};
          auto created = services_->auth().accounts().create_user_as_operator(user);
          ASSERT_TRUE(created) << created.error().message.en;
          accounts[unit] = created->id;
          personal_.push_back(user.phone);
        }
        targets.user[relation] = accounts[unit];
      }
      // The account that works above: homed here, holding the region role one level up.
      const auto parent = targets.unit.find(R::ancestor);
      if (parent == targets.unit.end()) continue;  // nothing above the province
      const std::string role_above =
          region_role(services_->org().tree().find(parent->second)->unit.level);
      auth::NewUser climber{"climber" + std::to_string(static_cast<int>(level)),
                            "越级",
                            targets.home,
                            "Matrix#Shequ2026x",
                            {{role_above, parent->second}},
                            false,
                            "13900000000"};
      auto created = services_->auth().accounts().create_user_as_operator(climber);
      ASSERT_TRUE(created) << created.error().message.en;
      personal_.push_back(climber.phone);
      targets.user[R::holds_role_above] = created->id;
    }
    // One facility per village of the small tree; each relation names one in its subtree that is
    // inside the caller's subtree exactly when the relation is in scope.
    std::vector<std::pair<int64_t, std::string>> facilities;
    std::map<std::string, int64_t> request_of;
    for (const char* village : {"620102001001", "620102001002", "620201001001"}) {
      requests::NewRequest request;
      request.category = "municipal.streetlight";
      request.unit = village;
      request.description = "路灯不亮";
      request.channel = "hotline";
      request.contact_name = "矩阵联系人" + std::string(1, village[11]);
      request.contact_phone = fmt::format("1399318800{}", village[11]);
      personal_.push_back(request.contact_name);
      personal_.push_back(request.contact_phone);
      auto taken = services_->service<requests::RequestService>().submit(op, request);
      ASSERT_TRUE(taken) << taken.error().message.en;
      request_of[village] = taken->view.value.id;
      // A photo of it, which its readers may see.
      auto photo = services_->service<requests::RequestService>().add_photo(
          op, taken->view.value.id, testing::jpeg_with_metadata({32, 16}, 1));
      ASSERT_TRUE(photo) << photo.error().message.en;
      photo_of_request_[taken->view.value.id] = photo->id;
      auto made = services_->service<facility::FacilityService>().create(
          op, matrix_facility_fields(village));
      ASSERT_TRUE(made) << made.error().message.en;
      facilities.emplace_back(made->id, village);
      // And a value entered for it, so that approving names one (the relation's facility's).
      auto entered = services_->service<indicator::IndicatorService>().enter(
          op, {"12", village, "202510", 1, 2, 0});
      ASSERT_TRUE(entered) << entered.error().message.en;
    }
    // A volunteer of each village, and an activity it publishes for tomorrow (organised by one of
    // the matrix's accounts).
    struct Volunteering {
      int64_t volunteer = 0, activity = 0, organisation = 0, worker = 0, worker_post = 0;
    };
    std::map<std::string, Volunteering> volunteering_of;
    for (const char* village : {"620102001001", "620102001002", "620201001001"}) {
      auto& service = services_->service<volunteer::VolunteerService>();
      const std::string name = fmt::format("矩阵志愿者{}", village[11]);
      const std::string phone = fmt::format("1399317700{}", village[11]);
      personal_.insert(personal_.end(), {name, phone});
      auto registered = service.register_volunteer(op, village, {name, phone, ""});
      ASSERT_TRUE(registered) << registered.error().message.en;
      Actor organiser = op;
      organiser.user_id = accounts.begin()->second;
      const TimePoint tomorrow = clock_.now() + std::chrono::hours(24);
      auto published =
          service.publish(organiser, {village, "矩阵活动", "社区广场", format_timestamp(tomorrow),
                                      format_timestamp(tomorrow + std::chrono::hours(2)), 10, ""});
      ASSERT_TRUE(published) << published.error().message.en;
      const std::string contact = fmt::format("矩阵联系人{}", village[11]);
      const std::string contact_phone = fmt::format("1399317701{}", village[11]);
      personal_.insert(personal_.end(), {contact, contact_phone});
      auto team = services_->service<volunteer::OrganisationService>().register_organisation(
          op, {.name = "矩阵志愿服务队",
               .kind = volunteer::OrganisationKind::volunteer_team,
               .area_code = village,
               .contact_name = contact,
               .contact_phone = contact_phone});
      ASSERT_TRUE(team) << team.error().message.en;
      // A community worker of the village's roster (a grid worker since 2020).
      const std::string worker_name = fmt::format("矩阵工作者{}", village[11]);
      const std::string worker_phone = fmt::format("1399317702{}", village[11]);
      const std::string worker_id =
          id_number("19800101", 700 + 10 * (village[5] - '0') + (village[11] - '0'));
      personal_.insert(personal_.end(), {worker_name, worker_phone, worker_id});
      auto worker = services_->service<workforce::RosterService>().register_worker(
          op, {.unit_code = village,
               .name = worker_name,
               .phone = worker_phone,
               .id_number = worker_id,
               .position = workforce::Position::grid_worker,
               .started_on = "2020-01-01"});
      ASSERT_TRUE(worker) << worker.error().message.en;
      volunteering_of[village] = {registered->id, published->id, team->id, worker->id,
                                  worker->posts.at(0).id};
    }
    // A course of the province's, running this year: every reader of a roster sees it.
    auto course = services_->service<workforce::TrainingService>().create_course(
        op, {.organiser_code = "620000000000",
             .title = "矩阵培训班",
             .level = workforce::CourseLevel::province,
             .form = workforce::CourseForm::online,
             .hours = 8,
             .starts_on = "2026-01-01",
             .ends_on = "2026-12-31"});
    ASSERT_TRUE(course) << course.error().message.en;
    course_ = course->id;
    const auto& tree = services_->org().tree();
    for (auto& [level, targets] : homes_) {
      for (const auto& [relation, unit] : targets.unit) {
        for (const auto& f : facilities) {
          const bool inside = relation == R::own || relation == R::descendant;
          if (tree.contains(unit, f.second) && tree.contains(targets.home, f.second) == inside) {
            targets.facility[relation] = f;
            targets.request[relation] = request_of.at(f.second);
            targets.volunteer[relation] = volunteering_of.at(f.second).volunteer;
            targets.activity[relation] = volunteering_of.at(f.second).activity;
            targets.organisation[relation] = volunteering_of.at(f.second).organisation;
            targets.worker[relation] = volunteering_of.at(f.second).worker;
            targets.worker_post[relation] = volunteering_of.at(f.second).worker_post;
            break;
          }
        }
      }
    }
    // A household with one person in every grid a relation names.
    std::map<std::string, std::pair<int64_t, int64_t>> residents_of;
    std::map<std::string, int64_t> referral_of;
    for (auto& [level, targets] : homes_) {
      for (const auto& [relation, grid] : targets.grid) {
        if (!residents_of.contains(grid)) {
          auto& service = services_->service<residents::ResidentService>();
          const std::string address = fmt::format("矩阵户{}号院", residents_of.size() + 1);
          auto household = service.create_household(op, {grid, address, {}, {}, "family"});
          ASSERT_TRUE(household) << household.error().message.en;
          const std::string first17 = fmt::format("62010219800101{:03}", residents_of.size() + 1);
          const std::string id = first17 + privacy::resident_id_check_character(first17);
          const std::string phone = fmt::format("1399310{:04}", residents_of.size() + 1);
          personal_.insert(personal_.end(), {address, "矩阵居民", id, phone});
          auto person = service.register_person(op, {household->value.id,
                                                     "head",
                                                     "矩阵居民",
                                                     id,
                                                     phone,
                                                     "汉族",
                                                     "registered",
                                                     "2020-01-01",
                                                     {}});
          ASSERT_TRUE(person) << person.error().message.en;
          residents_of[grid] = {household->value.id, person->view.value.id};
          // A visit by one of the matrix's accounts, raising a referral to the township.
          Actor visitor = op;
          visitor.user_id = accounts.begin()->second;
          residents::NewVisit visit{.client_key = "matrix-" + grid,
                                    .visited_on = "2026-11-20",
                                    .met = "person",
                                    .health = "fair",
                                    .living = "poor",
                                    .safety = "none",
                                    .refer = "subsistence",
                                    .refer_reason = "收入骤降"};
          auto visited = services_->service<residents::VisitService>().record(
              visitor, person->view.value.id, visit);
          ASSERT_TRUE(visited && visited->referral) << visited.error().message.en;
          referral_of[grid] = visited->referral->value.id;
        }
        targets.household[relation] = residents_of[grid].first;
        targets.person[relation] = residents_of[grid].second;
        targets.referral[relation] = referral_of[grid];
      }
    }
    // A walking network whose homes stand in every relation's unit, so that the circle's routes
    // answer inside scope rather than stopping at "no network".
    access::Network city = access::reference::generated_city(12, 120, 12, 2, 9);
    const std::vector<std::string> home_units{"620102001001", "620102001001001", "620102001002",
                                              "620201001001", "620102001000"};
    for (std::size_t r = 0; r < city.residences.size(); ++r)
      city.residences[r].unit_code = home_units[r % home_units.size()];
    services_->service<access::CircleService>().use(std::move(city));
    // One account per built-in role, at the lowest level it may be held at but for the separated
    // administrators, at a city (the middle of their range, so every relation has a unit).
    for (const auto& role : auth::built_in_roles()) {
      const std::string home = home_of(role).home;
      auth::NewUser user{"role_" + std::string(role.key),
                         std::string(role.key),
                         home,
                         "Matrix#Shequ2026x",
                         {{std::string(role.key), home}},
                         false};
      ASSERT_TRUE(services_->auth().accounts().create_user_as_operator(user)) << role.key;
    }
  }

  // The request a route gets for a target in `relation`, or nullopt when the relation has no
  // object of the kind the route names (a grid has no descendants).
  std::optional<Request> recipe(const http::Route& route, const Targets& t, Relation r, int cell) {
    if (is_download(route, web_->router().routes()))
      return as_download(recipe(list_of(route), t, r, cell));
    const std::string key = route.method + " " + route.pattern;
    auto unit = t.unit.count(r) ? std::optional(t.unit.at(r)) : std::nullopt;
    auto grid = t.grid.count(r) ? std::optional(t.grid.at(r)) : std::nullopt;
    auto user = t.user.count(r) ? std::optional(std::to_string(t.user.at(r))) : std::nullopt;
    auto job = t.job.count(r) ? std::optional(std::to_string(t.job.at(r))) : std::nullopt;
    const std::string units = "/api/v1/org/units/";
    if (key == "GET /api/v1/org/units/{code}" && unit) return Request{"GET", units + *unit, ""};
    if (key == "GET /api/v1/org/units/{code}/children" && unit)
      return Request{"GET", units + *unit + "/children", ""};
    if (key == "GET /api/v1/org/units/{code}/ancestors" && unit)
      return Request{"GET", units + *unit + "/ancestors", ""};
    if (key == "GET /api/v1/org/units/{code}/summary" && unit)
      return Request{"GET", units + *unit + "/summary", ""};
    if (key == "GET /api/v1/org/units" && unit)
      return Request{"GET", "/api/v1/org/units?q=%E7%BD%91&root=" + *unit, ""};
    if (key == "GET /api/v1/org/units/{code}/grids" && unit)
      return Request{"GET", units + *unit + "/grids", ""};
    if (key == "POST /api/v1/org/units/{code}/grids" && unit) {
      return Request{"POST", units + *unit + "/grids",
                     R"({"name":"矩阵新网格)" + std::to_string(cell) + R"("})"};
    }
    // Writes to existing objects carry a stale version: inside scope they pass access control
    // and stop at 409, so no cell changes what a later cell sees.
    if (key == "GET /api/v1/org/grids/{code}" && grid)
      return Request{"GET", "/api/v1/org/grids/" + *grid, ""};
    if (key == "PATCH /api/v1/org/grids/{code}" && grid)
      return Request{"PATCH", "/api/v1/org/grids/" + *grid, R"({"version":999,"name":"x"})"};
    if (key == "DELETE /api/v1/org/grids/{code}" && grid)
      return Request{"DELETE", "/api/v1/org/grids/" + *grid + "?version=999", ""};
    if (key == "GET /api/v1/org/units/{code}/office" && unit)
      return Request{"GET", units + *unit + "/office", ""};
    // In scope: stored (villages, townships) or refused as the wrong level (400).
    if (key == "PUT /api/v1/org/units/{code}/office" && unit) {
      return Request{"PUT", units + *unit + "/office",
                     R"({"address":"矩阵路 1 号","phone":"0931-1234567","hours":"每天"})"};
    }
    // In scope: the village's assignments, or refused as the wrong level (400).
    if (key == "GET /api/v1/org/units/{code}/grid-workers" && unit)
      return Request{"GET", units + *unit + "/grid-workers", ""};
    if (key == "GET /api/v1/org/grids/{code}/worker-candidates" && grid)
      return Request{"GET", "/api/v1/org/grids/" + *grid + "/worker-candidates", ""};
    // An account that is no grid worker there: in scope it is refused as a field (400).
    if (key == "PUT /api/v1/org/grids/{code}/workers/{userId}" && grid)
      return Request{"PUT", "/api/v1/org/grids/" + *grid + "/workers/999999", "{}"};
    // Nobody to remove: in scope that is done already (204).
    if (key == "DELETE /api/v1/org/grids/{code}/workers/{userId}" && grid)
      return Request{"DELETE", "/api/v1/org/grids/" + *grid + "/workers/999999", ""};
    if (key == "GET /api/v1/users" && unit)
      return Request{"GET", "/api/v1/users?pageSize=200&unit=" + *unit, ""};
    if (key == "POST /api/v1/users/search" && unit) {
      return Request{"POST", "/api/v1/users/search",
                     R"({"phone":"13977770001","pageSize":200,"unit":")" + *unit + R"("})"};
    }
    if (key == "POST /api/v1/users" && unit) {
      return Request{"POST", "/api/v1/users",
                     R"({"username":"cell)" + std::to_string(cell) +
                         R"(","displayName":"单元","password":"Matrix#Shequ2026x","unitCode":")" +
                         *unit + R"("})"};
    }
    if (key == "GET /api/v1/users/{id}" && user)
      return Request{"GET", "/api/v1/users/" + *user, ""};
    if (key == "PATCH /api/v1/users/{id}" && user)
      return Request{"PATCH", "/api/v1/users/" + *user, R"({"version":999,"displayName":"x"})"};
    if (key == "POST /api/v1/users/{id}/unmask" && user) {
      return Request{"POST", "/api/v1/users/" + *user + "/unmask",
                     R"({"field":"phone","reason":"核实身份"})"};
    }
    if (key == "POST /api/v1/api-keys" && unit) {
      return Request{
          "POST", "/api/v1/api-keys",
          R"({"name":"矩阵","unitCode":")" + *unit + R"(","permissions":["org:unit:read"]})"};
    }
    const std::string access_query = unit ? "?tier=10&unit=" + *unit : "";
    for (const char* read : {"coverage", "coverage.csv", "residences.geojson", "map"}) {
      if (key == std::string("GET /api/v1/access/") + read && unit)
        return Request{"GET", std::string("/api/v1/access/") + read + access_query, ""};
    }
    if (key == "GET /api/v1/access/gaps" && unit)
      return Request{"GET", "/api/v1/access/gaps" + access_query + "&type=pharmacy", ""};
    if (key == "GET /api/v1/access/shelters" && unit)
      return Request{"GET", "/api/v1/access/shelters?unit=" + *unit, ""};
    if (key == "GET /api/v1/access/sitings" && unit)
      return Request{"GET", "/api/v1/access/sitings?unit=" + *unit, ""};
    if (key == "POST /api/v1/access/sitings" && unit) {
      return Request{"POST", "/api/v1/access/sitings",
                     R"({"unit":")" + *unit + R"(","type":"pharmacy","k":1})"};
    }
    const auto facility = t.facility.count(r) ? std::optional(t.facility.at(r)) : std::nullopt;
    const std::string facility_path =
        facility ? "/api/v1/facilities/" + std::to_string(facility->first) : "";
    if (key == "GET /api/v1/facilities" && unit)
      return Request{"GET", "/api/v1/facilities?pageSize=200&unit=" + *unit, ""};
    // In scope: registered (a village) or refused as the wrong level (400).
    if (key == "POST /api/v1/facilities" && unit)
      return Request{"POST", "/api/v1/facilities", matrix_facility_body(*unit, 0)};
    if (key == "GET /api/v1/facilities/{id}" && facility) return Request{"GET", facility_path, ""};
    if (key == "GET /api/v1/facilities/figures" && unit)
      return Request{"GET", "/api/v1/facilities/figures?unit=" + *unit, ""};
    // In scope: a stale version on a year never saved (409), or the wrong level (400).
    if (key == "PUT /api/v1/facilities/figures/{code}/{year}" && unit) {
      return Request{"PUT", "/api/v1/facilities/figures/" + *unit + "/2025",
                     R"({"households":1,"residents":1,"urbanResidents":0,"buildingArea":1,)"
                     R"("childcarePlaces":0,"childcareAffordable":0,"version":999})"};
    }
    if (key == "GET /api/v1/facilities/figures/{code}/{year}/history" && unit)
      return Request{"GET", "/api/v1/facilities/figures/" + *unit + "/2025/history", ""};
    // Indicators: analytics of the unit, the entry list of a monthly indicator under it, and
    // a value entered for the relation's facility's village (stale versions stop at 409).
    if (key == "GET /api/v1/analytics" && unit) {
      return Request{"GET",
                     "/api/v1/analytics?indicators=1,4,12&periods=2025,202510&units=" + *unit, ""};
    }
    for (const std::string format : {"xlsx", "pdf"}) {
      if (key == "GET /api/v1/reports/evaluation." + format && unit) {
        return Request{"GET", "/api/v1/reports/evaluation." + format + "?year=2025&unit=" + *unit,
                       ""};
      }
    }
    if (key == "GET /api/v1/indicators/{id}/entries" && unit)
      return Request{"GET", "/api/v1/indicators/12/entries?period=202510&unit=" + *unit, ""};
    const std::string value_path =
        facility ? "/api/v1/indicators/12/values/" + facility->second + "/202510" : "";
    if (key == "PUT /api/v1/indicators/{id}/values/{code}/{period}" && facility)
      return Request{"PUT", value_path, R"({"numerator":1,"denominator":2,"version":999})"};
    if (key == "POST /api/v1/indicators/{id}/values/{code}/{period}/approve" && facility)
      return Request{"POST", value_path + "/approve", R"({"version":999})"};
    if (key == "POST /api/v1/indicators/{id}/values/{code}/{period}/unapprove" && facility)
      return Request{"POST", value_path + "/unapprove", R"({"version":999})"};
    if (key == "GET /api/v1/indicators/{id}/values/{code}/{period}/history" && facility)
      return Request{"GET", value_path + "/history", ""};
    // Residents: writes to existing records carry a stale version (409 inside scope); a new
    // person is refused as invalid inside scope (400), a new household is registered.
    const auto household =
        t.household.count(r) ? std::optional(std::to_string(t.household.at(r))) : std::nullopt;
    const auto person =
        t.person.count(r) ? std::optional(std::to_string(t.person.at(r))) : std::nullopt;
    const std::string households = "/api/v1/residents/households",
                      persons = "/api/v1/residents/persons";
    if (key == "POST /api/v1/residents/households" && grid) {
      return Request{"POST", households,
                     R"({"gridCode":")" + *grid + R"(","address":"矩阵路 2 号"})"};
    }
    if (key == "GET /api/v1/residents/households" && unit)
      return Request{"GET", households + "?pageSize=200&unit=" + *unit, ""};
    // A register of nobody: accepted inside scope (202), refused by its job afterwards.
    if (key == "POST /api/v1/residents/imports" && unit) {
      std::string header;
      for (const auto& c : residents::import_columns())
        header += (header.empty() ? "" : ",") + std::string(c.heading.zh);
      return Request{"POST", "/api/v1/residents/imports?unit=" + *unit, header + "\n", "text/csv"};
    }
    if (key == "GET /api/v1/residents/imports" && unit)
      return Request{"GET", "/api/v1/residents/imports?unit=" + *unit, ""};
    if (key == "GET /api/v1/residents/households/{id}" && household)
      return Request{"GET", households + "/" + *household, ""};
    if (key == "POST /api/v1/residents/persons" && household) {
      return Request{"POST", persons,
                     R"({"householdId":)" + *household +
                         R"(,"relation":"other","name":"","idNumber":"1","movedIn":"2020-01-01"})"};
    }
    if (key == "GET /api/v1/residents/persons" && unit)
      return Request{"GET", persons + "?pageSize=200&unit=" + *unit, ""};
    if (key == "GET /api/v1/residents/persons/{id}" && person)
      return Request{"GET", persons + "/" + *person, ""};
    if (key == "PATCH /api/v1/residents/persons/{id}" && person)
      return Request{"PATCH", persons + "/" + *person, R"({"version":999,"ethnicity":"回族"})"};
    if (key == "POST /api/v1/residents/persons/{id}/move" && person) {
      return Request{"POST", persons + "/" + *person + "/move",
                     R"({"version":999,"date":"2024-01-01"})"};
    }
    if (key == "POST /api/v1/residents/persons/{id}/reveal" && person) {
      return Request{"POST", persons + "/" + *person + "/reveal",
                     R"({"field":"name","reason":"核实身份"})"};
    }
    if (key == "POST /api/v1/residents/persons/{id}/export" && person) {
      return Request{"POST", persons + "/" + *person + "/export", R"({"reason":"本人申请查阅"})"};
    }
    // Visits: inside scope a visit with nothing valid in it is refused (400); the rules of a
    // unit refused as invalid (400) or at the wrong level; a decision on a stale version (409).
    if (key == "POST /api/v1/residents/persons/{id}/visits" && person) {
      return Request{"POST", persons + "/" + *person + "/visits",
                     R"({"key":"matrix","visitedOn":"2026-13-01","met":"x","health":"x",)"
                     R"("living":"x","safety":"x"})"};
    }
    if (key == "GET /api/v1/residents/persons/{id}/visits" && person)
      return Request{"GET", persons + "/" + *person + "/visits", ""};
    if (key == "GET /api/v1/residents/visits/overdue" && unit)
      return Request{"GET", "/api/v1/residents/visits/overdue?pageSize=200&unit=" + *unit, ""};
    if (key == "GET /api/v1/residents/care-rules/{code}" && unit)
      return Request{"GET", "/api/v1/residents/care-rules/" + *unit, ""};
    if (key == "PUT /api/v1/residents/care-rules/{code}" && unit) {
      return Request{"PUT", "/api/v1/residents/care-rules/" + *unit,
                     R"({"rules":[{"tag":"matrix","everyMonths":5}]})"};
    }
    const auto referral =
        t.referral.count(r) ? std::optional(std::to_string(t.referral.at(r))) : std::nullopt;
    // Warnings: a draft of the unit, for all living there (201 where somebody does, else 400);
    // the people it would reach; the threshold of the unit (set only for the units below).
    const auto survey = [](const std::string& unit) {
      return Json{{"unit", unit},
                  {"title", "矩阵满意度调查"},
                  {"anonymous", true},
                  {"per", "resident"},
                  {"target", {unit}},
                  {"opensAt", "2026-11-30T00:00:00.000Z"},
                  {"closesAt", "2026-12-20T00:00:00.000Z"},
                  {"questions", {{{"id", "q1"}, {"kind", "rating"}, {"title", "满意度"}}}}};
    };
    const auto incident = [](const std::string& unit) {
      return Json{{"unit", unit},    {"kind", "flood"}, {"occurredAt", "2026-11-29T00:00:00.000Z"},
                  {"place", "矩阵"}, {"affected", 3},   {"injured", 0},
                  {"dead", 0},       {"missing", 0},    {"housesDamaged", 0}}
          .dump();
    };
    const auto warning = [&](const std::string& issuer) {
      return Json{{"unit", issuer},
                  {"category", "heat"},
                  {"level", "yellow"},
                  {"title", "矩阵高温预警"},
                  {"content", "矩阵"},
                  {"validFrom", "2026-11-30T00:00:00.000Z"},
                  {"validUntil", "2026-12-02T00:00:00.000Z"},
                  {"target", {{"units", {issuer}}}}}
          .dump();
    };
    if ((key == "POST /api/v1/alerts" || key == "POST /api/v1/alerts/count") && unit)
      return Request{"POST", route.pattern, warning(*unit)};
    // Surveys: a draft of the unit (201, or 400 for a unit that runs none).
    if (key == "POST /api/v1/surveys" && unit)
      return Request{"POST", route.pattern, survey(*unit).dump()};
    // Incident reports: one of the unit (201, or 400 for a unit that reports none).
    if (key == "POST /api/v1/readiness/incidents" && unit)
      return Request{"POST", route.pattern, incident(*unit)};
    // Emergency supplies and drills: one of the unit (201, or 400 for a unit that keeps none).
    if (key == "POST /api/v1/readiness/supplies" && unit) {
      return Request{"POST", route.pattern,
                     Json{{"unit", *unit},
                          {"name", "矩阵矿泉水"},
                          {"category", "water"},
                          {"quantity", 3},
                          {"measure", "箱"},
                          {"expiresOn", "2026-12-10"}}
                         .dump()};
    }
    if (key == "POST /api/v1/readiness/drills" && unit) {
      return Request{"POST", route.pattern,
                     Json{{"unit", *unit},
                          {"heldOn", "2026-11-20"},
                          {"status", "done"},
                          {"scenario", "fire"},
                          {"participants", 30},
                          {"place", "矩阵广场"}}
                         .dump()};
    }
    // What a resource of the unit may be taken from; the organisations it may contract.
    if (key == "GET /api/v1/lists/resources/origins" && unit)
      return Request{"GET", route.pattern + "?source=facility&unit=" + *unit, ""};
    if (key == "GET /api/v1/services/providers/candidates" && unit)
      return Request{"GET", route.pattern + "?unit=" + *unit, ""};
    // Needs and resources of the unit (201, or 400 for a unit above village level).
    if (key == "POST /api/v1/lists/needs" && unit) {
      return Request{
          "POST", route.pattern,
          Json{{"unit", *unit}, {"category", "meals"}, {"description", "矩阵需求"}}.dump()};
    }
    if (key == "POST /api/v1/lists/resources" && unit) {
      return Request{"POST", route.pattern,
                     Json{{"unit", *unit},
                          {"source", "facility"},
                          {"name", "矩阵资源"},
                          {"category", "meals"},
                          {"capacity", 2}}
                         .dump()};
    }
    // Projects of the unit (201, or 400 for a province, city or grid); charity entries of its
    // fund (201, or 400 for a unit that keeps none); its fund (empty until an entry).
    if (key == "POST /api/v1/lists/projects" && unit) {
      return Request{"POST", route.pattern,
                     Json{{"unit", *unit},
                          {"title", "矩阵项目"},
                          {"category", "other"},
                          {"fundingSource", "fiscal"},
                          {"startOn", "2026-11-01"},
                          {"endOn", "2026-12-31"}}
                         .dump()};
    }
    if (key == "POST /api/v1/charity/entries" && unit) {
      return Request{"POST", route.pattern,
                     Json{{"unit", *unit},
                          {"direction", "income"},
                          {"form", "money"},
                          {"amountFen", 100},
                          {"occurredOn", "2026-11-20"}}
                         .dump()};
    }
    if (key == "GET /api/v1/charity/funds/{code}" && unit)
      return Request{"GET", "/api/v1/charity/funds/" + *unit, ""};
    // A contract of the unit with a provider that is none: 400 past access control.
    if (key == "POST /api/v1/services/contracts" && unit) {
      return Request{"POST", route.pattern,
                     Json{{"unit", *unit},
                          {"organisationId", 999999999},
                          {"title", "矩阵服务"},
                          {"category", "meals"},
                          {"content", "矩阵"},
                          {"targetText", "矩阵"},
                          {"targetPeople", 10},
                          {"amountFen", 100},
                          {"fundingSource", "矩阵"},
                          {"startsOn", "2026-01-01"},
                          {"endsOn", "2026-12-31"}}
                         .dump()};
    }
    // Plan tasks: issued to the unit (201, or 422 for the caller's own unit or a grid).
    if (key == "POST /api/v1/plan/tasks" && unit) {
      return Request{"POST", route.pattern,
                     Json{{"unit", *unit},
                          {"year", 2026},
                          {"section", "column4"},
                          {"title", "矩阵任务"},
                          {"targetText", "矩阵"},
                          {"deadline", "2026-12-20"},
                          {"responsibleName", "矩阵"}}
                         .dump()};
    }
    if (key == "GET /api/v1/alerts/settings/{unit}" && unit)
      return Request{"GET", "/api/v1/alerts/settings/" + *unit, ""};
    if (key == "PUT /api/v1/alerts/settings/{unit}" && unit) {
      return Request{"PUT", "/api/v1/alerts/settings/" + *unit, R"({"approvalFrom":"orange"})"};
    }
    if (key == "POST /api/v1/residents/referrals/{id}/decision" && referral) {
      return Request{"POST", "/api/v1/residents/referrals/" + *referral + "/decision",
                     R"({"version":999,"status":"granted","reason":"矩阵"})"};
    }
    const auto request = t.request.count(r) ? std::optional(t.request.at(r)) : std::nullopt;
    const std::string request_id = request ? std::to_string(*request) : "";
    const std::string request_path = "/api/v1/requests/" + request_id;
    if (key == "POST /api/v1/requests" && unit) {
      return Request{"POST", "/api/v1/requests",
                     R"({"categoryCode":"municipal.streetlight","unitCode":")" + *unit +
                         R"(","description":"矩阵路灯不亮","channel":"hotline"})"};
    }
    if (key == "POST /api/v1/requests/mine" && unit) {
      return Request{"POST", "/api/v1/requests/mine",
                     R"({"categoryCode":"municipal.streetlight","unitCode":")" + *unit +
                         R"(","description":"矩阵路灯不亮"})"};
    }
    if (key == "GET /api/v1/requests" && unit)
      return Request{"GET", "/api/v1/requests?pageSize=200&unit=" + *unit, ""};
    if (key == "GET /api/v1/requests/{id}" && request) return Request{"GET", request_path, ""};
    // Open311 (requests/open311.hpp), in both formats.
    for (const char* format : {"json", "xml"}) {
      if (key == fmt::format("GET /open311/v2/requests/{{id}}.{}", format) && request) {
        return Request{"GET", fmt::format("/open311/v2/requests/{}.{}", request_id, format), ""};
      }
      // A whole request placed in the relation's grid (or unit): in scope it is registered.
      if (key == fmt::format("POST /open311/v2/requests.{}", format) && (grid || unit)) {
        return Request{
            "POST", fmt::format("/open311/v2/requests.{}", format),
            "service_code=municipal.road&lat=36.06&long=103.83&description=x&unit_code=" +
                grid.value_or(unit.value_or("")),
            "application/x-www-form-urlencoded"};
      }
    }
    // A stale version: inside scope it passes access control and stops at the version.
    if (key == "POST /api/v1/requests/{id}/steps" && request) {
      return Request{"POST", request_path + "/steps", R"({"action":"accept","version":999999})"};
    }
    // Nobody has rated these: inside scope they pass access control and stop there.
    if (key == "POST /api/v1/requests/{id}/rating/appeal" && request) {
      return Request{"POST", request_path + "/rating/appeal", R"({"reason":"恶意差评"})"};
    }
    if (key == "POST /api/v1/requests/{id}/rating/decision" && request) {
      return Request{"POST", request_path + "/rating/decision",
                     R"({"upheld":false,"note":"评价属实"})"};
    }
    // A photo (the tenth and later are refused as one too many, still past access control).
    if (key == "POST /api/v1/requests/{id}/photos" && request) {
      return Request{"POST", request_path + "/photos", testing::jpeg_with_metadata({32, 16}, 1),
                     "image/jpeg"};
    }
    if (key == "GET /api/v1/requests/{id}/photos/{photo}" && request) {
      return Request{
          "GET", request_path + "/photos/" + std::to_string(photo_of_request_.at(*request)), ""};
    }
    if (key == "GET /api/v1/requests/rates" && unit) {
      return Request{"GET", "/api/v1/requests/rates?from=2026-01-01&to=2026-12-31&unit=" + *unit,
                     ""};
    }
    // Volunteers (volunteer/volunteer_service.hpp): the relation's village's volunteer and
    // activity. A decision on one approved already, a confirmation before the end, a check-in by
    // hand before the activity's time: inside scope they pass access control and stop there.
    const auto volunteer =
        t.volunteer.count(r) ? std::optional(std::to_string(t.volunteer.at(r))) : std::nullopt;
    const auto activity =
        t.activity.count(r) ? std::optional(std::to_string(t.activity.at(r))) : std::nullopt;
    const std::string volunteers = "/api/v1/volunteer/volunteers";
    const std::string activities = "/api/v1/volunteer/activities";
    if (key == "GET /api/v1/volunteer/volunteers" && unit)
      return Request{"GET", volunteers + "?pageSize=200&unit=" + *unit, ""};
    if (key == "POST /api/v1/volunteer/volunteers" && unit) {
      return Request{
          "POST", volunteers,
          R"({"unit":")" + *unit + R"(","name":"矩阵新志愿者)" + std::to_string(cell) + R"("})"};
    }
    if (key == "POST /api/v1/volunteer/volunteers/{id}/decision" && volunteer) {
      return Request{"POST", volunteers + "/" + *volunteer + "/decision",
                     R"({"approve":true,"version":999})"};
    }
    if (key == "GET /api/v1/volunteer/volunteers/{id}/hours" && volunteer)
      return Request{"GET", volunteers + "/" + *volunteer + "/hours", ""};
    const auto organisation = t.organisation.count(r)
                                  ? std::optional(std::to_string(t.organisation.at(r)))
                                  : std::nullopt;
    const std::string organisations = "/api/v1/volunteer/organisations";
    if (key == "GET /api/v1/volunteer/organisations" && unit)
      return Request{"GET", organisations + "?pageSize=200&unit=" + *unit, ""};
    // A team of the relation's unit: registered in scope (a grid is no area: refused as such).
    if (key == "POST /api/v1/volunteer/organisations" && unit) {
      return Request{"POST", organisations,
                     Json{{"name", fmt::format("矩阵新服务队{}", cell)},
                          {"kind", "volunteer_team"},
                          {"area", *unit},
                          {"contactName", "矩阵新联系人"},
                          {"contactPhone", "0931-8451299"}}
                         .dump()};
    }
    if (key == "GET /api/v1/volunteer/organisations/{id}" && organisation)
      return Request{"GET", organisations + "/" + *organisation, ""};
    // The village's volunteer joins its team (a member already afterwards: 409) and leaves it.
    if (key == "POST /api/v1/volunteer/organisations/{id}/members" && organisation && volunteer) {
      return Request{"POST", organisations + "/" + *organisation + "/members",
                     R"({"volunteer":)" + *volunteer + "}"};
    }
    if (key == "DELETE /api/v1/volunteer/organisations/{id}/members/{volunteer}" && organisation &&
        volunteer) {
      return Request{"DELETE", organisations + "/" + *organisation + "/members/" + *volunteer, ""};
    }
    // No hours confirmed yet: inside scope refused as such (409), past access control.
    if (key == "GET /api/v1/volunteer/volunteers/{id}/certificate" && volunteer)
      return Request{"GET", volunteers + "/" + *volunteer + "/certificate", ""};
    if (key == "GET /api/v1/volunteer/activities" && unit)
      return Request{"GET", activities + "?unit=" + *unit, ""};
    if (key == "POST /api/v1/volunteer/activities" && unit) {
      const TimePoint later = parse_date("2026-12-10");
      return Request{"POST", activities,
                     Json{{"unit", *unit},
                          {"title", "矩阵新活动"},
                          {"place", "社区广场"},
                          {"startsAt", format_timestamp(later)},
                          {"endsAt", format_timestamp(later + std::chrono::hours(1))},
                          {"capacity", 5}}
                         .dump()};
    }
    if (key == "GET /api/v1/volunteer/activities/{id}" && activity)
      return Request{"GET", activities + "/" + *activity, ""};
    if (key == "GET /api/v1/volunteer/activities/{id}/code" && activity)
      return Request{"GET", activities + "/" + *activity + "/code?direction=in", ""};
    if (key == "POST /api/v1/volunteer/activities/{id}/check-by-hand" && activity && volunteer) {
      return Request{"POST", activities + "/" + *activity + "/check-by-hand",
                     R"({"volunteer":)" + *volunteer + R"(,"direction":"in","at":")" +
                         format_timestamp(clock_.now()) + R"("})"};
    }
    if (key == "POST /api/v1/volunteer/activities/{id}/confirm" && activity)
      return Request{"POST", activities + "/" + *activity + "/confirm", ""};
    // The roster (workforce/workforce_service.hpp): the relation's village's worker. A change on a
    // stale version, a second main post, a post ended twice: inside scope they pass access
    // control and stop there.
    const auto worker =
        t.worker.count(r) ? std::optional(std::to_string(t.worker.at(r))) : std::nullopt;
    const std::string workers = "/api/v1/workforce/workers";
    if (key == "GET /api/v1/workforce/workers" && unit)
      return Request{"GET", workers + "?pageSize=200&unit=" + *unit, ""};
    if (key == "POST /api/v1/workforce/workers" && unit) {
      return Request{"POST", workers,
                     Json{{"unit", *unit},
                          {"name", "矩阵新工作者"},
                          {"phone", "13993177099"},
                          {"idNumber", id_number("19810101", cell % 1000)},
                          {"position", "full_time_worker"},
                          {"startedOn", "2026-01-01"}}
                         .dump()};
    }
    if (key == "GET /api/v1/workforce/workers/{id}" && worker)
      return Request{"GET", workers + "/" + *worker, ""};
    if (key == "PUT /api/v1/workforce/workers/{id}" && worker) {
      return Request{"PUT", workers + "/" + *worker,
                     R"({"phone":"13993177098","qualification":"none","socialService":false,)"
                     R"("version":999})"};
    }
    if (key == "POST /api/v1/workforce/workers/{id}/posts" && worker && unit) {
      return Request{
          "POST", workers + "/" + *worker + "/posts",
          Json{{"unit", *unit}, {"position", "grid_worker"}, {"startedOn", "2026-01-01"}}.dump()};
    }
    if (key == "POST /api/v1/workforce/workers/{id}/posts/{post}/end" && worker) {
      return Request{
          "POST",
          workers + "/" + *worker + "/posts/" + std::to_string(t.worker_post.at(r)) + "/end",
          R"({"endedOn":"2026-11-01"})"};
    }
    if (key == "GET /api/v1/workforce/training-needs" && unit)
      return Request{"GET", "/api/v1/workforce/training-needs?year=2026&unit=" + *unit, ""};
    if (key == "GET /api/v1/workforce/courses" && unit)
      return Request{"GET", "/api/v1/workforce/courses?unit=" + *unit, ""};
    // A course of the relation's unit: created in scope where the unit may run one (a village
    // may not: refused as such).
    if (key == "POST /api/v1/workforce/courses" && unit) {
      return Request{"POST", "/api/v1/workforce/courses",
                     Json{{"organiser", *unit},
                          {"title", "矩阵新培训"},
                          {"level", "township"},
                          {"form", "online"},
                          {"hours", 4},
                          {"startsOn", "2026-03-01"},
                          {"endsOn", "2026-03-01"}}
                         .dump()};
    }
    // The province's course, with the relation's worker enrolled and completing it.
    const std::string course = "/api/v1/workforce/courses/" + std::to_string(course_);
    if (key == "POST /api/v1/workforce/courses/{id}/participants" && worker)
      return Request{"POST", course + "/participants", R"({"worker":)" + *worker + "}"};
    if (key == "POST /api/v1/workforce/courses/{id}/attendance" && worker) {
      return Request{"POST", course + "/attendance",
                     R"({"worker":)" + *worker + R"(,"completedOn":"2026-06-01"})"};
    }
    if (key == "GET /api/v1/facilities/{id}/history" && facility)
      return Request{"GET", facility_path + "/history", ""};
    if (key == "PUT /api/v1/facilities/{id}" && facility)
      return Request{"PUT", facility_path, matrix_facility_body(facility->second, 999)};
    if (key == "GET /api/v1/jobs/{id}" && job) return Request{"GET", "/api/v1/jobs/" + *job, ""};
    // Cancelling in scope really cancels (a second cell on the same job gets 409, still past
    // access control).
    if (key == "POST /api/v1/jobs/{id}/cancel" && job)
      return Request{"POST", "/api/v1/jobs/" + *job + "/cancel", ""};
    // Resetting a password in scope really resets it: the target accounts are the matrix's own
    // (never a role_ account that later cells log in with).
    if (key == "POST /api/v1/users/{id}/password-reset" && user)
      return Request{"POST", "/api/v1/users/" + *user + "/password-reset", "{}"};
    if (key == "PUT /api/v1/users/{id}/roles" && user) {
      return Request{"PUT", "/api/v1/users/" + *user + "/roles", R"({"version":999,"roles":[]})"};
    }
    return std::nullopt;
  }

  // Routes that name no unit: the same answer whatever the relation.
  std::optional<Request> unscoped(const http::Route& route, std::string_view role) {
    const std::string key = route.method + " " + route.pattern;
    // A download of its own, not a list's twin.
    if (key == "GET /api/v1/facilities/import-template.xlsx" ||
        key == "GET /api/v1/residents/import-template.xlsx" ||
        key == "GET /api/v1/workforce/attendance-template")
      return Request{"GET", route.pattern, ""};
    // The province's course: every reader of a roster sees it; a class list without rows is
    // refused as such (400), past access control.
    const std::string course = "/api/v1/workforce/courses/" + std::to_string(course_);
    if (key == "GET /api/v1/workforce/courses/{id}") return Request{"GET", course, ""};
    if (key == "POST /api/v1/workforce/courses/{id}/attendance/import") {
      return Request{"POST", course + "/attendance/import", "身份证号,姓名,结业日期,学时\n",
                     "text/csv"};
    }
    // The template with no facility in it: past access control it is refused as empty (400);
    // the API tests import files whose units stand in and out of scope.
    if (key == "POST /api/v1/facilities/import") {
      std::string header;
      for (const auto& c : facility::template_columns())
        header += (header.empty() ? "" : ",") + std::string(c.heading.zh);
      return Request{"POST", route.pattern, header + "\n", "text/csv"};
    }
    if (is_download(route, web_->router().routes()))
      return as_download(unscoped(list_of(route), role));
    if (key == "GET /healthz" || key == "GET /readyz" || key == "GET /metrics" ||
        key == "GET /api/openapi.json" || key == "GET /api/v1/auth/me" ||
        key == "GET /api/v1/auth/roles" || key == "GET /api/v1/audit" ||
        key == "GET /api/v1/api-keys" || key == "GET /api/v1/jobs" ||
        key == "GET /api/v1/workbench/todos" || key == "GET /api/v1/me/community" ||
        key == "GET /api/v1/me/nearby" || key == "GET /api/v1/map/settings" ||
        key == "GET /api/v1/facilities/catalogue" || key == "GET /api/v1/indicators" ||
        key == "GET /api/v1/requests/categories" || key == "GET /api/v1/requests/mine" ||
        key == "GET /api/v1/residents/referrals" || key == "GET /api/v1/volunteer/me" ||
        key == "GET /api/v1/volunteer/me/hours" || key == "GET /api/v1/volunteer/me/activities" ||
        key == "GET /api/v1/volunteer/me/certificate" || key == "GET /api/v1/inbox" ||
        key == "GET /api/v1/alerts" || key == "GET /api/v1/alerts/tasks" ||
        key == "GET /api/v1/alerts/channels" || key == "GET /api/v1/alerts/mine" ||
        key == "GET /api/v1/surveys" || key == "GET /api/v1/surveys/mine" ||
        key == "GET /api/v1/readiness/incidents" ||
        key == "GET /api/v1/readiness/incidents/summary" ||
        key == "GET /api/v1/readiness/supplies" ||
        key == "GET /api/v1/readiness/supplies/expiring" || key == "GET /api/v1/readiness/drills" ||
        key == "GET /api/v1/plan/sections" || key == "GET /api/v1/plan/tasks" ||
        key == "GET /api/v1/plan/reports" || key == "GET /api/v1/plan/ledger" ||
        key == "GET /api/v1/plan/rollup" || key == "GET /api/v1/lists/needs" ||
        key == "GET /api/v1/lists/resources" || key == "GET /api/v1/lists/projects" ||
        key == "GET /api/v1/lists/comments" || key == "GET /api/v1/lists/my-comments" ||
        key == "GET /api/v1/charity/funds" || key == "GET /api/v1/charity/entries" ||
        key == "GET /api/v1/services/contracts" || key == "GET /api/v1/services/providers" ||
        key == "GET /api/v1/lists/my-needs" ||
        key == "GET /.well-known/shequ-certificate-keys.json") {
      return Request{"GET", route.pattern, ""};
    }
    // Anyone checks a certificate; what is none is refused as such (400).
    if (key == "POST /api/v1/public/certificates/verify")
      return Request{"POST", route.pattern, R"({"payload":"none"})"};
    if (key == "POST /api/v1/public/certificates/verify-file")
      return Request{"POST", route.pattern, "%PDF-1.5\n%%EOF\n", "application/pdf"};
    // Exact search answers within the caller's scope: a number registered nowhere finds nobody.
    if (key == "POST /api/v1/residents/persons/search" ||
        key == "POST /api/v1/workforce/workers/search")
      return Request{"POST", route.pattern, R"({"idNumber":"11010519491231002X"})"};
    // A resident volunteers in their own community (each role's account once); an activity
    // nobody published is not found, a code that is none refused, past access control.
    if (key == "POST /api/v1/volunteer/me")
      return Request{"POST", route.pattern, R"({"name":"矩阵居民志愿者"})"};
    if (key == "POST /api/v1/volunteer/me/activities/{id}/signup")
      return Request{"POST", "/api/v1/volunteer/me/activities/999999999/signup", ""};
    if (key == "DELETE /api/v1/volunteer/me/activities/{id}/signup")
      return Request{"DELETE", "/api/v1/volunteer/me/activities/999999999/signup", ""};
    // An entry nobody wrote: not found, past access control.
    if (key == "POST /api/v1/volunteer/hours/{seq}/corrections") {
      return Request{"POST", "/api/v1/volunteer/hours/999999999/corrections",
                     R"({"minutes":-30,"reason":"矩阵更正"})"};
    }
    if (key == "POST /api/v1/volunteer/me/activities/{id}/check") {
      return Request{"POST", "/api/v1/volunteer/me/activities/999999999/check",
                     R"({"direction":"in","code":"none"})"};
    }
    if (key == "GET /api/v1/requests/calendar/{year}")
      return Request{"GET", "/api/v1/requests/calendar/2026", ""};
    // Open311's lists answer the caller's scope; a token nobody has is not found.
    for (const char* format : {"json", "xml"}) {
      for (const char* path : {"discovery", "services", "services/municipal.road", "requests",
                               "servicerequestupdates", "tokens/SQNOSUCHCODE"}) {
        if (key == fmt::format("GET /open311/v2/{}.{}", path, format) ||
            (key == fmt::format("GET /open311/v2/services/{{code}}.{}", format) &&
             std::string_view(path) == "services/municipal.road") ||
            (key == fmt::format("GET /open311/v2/tokens/{{token}}.{}", format) &&
             std::string_view(path) == "tokens/SQNOSUCHCODE")) {
          return Request{"GET", fmt::format("/open311/v2/{}.{}", path, format), ""};
        }
      }
    }
    // A year nobody uses, so that the province's calendar is left as it is.
    // The province's catalogue: a stale version, a group that does not exist (nothing written).
    if (key == "PUT /api/v1/requests/categories/{code}") {
      return Request{"PUT", "/api/v1/requests/categories/municipal.streetlight",
                     R"({"names":{"zh":"路灯","en":"Street lights"},"timeLimit":"general",)"
                     R"("level":5,"attributes":[],"active":true,"version":999})"};
    }
    if (key == "POST /api/v1/requests/categories") {
      return Request{"POST", "/api/v1/requests/categories",
                     R"({"code":"nosuchgroup.bench","parent":"nosuchgroup","names":{"zh":"座椅",)"
                     R"("en":"Benches"},"timeLimit":"general","level":5,"attributes":[]})"};
    }
    if (key == "PUT /api/v1/requests/calendar/{year}")
      return Request{"PUT", "/api/v1/requests/calendar/2099", R"({"days":[]})"};
    // A resident's own requests: an id nobody submitted is 404 for everyone past access control;
    // the requests API tests check that residents see only their own.
    if (key == "GET /api/v1/requests/mine/{id}")
      return Request{"GET", "/api/v1/requests/mine/999999999", ""};
    if (key == "POST /api/v1/requests/mine/{id}/rating") {
      return Request{"POST", "/api/v1/requests/mine/999999999/rating",
                     R"({"version":1,"score":"satisfied"})"};
    }
    if (key == "POST /api/v1/requests/mine/{id}/photos") {
      return Request{"POST", "/api/v1/requests/mine/999999999/photos",
                     testing::jpeg_with_metadata({32, 16}, 1), "image/jpeg"};
    }
    if (key == "GET /api/v1/requests/mine/{id}/photos/{photo}")
      return Request{"GET", "/api/v1/requests/mine/999999999/photos/1", ""};
    if (key == "POST /api/v1/requests/mine/{id}/withdraw") {
      return Request{"POST", "/api/v1/requests/mine/999999999/withdraw",
                     R"({"version":1,"note":"不需要了"})"};
    }
    // Logging in, out and changing the password are exercised by the auth tests; here only the
    // access decision around them: they must not need a permission beyond a session.
    if (key == "POST /api/v1/auth/login") {
      return Request{
          "POST", route.pattern,
          R"({"username":"role_)" + std::string(role) + R"(","password":"Matrix#Shequ2026x"})"};
    }
    if (key == "POST /api/v1/auth/password")
      return Request{"POST", route.pattern, R"({"currentPassword":"wrong","newPassword":"x"})"};
    if (key == "POST /api/v1/auth/logout") return std::nullopt;  // would end the caller's session
    // Revoking an id no key has: past access control it is 404 for everyone, so only the
    // permission decision is checked here; the API tests revoke real keys.
    if (key == "DELETE /api/v1/api-keys/{id}")
      return Request{"DELETE", "/api/v1/api-keys/999999", ""};
    // Starting a TOTP set-up only stores a secret not yet in force; a wrong code enables nothing.
    if (key == "POST /api/v1/auth/totp/setup") return Request{"POST", route.pattern, ""};
    // A job id nobody started: past access control it is 404 for everyone; the access API tests
    // check that jobs are scoped.
    if (key == "GET /api/v1/access/sitings/{id}")
      return Request{"GET", "/api/v1/access/sitings/999999999", ""};
    // Likewise an import nobody made; the residents import API tests check their scope.
    if (key == "GET /api/v1/residents/imports/{id}")
      return Request{"GET", "/api/v1/residents/imports/999999999", ""};
    // One's own messages: a message nobody has is 404 for everyone past access control, and
    // marking all read reads the caller's own; the residents API tests read real ones.
    if (key == "POST /api/v1/inbox/{id}/read")
      return Request{"POST", "/api/v1/inbox/999999999/read", ""};
    if (key == "POST /api/v1/inbox/read") return Request{"POST", route.pattern, ""};
    // Warnings and their tasks nobody made: 404 for everyone past access control; the alerts
    // API tests check that another community's warning is not there for a caller.
    const std::string no_alert = "/api/v1/alerts/999999999";
    if (key == "GET /api/v1/alerts/{id}" || key == "GET /api/v1/alerts/{id}/board")
      return Request{"GET", no_alert + (key.ends_with("board") ? "/board" : ""), ""};
    if (key == "PUT /api/v1/alerts/{id}") {
      const Json body =
          Json::parse(R"({"unit":"620102001001","category":"heat","level":"yellow",)"
                      R"("title":"矩阵","content":"矩阵","validFrom":"2026-11-30T00:00:00.000Z",)"
                      R"("validUntil":"2026-12-02T00:00:00.000Z","target":{"units":[]},)"
                      R"("version":1})");
      return Request{"PUT", no_alert, body.dump()};
    }
    if (key == "POST /api/v1/alerts/{id}/issue" || key == "POST /api/v1/alerts/{id}/cancel")
      return Request{"POST", no_alert + key.substr(key.rfind('/')), R"({"version":1})"};
    if (key == "POST /api/v1/alerts/{id}/decision")
      return Request{"POST", no_alert + "/decision", R"({"version":1,"approve":true})"};
    if (key == "POST /api/v1/alerts/tasks/{id}/done")
      return Request{"POST", "/api/v1/alerts/tasks/999999999/done",
                     R"({"version":1,"outcome":"reached"})"};
    // A receipt for a message nobody sent: named back as unknown to whoever may report them.
    if (key == "POST /api/v1/alerts/receipts")
      return Request{"POST", route.pattern,
                     R"({"receipts":[{"key":"alert-999999999-person-1","state":"delivered"}]})"};
    if (key == "GET /api/v1/alerts/mine/{id}")
      return Request{"GET", "/api/v1/alerts/mine/999999999", ""};
    if (key == "POST /api/v1/alerts/mine/{id}/answer")
      return Request{"POST", "/api/v1/alerts/mine/999999999/answer",
                     R"({"answer":"acknowledged"})"};
    // Surveys nobody made: 404 for everyone past access control; the surveys API tests check
    // that another community's survey is not there for a caller.
    const std::string no_survey = "/api/v1/surveys/999999999";
    const std::string answers = R"({"answers":[{"question":"q1","rating":3}]})";
    if (key == "GET /api/v1/surveys/{id}" || key == "GET /api/v1/surveys/{id}/results" ||
        key == "GET /api/v1/surveys/{id}/results/rows")
      return Request{"GET", no_survey + key.substr(std::string("GET /api/v1/surveys/{id}").size()),
                     ""};
    if (key == "PUT /api/v1/surveys/{id}") {
      Json body = Json::parse(R"({"unit":"620102001001","title":"矩阵","anonymous":true,)"
                              R"("per":"resident","target":["620102001001"],)"
                              R"("opensAt":"2026-11-30T00:00:00.000Z",)"
                              R"("closesAt":"2026-12-20T00:00:00.000Z","version":1,)"
                              R"("questions":[{"id":"q1","kind":"rating","title":"满意度"}]})");
      return Request{"PUT", no_survey, body.dump()};
    }
    if (key == "POST /api/v1/surveys/{id}/publish" || key == "POST /api/v1/surveys/{id}/close")
      return Request{"POST", no_survey + key.substr(key.rfind('/')), R"({"version":1})"};
    if (key == "POST /api/v1/surveys/{id}/responses") {
      return Request{"POST", no_survey + "/responses",
                     R"({"person":1,"answers":[{"question":"q1","rating":3}]})"};
    }
    if (key == "GET /api/v1/surveys/mine/{id}")
      return Request{"GET", "/api/v1/surveys/mine/999999999", ""};
    if (key == "POST /api/v1/surveys/mine/{id}/answer")
      return Request{"POST", "/api/v1/surveys/mine/999999999/answer", answers};
    // Incident reports nobody made: 404 for everyone past access control.
    if (key == "GET /api/v1/readiness/incidents/{id}")
      return Request{"GET", "/api/v1/readiness/incidents/999999999", ""};
    if (key == "PUT /api/v1/readiness/incidents/{id}") {
      return Request{"PUT", "/api/v1/readiness/incidents/999999999",
                     R"({"unit":"620102001001","kind":"flood","occurredAt":)"
                     R"("2026-11-29T00:00:00.000Z","place":"矩阵","affected":3,"injured":0,)"
                     R"("dead":0,"missing":0,"housesDamaged":0,"version":1})"};
    }
    // Supplies and drills nobody registered: 404 for everyone past access control.
    if (key == "GET /api/v1/readiness/supplies/{id}" || key == "GET /api/v1/readiness/drills/{id}")
      return Request{"GET", route.pattern.substr(0, route.pattern.size() - 4) + "999999999", ""};
    if (key == "PUT /api/v1/readiness/supplies/{id}") {
      return Request{"PUT", "/api/v1/readiness/supplies/999999999",
                     R"({"unit":"620102001001","name":"矩阵","category":"water","quantity":1,)"
                     R"("measure":"箱","version":1})"};
    }
    if (key == "DELETE /api/v1/readiness/supplies/{id}")
      return Request{"DELETE", "/api/v1/readiness/supplies/999999999?version=1", ""};
    if (key == "PUT /api/v1/readiness/drills/{id}") {
      return Request{"PUT", "/api/v1/readiness/drills/999999999",
                     R"({"unit":"620102001001","heldOn":"2026-11-20","status":"done",)"
                     R"("scenario":"fire","participants":3,"place":"矩阵","version":1})"};
    }
    // Plan tasks and reports nobody made: 404 for everyone past access control.
    if (key == "GET /api/v1/plan/tasks/{id}")
      return Request{"GET", "/api/v1/plan/tasks/999999999", ""};
    if (key == "PUT /api/v1/plan/tasks/{id}") {
      return Request{"PUT", "/api/v1/plan/tasks/999999999",
                     R"({"section":"column4","title":"矩阵","targetText":"矩阵",)"
                     R"("deadline":"2026-12-20","responsibleName":"矩阵","version":1})"};
    }
    if (key == "POST /api/v1/plan/tasks/{id}/reports") {
      return Request{"POST", "/api/v1/plan/tasks/999999999/reports",
                     R"({"text":"矩阵","progress":10})"};
    }
    if (key == "POST /api/v1/plan/reports/{id}/evidence") {
      return Request{"POST", "/api/v1/plan/reports/999999999/evidence", pdf_with(),
                     "application/pdf"};
    }
    if (key == "GET /api/v1/plan/reports/{id}/evidence/{evidence}")
      return Request{"GET", "/api/v1/plan/reports/999999999/evidence/1", ""};
    if (key == "POST /api/v1/plan/reports/{id}/decision") {
      return Request{"POST", "/api/v1/plan/reports/999999999/decision",
                     R"({"version":1,"decision":"approve"})"};
    }
    // Needs, resources and matches nobody registered: 404 for everyone past access control.
    if (key == "GET /api/v1/lists/needs/{id}" || key == "GET /api/v1/lists/resources/{id}" ||
        key == "GET /api/v1/lists/needs/{id}/proposals") {
      std::string target = route.pattern;
      target.replace(target.find("{id}"), 4, "999999999");
      return Request{"GET", target, ""};
    }
    if (key == "POST /api/v1/lists/needs/{id}/close")
      return Request{"POST", "/api/v1/lists/needs/999999999/close",
                     R"({"version":1,"note":"矩阵"})"};
    if (key == "POST /api/v1/lists/needs/{id}/matches") {
      return Request{"POST", "/api/v1/lists/needs/999999999/matches",
                     R"({"version":1,"resource":999999999})"};
    }
    if (key == "POST /api/v1/lists/matches/{id}/outcome") {
      return Request{"POST", "/api/v1/lists/matches/999999999/outcome",
                     R"({"version":1,"outcome":"done"})"};
    }
    if (key == "PUT /api/v1/lists/resources/{id}") {
      return Request{"PUT", "/api/v1/lists/resources/999999999",
                     R"({"unit":"620102001001","source":"facility","name":"矩阵",)"
                     R"("category":"meals","capacity":1,"version":1})"};
    }
    // Projects, comments and charity entries nobody made: 404 for everyone past access control.
    if (key == "GET /api/v1/lists/projects/{id}" || key == "GET /api/v1/charity/entries/{id}") {
      std::string target = route.pattern;
      target.replace(target.find("{id}"), 4, "999999999");
      return Request{"GET", target, ""};
    }
    if (key == "PUT /api/v1/lists/projects/{id}") {
      return Request{"PUT", "/api/v1/lists/projects/999999999",
                     R"({"unit":"620102001001","title":"矩阵","category":"other",)"
                     R"("fundingSource":"fiscal","startOn":"2026-11-01","endOn":"2026-12-01",)"
                     R"("version":1})"};
    }
    if (key == "POST /api/v1/lists/projects/{id}/updates") {
      return Request{"POST", "/api/v1/lists/projects/999999999/updates",
                     R"({"version":1,"on":"2026-11-20","progress":10,"status":"in_progress",)"
                     R"("text":"矩阵"})"};
    }
    if (key == "POST /api/v1/lists/projects/{id}/publish") {
      return Request{"POST", "/api/v1/lists/projects/999999999/publish",
                     R"({"version":1,"published":true})"};
    }
    if (key == "POST /api/v1/lists/projects/{id}/comments")
      return Request{"POST", "/api/v1/lists/projects/999999999/comments", R"({"body":"矩阵"})"};
    if (key == "POST /api/v1/lists/comments/{id}/decision") {
      return Request{"POST", "/api/v1/lists/comments/999999999/decision",
                     R"({"decision":"publish"})"};
    }
    // A resident raises a need of their own (each role's account: 201, or 409 past five).
    if (key == "POST /api/v1/lists/my-needs") {
      return Request{"POST", route.pattern, R"({"category":"meals","description":"矩阵需求"})"};
    }
    // Contracts, records and providers nobody made: 404 for everyone past access control.
    if (key == "GET /api/v1/services/contracts/{id}" ||
        key == "GET /api/v1/services/contracts/{id}/records" ||
        key == "GET /api/v1/services/providers/{id}") {
      std::string target = route.pattern;
      target.replace(target.find("{id}"), 4, "999999999");
      return Request{"GET", target, ""};
    }
    if (key == "PUT /api/v1/services/contracts/{id}") {
      return Request{"PUT", "/api/v1/services/contracts/999999999",
                     R"({"unit":"620102001001","organisationId":1,"title":"矩阵",)"
                     R"("category":"meals","content":"矩阵","targetText":"矩阵","targetPeople":1,)"
                     R"("amountFen":1,"fundingSource":"矩阵","startsOn":"2026-01-01",)"
                     R"("endsOn":"2026-12-31","version":1})"};
    }
    if (key == "POST /api/v1/services/contracts/{id}/evaluation") {
      return Request{"POST", "/api/v1/services/contracts/999999999/evaluation",
                     R"({"version":1,"score":80})"};
    }
    if (key == "POST /api/v1/services/contracts/{id}/records") {
      return Request{"POST", "/api/v1/services/contracts/999999999/records",
                     R"({"servedOn":"2026-11-20","content":"矩阵","peopleServed":1})"};
    }
    if (key == "POST /api/v1/services/records/{id}/void")
      return Request{"POST", "/api/v1/services/records/999999999/void", R"({"reason":"矩阵核对"})"};
    if (key == "POST /api/v1/charity/entries/{id}/correction" ||
        key == "POST /api/v1/charity/entries/{id}/donor") {
      std::string target = route.pattern;
      target.replace(target.find("{id}"), 4, "999999999");
      return Request{"POST", target, R"({"reason":"矩阵核对"})"};
    }
    // Anyone reads the public pages: a community's fund (empty until its first entry); a
    // project nobody published is not found.
    if (key == "GET /api/v1/public/charity/funds" || key == "GET /api/v1/public/projects")
      return Request{"GET", route.pattern + "?unit=620102001001", ""};
    if (key == "GET /api/v1/public/charity/funds/{code}")
      return Request{"GET", "/api/v1/public/charity/funds/620102001002", ""};
    if (key == "GET /api/v1/public/projects/{id}")
      return Request{"GET", "/api/v1/public/projects/999999999", ""};
    if (key == "POST /api/v1/auth/totp/enable")
      return Request{"POST", route.pattern, R"({"code":"000000"})"};
    return std::nullopt;
  }

  // The role that runs a unit of `level`: the one an account working above another holds.
  static std::string region_role(org::Level level) {
    switch (level) {
      case org::Level::province:
        return "province_admin";
      case org::Level::city:
        return "city_admin";
      case org::Level::county:
        return "county_admin";
      case org::Level::township:
        return "township_admin";
      default:
        return "community_worker";
    }
  }

  const Targets& home_of(const auth::RoleDefinition& role) const {
    return homes_.at(role.separated_duty ? org::Level::city : role.lowest_level);
  }

  std::map<org::Level, Targets> homes_;
  std::map<int64_t, int64_t> photo_of_request_;  // the photo of each request made in SetUp
  int64_t course_ = 0;                           // the province's course made in SetUp
  // The personal values planted in SetUp's sealed fields: only the routes that reveal on purpose
  // may answer them in clear (the personal-data scan, personal_data_scan_test.cpp, holds the
  // database and the logs to it).
  std::vector<std::string> personal_;
  void expect_nothing_in_clear(const http::Route& route, const HttpResult& r,
                               const std::string& cell) const {
    if (route.reveals_personal_data) return;
    const std::string text = r.shown_text();
    for (const std::string& value : personal_)
      EXPECT_EQ(text.find(value), std::string::npos) << cell << " answered " << value;
  }
};

bool in_scope(Relation r) {
  return r == Relation::own || r == Relation::descendant;
}

TEST_P(AuthorizationMatrixTest, EveryRouteEveryRoleEveryRelation) {
  int cell = 0;
  int checked = 0;
  for (const auto& role : auth::built_in_roles()) {
    auto client = as("role_" + std::string(role.key), "Matrix#Shequ2026x");
    const Targets& targets = home_of(role);
    for (const http::Route& route : web_->router().routes()) {
      const std::string where = std::string(role.key) + " " + route.method + " " + route.pattern;
      const bool permitted =
          route.permission == http::kPublic || route.permission == http::kAuthenticated ||
          std::ranges::find(services_->roles().permissions(role.key), route.permission) !=
              services_->roles().permissions(role.key).end();
      if (auto request = unscoped(route, role.key)) {
        const auto r = client->request(request->method, request->target, request->body,
                                       {{"content-type", request->content_type}});
        ++checked;
        expect_nothing_in_clear(route, r, where);
        if (permitted) {
          EXPECT_NE(r.status, 401) << where;
          EXPECT_NE(r.status, 403) << where << ": " << r.body;
        } else {
          EXPECT_EQ(r.status, 403) << where << ": " << r.body;
        }
        continue;
      }
      if (route.pattern == "/api/v1/auth/logout") continue;
      bool any = false;
      for (Relation relation : kRelations) {
        auto request = recipe(route, targets, relation, ++cell);
        if (!request) continue;
        any = true;
        ++checked;
        const auto r = client->request(request->method, request->target, request->body,
                                       {{"content-type", request->content_type}});
        const std::string cell_name = where + " [" + name(relation) + "] " + request->target;
        expect_nothing_in_clear(route, r, cell_name);
        if (!permitted) {
          EXPECT_EQ(r.status, 403) << cell_name << ": " << r.body;
        } else if (relation == Relation::holds_role_above) {
          // Readable (its home is in scope), but not the caller's to manage.
          if (request->method == "GET") {
            EXPECT_EQ(r.status, 200) << cell_name << " -> " << r.body;
          } else {
            EXPECT_EQ(r.status, 403) << cell_name << " -> " << r.body;
            EXPECT_EQ(r.json()["details"][0]["field"], "roles") << cell_name;
          }
        } else if (in_scope(relation)) {
          EXPECT_TRUE(r.status != 401 && r.status != 403 && r.status != 404 && r.status < 500)
              << cell_name << " -> " << r.status << " " << r.body;
        } else {
          // A unit named in the path is not found; one named in a body is refused.
          EXPECT_TRUE(r.status == 404 ||
                      (r.status == 403 && !request->body.empty() && request->method != "PATCH"))
              << cell_name << " -> " << r.status << " " << r.body;
        }
        // No list answer holds anything from outside the caller's subtree.
        if (r.status == 200 && request->method == "GET" &&
            r.header("content-type").starts_with("application/json")) {
          const auto body = r.json();
          for (const auto& row : body.contains("rows") ? body["rows"] : Json::array()) {
            const std::string unit = row.contains("code")   ? row["code"].get<std::string>()
                                     : row.contains("unit") ? row["unit"].get<std::string>()
                                                            : std::string();
            EXPECT_TRUE(services_->org().tree().contains(targets.home, unit))
                << cell_name << " leaked " << unit;
          }
          if (body.contains("items") && body["items"].is_array()) {
            for (const auto& item : body["items"]) {
              const std::string unit = item.contains("unitCode")
                                           ? item["unitCode"].get<std::string>()
                                       : item.contains("code") ? item["code"].get<std::string>()
                                       : item.contains("grid") && item["grid"].is_object()
                                           ? item["grid"]["code"].get<std::string>()
                                       : item.contains("person") && item["person"].is_object()
                                           ? item["person"]["grid"]["code"].get<std::string>()
                                           : std::string();
              if (unit.empty() || route.pattern.ends_with("/ancestors")) continue;
              EXPECT_TRUE(services_->org().tree().contains(targets.home, unit))
                  << cell_name << " leaked " << unit;
            }
          }
        }
      }
      EXPECT_TRUE(any) << "no recipe for " << route.method << " " << route.pattern
                       << ": add the route to the authorization matrix";
    }
  }
  EXPECT_GT(checked, 300);
}

// Nobody changes their own roles, whatever roles they hold (a security administrator could once
// add a role to itself).
TEST_P(AuthorizationMatrixTest, NoRoleGrantsItselfAnything) {
  const int64_t grants = count("SELECT COUNT(*) FROM user_role");
  for (const auto& role : auth::built_in_roles()) {
    auto client = as("role_" + std::string(role.key), "Matrix#Shequ2026x");
    const Json me = client->get("/api/v1/auth/me").json()["user"];
    const std::string self = std::to_string(me["id"].get<int64_t>());
    const auto r = client->send_json(
        "PUT", "/api/v1/users/" + self + "/roles",
        R"({"version":)" + std::to_string(me["version"].get<int64_t>()) + R"(,"roles":[{"role":")" +
            std::string(role.key) + R"(","unitCode":")" + home_of(role).home +
            R"("},{"role":"resident","unitCode":"620102001001"}]})");
    EXPECT_EQ(r.status, 403) << role.key << ": " << r.body;
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM user_role"), grants);
}

// Every route through an API key, while its issuer holds its role, after the issuer lost it, and
// after the issuer was disabled: a key never does more than its issuer may do now.
TEST_P(AuthorizationMatrixTest, KeysFollowTheirIssuerOnEveryRoute) {
  for (const auto& role : auth::built_in_roles()) {
    const auto held = services_->roles().permissions(role.key);
    if (std::ranges::find(held, auth::kApiKeyManage) == held.end()) {
      continue;
    }
    const Targets& targets = home_of(role);
    const std::string issuer_name = "role_" + std::string(role.key);
    auto issuer = as(issuer_name, "Matrix#Shequ2026x");
    Json permissions = Json::array();
    for (std::string_view p : held) {
      if (auth::api_key_may_carry(p)) permissions.push_back(p);
    }
    const auto issued = issuer->send_json(
        "POST", "/api/v1/api-keys",
        Json{{"name", "矩阵密钥"}, {"unitCode", targets.home}, {"permissions", permissions}}
            .dump());
    ASSERT_EQ(issued.status, 201) << role.key << ": " << issued.body;
    HttpClient key(web_->port());
    key.set_default_header("authorization", "Bearer " + issued.json()["token"].get<std::string>());
    const int64_t issuer_id = count("SELECT id FROM app_user WHERE username = $1", {issuer_name});

    enum class Stage { in_force, issuer_without_role, issuer_disabled };
    for (Stage stage : {Stage::in_force, Stage::issuer_without_role, Stage::issuer_disabled}) {
      if (stage == Stage::issuer_without_role) {
        ASSERT_TRUE(services_->database().write([&](storage::Session& s) -> Status {
          SHEQU_TRY(s.execute("DELETE FROM user_role WHERE user_id = $1", {{issuer_id}}));
          return {};
        }));
      }
      if (stage == Stage::issuer_disabled) {
        auto province = as("admin");
        const auto disabled = province->send_json(
            "PATCH", "/api/v1/users/" + std::to_string(issuer_id),
            R"({"version":)" +
                std::to_string(count("SELECT version FROM app_user WHERE id = $1", {issuer_id})) +
                R"(,"status":"disabled"})");
        ASSERT_EQ(disabled.status, 200) << disabled.body;
      }
      int cell = 0;
      for (const http::Route& route : web_->router().routes()) {
        if (route.permission == http::kPublic || route.permission == http::kAuthenticated) continue;
        const auto request = recipe(route, targets, Relation::own, ++cell);
        if (!request) continue;
        const auto r = key.request(request->method, request->target, request->body,
                                   {{"content-type", request->content_type}});
        const std::string where = std::string(role.key) + " key " + route.method + " " +
                                  route.pattern + " stage " +
                                  std::to_string(static_cast<int>(stage));
        const bool carried = std::find(permissions.begin(), permissions.end(), route.permission) !=
                             permissions.end();
        if (stage == Stage::issuer_disabled) {
          // Open311 answers a key it does not take with 403, as its specification says.
          EXPECT_EQ(r.status, route.pattern.starts_with("/open311/") ? 403 : 401) << where;
        } else if (stage == Stage::issuer_without_role || !carried) {
          EXPECT_EQ(r.status, 403) << where << ": " << r.body;
        } else {
          EXPECT_TRUE(r.status != 401 && r.status != 403 && r.status != 404 && r.status < 500)
              << where << " -> " << r.status << " " << r.body;
        }
      }
    }
  }
}

TEST_P(AuthorizationMatrixTest, WithoutASessionOnlyPublicRoutesAnswer) {
  HttpClient anonymous(web_->port());
  for (const http::Route& route : web_->router().routes()) {
    if (route.permission == http::kPublic) continue;
    std::string path = route.pattern;
    for (const auto& [placeholder, value] :
         {std::pair{"{code}", "620102001001"}, std::pair{"{id}", "1"}}) {
      if (const auto at = path.find(placeholder); at != std::string::npos)
        path.replace(at, std::string(placeholder).size(), value);
    }
    const auto& upload = route.contract.upload;
    const auto r = anonymous.request(
        route.method, path, route.contract.body ? "{}" : (upload ? "a,b\n" : ""),
        {{"content-type", upload ? upload->media_types.front() : "application/json"}});
    EXPECT_EQ(r.status, route.pattern.starts_with("/open311/") ? 403 : 401)
        << route.method << " " << route.pattern;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, AuthorizationMatrixTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace shequ::testing
