// The facility registry through the API, as a community worker and a county official use it:
// registration with the plan's standards, every rule broken at once, changes kept in history,
// scope, and the list with its Excel download.
#include <gtest/gtest.h>

#include <set>

#include "api/small_stack.hpp"
#include "common/table_reader.hpp"
#include "facility/facility_import.hpp"
#include "facility/facility_service.hpp"
#include "support/xlsx_reader.hpp"

namespace shequ::testing {
namespace {

using Json = nlohmann::json;

constexpr const char* kCommunity = "620102001001";         // 畅家巷社区 (changjiaxiang)
constexpr const char* kSiblingCommunity = "620102001002";  // the same street's other community
constexpr const char* kStreet = "620102001000";            // 酒泉路街道

// A comprehensive facility of `unit` that meets the activity standard, open 08:00-18:00 on
// weekdays and 09:00-12:00 at weekends (short of eight hours).
Json facility(const std::string& unit) {
  Json week = Json::object();
  for (const char* day : {"mon", "tue", "wed", "thu", "fri"}) week[day] = {"08:00-18:00"};
  week["sat"] = {"09:00-12:00"};
  week["sun"] = Json::array();
  return {{"unitCode", unit},
          {"type", "comprehensive"},
          {"name", "  畅家巷社区党群服务中心 "},
          {"floorArea", 620.5},
          {"activityArea", 420},
          {"officeArea", 90},
          {"serviceArea", 60},
          {"hours", week},
          {"services", {"meal_aid", "volunteer_station"}},
          {"lat", 36.0612},
          {"lon", 103.8343},
          {"status", "open"},
          {"openedOn", "2019-06-01"}};
}

class FacilityApiTest : public SmallStackTest {};

TEST_P(FacilityApiTest, ACommunityRegistersItsFacilityAndSeesTheStandards) {
  auto worker = as("changjiaxiang");
  const auto made = worker->send_json("POST", "/api/v1/facilities", facility(kCommunity).dump());
  ASSERT_EQ(made.status, 201) << made.body;
  const Json created = made.json();
  EXPECT_EQ(created["name"], "畅家巷社区党群服务中心") << "trimmed";
  EXPECT_EQ(created["unit"]["name"], "畅家巷社区居委会");
  EXPECT_EQ(created["services"], Json({"meal_aid", "volunteer_station"}));
  EXPECT_EQ(created["version"], 1);
  const std::string self = "/api/v1/facilities/" + std::to_string(created["id"].get<int64_t>());
  EXPECT_EQ(made.header("location"), self);

  const auto read = worker->get(self);
  ASSERT_EQ(read.status, 200) << read.body;
  const Json standards = read.json()["standards"];
  ASSERT_EQ(standards.size(), 3u) << standards;
  EXPECT_EQ(standards[0]["key"], "areaPer100Households");
  EXPECT_EQ(standards[0]["result"], "no_data");
  EXPECT_EQ(standards[1]["key"], "activityShare");
  EXPECT_EQ(standards[1]["result"], "pass");
  EXPECT_NEAR(standards[1]["value"].get<double>(), 420 / 620.5 * 100, 1e-9);
  EXPECT_EQ(standards[2]["key"], "openHours");
  EXPECT_EQ(standards[2]["result"], "fail");
  EXPECT_EQ(standards[2]["value"], 0.0) << "closed on Sunday";
  EXPECT_EQ(standards[2]["note"], "周日开放 0.0 小时");

  const auto history = worker->get(self + "/history");
  ASSERT_EQ(history.status, 200) << history.body;
  ASSERT_EQ(history.json()["items"].size(), 1u);
  EXPECT_TRUE(history.json()["items"][0]["before"].is_null());
  EXPECT_EQ(history.json()["items"][0]["username"], "changjiaxiang");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'facility.create' AND "
                  "object_id = $1 AND object_unit = $2",
                  {std::to_string(created["id"].get<int64_t>()), std::string(kCommunity)}),
            1);
}

