// The evaluation report through the API, on the hand-made province: the workbook read back by an
// independent reader (openpyxl) holds the analytics' values; the PDF renders (pdftoppm) with
// Chinese text (pdftotext); downloads are audited, scoped and refuse bad years. Both databases.
#include <gtest/gtest.h>

#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "api/hand_made_province.hpp"
#include "support/scratch.hpp"

namespace shequ::testing {
namespace {

// The plan's rows (the report's), which come first in the catalogue.
std::size_t plan_rows() {
  const auto all = indicator::indicators();
  return static_cast<std::size_t>(
      std::count_if(all.begin(), all.end(), [](const auto& i) { return i.in_plan(); }));
}

// A binary PGM (P5) image's dark pixels: how much a page holds.
std::size_t dark_pixels(const std::string& pgm) {
  std::istringstream in(pgm);
  std::string magic;
  int width = 0, height = 0, maximum = 0;
  in >> magic >> width >> height >> maximum;
  in.get();
  if (magic != "P5" || width <= 0 || height <= 0) return 0;
  std::size_t dark = 0;
  for (int i = 0; i < width * height; ++i) {
    const int pixel = in.get();
    if (pixel != EOF && pixel < maximum / 2) ++dark;
  }
  return dark;
}

class ReportApiTest : public HandMadeProvinceTest {};

TEST_P(ReportApiTest, TheWorkbookReadByAnIndependentReaderHoldsTheAnalyticsValues) {
  const auto report =
      official_->get(std::string("/api/v1/reports/evaluation.xlsx?year=2025&unit=") + kLanzhou);
  ASSERT_EQ(report.status, 200) << report.body;
  EXPECT_EQ(report.header("content-type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_NE(report.header("content-disposition").find("evaluation-620100000000-2025.xlsx"),
            std::string::npos);
  EXPECT_NE(report.header("content-disposition").find("filename*=UTF-8''"), std::string::npos);

  const ScratchFolder scratch;
  ASSERT_FALSE(scratch.path().empty());
  const std::string file = scratch.write("report.xlsx", report.body);
  int status = 0;
  const std::string read =
      output_of("/usr/bin/python3 " SHEQU_TEST_SUPPORT_DIR "/xlsx_to_json.py " + file, status);
  ASSERT_EQ(status, 0) << read;
  const Json book = Json::parse(read);
  const Json& sheets = book["sheets"];
  ASSERT_EQ(sheets.size(), 2 + plan_rows()) << "the plan's table, a sheet per row, the surveys";
  EXPECT_EQ(sheets[1 + plan_rows()]["name"], "满意度调查");
  EXPECT_EQ(sheets[0]["name"], "评估总表");

  const auto own = analytics(*official_, std::string("indicators=") + "1,2,3,4,5,6,7,8,9,10,11," +
                                             "12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27," +
                                             "28,29,30&periods=2020,2025&units=" + kLanzhou);
  const auto children = analytics(
      *official_, std::string("indicators=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,") +
                      "18,19,20,21,22,23,24,25,26,27,28,29,30&periods=2025&units=" + kLanzhou +
                      ",CHILDREN");
  // The summary: the title, three lines, the header, then a row per indicator in the plan's order.
  const Json& summary = sheets[0]["rows"];
  EXPECT_EQ(summary[0][0], "兰州市2025年城乡社区服务体系建设规划指标评估报告");
  ASSERT_EQ(summary[3][8], "2025年数值");
  ASSERT_EQ(summary.size(), 4 + plan_rows());
  const std::map<std::string, std::string> status_words{
      {"met", "达标"}, {"on_track", "进展正常"}, {"at_risk", "有风险"}, {"no_data", "无数据"}};
  // A cell against the API's value: both null (no data) or equal to the last bit that matters.
  const auto same = [](const Json& cell, const Json& api) {
    if (api.is_null()) return cell.is_null();
    return cell.is_number() && std::abs(cell.get<double>() - api.get<double>()) < 1e-9;
  };
  int with_data = 0;
  for (std::size_t i = 0; i < plan_rows(); ++i) {
    const Json& row = summary[4 + i];
    const std::string id = row[0].get<std::string>();
    EXPECT_EQ(id, indicator::indicators()[i].id);
    const Json& now = own.at(id + "@" + kLanzhou + "@2025");
    const Json& then = own.at(id + "@" + kLanzhou + "@2020");
    EXPECT_TRUE(same(row[7], then["value"])) << id << ": " << row.dump() << " vs " << then.dump();
    EXPECT_TRUE(same(row[8], now["value"])) << id << ": " << row.dump() << " vs " << now.dump();
    if (!now["value"].is_null()) {
      ++with_data;
      EXPECT_TRUE(same(row[9], now["numerator"])) << id;
      EXPECT_TRUE(same(row[10], now["denominator"])) << id;
    }
    EXPECT_EQ(row[12], status_words.at(now["status"].get<std::string>())) << id;
  }
  EXPECT_GE(with_data, 15) << "the hand-made province has figures for most computed indicators";

  // Each indicator's sheet: its children, with the values the analytics give them.
  for (std::size_t i = 0; i < plan_rows(); ++i) {
    const std::string id(indicator::indicators()[i].id);
    const Json& sheet = sheets[1 + i];
    EXPECT_EQ(sheet["name"], "指标" + id);
    const Json& rows = sheet["rows"];
    std::size_t header = 0;
    while (header < rows.size() && rows[header][0] != "排名") ++header;
    ASSERT_LT(header, rows.size()) << id;
    std::set<std::string> listed;
    for (std::size_t r = header + 1; r < rows.size(); ++r) {
      const std::string unit = rows[r][1].get<std::string>();
      listed.insert(unit);
      const Json& api = children.at(id + "@" + unit + "@2025");
      EXPECT_TRUE(same(rows[r][3], api["value"])) << id << " " << unit;
      EXPECT_EQ(rows[r][0].is_null() ? Json(nullptr) : Json(rows[r][0].get<int>()), api["rank"])
          << id << " " << unit;
    }
    EXPECT_EQ(listed, (std::set<std::string>{kChengguan, kYongdeng})) << id;
  }
}

TEST_P(ReportApiTest, ThePdfRendersItsPagesWithChineseText) {
  const auto report =
      official_->get(std::string("/api/v1/reports/evaluation.pdf?year=2025&unit=") + kLanzhou);
  ASSERT_EQ(report.status, 200) << report.body;
  EXPECT_EQ(report.header("content-type"), "application/pdf");
  ASSERT_TRUE(report.body.starts_with("%PDF-"));

  const ScratchFolder scratch;
  ASSERT_FALSE(scratch.path().empty());
  const std::string file = scratch.write("report.pdf", report.body);
  int status = 0;
  const std::string info = output_of("pdfinfo " + file, status);
  ASSERT_EQ(status, 0) << info;
  EXPECT_NE(info.find("Page size:       841.89 x 595.276 pts (A4)"), std::string::npos) << info;

  // Every page renders, and none is blank.
  output_of("pdftoppm -r 30 -gray " + file + " " + scratch.path() + "/page", status);
  ASSERT_EQ(status, 0);
  int pages = 0;
  for (const auto& entry : std::filesystem::directory_iterator(scratch.path())) {
    if (entry.path().extension() != ".pgm") continue;
    ++pages;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string pgm((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_GT(dark_pixels(pgm), 500u) << entry.path();
  }
  EXPECT_GE(pages, 2) << info;

  // The text is Chinese, set in a font the file carries.
  std::string text = output_of("pdftotext " + file + " -", status);
  ASSERT_EQ(status, 0);
  std::erase(text, ' ');  // how wide a gap is, is the reader's guess
  for (const char* words : {"兰州市2025年城乡社区服务体系建设规划指标评估报告",
                            "农村社区综合服务设施覆盖率", "永登县（620121000000）", "第1页"}) {
    EXPECT_NE(text.find(words), std::string::npos) << words << "\n" << text.substr(0, 2000);
  }
  const std::string fonts = output_of("pdffonts " + file, status);
  EXPECT_NE(fonts.find("Identity-H       yes yes yes"), std::string::npos) << fonts;
}

TEST_P(ReportApiTest, DownloadsAreAuditedScopedAndRefuseYearsOutsideThePlan) {
  for (const char* format : {"xlsx", "pdf"}) {
    const auto report = official_->get(std::string("/api/v1/reports/evaluation.") + format +
                                       "?year=2025&unit=" + kYongdeng);
    EXPECT_EQ(report.status, 200) << report.body;
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'report.evaluation.export' AND "
                  "object_type = 'report' AND object_id = $1 AND result = 'success'",
                  {std::string(kYongdeng)}),
            2);

  // A county's official sees no other county, nor the city above it.
  auto county = as("chengguan");
  for (const char* unit : {kYongdeng, kLanzhou}) {
    const auto refused =
        county->get(std::string("/api/v1/reports/evaluation.xlsx?year=2025&unit=") + unit);
    EXPECT_EQ(refused.status, 404) << unit << ": " << refused.body;
  }
  // A grid worker does not hand in evaluations.
  EXPECT_EQ(as("wangge1")
                ->get(std::string("/api/v1/reports/evaluation.pdf?year=2025&unit=") + kC1)
                .status,
            403);

  // The plan starts in 2020 and the clock says 2026: 2019 and 2027 are no report's year.
  for (const char* year : {"2019", "2027"}) {
    const auto refused = official_->get(std::string("/api/v1/reports/evaluation.xlsx?unit=") +
                                        kLanzhou + "&year=" + year);
    ASSERT_EQ(refused.status, 400) << year << ": " << refused.body;
    EXPECT_EQ(refused.json()["details"][0]["field"], "year") << refused.body;
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'report.evaluation.export'"), 2)
      << "refusals hand out nothing and record no download";

  // The plan's first year is its own baseline.
  const auto before = official_->get(std::string("/api/v1/reports/evaluation.xlsx?unit=") +
                                     kLanzhou + "&year=2020");
  EXPECT_EQ(before.status, 200) << before.body;
}

INSTANTIATE_TEST_SUITE_P(Backends, ReportApiTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace shequ::testing
