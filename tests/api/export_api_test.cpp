// Every list's Excel download (导出 Excel), read back cell by cell: the rows the list shows with
// the same filters and scope, units by name, times in China time, masked phones; refused where
// the list is refused; audited; too long a list refused with what to do.
#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "api/small_stack.hpp"
#include "support/xlsx_reader.hpp"

namespace shequ::testing {
namespace {

using Json = nlohmann::json;
using Sheet = std::vector<std::vector<std::string>>;

constexpr const char* kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

class ExportApiTest : public SmallStackTest {
 protected:
  // Downloads `path` (a list's .xlsx twin) and reads its sheet; fails the test when it is not a
  // workbook.
  static Sheet download(HttpClient& client, const std::string& path) {
    const auto reply = client.get(path);
    EXPECT_EQ(reply.status, 200) << path << ": " << reply.body;
    EXPECT_EQ(reply.header("content-type"), kXlsx) << path;
    EXPECT_NE(reply.header("content-disposition").find("attachment; filename="), std::string::npos);
    auto sheet = read_first_sheet(reply.body);
    EXPECT_TRUE(sheet) << path << " is not a workbook";
    return sheet.value_or(Sheet{});
  }

  static std::string text_of(const Json& value) {
    return value.is_string() ? value.get<std::string>() : value.dump();
  }
};

// Each list, downloaded by someone who may read it: the header, then one row per item in the
// list's order, the first column the item's first field.
TEST_P(ExportApiTest, EveryListDownloadsTheRowsItShows) {
  struct Case {
    const char* user;
    std::string list;     // the list with every row on one page
    std::string xlsx;     // its download
    const char* field;    // an item field
    std::size_t column;   // the column showing it
    const char* heading;  // that column's heading
  };
  const std::vector<Case> cases = {
      {"chengguan", "/api/v1/org/units/620102000000/children?pageSize=200",
       "/api/v1/org/units/620102000000/children.xlsx", "code", 0, "代码"},
      {"changjiaxiang", "/api/v1/org/units/620102001001/grids",
       "/api/v1/org/units/620102001001/grids.xlsx", "code", 0, "网格代码"},
      {"changjiaxiang", "/api/v1/org/units/620102001001/grid-workers",
       "/api/v1/org/units/620102001001/grid-workers.xlsx", "displayName", 1, "姓名"},
      {"chengguan", "/api/v1/users?pageSize=200", "/api/v1/users.xlsx", "username", 0, "用户名"},
      {"audit", "/api/v1/audit?pageSize=200", "/api/v1/audit.xlsx", "username", 2, "用户名"},
      {"admin", "/api/v1/jobs?pageSize=200", "/api/v1/jobs.xlsx", "id", 0, "编号"},
      {"admin", "/api/v1/api-keys", "/api/v1/api-keys.xlsx", "name", 0, "名称"},
  };
  for (const Case& c : cases) {
    auto client = as(c.user);
    const auto list = client->get(c.list);
    ASSERT_EQ(list.status, 200) << c.list << ": " << list.body;
    const Json items = list.json()["items"];
    const Sheet sheet = download(*client, c.xlsx);
    ASSERT_EQ(sheet.size(), items.size() + 1) << c.xlsx;
    ASSERT_GT(sheet[0].size(), c.column) << c.xlsx;
    EXPECT_EQ(sheet[0][c.column], c.heading) << c.xlsx;
    for (std::size_t i = 0; i < items.size(); ++i) {
      ASSERT_GT(sheet[i + 1].size(), c.column) << c.xlsx << " row " << i + 1;
      EXPECT_EQ(sheet[i + 1][c.column], text_of(items[i][c.field])) << c.xlsx << " row " << i + 1;
    }
  }
}

TEST_P(ExportApiTest, TheAccountsDownloadShowsNamesMaskedPhonesAndWords) {
  auto county = as("chengguan");
  const auto created = county->send_json(
      "POST", "/api/v1/users",
      R"({"username":"dianhua","displayName":"畅家巷社区 李华","password":"Export#Shequ2026x",)"
      R"("unitCode":"620102001001","phone":"13812345678"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const Sheet sheet = download(*county, "/api/v1/users.xlsx?unit=620102001001");
  ASSERT_GE(sheet.size(), 3u);
  const std::vector<std::string> header = sheet[0];
  EXPECT_EQ(header, (std::vector<std::string>{"用户名", "姓名", "手机号（已脱敏）", "状态",
                                              "所属单位", "角色", "双因素认证"}));
  std::set<std::string> seen;
  for (std::size_t r = 1; r < sheet.size(); ++r) {
    auto row = sheet[r];
    row.resize(header.size());
    seen.insert(row[0]);
    if (row[0] == "changjiaxiang") {
      EXPECT_EQ(row[1], "畅家巷社区 张丽");
      EXPECT_EQ(row[2], "");  // no phone
      EXPECT_EQ(row[3], "启用");
      EXPECT_EQ(row[4], "兰州市 › 城关区 › 酒泉路街道 › 畅家巷社区居委会");
      EXPECT_EQ(row[5], "村（社区）工作者");
      EXPECT_EQ(row[6], "否");
    }
    if (row[0] == "dianhua") {
      EXPECT_EQ(row[2], "138****5678");  // never the whole number
      EXPECT_EQ(row[5], "");             // no roles yet
    }
  }
  EXPECT_TRUE(seen.contains("changjiaxiang") && seen.contains("dianhua"));
}

TEST_P(ExportApiTest, TimesAreChinaTimeAndActionsTheirLabels) {
  auto auditor = as("audit");
  const Sheet sheet = download(*auditor, "/api/v1/audit.xlsx?action=auth.login");
  ASSERT_GE(sheet.size(), 2u);
  EXPECT_EQ(sheet[0][0], "时间");
  // The clock stands at 2026-11-30 01:00 UTC: 09:00 in China, as an Excel serial day number
  // (days since 1899-12-30).
  using namespace std::chrono;
  const double serial =
      (sys_days{2026y / November / 30} - sys_days{1899y / December / 30}).count() + 9.0 / 24;
  EXPECT_NEAR(std::stod(sheet[1][0]), serial, 1e-6) << sheet[1][0];
  EXPECT_EQ(sheet[1][5], "登录");
  EXPECT_EQ(sheet[1][6], "auth.login");
}

TEST_P(ExportApiTest, ADownloadIsAuditedWithItsFilters) {
  auto county = as("chengguan");
  const Sheet sheet = download(*county, "/api/v1/users.xlsx?unit=620102001001");
  const Json log = as("audit")->get("/api/v1/audit?action=audit.list.export").json();
  ASSERT_EQ(log["items"].size(), 1u) << log.dump();
  const Json& entry = log["items"][0];
  EXPECT_EQ(entry["username"], "chengguan");
  EXPECT_EQ(entry["objectType"], "list");
  EXPECT_EQ(entry["objectId"], "/api/v1/users.xlsx");
  EXPECT_EQ(entry["objectUnit"], "620102001001");
  EXPECT_EQ(entry["detail"], std::to_string(sheet.size() - 1) + " rows; unit=620102001001");
}

TEST_P(ExportApiTest, ADownloadIsRefusedWhereTheListIs) {
  struct Case {
    const char* user;
    std::string path;
    int status;
  };
  const std::vector<Case> cases = {
      {"", "/api/v1/users.xlsx", 401},
      {"wangge1", "/api/v1/users.xlsx", 403},
      {"admin", "/api/v1/audit.xlsx", 403},
      {"changjiaxiang", "/api/v1/org/units/620102000000/children.xlsx", 404},  // its street
      {"changjiaxiang", "/api/v1/org/units/620102001002/grids.xlsx", 404},     // a sibling
      {"audit", "/api/v1/audit.xlsx?from=2026-13-01", 400},
      {"audit", "/api/v1/audit.xlsx?page=2", 400},  // a download is never a page
  };
  for (const Case& c : cases) {
    EXPECT_EQ(as(c.user)->get(c.path).status, c.status) << c.user << " " << c.path;
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'audit.list.export'"), 0);
}

class ShortExportTest : public ExportApiTest {
 protected:
  ShortExportTest() { web_options_.max_export_rows = 3; }
};

TEST_P(ShortExportTest, ATooLongListIsRefusedWithWhatToDo) {
  auto auditor = as("audit");
  const auto reply = auditor->get("/api/v1/audit.xlsx");
  EXPECT_EQ(reply.status, 413) << reply.body;
  EXPECT_EQ(reply.json()["code"], "too_large");
  EXPECT_NE(reply.json()["message"].get<std::string>().find("请缩小查询条件"), std::string::npos)
      << reply.body;
  // Three rows fit.
  const auto grids = as("changjiaxiang")->get("/api/v1/org/units/620102001001/grids.xlsx");
  EXPECT_EQ(grids.status, 200) << grids.body;
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'audit.list.export'"), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, ExportApiTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });
INSTANTIATE_TEST_SUITE_P(Backends, ShortExportTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace shequ::testing