TEST_P(FacilityApiTest, EveryBrokenRuleIsNamedAtOnceAndNothingIsWritten) {
  auto worker = as("changjiaxiang");
  Json bad = facility(kCommunity);
  bad["type"] = "social_work_station";  // a township's kind, at a community
  bad["activityArea"] = 700;            // more than the floor area
  bad["hours"]["mon"] = {"08:00-12:00", "11:00-14:00"};
  bad["services"] = {"meal_aid", "meal_aid"};
  bad["lat"] = 43.73;  // Monaco's latitude, Gansu's longitude: outside the province
  bad["lon"] = 7.42;
  bad["status"] = "closed";  // without a closing date
  const auto refused = worker->send_json("POST", "/api/v1/facilities", bad.dump());
  ASSERT_EQ(refused.status, 400) << refused.body;
  std::set<std::string> fields;
  const Json answer = refused.json();
  for (const Json& d : answer["details"]) fields.insert(d["field"].get<std::string>());
  EXPECT_EQ(fields, (std::set<std::string>{"activityArea", "hours.mon", "services[1]", "lat",
                                           "closedOn", "unitCode"}))
      << refused.body;
  EXPECT_EQ(count("SELECT COUNT(*) FROM facility"), 0);

  // What the contract itself refuses: a range that ends before it starts, a negative area.
  Json malformed = facility(kCommunity);
  malformed["hours"]["tue"] = {"18:00-08:00"};
  malformed["officeArea"] = -5;
  const auto contract = worker->send_json("POST", "/api/v1/facilities", malformed.dump());
  ASSERT_EQ(contract.status, 400) << contract.body;
  EXPECT_EQ(contract.json()["details"].size(), 2u) << contract.body;
  EXPECT_EQ(count("SELECT COUNT(*) FROM facility"), 0);
}

TEST_P(FacilityApiTest, ChangesAreKeptWithBeforeAndAfterAndStaleOnesRefused) {
  auto worker = as("changjiaxiang");
  const auto made = worker->send_json("POST", "/api/v1/facilities", facility(kCommunity).dump());
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string self = "/api/v1/facilities/" + std::to_string(made.json()["id"].get<int64_t>());
  Json change = facility(kCommunity);
  change["name"] = "畅家巷社区综合服务中心";
  change["hours"]["sun"] = {"08:00-16:30"};
  change["hours"]["sat"] = {"08:00-16:30"};
  change["version"] = 1;
  const auto changed = worker->send_json("PUT", self, change.dump());
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json()["version"], 2);
  EXPECT_EQ(worker->get(self).json()["standards"][2]["result"], "pass");

  const auto stale = worker->send_json("PUT", self, change.dump());
  EXPECT_EQ(stale.status, 409) << stale.body;

  const Json history = worker->get(self + "/history").json()["items"];
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0]["before"]["name"], "畅家巷社区党群服务中心");
  EXPECT_EQ(history[0]["after"]["name"], "畅家巷社区综合服务中心");
  EXPECT_EQ(history[0]["after"]["hours"]["sun"], Json({"08:00-16:30"}));
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'facility.update'"), 1);
}

TEST_P(FacilityApiTest, OthersFacilitiesDoNotExistAndOthersUnitsAreRefused) {
  auto county = as("chengguan");
  const auto sibling =
      county->send_json("POST", "/api/v1/facilities", facility(kSiblingCommunity).dump());
  ASSERT_EQ(sibling.status, 201) << sibling.body;
  const std::string theirs =
      "/api/v1/facilities/" + std::to_string(sibling.json()["id"].get<int64_t>());

  auto worker = as("changjiaxiang");
  EXPECT_EQ(worker->get(theirs).status, 404);
  EXPECT_EQ(worker->get(theirs + "/history").status, 404);
  Json change = facility(kCommunity);
  change["version"] = 1;
  EXPECT_EQ(worker->send_json("PUT", theirs, change.dump()).status, 404);
  const auto elsewhere =
      worker->send_json("POST", "/api/v1/facilities", facility(kSiblingCommunity).dump());
  ASSERT_EQ(elsewhere.status, 403) << elsewhere.body;
  EXPECT_EQ(elsewhere.json()["details"][0]["field"], "unitCode");
  // Moving one's own facility to another community is refused the same way.
  const auto own = worker->send_json("POST", "/api/v1/facilities", facility(kCommunity).dump());
  ASSERT_EQ(own.status, 201);
  Json move = facility(kSiblingCommunity);
  move["version"] = 1;
  const auto moved = worker->send_json(
      "PUT", "/api/v1/facilities/" + std::to_string(own.json()["id"].get<int64_t>()), move.dump());
  EXPECT_EQ(moved.status, 403) << moved.body;
  // A grid worker's scope is a grid: the registry is not theirs.
  EXPECT_EQ(as("wangge1")->get("/api/v1/facilities").status, 403);
}

