#include "residents/module.hpp"

#include <fmt/format.h>

#include "app/app.hpp"
#include "privacy/validators.hpp"
#include "residents/declaration.hpp"
#include "residents/resident_service.hpp"
#include "residents/routes.hpp"

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
                 services.keyring()) {}
  void add_routes(http::Router& router, const app::RouteOptions&) override {
    residents::add_routes(router, service_, org_);
  }
  void* service(const std::type_info& type) override {
    return type == typeid(ResidentService) ? &service_ : nullptr;
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
    return Text{fmt::format("实有人口：畅家巷社区 {} 户 {} 人", demo_households().size(), people),
                fmt::format("Residents: {} households, {} people in 畅家巷社区",
                            demo_households().size(), people)};
  }

 private:
  app::Services& services_;
  const org::OrgService& org_;
  ResidentService service_;
};

}  // namespace

const app::ModuleEntry& module() {
  static const app::ModuleEntry entry{
      &declaration,
      [](app::Services& services, const std::map<std::string, std::string>&) {
        return std::make_unique<Runtime>(services);
      },
      nullptr};
  return entry;
}

}  // namespace shequ::residents
