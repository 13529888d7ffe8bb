// Imports of household registers through the API, as a community uses them: the template, a
// register saved by Excel on a Chinese Windows (GB18030), every bad row listed with its line and
// column and nothing written, duplicates named, the whole file refused for what spoils it all,
// scope, and the sealed file dropped once read.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <iconv.h>
#include <xlsxwriter.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "api/resident_ids.hpp"
#include "api/small_stack.hpp"
#include "common/table_reader.hpp"
#include "jobs/job_runner.hpp"
#include "privacy/keyring.hpp"
#include "privacy/validators.hpp"
#include "residents/declaration.hpp"
#include "residents/resident_repository.hpp"

namespace shequ::testing {
namespace {

using Json = nlohmann::json;

constexpr const char* kCommunity = "620102001001";  // 畅家巷社区
constexpr const char* kGrid = "620102001001001";
constexpr const char* kHeader =
    "户编号,网格编码,住址,户类型,经度,纬度,姓名,公民身份号码,与户主关系,联系电话,民族,户籍类型,"
    "迁入日期,人群标签,残疾类别,残疾等级";
const std::vector<std::pair<std::string, std::string>> kCsv{{"content-type", "text/csv"}};

// The same ID number with a wrong check character.
std::string bad_check(const std::string& id) {
  std::string out = id;
  out.back() = out.back() == '0' ? '1' : '0';
  return out;
}

std::string gb18030(const std::string& utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  EXPECT_NE(cd, reinterpret_cast<iconv_t>(-1));
  std::string in = utf8;
  std::string out(utf8.size() * 2 + 16, '\0');
  char* src = in.data();
  char* dst = out.data();
  std::size_t left = in.size();
  std::size_t room = out.size();
  EXPECT_NE(iconv(cd, &src, &left, &dst, &room), static_cast<std::size_t>(-1));
  iconv_close(cd);
  out.resize(out.size() - room);
  return out;
}

std::string csv(const std::vector<std::string>& rows) {
  std::string out = std::string(kHeader) + "\r\n";
  for (const std::string& row : rows) out += row + "\r\n";
  return out;
}

// Two households of 第一网格: an old woman living alone with a disability; a couple and their
// left-behind grandchild, the household's cells on its first row only.
std::vector<std::string> good_rows() {
  return {
      fmt::format("1,{},畅家巷3号楼1单元201室,家庭户,103.8336,36.0609,马秀英,{},户主,13993100101,"
                  "回族,户籍人口,1990-05-01,特困老人、独居老人,肢体残疾,二级",
                  kGrid, id_number("19410312", 502)),
      fmt::format("2,{},畅家巷5号楼2单元402室,家庭户,,,王建国,{},户主,13993100102,汉族,户籍,"
                  "2001-03-15,空巢老人,,",
                  kGrid, id_number("19480705", 511)),
      fmt::format("2,,,,,,李桂兰,{},配偶,,汉族,户籍人口,2001-03-15,,,", id_number("19500118", 522)),
      fmt::format("2,,,,,,王子涵,{},孙子女,,汉族,常住,2016-08-01,留守儿童,,",
                  id_number("20130601", 532)),
  };
}

class ResidentsImportApiTest : public SmallStackTest {
 protected:
  // The import once its job has ended.
  Json finished(HttpClient& client, const HttpResult& accepted) {
    EXPECT_EQ(accepted.status, 202) << accepted.body;
    if (accepted.status != 202) return Json::object();
    const std::string path =
        "/api/v1/residents/imports/" + std::to_string(accepted.json()["id"].get<int64_t>());
    Json shown;
    for (int i = 0; i < 1500; ++i) {
      shown = client.get(path).json();
      if (shown["state"] != "queued" && shown["state"] != "running") return shown;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ADD_FAILURE() << "the import did not end: " << shown.dump();
    return shown;
  }
  HttpResult upload(HttpClient& client, const std::string& file,
                    const std::string& unit = kCommunity,
                    const std::vector<std::pair<std::string, std::string>>& headers = kCsv) {
    return client.request(
        "POST", "/api/v1/residents/imports?unit=" + unit + "&fileName=register.csv", file, headers);
  }
  int64_t people() { return count("SELECT COUNT(*) FROM resident_person"); }
  int64_t households() { return count("SELECT COUNT(*) FROM resident_household"); }
};

TEST_P(ResidentsImportApiTest, ARegisterSavedByChineseExcelIsImportedWhole) {
  auto community = as("changjiaxiang");
  const int64_t people_before = people();
  const int64_t households_before = households();
  const auto accepted = upload(*community, gb18030(csv(good_rows())));
  ASSERT_EQ(accepted.status, 202) << accepted.body;
  EXPECT_EQ(accepted.json()["state"], "queued");
  EXPECT_EQ(accepted.json()["fileName"], "register.csv");
  EXPECT_EQ(accepted.json()["unit"]["code"], kCommunity);
  const Json done = finished(*community, accepted);
  ASSERT_EQ(done["state"], "imported") << done.dump();
  EXPECT_EQ(done["households"], 2);
  EXPECT_EQ(done["persons"], 4);
  EXPECT_EQ(done["progress"], 1.0);
  EXPECT_EQ(people(), people_before + 4);
  EXPECT_EQ(households(), households_before + 2);

  // Each person as if registered by hand: masked, sex and birth from the number, tags, relation.
  const auto found = community->send_json("POST", "/api/v1/residents/persons/search",
                                          Json{{"idNumber", id_number("19410312", 502)}}.dump());
  ASSERT_EQ(found.json()["items"].size(), 1u) << found.body;
  const Json person = found.json()["items"][0];
  EXPECT_EQ(person["name"], "马*英");
  EXPECT_EQ(person["sex"], "female");
  EXPECT_EQ(person["birthDate"], "1941-03-12");
  EXPECT_EQ(person["relation"], "head");
  EXPECT_EQ(person["registration"], "registered");
  std::set<std::string> tags;
  for (const Json& t : person["tags"])
    tags.insert(t["key"].get<std::string>() + "/" + t["detail"].get<std::string>());
  EXPECT_EQ(tags, (std::set<std::string>{"special_hardship_elderly/", "living_alone/",
                                         "disability/physical:2"}));
  const auto household = community->get("/api/v1/residents/households/" +
                                        std::to_string(person["householdId"].get<int64_t>()));
  EXPECT_EQ(household.json()["household"]["grid"]["code"], kGrid);
  const auto grandchild =
      community->send_json("POST", "/api/v1/residents/persons/search",
                           Json{{"idNumber", id_number("20130601", 532)}}.dump());
  ASSERT_EQ(grandchild.json()["items"].size(), 1u);
  EXPECT_EQ(grandchild.json()["items"][0]["relation"], "grandchild");
  EXPECT_EQ(grandchild.json()["items"][0]["registration"], "resident");

  // The upload and its outcome are audited in the worker's name; the file is dropped once read.
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'residents.import.submit' AND "
                  "username = 'changjiaxiang'"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'residents.import' AND username "
                  "= 'changjiaxiang' AND result = 'success'"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM resident_import WHERE file_sealed IS NOT NULL"), 0);
  // Nothing of the register in clear in the database file, the upload included.
  for (const std::string& found :
       files_holding({"马秀英", id_number("19410312", 502), "13993100101", "畅家巷3号楼",
                      gb18030("马秀英"), gb18030("畅家巷3号楼")})) {
    ADD_FAILURE() << found;
  }
  // Listed for the community, without the problems.
  const auto listed = community->get(std::string("/api/v1/residents/imports?unit=") + kCommunity);
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(listed.json()["total"], 1);
  EXPECT_EQ(listed.json()["items"][0]["state"], "imported");
  EXPECT_EQ(listed.json()["items"][0]["createdByName"], "changjiaxiang");

  // The same file again: every person is registered already, named by where; nothing written.
  const Json again = finished(*community, upload(*community, csv(good_rows())));
  ASSERT_EQ(again["state"], "refused") << again.dump();
  EXPECT_EQ(again["problemCount"], 4);
  EXPECT_EQ(again["problems"][0]["field"], "公民身份号码");
  EXPECT_EQ(again["problems"][0]["line"], 2);
  EXPECT_EQ(again["problems"][0]["reason"], "该公民身份号码已登记在畅家巷社区居委会");
  EXPECT_EQ(people(), people_before + 4);
}

// One defect per case, on a copy of the good register: the file is refused, the problem named by
// its line and column, and nothing written.
TEST_P(ResidentsImportApiTest, EveryBadRowIsNamedAndNothingIsWritten) {
  struct Case {
    const char* what;
    std::function<void(std::vector<std::string>&)> spoil;
    int64_t line;
    const char* field;
    const char* reason_part;
  };
  const auto replace = [](std::string& row, const std::string& from, const std::string& to) {
    const auto at = row.find(from);
    ASSERT_NE(at, std::string::npos) << from << " in " << row;
    row.replace(at, from.size(), to);
  };
  const std::string first_id = id_number("19410312", 502);
  const std::string spouse_id = id_number("19500118", 522);
  const std::vector<Case> cases{
      {"a wrong check character",
       [&](auto& rows) { replace(rows[0], first_id, bad_check(first_id)); }, 2, "公民身份号码",
       "校验"},
      {"a birth date in the future",
       [&](auto& rows) { replace(rows[0], first_id, id_number("20300101", 502)); }, 2,
       "公民身份号码", "出生"},
      {"a region code not of China",
       [&](auto& rows) {
         const std::string foreign17 = "990000194103125" + std::string("02");
         replace(rows[0], first_id, foreign17 + privacy::resident_id_check_character(foreign17));
       },
       2, "公民身份号码", "行政区划"},
      {"an ID number typed into a number cell",
       [&](auto& rows) { replace(rows[0], first_id, "6.20102194103125E+17"); }, 2, "公民身份号码",
       "Excel"},
      {"a mobile number of 10 digits",
       [&](auto& rows) { replace(rows[0], "13993100101", "1399310010"); }, 2, "联系电话", ""},
      {"moved in before birth", [&](auto& rows) { replace(rows[3], "2016-08-01", "2010-08-01"); },
       5, "迁入日期", "2013"},
      {"a household with two heads", [&](auto& rows) { replace(rows[2], ",配偶,", ",户主,"); }, 4,
       "与户主关系", "已有户主"},
      {"a household with no head", [&](auto& rows) { replace(rows[1], ",户主,", ",子女,"); }, 3,
       "与户主关系", "没有户主"},
      {"the same ID number in two households",
       [&](auto& rows) { replace(rows[2], spouse_id, first_id); }, 4, "公民身份号码", "与第 2 行"},
      {"a grid of another community",
       [&](auto& rows) { replace(rows[0], kGrid, "620102001002001"); }, 2, "网格编码",
       "不是本次导入单位"},
      {"a household whose rows disagree",
       [&](auto& rows) { replace(rows[2], "2,,,", "2,,畅家巷9号,"); }, 4, "住址", "第 3 行"},
      {"an unknown group", [&](auto& rows) { replace(rows[0], "独居老人", "贫困户"); }, 2,
       "人群标签", "特困老人"},
      {"a disability without its grade",
       [&](auto& rows) { replace(rows[0], "肢体残疾,二级", "肢体残疾,"); }, 2, "残疾等级", ""},
      {"a point outside Gansu",
       [&](auto& rows) { replace(rows[0], "103.8336,36.0609", "116.4,39.9"); }, 2, "纬度", "甘肃"},
      {"a date that is not one", [&](auto& rows) { replace(rows[0], "1990-05-01", "1990-13-01"); },
       2, "迁入日期", "日期"},
  };
  auto community = as("changjiaxiang");
  const int64_t before = people();
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    std::vector<std::string> rows = good_rows();
    c.spoil(rows);
    const Json done = finished(*community, upload(*community, csv(rows)));
    ASSERT_EQ(done["state"], "refused") << done.dump();
    bool named = false;
    for (const Json& p : done["problems"]) {
      named = named || (p["line"] == c.line && p["field"] == c.field &&
                        p["reason"].get<std::string>().find(c.reason_part) != std::string::npos);
    }
    EXPECT_TRUE(named) << done["problems"].dump();
    EXPECT_EQ(people(), before) << "nothing half-written";
  }
  // Several bad rows: all of them at once.
  std::vector<std::string> rows = good_rows();
  replace(rows[0], "13993100101", "1399310010");
  replace(rows[3], "2016-08-01", "2010-08-01");
  const Json both = finished(*community, upload(*community, csv(rows)));
  EXPECT_EQ(both["problemCount"], 2) << both.dump();
}

// What spoils the whole file: refused at once when it cannot be read at all or its header is not
// the template's; by the job when it holds merged cells or more rows than one import takes.
TEST_P(ResidentsImportApiTest, AFileThatCannotBeAnImportIsRefusedWhole) {
  auto community = as("changjiaxiang");
  const int64_t before = people();
  const auto unknown = upload(*community, std::string(kHeader) + "\r\n1,\xFF\xFE\xFF,\x80\x80\r\n");
  ASSERT_EQ(unknown.status, 400) << unknown.body;
  EXPECT_EQ(unknown.json()["details"][0]["field"], "file");

  const auto header = upload(*community, "姓名,身份证\r\n张三,1\r\n");
  ASSERT_EQ(header.status, 400) << header.body;
  EXPECT_EQ(header.json()["details"][0]["field"], "file");
  EXPECT_NE(header.json()["details"][0]["reason"].get<std::string>().find("表头"),
            std::string::npos);
  EXPECT_EQ(upload(*community, "").status, 400);

  // A workbook with a merged range below its rows.
  const auto path = std::filesystem::temp_directory_path() /
                    ("shequ-import-" + std::to_string(::getpid()) + ".xlsx");
  lxw_workbook* book = workbook_new(path.c_str());
  lxw_worksheet* sheet = workbook_add_worksheet(book, "居民登记");
  std::istringstream headings(kHeader);
  std::string heading;
  for (lxw_col_t col = 0; std::getline(headings, heading, ','); ++col) {
    worksheet_write_string(sheet, 0, col, heading.c_str(), nullptr);
  }
  worksheet_write_string(sheet, 1, 0, "1", nullptr);
  worksheet_merge_range(sheet, 3, 0, 3, 2, "合并", nullptr);
  ASSERT_EQ(workbook_close(book), LXW_NO_ERROR);
  std::ifstream in(path, std::ios::binary);
  const std::string workbook((std::istreambuf_iterator<char>(in)), {});
  std::filesystem::remove(path);
  const Json merged = finished(
      *community, upload(*community, workbook, kCommunity,
                         {{"content-type",
                           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}}));
  EXPECT_EQ(merged["state"], "refused");
  EXPECT_NE(merged["problems"][0]["reason"].get<std::string>().find("合并单元格"),
            std::string::npos)
      << merged.dump();

  // One row more than an import takes.
  std::string many = std::string(kHeader) + "\r\n";
  for (int i = 0; i <= 100'000; ++i) {
    many += fmt::format("{},{},畅家巷{}号,家庭户,,,张三,{},户主,,汉族,户籍人口,2001-01-01,,,\r\n",
                        i, kGrid, i, id_number("19800101", i % 1000));
  }
  const Json huge = finished(*community, upload(*community, many));
  EXPECT_EQ(huge["state"], "refused");
  EXPECT_NE(huge["problems"][0]["reason"].get<std::string>().find("100000"), std::string::npos)
      << huge["problems"].dump();
  EXPECT_EQ(people(), before);
  EXPECT_EQ(count("SELECT COUNT(*) FROM resident_import WHERE file_sealed IS NOT NULL"), 0);
}

// Registers are kept compressed once uploaded (migration 0028); one uploaded before, kept as it
// came and still waiting for its job when the server was upgraded, is imported all the same.
TEST_P(ResidentsImportApiTest, ARegisterUploadedBeforeRegistersWereKeptCompressedIsImported) {
  auto community = as("changjiaxiang");
  const int64_t before = people();
  const std::string file = csv(good_rows());
  const int64_t user = count("SELECT id FROM app_user WHERE username = 'changjiaxiang'");
  auto& runner = services_->service<jobs::JobRunner>();
  const auto job =
      services_->database().write_value<jobs::Job>([&](storage::Session& s) -> Result<jobs::Job> {
        SHEQU_ASSIGN_OR_RETURN(
            const int64_t file_id,
            residents::repository::insert_import(
                s, {.unit_code = kCommunity,
                    .file_sealed = services_->keyring().seal(file, residents::kImportFileContext),
                    .file_bytes = static_cast<int64_t>(file.size()),
                    .file_deflated = false,
                    .created_at = "2026-11-30T08:00:00Z"}));
        return runner.submit(s, {.kind = std::string(residents::kImportKind),
                                 .unit_code = kCommunity,
                                 .created_by = user,
                                 .created_by_name = "changjiaxiang",
                                 .params = {{"file", file_id},
                                            {"fileName", "register.csv"},
                                            {"sensitive", true},
                                            {"role", "community_worker"},
                                            {"home", kCommunity}}});
      });
  ASSERT_TRUE(job) << job.error().message.en;
  const Json done = finished(*community, HttpResult{202, Json{{"id", job->id}}.dump(), {}});
  ASSERT_EQ(done["state"], "imported") << done.dump();
  EXPECT_EQ(done["persons"], 4);
  EXPECT_EQ(people(), before + 4);
  // And a register uploaded now is stored compressed.
  const Json now = finished(
      *community,
      upload(*community, csv({fmt::format("9,{},畅家巷9号,家庭户,,,张立,{},户主,,汉族,户籍,"
                                          "2001-01-01,,,",
                                          kGrid, id_number("19700101", 541))})));
  EXPECT_EQ(now["state"], "imported") << now.dump();
  EXPECT_EQ(count("SELECT COUNT(*) FROM resident_import WHERE file_deflated = 1"), 1);
}

TEST_P(ResidentsImportApiTest, ImportsStayWithinScope) {
  auto community = as("changjiaxiang");
  // A unit outside the caller's scope does not exist for it.
  EXPECT_EQ(upload(*community, csv(good_rows()), "620102001002").status, 404);
  // A grid worker imports into its own grid only, and only without the sensitive tags.
  auto grid_worker = as("wangge1");
  EXPECT_EQ(upload(*grid_worker, csv(good_rows())).status, 404);
  std::vector<std::string> rows{good_rows()[0]};
  rows[0].replace(rows[0].find("特困老人"), std::string("特困老人").size(), "社区矫正对象");
  const Json sensitive = finished(*grid_worker, upload(*grid_worker, csv(rows), kGrid));
  ASSERT_EQ(sensitive["state"], "refused") << sensitive.dump();
  EXPECT_EQ(sensitive["problems"][0]["field"], "人群标签");
  const Json mine = finished(*grid_worker, upload(*grid_worker, csv({good_rows()[0]}), kGrid));
  EXPECT_EQ(mine["state"], "imported") << mine.dump();
  // The district above sees both; a resident none.
  auto district = as("chengguan");
  const std::string path = "/api/v1/residents/imports/" + std::to_string(mine["id"].get<int64_t>());
  EXPECT_EQ(district->get(path).status, 200);
  const auto listed = district->get("/api/v1/residents/imports");
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(listed.json()["total"], 2);
  EXPECT_EQ(as("jumin1")->get(path).status, 403);
}

TEST_P(ResidentsImportApiTest, TheTemplateHasTheColumnsTheImportReads) {
  auto community = as("changjiaxiang");
  const auto got = community->get("/api/v1/residents/import-template.xlsx");
  ASSERT_EQ(got.status, 200);
  auto table = TableReader::open(got.body);
  ASSERT_TRUE(table) << table.error().message.en;
  auto header = (*table)->next();
  ASSERT_TRUE(header && *header);
  std::string joined;
  for (const std::string& cell : (*header)->cells) joined += (joined.empty() ? "" : ",") + cell;
  EXPECT_EQ(joined, kHeader);
  EXPECT_EQ(as("jumin1")->get("/api/v1/residents/import-template.xlsx").status, 403);
}

INSTANTIATE_TEST_SUITE_P(Backends, ResidentsImportApiTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace shequ::testing