TEST_P(FacilityApiTest, TheListFollowsScopeAndFiltersAndDownloads) {
  auto county = as("chengguan");
  for (const char* unit : {kCommunity, kSiblingCommunity}) {
    ASSERT_EQ(county->send_json("POST", "/api/v1/facilities", facility(unit).dump()).status, 201);
  }
  Json clinic = facility(kCommunity);
  clinic["type"] = "clinic";
  clinic["name"] = "畅家巷社区卫生服务站";
  ASSERT_EQ(county->send_json("POST", "/api/v1/facilities", clinic.dump()).status, 201);

  EXPECT_EQ(county->get("/api/v1/facilities").json()["total"], 3);
  EXPECT_EQ(county->get("/api/v1/facilities?type=clinic").json()["total"], 1);
  EXPECT_EQ(county->get("/api/v1/facilities?q=%E5%8D%AB%E7%94%9F").json()["total"], 1);  // 卫生
  EXPECT_EQ(
      county->get(std::string("/api/v1/facilities?unit=") + kSiblingCommunity).json()["total"], 1);
  const auto worker_list = as("changjiaxiang")->get("/api/v1/facilities");
  ASSERT_EQ(worker_list.status, 200);
  EXPECT_EQ(worker_list.json()["total"], 2) << "its own community's two";
  EXPECT_EQ(as("changjiaxiang")->get(std::string("/api/v1/facilities?unit=") + kStreet).status,
            404);

  const auto download = county->get("/api/v1/facilities.xlsx?type=comprehensive");
  ASSERT_EQ(download.status, 200) << download.body;
  const auto sheet = read_first_sheet(download.body);
  ASSERT_TRUE(sheet);
  ASSERT_EQ(sheet->size(), 3u) << "header and two facilities";
  EXPECT_EQ((*sheet)[0][1], "类型");
  EXPECT_EQ((*sheet)[1][1], "社区综合服务设施");
  EXPECT_NE((*sheet)[1][0].find("畅家巷社区居委会"), std::string::npos) << (*sheet)[1][0];
}

TEST_P(FacilityApiTest, BaseFiguresByYearFeedTheHouseholdStandardAndKeepTheirHistory) {
  auto worker = as("changjiaxiang");
  const auto made = worker->send_json("POST", "/api/v1/facilities", facility(kCommunity).dump());
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string self = "/api/v1/facilities/" + std::to_string(made.json()["id"].get<int64_t>());
  const std::string year = std::string("/api/v1/facilities/figures/") + kCommunity + "/2025";
  const std::string figures =
      R"({"households":2400,"residents":7100,"urbanResidents":7100,"buildingArea":68000.5,)"
      R"("childcarePlaces":60,"childcareAffordable":40,"version":0})";
  const auto saved = worker->request("PUT", year, figures, {{"content-type", "application/json"}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json()["version"], 1);
  // 620.5 m² for 2,400 households: 25.9 m² per 100, short of 30.
  Json standard = worker->get(self).json()["standards"][0];
  EXPECT_EQ(standard["result"], "fail");
  EXPECT_NEAR(standard["value"].get<double>(), 620.5 / 2400 * 100, 1e-9);

  EXPECT_EQ(worker->request("PUT", year, figures, {{"content-type", "application/json"}}).status,
            409)
      << "saved already: the version read must be given";
  std::string fewer = figures;
  fewer.replace(fewer.find("2400"), 4, "2000");
  fewer.replace(fewer.find(R"("version":0)"), 11, R"("version":1)");
  ASSERT_EQ(worker->request("PUT", year, fewer, {{"content-type", "application/json"}}).status,
            200);
  standard = worker->get(self).json()["standards"][0];
  EXPECT_EQ(standard["result"], "pass");  // 31.0 m² per 100 households

  const Json listed =
      worker->get(std::string("/api/v1/facilities/figures?unit=") + kCommunity).json();
  ASSERT_EQ(listed["total"], 1);
  EXPECT_EQ(listed["items"][0]["households"], 2000);
  const Json history = worker->get(year + "/history").json()["items"];
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0]["before"]["households"], 2400);
  EXPECT_EQ(history[0]["after"]["households"], 2000);
  EXPECT_TRUE(history[1]["before"].is_null());
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'facility.figures.update'"), 2);

  // More urban residents than residents, more affordable places than places; a street; another
  // county's community.
  const auto bad =
      worker->request("PUT", std::string("/api/v1/facilities/figures/") + kCommunity + "/2024",
                      R"({"households":1,"residents":10,"urbanResidents":11,"buildingArea":1,)"
                      R"("childcarePlaces":1,"childcareAffordable":2,"version":0})",
                      {{"content-type", "application/json"}});
  ASSERT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(bad.json()["details"].size(), 2u) << bad.body;
  auto county = as("chengguan");
  EXPECT_EQ(county
                ->request("PUT", std::string("/api/v1/facilities/figures/") + kStreet + "/2025",
                          figures, {{"content-type", "application/json"}})
                .status,
            400);
  EXPECT_EQ(worker->get(std::string("/api/v1/facilities/figures?unit=") + kSiblingCommunity).status,
            404);
}

