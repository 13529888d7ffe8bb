// The personal-data scan. Distinctive names, ID numbers, phones and addresses are planted through
// every write path that takes them (by hand, by an import, by a resident, over Open311, refused
// as bad input too), with a visit's note and a second-factor secret besides; then the lists,
// records, searches, downloads, the audit log and the job list are read. No planted value may be
// found in clear in any answer but those of the routes that reveal on purpose
// (http::Route::reveals_personal_data), in any log line, or anywhere in the database: every text
// column of every table, and on SQLite every byte of the file and its write-ahead log. Every
// sealed field a module declares must get a value here: a new one fails the scan until its write
// path joins it. Besides, every route that reads one person's record leaves an audit entry.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <thread>

#include "api/resident_ids.hpp"
#include "api/small_stack.hpp"
#include "kit/registry.hpp"
#include "privacy/validators.hpp"

namespace shequ::testing {
namespace {

using Json = nlohmann::json;

constexpr const char* kCommunity = "620102001001";  // 畅家巷社区
constexpr const char* kGrid = "620102001001001";    // its first grid (wangge1)

// A value planted in a declared sealed field.
struct Planted {
  std::string context;  // the field's keyring context, "resident_person.name"
  std::string value;
  // A visit's note is shown as it is to those who may read visits (each read audited); like
  // every planted value it must never be stored or logged in clear.
  bool shown_to_readers = false;
};

struct Answer {
  std::string method, target;
  HttpResult result;
};

class PersonalDataScanTest : public SmallStackTest {
 protected:
  void SetUp() override {
    // Attached before the server starts, so that no thread logs while the sinks change.
    spdlog::default_logger()->sinks().push_back(log_);
    SmallStackTest::SetUp();
  }
  void TearDown() override {
    SmallStackTest::TearDown();
    spdlog::default_logger()->sinks().pop_back();
  }

  void plant(std::string_view context, const std::string& value, bool shown = false) {
    planted_.push_back({std::string(context), value, shown});
  }

  // Every answer is kept for the scan.
  HttpResult call(HttpClient& client, const std::string& method, const std::string& target,
                  const std::string& body = "",
                  const std::string& content_type = "application/json") {
    HttpResult r = client.request(method, target, body, {{"content-type", content_type}});
    answers_.push_back({method, target, r});
    return r;
  }
  HttpResult get(HttpClient& client, const std::string& target) {
    return call(client, "GET", target);
  }

  // Every (table, column) that may hold text.
  std::vector<std::pair<std::string, std::string>> text_columns() {
    const std::string sql =
        GetParam() == Backend::sqlite
            ? "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p "
              "WHERE m.type = 'table' ORDER BY 1, 2"
            : "SELECT table_name, column_name FROM information_schema.columns "
              "WHERE table_schema = current_schema() AND data_type IN ('text', "
              "'character varying', 'character', 'json', 'jsonb') ORDER BY 1, 2";
    std::vector<std::pair<std::string, std::string>> columns;
    EXPECT_TRUE(services_->database().read([&](storage::Session& s) -> Status {
      SHEQU_ASSIGN_OR_RETURN(auto rows, s.query(sql));
      for (const auto& row : rows) columns.emplace_back(row.text(0), row.text(1));
      return {};
    }));
    return columns;
  }

  // Where the database holds `value` in clear, as "table.column".
  std::vector<std::string> stored_in_clear(const std::vector<Planted>& values) {
    std::vector<std::string> found;
    for (const auto& [table, column] : text_columns()) {
      const std::string sql = fmt::format(R"(SELECT CAST("{}" AS TEXT) FROM "{}")", column, table);
      EXPECT_TRUE(services_->database().read([&](storage::Session& s) -> Status {
        return s.for_each(sql, {}, [&](const storage::Row& row) -> Status {
          if (row.is_null(0)) return {};
          const std::string text = row.text(0);
          for (const Planted& p : values) {
            if (text.find(p.value) != std::string::npos)
              found.push_back(table + "." + column + " holds " + p.value);
          }
          return {};
        });
      })) << table
          << "." << column;
    }
    return found;
  }

