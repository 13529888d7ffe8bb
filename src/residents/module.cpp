#include "residents/module.hpp"

#include <fmt/format.h>

#include "app/app.hpp"
#include "auth/auth_repository.hpp"
#include "jobs/job_runner.hpp"
#include "privacy/validators.hpp"
#include "residents/commands.hpp"
#include "residents/declaration.hpp"
#include "residents/import_service.hpp"
#include "residents/resident_service.hpp"
#include "residents/routes.hpp"
#include "residents/visit_service.hpp"

namespace shequ::residents {

namespace {

// The demonstration's households: in the three drawn grids of 畅家巷社区, each a point inside its
// grid; made-up names, and ID numbers made to pass the check (demo_id_number).
struct DemoPerson {
  const char* name;
  const char* birth;  // YYYYMMDD
  bool male;
  const char* relation;
  const char* phone;  // "" none
  std::vector<Tag> tags;
};
struct DemoHousehold {
  const char* grid;
  const char* address;
  double lon, lat;
  std::vector<DemoPerson> people;
};

const std::vector<DemoHousehold>& demo_households() {
  static const std::vector<DemoHousehold> households{
      {"620102001001001",
       "畅家巷3号楼1单元201室",
       103.8336,
       36.0609,
       {{"马秀英",
         "19410312",
         false,
         "head",
         "13993100101",
         {{"special_hardship_elderly", ""}, {"living_alone", ""}, {"special_hardship", ""}}}}},
      {"620102001001001",
       "畅家巷5号楼2单元402室",
       103.8341,
       36.0612,
       {{"王建国", "19480705", true, "head", "13993100102", {{"empty_nest", ""}}},
        {"李桂兰",
         "19500118",
         false,
         "spouse",
         "",
         {{"empty_nest", ""}, {"disability", "physical:2"}}}}},
      {"620102001001001",
       "畅家巷8号楼1单元101室",
       103.8345,
       36.0615,
       {{"张志强", "19820923", true, "head", "13993100103", {}},
        {"刘芳", "19850214", false, "spouse", "13993100104", {}},
        {"张子涵", "20130601", false, "child", "", {}}}},
      {"620102001001001",
       "畅家巷12号楼3单元502室",
       103.8348,
       36.0617,
       {{"赵淑珍",
         "19380527",
         false,
         "head",
         "",
         {{"special_hardship_elderly", ""}, {"subsistence", ""}}},
        {"赵小军", "20150909", true, "grandchild", "", {{"left_behind_child", ""}}}}},
      {"620102001001002",
       "畅家巷23号楼1单元301室",
       103.8356,
       36.0608,
       {{"陈国华", "19560811", true, "head", "13993100105", {{"living_alone", ""}}}}},
      {"620102001001002",
       "畅家巷27号楼2单元602室",
       103.8361,
       36.0611,
       {{"孙立新", "19790130", true, "head", "13993100106", {{"mental_disorder", ""}}},
        {"孙桂芝", "19520403", false, "parent", "13993100107", {}}}},
      {"620102001001002",
       "畅家巷31号楼1单元102室",
       103.8365,
       36.0614,
       {{"周明", "19900716", true, "head", "13993100108", {{"community_correction", ""}}}}},
      {"620102001001002",
       "畅家巷36号楼2单元201室",
       103.8367,
       36.0618,
       {{"吴玉兰",
         "19450222",
         false,
         "head",
         "",
         {{"special_hardship_elderly", ""}, {"disability", "visual:1"}}}}},
      {"620102001001003",
       "畅家巷沿街平房7号",
       103.8338,
       36.0599,
       {{"马海军", "19750610", true, "head", "13993100109", {{"subsistence", ""}}},
        {"马丽", "19770823", false, "spouse", "13993100110", {}},
        {"马小龙", "20160312", true, "child", "", {{"left_behind_child", ""}}}}},
      {"620102001001003",
       "畅家巷沿街平房15号",
       103.8352,
       36.0601,
       {{"何秀兰", "19430919", false, "head", "13993100111", {{"living_alone", ""}}}}},
  };
  return households;
}

// An ID number of 城关区 that passes the check, for the birth date and sex (sequence 9xx).
std::string demo_id_number(const char* birth, bool male, int serial) {
  const int sequence = 900 + (serial * 2 + (male ? 1 : 0)) % 100;
  const std::string first17 = fmt::format("620102{}{:03}", birth, sequence);
  return first17 + privacy::resident_id_check_character(first17);
}

class Runtime final : public app::ModuleRuntime {
 public:
  explicit Runtime(app::Services& services)
      : services_(services),
        org_(services.org()),
        service_(services.org(), services.database(), services.audit(), services.clock(),
                 services.keyring()),
        visits_(services.org(), services.database(), services.audit(), services.clock(),
                services.keyring(), service_, services.service<requests::RequestService>()),
        imports_(services.org(), services.database(), services.audit(), services.clock(),
                 services.keyring(), services.service<jobs::JobRunner>()) {
    auto& runner = services.service<jobs::JobRunner>();
    runner.handle(kAnonymiseKind, [this](const jobs::JobContext&) -> Result<Json> {
      SHEQU_ASSIGN_OR_RETURN(const int64_t anonymised, service_.anonymise_moved_away());
      SHEQU_ASSIGN_OR_RETURN(const int64_t files, imports_.drop_abandoned_files());
      return Json{{"anonymised", anonymised}, {"importFilesDropped", files}};
    });
    runner.handle(kImportKind, [this](const jobs::JobContext& context) -> Result<Json> {
      return imports_.run(context);
    });
    // Scheduled jobs are filed under the root of the tree: its targets are every target.
    runner.handle(kRemindKind, [this](const jobs::JobContext& context) -> Result<Json> {
      SHEQU_ASSIGN_OR_RETURN(
          const ReminderRun run,
          visits_.remind_overdue(context.job().unit_code, china_date(services_.clock().now())));
      return Json{{"month", run.month}, {"reminded", run.reminded}, {"targets", run.targets}};
    });
  }
  void add_routes(http::Router& router, const app::RouteOptions&) override {
    residents::add_routes(router, service_, visits_, imports_, org_);
  }
  // Visits to the care targets over the last three months, by the grid worker of the first grid
  // and the community's worker elsewhere; half of them not yet visited this month, and one
  // hardship referred to the township.
  Result<int> add_demo_visits(const Actor& op) {
    const auto account = [&](const std::string& name) -> Result<int64_t> {
      return services_.database().read_value<int64_t>([&](storage::Session& s) -> Result<int64_t> {
        SHEQU_ASSIGN_OR_RETURN(auto user, auth::AuthRepository::find_user_by_name(s, name));
        return user ? user->id : int64_t{0};
      });
    };
    SHEQU_ASSIGN_OR_RETURN(const int64_t grid_worker, account("wangge1"));
    SHEQU_ASSIGN_OR_RETURN(const int64_t community_worker, account("changjiaxiang"));
    if (grid_worker == 0 || community_worker == 0) return 0;
    SHEQU_ASSIGN_OR_RETURN(auto targets,
                           visits_.overdue(op, std::string("620102001001"), {1, 200}));
    const auto now = services_.clock().now();
    const auto day = [&](int days_ago) { return china_date(now - std::chrono::days(days_ago)); };
    int recorded = 0;
    for (std::size_t i = 0; i < targets.items.size(); ++i) {
      const Person& p = targets.items[i].person.value;
      Actor visitor = op;
      visitor.user_id = p.grid_code == "620102001001001" ? grid_worker : community_worker;
      const auto offset = static_cast<int>(i);
      std::vector<std::string> dates{day(62 + offset), day(31 + offset)};
      if (i % 2 == 0) dates.push_back(day(1));
      for (const std::string& on : dates) {
        NewVisit v{.client_key = fmt::format("demo-{}-{}", p.id, on),
                   .visited_on = on,
                   .met = i % 3 == 2 ? "family" : "person",
                   .health = i % 4 == 1 ? "poor" : "fair",
                   .living = "good",
                   .safety = "none",
                   .needs = {i % 2 == 0 ? "meals" : "medical"}};
        SHEQU_TRY(visits_.record(visitor, p.id, v));
        ++recorded;
      }
    }
    // 马海军's household lost its income: referred for a subsistence assessment.
    SHEQU_ASSIGN_OR_RETURN(
        auto found,
        service_.people(op, {std::string("620102001001003"), "subsistence", false, {1, 20}}));
    for (const PersonView& p : found.items) {
      if (p.value.relation != "head") continue;
      Actor visitor = op;
      visitor.user_id = community_worker;
      NewVisit v{.client_key = fmt::format("demo-referral-{}", p.value.id),
                 .visited_on = day(3),
                 .met = "person",
                 .health = "fair",
                 .living = "poor",
                 .safety = "none",
                 .needs = {"assistance"},
                 .refer = "special_hardship",
                 .refer_reason = "户主因病失去劳动能力，家庭无稳定收入"};
      SHEQU_TRY(visits_.record(visitor, p.value.id, v));
      ++recorded;
      break;
    }
    return recorded;
  }
  void* service(const std::type_info& type) override {
    if (type == typeid(ResidentService)) return &service_;
    return type == typeid(VisitService) ? &visits_ : nullptr;
  }
  Result<int64_t> count_todo(std::string_view code, const Actor& actor) const override {
    if (code == kTodoOverdue) return visits_.count_overdue(actor);
    if (code == kTodoReferrals) return visits_.count_open_referrals(actor);
    return app::ModuleRuntime::count_todo(code, actor);
  }
  // Row 12: the special-hardship elderly of a village or community in the month, and how many
  // of them were visited in it.
  Result<std::vector<kit::UnitCounts>> count_indicator(std::string_view indicator,
                                                       const std::string& first_day,
                                                       const std::string& last_day) const override {
    if (indicator != "12")
      return app::ModuleRuntime::count_indicator(indicator, first_day, last_day);
    SHEQU_ASSIGN_OR_RETURN(auto rates, visits_.monthly_visits(first_day, last_day));
    std::vector<kit::UnitCounts> counts;
    for (VisitRate& r : rates) {
      if (r.targets > 0) counts.push_back({std::move(r.unit), r.visited, r.targets});
    }
    return counts;
  }
  Result<Text> add_demo_data(uint64_t) override {
    const Actor op = services_.operator_actor();
    SHEQU_ASSIGN_OR_RETURN(auto present, service_.households(op, std::nullopt, {1, 1}));
    if (present.total > 0) return Text{};
    int people = 0;
    int serial = 0;
    for (const DemoHousehold& demo : demo_households()) {
      if (!org_.unit(demo.grid)) continue;  // a database whose demo grids were renamed or retired
      SHEQU_ASSIGN_OR_RETURN(
          HouseholdView h,
          service_.create_household(op, {demo.grid, demo.address, demo.lat, demo.lon, "family"}));
      for (const DemoPerson& p : demo.people) {
        NewPerson input{
            h.value.id, p.relation, p.name,       demo_id_number(p.birth, p.male, ++serial),
            p.phone,    "汉族",     "registered", "2016-04-01",
            p.tags};
        if (std::string_view(p.birth) > "20160401")
          input.moved_in = fmt::format("{}-{}-{}", std::string_view(p.birth).substr(0, 4),
                                       std::string_view(p.birth).substr(4, 2),
                                       std::string_view(p.birth).substr(6, 2));
        SHEQU_TRY(service_.register_person(op, input));
        ++people;
      }
    }
    if (people == 0) return Text{};
    SHEQU_ASSIGN_OR_RETURN(const int visits, add_demo_visits(op));
    return Text{fmt::format("实有人口：畅家巷社区 {} 户 {} 人，近三个月入户走访 {} 次",
                            demo_households().size(), people, visits),
                fmt::format("Residents: {} households, {} people in 畅家巷社区, {} home visits "
                            "in the last three months",
                            demo_households().size(), people, visits)};
  }

 private:
  app::Services& services_;
  const org::OrgService& org_;
  ResidentService service_;
  VisitService visits_;
  ImportService imports_;
};

}  // namespace

const app::ModuleEntry& module() {
  static const app::ModuleEntry entry{
      &declaration,
      [](app::Services& services, const std::map<std::string, std::string>&) {
        return std::make_unique<Runtime>(services);
      },
      add_commands};
  return entry;
}

}  // namespace shequ::residents