// The template's header as the console offers it, and rows below it.
std::string template_csv(const std::vector<std::string>& rows) {
  std::string csv;
  for (const TemplateColumn& c : facility::template_columns()) {
    csv += (csv.empty() ? "" : ",") + std::string(c.heading.zh);
  }
  csv += "\r\n";
  for (const std::string& row : rows) csv += row + "\r\n";
  return csv;
}

// 单位代码,设施类型,名称,总建筑面积,居民活动区域面积,办公区域面积,商业和服务区域面积,占地面积,
// 周一..周日,服务项目,纬度,经度,状态,启用日期,停用日期
const std::string kGoodRow =
    "620102001001,社区综合服务设施,畅家巷社区党群服务中心,620.5,420,90,60,,"
    "\"08:00-12:00, 14:00-18:00\",08:00-18:00,08:00-18:00,08:00-18:00,08:00-18:00,"
    "09:00-17:00,09:00-17:00,老年助餐、志愿服务站点,36.0612,103.8343,运营,2019-06-01,";
const std::string kClinicRow =
    "620102001002,clinic,酒泉路社区卫生服务站,180,0,40,0,,08:00-20:00,08:00-20:00,08:00-20:00,"
    "08:00-20:00,08:00-20:00,08:00-20:00,08:00-20:00,卫生健康,,,在建,,";

// A shelter's capacity is the template's last column, added after templates were handed out: a
// file on the template before it is still read, and a shelter needs the column filled in.
TEST_P(FacilityApiTest, AShelterCarriesItsCapacityAndOlderTemplatesStillImport) {
  const std::string shelter =
      "620102001001,应急避难场所,畅家巷小学操场,1200,1000,0,0,,00:00-24:00,00:00-24:00,"
      "00:00-24:00,00:00-24:00,00:00-24:00,00:00-24:00,00:00-24:00,,36.0601,103.8351,运营,"
      "2020-05-01,";
  auto& service = services_->service<facility::FacilityService>();
  const auto import = [&](const std::string& csv) {
    auto table = TableReader::open(csv);
    EXPECT_TRUE(table);
    return service.import(services_->operator_actor(), **table);
  };

  const auto without = import(template_csv({shelter}));
  ASSERT_FALSE(without);
  ASSERT_EQ(without.error().details.size(), 1u);
  EXPECT_EQ(without.error().details[0].field, "可容纳人数");
  EXPECT_EQ(without.error().details[0].line, 2);

  const auto with = import(template_csv({shelter + ",800"}));
  ASSERT_TRUE(with) << with.error().details.at(0).reason.en;
  const Json items = as("chengguan")->get("/api/v1/facilities?type=emergency_shelter").json();
  ASSERT_EQ(items["items"].size(), 1u);
  EXPECT_EQ(items["items"][0]["capacity"], 800);

  // The header without 可容纳人数, as templates downloaded before it have it.
  std::string old_header;
  const auto& columns = facility::template_columns();
  for (std::size_t c = 0; c + 1 < columns.size(); ++c) {
    old_header += (old_header.empty() ? "" : ",") + std::string(columns[c].heading.zh);
  }
  const auto old = import(old_header + "\r\n" + kClinicRow + "\r\n");
  ASSERT_TRUE(old) << old.error().details.at(0).reason.en;
  EXPECT_EQ(*old, 1u);
}