  int64_t audit_rows_about(int64_t id) {
    return count("SELECT COUNT(*) FROM audit_log WHERE object_id = $1", {std::to_string(id)});
  }

  // The import once its job has ended.
  Json finished_import(HttpClient& client, int64_t id) {
    const std::string path = "/api/v1/residents/imports/" + std::to_string(id);
    Json shown;
    for (int i = 0; i < 1500; ++i) {
      shown = get(client, path).json();
      if (shown["state"] != "queued" && shown["state"] != "running") return shown;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ADD_FAILURE() << "the import did not end: " << shown.dump();
    return shown;
  }

  std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> log_ =
      std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(200000);
  std::vector<Planted> planted_;
  std::vector<Answer> answers_;
};

TEST_P(PersonalDataScanTest, NothingPlantedIsFoundInClearOutsideAReveal) {
  auto community = as("changjiaxiang");
  auto worker = as("wangge1");
  auto county = as("chengguan");
  auto province = as("admin");
  auto resident = as("jumin1");

  // Residents by hand: two households, a person registered, corrected and moved, visited.
  const std::string first_address = "扫描路甲1号院7单元702室";
  const std::string second_address = "扫描路乙2号院8单元801室";
  std::vector<int64_t> homes;
  for (const std::string& address : {first_address, second_address}) {
    plant("resident_household.address", address);
    const auto made =
        call(*community, "POST", "/api/v1/residents/households",
             Json{{"gridCode", kGrid}, {"address", address}, {"lat", 36.0612}, {"lon", 103.8343}}
                 .dump());
    ASSERT_EQ(made.status, 201) << made.body;
    homes.push_back(made.json()["id"].get<int64_t>());
  }
  const std::string name = "扫秘密", id = id_number("19400101", 901), phone = "13993199901";
  plant("resident_person.name", name);
  plant("resident_person.id_number", id);
  plant("resident_person.phone", phone);
  const Json person_body{{"householdId", homes[0]},
                         {"relation", "head"},
                         {"name", name},
                         {"idNumber", id},
                         {"phone", phone},
                         {"ethnicity", "回族"},
                         {"movedIn", "2018-05-01"},
                         {"tags", Json::array({{{"key", "special_hardship_elderly"}}})}};
  // Refused first, with a wrong check character and a 10-digit phone: the refusal names the
  // fields, never their values.
  const std::string bad_id = id.substr(0, 17) + (id.back() == '0' ? "1" : "0");
  plant("resident_person.id_number", bad_id);
  plant("resident_person.phone", "1399319990");
  Json bad = person_body;
  bad["idNumber"] = bad_id;
  bad["phone"] = "1399319990";
  EXPECT_EQ(call(*community, "POST", "/api/v1/residents/persons", bad.dump()).status, 400);
  const auto registered = call(*community, "POST", "/api/v1/residents/persons", person_body.dump());
  ASSERT_EQ(registered.status, 201) << registered.body;
  const int64_t person = registered.json()["person"]["id"].get<int64_t>();
  const std::string at = "/api/v1/residents/persons/" + std::to_string(person);
  // The same ID number again is refused, naming where the person is registered.
  EXPECT_EQ(call(*community, "POST", "/api/v1/residents/persons", person_body.dump()).status, 400);
  const std::string corrected_name = "扫更正", corrected_phone = "13993199902";
  plant("resident_person.name", corrected_name);
  plant("resident_person.phone", corrected_phone);
  ASSERT_EQ(call(*community, "PATCH", at,
                 Json{{"version", 1}, {"name", corrected_name}, {"phone", corrected_phone}}.dump())
                .status,
            200);
  ASSERT_EQ(call(*community, "POST", at + "/move",
                 Json{{"version", 2}, {"householdId", homes[1]}, {"date", "2024-03-01"}}.dump())
                .status,
            200);
  const std::string note = "扫描走访备注：独居无人照料";
  plant("resident_visit.note", note, true);
  const Json visit{{"key", "scan-0001"},     {"visitedOn", "2026-11-20"},
                   {"met", "person"},        {"health", "fair"},
                   {"living", "poor"},       {"safety", "none"},
                   {"needs", {"meals"}},     {"note", note},
                   {"refer", "subsistence"}, {"referReason", "收入骤降"}};
  ASSERT_EQ(call(*worker, "POST", at + "/visits", visit.dump()).status, 201);
  EXPECT_EQ(call(*worker, "POST", at + "/visits", visit.dump()).status, 200) << "a replay";

  // Residents by import: a register whose cells are planted.
  const std::string imported_address = "扫描路丙3号院9单元903室", imported_name = "扫导入",
                    imported_id = id_number("19450202", 902), imported_phone = "13993199903";
  plant("resident_household.address", imported_address);
  plant("resident_person.name", imported_name);
  plant("resident_person.id_number", imported_id);
  plant("resident_person.phone", imported_phone);
  const std::string header =
      "户编号,网格编码,住址,户类型,经度,纬度,姓名,公民身份号码,与户主关系,联系电话,民族,户籍类型,"
      "迁入日期,人群标签,残疾类别,残疾等级\r\n";
  const std::string row =
      fmt::format("1,{},{},家庭户,,,{},{},户主,{},汉族,户籍,2001-03-15,独居老人,,\r\n", kGrid,
                  imported_address, imported_name, imported_id, imported_phone);
  plant("resident_import.file", header + row);
  const auto uploaded =
      call(*community, "POST",
           std::string("/api/v1/residents/imports?unit=") + kCommunity + "&fileName=register.csv",
           header + row, "text/csv");
  ASSERT_EQ(uploaded.status, 202) << uploaded.body;
  const int64_t import_id = uploaded.json()["id"].get<int64_t>();
  EXPECT_EQ(finished_import(*community, import_id)["state"], "imported");
  // The same register again is refused: its problems name lines and columns, not the cells.
  const auto again =
      call(*community, "POST",
           std::string("/api/v1/residents/imports?unit=") + kCommunity + "&fileName=register.csv",
           header + row, "text/csv");
  ASSERT_EQ(again.status, 202) << again.body;
  EXPECT_EQ(finished_import(*community, again.json()["id"].get<int64_t>())["state"], "refused");

  // Requests (诉求) with a contact: taken on the hotline, sent by a resident, sent over Open311.
  const Json hotline{{"categoryCode", "municipal.streetlight"},
                     {"unitCode", kCommunity},
                     {"description", "3号楼前的路灯不亮"},
                     {"address", "畅家巷12号"},
                     {"channel", "hotline"},
                     {"contactName", "扫热线"},
                     {"contactPhone", "13993199904"}};
  plant("request_case.contact_name", "扫热线");
  plant("request_case.contact_phone", "13993199904");
  const auto taken = call(*county, "POST", "/api/v1/requests", hotline.dump());
  ASSERT_EQ(taken.status, 201) << taken.body;
  const int64_t request_id = taken.json()["case"]["id"].get<int64_t>();
  Json mine = hotline;
  mine.erase("channel");
  mine.erase("unitCode");
  mine["contactName"] = "扫居民";
  mine["contactPhone"] = "13993199905";
  plant("request_case.contact_name", "扫居民");
  plant("request_case.contact_phone", "13993199905");
  const auto sent = call(*resident, "POST", "/api/v1/requests/mine", mine.dump());
  ASSERT_EQ(sent.status, 201) << sent.body;
  const int64_t my_request = sent.json()["case"]["id"].get<int64_t>();
  std::vector<std::string> client_permissions;
  for (std::string_view p : services_->registry().client_key_permissions())
    client_permissions.emplace_back(p);
  auto key = services_->auth().api_keys().create_as_operator("12345 热线平台", kCommunity,
                                                             client_permissions);
  ASSERT_TRUE(key) << key.error().message.en;
  plant("request_case.contact_name", "扫开放");
  plant("request_case.contact_phone", "13993199906");
  plant("request_case.contact_phone", "scan-open311@example.cn");  // an e-mail is not kept at all
  auto anonymous = as("");
  const auto open311 = call(
      *anonymous, "POST", "/open311/v2/requests.json",
      "api_key=" + key->second +
          "&service_code=municipal.streetlight&address_string=%E7%95%85%E5%AE%B6%E5%B7%B712%E5%8F%"
          "B7&description=%E8%B7%AF%E7%81%AF%E4%B8%8D%E4%BA%AE&last_name=%E6%89%AB&first_name=%E5%"
          "BC%80%E6%94%BE&phone=13993199906&email=scan-open311%40example.cn",
      "application/x-www-form-urlencoded");
  ASSERT_EQ(open311.status, 201) << open311.body;

  // Accounts: a phone given at creation (it is not changed afterwards); a second factor set up.
  plant("app_user.phone", "13993199907");
  const auto created = call(*province, "POST", "/api/v1/users",
                            R"({"username":"saomiao","displayName":"扫描账号",)"
                            R"("password":"Scan#Shequ2026x","unitCode":"620102001001",)"
                            R"("phone":"13993199907"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const int64_t user = created.json()["id"].get<int64_t>();
  auto scanner = as("saomiao", "Scan#Shequ2026x");
  const auto totp = call(*scanner, "POST", "/api/v1/auth/totp/setup");
  ASSERT_EQ(totp.status, 200) << totp.body;
  plant("app_user.totp", totp.json()["secret"].get<std::string>());

  // Volunteers: a resident applies from their phone; the community registers someone without one.
  plant("volunteer.name", "扫志愿");
  plant("volunteer.phone", "13993199908");
  const auto applied = call(*as("jumin1"), "POST", "/api/v1/volunteer/me",
                            R"({"name":"扫志愿","phone":"13993199908","skills":"陪护"})");
  ASSERT_EQ(applied.status, 201) << applied.body;
  plant("volunteer.name", "扫登记");
  plant("volunteer.phone", "13993199909");
  const auto without_phone =
      call(*community, "POST", "/api/v1/volunteer/volunteers",
           R"({"unit":"620102001001","name":"扫登记","phone":"13993199909"})");
  ASSERT_EQ(without_phone.status, 201) << without_phone.body;
  // A volunteer team of the community with its contact person.
  plant("volunteer_organisation.contact_name", "扫联系人");
  plant("volunteer_organisation.contact_phone", "13993199910");
  const auto team = call(*community, "POST", "/api/v1/volunteer/organisations",
                         R"({"name":"扫描服务队","kind":"volunteer_team","area":"620102001001",)"
                         R"("contactName":"扫联系人","contactPhone":"13993199910"})");
  ASSERT_EQ(team.status, 201) << team.body;

  // A community worker on the county's roster, their phone changed, a course and a class list
  // that names them.
  const std::string worker_id_number = id_number("19750505", 777);
  plant("workforce_worker.name", "扫工作者");
  plant("workforce_worker.phone", "13993199911");
  plant("workforce_worker.id_number", worker_id_number);
  const auto on_roster = call(*county, "POST", "/api/v1/workforce/workers",
                              Json{{"unit", "620102001001"},
                                   {"name", "扫工作者"},
                                   {"phone", "13993199911"},
                                   {"idNumber", worker_id_number},
                                   {"position", "grid_worker"},
                                   {"startedOn", "2025-01-01"}}
                                  .dump());
  ASSERT_EQ(on_roster.status, 201) << on_roster.body;
  const std::string worker_path =
      "/api/v1/workforce/workers/" + std::to_string(on_roster.json()["id"].get<int64_t>());
  plant("workforce_worker.phone", "13993199912");
  ASSERT_EQ(call(*county, "PUT", worker_path,
                 R"({"phone":"13993199912","qualification":"none","socialService":true,)"
                 R"("version":1})")
                .status,
            200);
  const auto course = call(*county, "POST", "/api/v1/workforce/courses",
                           R"({"organiser":"620102000000","title":"扫描培训","level":"county",)"
                           R"("form":"online","hours":8,"startsOn":"2026-01-05",)"
                           R"("endsOn":"2026-01-06"})");
  ASSERT_EQ(course.status, 201) << course.body;
  const std::string course_path =
      "/api/v1/workforce/courses/" + std::to_string(course.json()["id"].get<int64_t>());
  // A class list with the name misspelt is refused, its line named and nothing echoed; then kept.
  for (const auto& [name, status] : {std::pair{"扫工作着", 400}, std::pair{"扫工作者", 200}}) {
    const auto imported = county->request(
        "POST", course_path + "/attendance/import",
        fmt::format("身份证号,姓名,结业日期,学时\n{},{},2026-01-06,\n", worker_id_number, name),
        {{"content-type", "text/csv"}});
    EXPECT_EQ(imported.status, status) << imported.body;
  }

  // A donation to the community's charity fund, its donor shown to the public under another
  // name; a comment on a published project that tries to carry a phone is refused.
  plant("charity_entry.donor", "扫捐赠");
  plant("charity_entry.donor_phone", "13993199913");
  const auto donation = call(*community, "POST", "/api/v1/charity/entries",
                             R"({"unit":"620102001001","direction":"income","form":"money",)"
                             R"("amountFen":10000,"donorName":"扫捐赠","donorPhone":"13993199913",)"
                             R"("donorPublic":"爱心人士","occurredOn":"2026-11-29"})");
  ASSERT_EQ(donation.status, 201) << donation.body;
  const auto project =
      call(*community, "POST", "/api/v1/lists/projects",
           R"({"unit":"620102001001","title":"扫描项目","category":"other",)"
           R"("fundingSource":"fiscal","startOn":"2026-11-01","endOn":"2026-12-31"})");
  ASSERT_EQ(project.status, 201) << project.body;
  const std::string project_path =
      "/api/v1/lists/projects/" + std::to_string(project.json()["id"].get<int64_t>());
  ASSERT_EQ(call(*community, "POST", project_path + "/publish", R"({"version":1,"published":true})")
                .status,
            200);
  EXPECT_EQ(call(*as("jumin1"), "POST", project_path + "/comments",
                 R"({"body":"请打 13993199913 联系我"})")
                .status,
            400);

  // Every sealed field a module declares got a value.
  for (const kit::SealedField* field : services_->registry().sealed_fields()) {
    EXPECT_TRUE(std::ranges::any_of(planted_,
                                    [&](const Planted& p) { return p.context == field->context; }))
        << "nothing planted in " << field->context << ": add its write paths to this scan";
  }

  // What the planted values are read through: lists, records, searches, downloads, the audit
  // log, jobs, to-dos.
  const std::string household = "/api/v1/residents/households/" + std::to_string(homes[1]);
  for (const std::string& target :
       {std::string("/api/v1/residents/persons"),
        std::string("/api/v1/residents/persons?tag=") + "special_hardship_elderly",
        std::string("/api/v1/residents/persons?includeMovedOut=true"), at, at + "/visits",
        std::string("/api/v1/residents/households"), household,
        std::string("/api/v1/residents/persons.xlsx"),
        std::string("/api/v1/residents/households.xlsx"),
        std::string("/api/v1/residents/visits/overdue"), std::string("/api/v1/residents/referrals"),
        std::string("/api/v1/residents/imports"),
        "/api/v1/residents/imports/" + std::to_string(import_id),
        std::string("/api/v1/workbench/todos")}) {
    EXPECT_EQ(get(*community, target).status, 200) << target;
  }
  for (const Json& search : {Json{{"idNumber", id}}, Json{{"phone", corrected_phone}}}) {
    EXPECT_EQ(call(*community, "POST", "/api/v1/residents/persons/search", search.dump()).status,
              200)
        << search;
  }
  for (const std::string& target :
       {"/api/v1/requests/" + std::to_string(request_id), std::string("/api/v1/requests"),
        std::string("/api/v1/users?pageSize=200"), "/api/v1/users/" + std::to_string(user),
        std::string("/api/v1/users.xlsx")}) {
    EXPECT_EQ(get(*county, target).status, 200) << target;
  }
  for (const std::string& target :
       {std::string("/api/v1/volunteer/volunteers"),
        "/api/v1/volunteer/volunteers/" +
            std::to_string(without_phone.json()["id"].get<int64_t>()) + "/hours",
        std::string("/api/v1/volunteer/organisations"),
        "/api/v1/volunteer/organisations/" + std::to_string(team.json()["id"].get<int64_t>())}) {
    EXPECT_EQ(get(*community, target).status, 200) << target;
  }
  EXPECT_EQ(get(*as("jumin1"), "/api/v1/volunteer/me").status, 200);
  for (const std::string& target :
       {std::string("/api/v1/workforce/workers"), worker_path,
        std::string("/api/v1/workforce/training-needs?year=2026"), course_path}) {
    EXPECT_EQ(get(*county, target).status, 200) << target;
  }
  EXPECT_EQ(call(*county, "POST", "/api/v1/workforce/workers/search",
                 Json{{"idNumber", worker_id_number}}.dump())
                .status,
            200);
  for (const std::string& target :
       {std::string("/api/v1/charity/entries"), std::string("/api/v1/charity/entries.xlsx"),
        std::string("/api/v1/charity/funds/620102001001"),
        "/api/v1/charity/entries/" + std::to_string(donation.json()["id"].get<int64_t>()),
        project_path, std::string("/api/v1/lists/comments")}) {
    EXPECT_EQ(get(*community, target).status, 200) << target;
  }
  for (const std::string& target :
       {std::string("/api/v1/public/charity/funds?unit=620102000000"),
        std::string("/api/v1/public/charity/funds/620102001001"),
        std::string("/api/v1/public/projects?unit=620102001001001"),
        "/api/v1/public/projects/" + std::to_string(project.json()["id"].get<int64_t>())}) {
    EXPECT_EQ(get(*anonymous, target).status, 200) << target;
  }
  for (const std::string target : {"/api/v1/jobs?pageSize=200", "/api/v1/jobs.xlsx"})
    EXPECT_EQ(get(*province, target).status, 200) << target;
  auto auditor = as("audit");
  for (const std::string target : {"/api/v1/audit?pageSize=200", "/api/v1/audit.xlsx"})
    EXPECT_EQ(get(*auditor, target).status, 200) << target;
  EXPECT_EQ(
      call(*county, "POST", "/api/v1/users/search", R"({"phone":"13993199907","pageSize":200})")
          .status,
      200);
  for (const std::string& target :
       {std::string("/api/v1/requests/mine"), "/api/v1/requests/mine/" + std::to_string(my_request),
        std::string("/api/v1/auth/me")}) {
    EXPECT_EQ(get(*resident, target).status, 200) << target;
  }
  EXPECT_EQ(get(*anonymous, "/open311/v2/requests.json?api_key=" + key->second).status, 200);
  // The reveals, which answer in clear on purpose.
  EXPECT_EQ(call(*community, "POST", at + "/reveal",
                 Json{{"field", "idNumber"}, {"reason", "办理高龄津贴"}}.dump())
                .status,
            200);
  EXPECT_EQ(
      call(*community, "POST", at + "/export", Json{{"reason", "本人申请查阅"}}.dump()).status,
      200);
  EXPECT_EQ(call(*province, "POST", "/api/v1/users/" + std::to_string(user) + "/unmask",
                 R"({"field":"phone","reason":"核实身份"})")
                .status,
            200);
  EXPECT_EQ(call(*community, "POST",
                 "/api/v1/charity/entries/" + std::to_string(donation.json()["id"].get<int64_t>()) +
                     "/donor",
                 R"({"reason":"开具捐赠票据"})")
                .status,
            200);

  // Downloads are read as the cells they show.
  const auto users = std::ranges::find_if(
      answers_, [](const Answer& a) { return a.target == "/api/v1/users.xlsx"; });
  ASSERT_NE(users, answers_.end());
  EXPECT_NE(users->result.shown_text().find("saomiao"), std::string::npos);
  const auto people = std::ranges::find_if(
      answers_, [](const Answer& a) { return a.target == "/api/v1/residents/persons.xlsx"; });
  ASSERT_NE(people, answers_.end());
  EXPECT_NE(people->result.shown_text().find("扫*正"), std::string::npos) << "masked, listed";
  // No answer but a reveal holds a planted value in clear.
  int revealed = 0;
  for (const Answer& a : answers_) {
    const auto match = web_->router().match(a.method, a.target.substr(0, a.target.find('?')));
    ASSERT_NE(match.route, nullptr) << a.method << " " << a.target;
    if (match.route->reveals_personal_data) {
      ++revealed;
      continue;
    }
    const std::string text = a.result.shown_text();
    for (const Planted& p : planted_) {
      if (p.shown_to_readers) continue;
      EXPECT_EQ(text.find(p.value), std::string::npos)
          << a.method << " " << a.target << " answered " << p.value << " in clear";
    }
  }
  EXPECT_EQ(revealed, 5);
  // No log line holds one.
  const auto lines = log_->last_formatted();
  EXPECT_GT(lines.size(), answers_.size()) << "the access log is on";
  for (const std::string& line : lines) {
    for (const Planted& p : planted_) {
      EXPECT_EQ(line.find(p.value), std::string::npos) << "logged in clear: " << line;
    }
  }
  // Nor does the database.
  for (const std::string& found : stored_in_clear(planted_)) ADD_FAILURE() << found;
  std::vector<std::string> values;
  for (const Planted& p : planted_) values.push_back(p.value);
  for (const std::string& found : files_holding(values)) ADD_FAILURE() << found;
}

// Every route that reads one person's record, or a household with its members, leaves an audit
// entry naming what it read; the routes are taken from the route table, so a new one joins.
TEST_P(PersonalDataScanTest, EveryReadOfAPersonIsAudited) {
  auto community = as("changjiaxiang");
  const auto made =
      community->send_json("POST", "/api/v1/residents/households",
                           Json{{"gridCode", kGrid}, {"address", "扫描路丁4号"}}.dump());
  ASSERT_EQ(made.status, 201) << made.body;
  const int64_t household = made.json()["id"].get<int64_t>();
  const auto registered = community->send_json("POST", "/api/v1/residents/persons",
                                               Json{{"householdId", household},
                                                    {"relation", "head"},
                                                    {"name", "扫审计"},
                                                    {"idNumber", id_number("19400303", 903)},
                                                    {"ethnicity", "汉族"},
                                                    {"movedIn", "2018-05-01"}}
                                                   .dump());
  ASSERT_EQ(registered.status, 201) << registered.body;
  const int64_t person = registered.json()["person"]["id"].get<int64_t>();

  int reads = 0;
  for (const http::Route& route : web_->router().routes()) {
    const bool of_a_person = route.pattern.starts_with("/api/v1/residents/persons/{id}");
    const bool of_a_household = route.pattern == "/api/v1/residents/households/{id}";
    if (!(of_a_person || of_a_household)) continue;
    if (route.method != "GET" && !route.reveals_personal_data) continue;  // writes, audited apart
    const int64_t object = of_a_person ? person : household;
    std::string target = route.pattern;
    target.replace(target.find("{id}"), 4, std::to_string(object));
    const std::string body = route.method == "GET" ? ""
                             : route.pattern.ends_with("/reveal")
                                 ? R"({"field":"name","reason":"核对身份"})"
                                 : R"({"reason":"本人申请查阅"})";
    const int64_t before = audit_rows_about(object);
    const auto r =
        community->request(route.method, target, body, {{"content-type", "application/json"}});
    ASSERT_EQ(r.status, 200) << route.method << " " << target << ": " << r.body;
    EXPECT_EQ(audit_rows_about(object), before + 1)
        << route.method << " " << route.pattern << " reads a person without an audit entry";
    ++reads;
  }
  EXPECT_GE(reads, 5) << "the record, its visits, the household, a reveal, an export";
}

INSTANTIATE_TEST_SUITE_P(Backends, PersonalDataScanTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace shequ::testing