TEST_P(FacilityApiTest, AFilledInTemplateIsRegisteredWhole) {
  auto table = TableReader::open(template_csv({kGoodRow, kClinicRow}));
  ASSERT_TRUE(table);
  auto& service = services_->service<facility::FacilityService>();
  const auto imported = service.import(services_->operator_actor(), **table);
  ASSERT_TRUE(imported) << imported.error().details.at(0).reason.en;
  EXPECT_EQ(*imported, 2u);
  auto county = as("chengguan");
  const Json items =
      county->get("/api/v1/facilities?q=%E7%A4%BE%E5%8C%BA").json()["items"];  // 社区
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0]["hours"]["mon"], Json({"08:00-12:00", "14:00-18:00"}));
  EXPECT_EQ(items[0]["services"], Json({"meal_aid", "volunteer_station"}));
  EXPECT_EQ(items[1]["type"], "clinic");
  EXPECT_EQ(items[1]["status"], "building");
  EXPECT_EQ(count("SELECT COUNT(*) FROM facility_change"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'facility.import' AND "
                  "detail = '2 facilities'"),
            1);
}

TEST_P(FacilityApiTest, EveryBadRowIsReportedWithItsLineAndNothingIsWritten) {
  std::string bad_hours = kGoodRow;
  bad_hours.replace(bad_hours.find("09:00-17:00"), 11, "9点到5点");
  std::string bad_area = kClinicRow;
  bad_area.replace(bad_area.find(",180,0,40,"), 10, ",180,200,0,");  // activity above the floor
  std::string unknown_unit = kClinicRow;
  unknown_unit.replace(0, 12, "620999999999");
  auto table =
      TableReader::open(template_csv({kGoodRow, bad_hours, kClinicRow, bad_area, unknown_unit}));
  ASSERT_TRUE(table);
  const auto refused =
      services_->service<facility::FacilityService>().import(services_->operator_actor(), **table);
  ASSERT_FALSE(refused);
  std::vector<std::pair<int64_t, std::string>> where;
  for (const FieldError& e : refused.error().details) where.emplace_back(e.line, e.field);
  EXPECT_EQ(where,
            (std::vector<std::pair<int64_t, std::string>>{{3, "周六"}, {5, "居民活动区域面积"}}))
      << "the unit is checked once the cells are right";
  EXPECT_EQ(count("SELECT COUNT(*) FROM facility"), 0);

  // A row with an unknown kind is still judged on its other cells: all of its problems at once.
  const std::string several =
      "620102001002,不明设施,某设施,-5,0,0,0,,08:00-20:00,08:00-20:00,08:00-20:00,08:00-20:00,"
      "08:00-20:00,08:00-20:00,08:00-20:00,,,,运营,,";
  auto mixed = TableReader::open(template_csv({several}));
  ASSERT_TRUE(mixed);
  const auto all_at_once =
      services_->service<facility::FacilityService>().import(services_->operator_actor(), **mixed);
  ASSERT_FALSE(all_at_once);
  std::set<std::string> fields;
  for (const FieldError& e : all_at_once.error().details) fields.insert(e.field);
  EXPECT_EQ(fields, (std::set<std::string>{"设施类型", "总建筑面积", "启用日期"}));

  auto units = TableReader::open(template_csv({kGoodRow, unknown_unit}));
  ASSERT_TRUE(units);
  const auto unknown =
      services_->service<facility::FacilityService>().import(services_->operator_actor(), **units);
  ASSERT_FALSE(unknown);
  ASSERT_EQ(unknown.error().details.size(), 1u);
  EXPECT_EQ(unknown.error().details[0].line, 3);
  EXPECT_EQ(unknown.error().details[0].field, "单位代码");
  EXPECT_EQ(count("SELECT COUNT(*) FROM facility"), 0);

  auto header = TableReader::open("名称,面积\n畅家巷,100\n");
  ASSERT_TRUE(header);
  const auto wrong =
      services_->service<facility::FacilityService>().import(services_->operator_actor(), **header);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().details.at(0).field, "file");
  EXPECT_EQ(wrong.error().details.at(0).line, 1);
}

TEST_P(FacilityApiTest, AFileUploadedFromTheConsoleIsImportedWithinTheUploadersScope) {
  auto worker = as("changjiaxiang");
  const std::vector<std::pair<std::string, std::string>> csv{{"content-type", "text/csv"}};
  // The sibling community's clinic is not this worker's to register: nothing is written.
  const auto refused = worker->request("POST", "/api/v1/facilities/import",
                                       template_csv({kGoodRow, kClinicRow}), csv);
  ASSERT_EQ(refused.status, 400) << refused.body;
  const Json details = refused.json()["details"];
  ASSERT_EQ(details.size(), 1u) << refused.body;
  EXPECT_EQ(details[0]["field"], "单位代码");
  EXPECT_EQ(details[0]["line"], 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM facility"), 0);

  const auto imported =
      worker->request("POST", "/api/v1/facilities/import", template_csv({kGoodRow}), csv);
  ASSERT_EQ(imported.status, 200) << imported.body;
  EXPECT_EQ(imported.json()["registered"], 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'facility.import' AND "
                  "username = 'changjiaxiang'"),
            1);

  // The file's kind by its Content-Type, its content by what it holds, its size by the route.
  EXPECT_EQ(worker
                ->request("POST", "/api/v1/facilities/import", template_csv({kGoodRow}),
                          {{"content-type", "application/json"}})
                .status,
            415);
  const auto empty = worker->request("POST", "/api/v1/facilities/import", "", csv);
  EXPECT_EQ(empty.status, 400) << empty.body;
  const auto pretend = worker->request(
      "POST", "/api/v1/facilities/import", std::string("PK\x03\x04garbage", 11),
      {{"content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}});
  EXPECT_EQ(pretend.status, 400) << pretend.body;
  // A file over 32 MB is refused as its header arrives, before its bytes are read.
  const auto huge = worker->raw(
      "POST /api/v1/facilities/import HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\n"
      "Content-Length: " +
      std::to_string((32u << 20) + 1) + "\r\n\r\nunit,");
  EXPECT_EQ(huge.status, 413) << huge.body;
  // Bodies larger than a JSON body (1 MB) but within the upload's limit are read whole.
  std::vector<std::string> many(5000, kGoodRow);
  const auto big = worker->request("POST", "/api/v1/facilities/import", template_csv(many), csv);
  EXPECT_EQ(big.status, 200) << big.body.substr(0, 300);
  EXPECT_EQ(big.json()["registered"], 5000);
  EXPECT_EQ(as("wangge1")
                ->request("POST", "/api/v1/facilities/import", template_csv({kGoodRow}), csv)
                .status,
            403);
}

TEST_P(FacilityApiTest, TheTemplateDownloadsAndReadsBack) {
  auto worker = as("changjiaxiang");
  const auto download = worker->get("/api/v1/facilities/import-template.xlsx");
  ASSERT_EQ(download.status, 200) << download.body;
  const auto sheet = read_first_sheet(download.body);
  ASSERT_TRUE(sheet);
  ASSERT_EQ(sheet->size(), 1u);
  EXPECT_EQ((*sheet)[0].front(), "单位代码");
  EXPECT_EQ((*sheet)[0].size(), facility::template_columns().size());
  // The template itself, read by the importer: a header and no facilities.
  auto table = TableReader::open(download.body);
  ASSERT_TRUE(table);
  const auto empty =
      services_->service<facility::FacilityService>().import(services_->operator_actor(), **table);
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().details.at(0).reason.en, "the file holds no facilities");
  EXPECT_EQ(as("wangge1")->get("/api/v1/facilities/import-template.xlsx").status, 403);
}

INSTANTIATE_TEST_SUITE_P(Backends, FacilityApiTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace shequ::testing
