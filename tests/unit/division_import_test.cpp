// Bad division files: every bad row is reported with its line and field; nothing else passes.
#include <gtest/gtest.h>

#include <sstream>

#include "org/division_import.hpp"

namespace shequ::org {
namespace {

const std::string kHeader =
    "code,name,level,level_name,parent_code,unit_type,urban_rural_code,urban_rural_name\n";
const std::string kProvince = "620000000000,甘肃省,1,省,,省,,\n";
const std::string kCity = "620100000000,兰州市,2,地级,620000000000,地级市,,\n";
const std::string kCounty = "620102000000,城关区,3,县级,620100000000,市辖区,,\n";
const std::string kStreet = "620102001000,酒泉路街道,4,乡级,620102000000,街道,,\n";
const std::string kCommunity =
    "620102001001,畅家巷社区居委会,5,村级,620102001000,居委会,111,主城区\n";
const std::string kGood = kHeader + kProvince + kCity + kCounty + kStreet + kCommunity;

ParsedDivisions parse(
    const std::string& text,
    KnownUnitLookup known = [](std::string_view) { return std::nullopt; }) {
  std::istringstream in(text);
  return parse_divisions_csv(in, known);
}

TEST(DivisionImport, CleanFileGivesEveryUnit) {
  const ParsedDivisions parsed = parse(kGood);
  EXPECT_TRUE(parsed.problems.empty());
  EXPECT_EQ(parsed.rows, 5);
  ASSERT_EQ(parsed.units.size(), 5u);
  EXPECT_EQ(parsed.units[4].type, UnitType::residents_committee);
  EXPECT_EQ(parsed.units[4].urban_rural_code, "111");
  EXPECT_EQ(parsed.units[4].parent_code, "620102001000");
}

struct BadRow {
  std::string name;
  std::string row;  // appended after the good file, so it stands on line 7
  std::vector<std::string> fields;
};

class DivisionImportBadRow : public testing::TestWithParam<BadRow> {};

TEST_P(DivisionImportBadRow, ReportsLineAndFields) {
  const ParsedDivisions parsed = parse(kGood + GetParam().row);
  std::vector<std::string> fields;
  for (const FieldError& p : parsed.problems) {
    EXPECT_EQ(p.line, 7) << p.field << ": " << p.reason.en;
    EXPECT_FALSE(p.reason.zh.empty());
    fields.push_back(p.field);
  }
  EXPECT_EQ(fields, GetParam().fields);
}

INSTANTIATE_TEST_SUITE_P(
    Rows, DivisionImportBadRow,
    testing::Values(
        BadRow{"too_few_columns", "620102001002,x,5\n", {"row"}},
        BadRow{"code_too_short", "62010200100,x,5,村级,620102001000,居委会,111,主城区\n", {"code"}},
        BadRow{"code_with_letters",
               "6201020010ab,x,5,村级,620102001000,居委会,111,主城区\n",
               {"code"}},
        BadRow{"level_mismatch",
               "620102001002,x,4,乡级,620102001000,街道,,\n",
               {"level", "unit_type"}},
        BadRow{"level_out_of_range",
               "620102001002,x,9,村级,620102001000,居委会,111,主城区\n",
               {"level"}},
        BadRow{"wrong_level_name",
               "620102001002,x,5,乡级,620102001000,居委会,111,主城区\n",
               {"level_name"}},
        BadRow{"type_against_code_range",
               "620102001002,x,5,村级,620102001000,村委会,220,村庄\n",
               {"unit_type"}},
        BadRow{
            "unknown_type", "620102001002,x,5,村级,620102001000,公司,111,主城区\n", {"unit_type"}},
        BadRow{"missing_urban_rural",
               "620102001002,x,5,村级,620102001000,居委会,,\n",
               {"urban_rural_code"}},
        BadRow{"unknown_urban_rural",
               "620102001002,x,5,村级,620102001000,居委会,999,x\n",
               {"urban_rural_code"}},
        BadRow{"urban_rural_name_wrong",
               "620102001002,x,5,村级,620102001000,居委会,111,村庄\n",
               {"urban_rural_name"}},
        BadRow{"urban_rural_on_township",
               "620102002000,x,4,乡级,620102000000,街道,111,主城区\n",
               {"urban_rural_code"}},
        BadRow{"empty_name", "620102001002,,5,村级,620102001000,居委会,111,主城区\n", {"name"}},
        BadRow{"duplicate_code",
               "620102001001,重复,5,村级,620102001000,居委会,111,主城区\n",
               {"code"}},
        BadRow{"parent_missing",
               "620102003001,x,5,村级,620102003000,居委会,111,主城区\n",
               {"parent_code"}},
        BadRow{"parent_wrong_level",
               "620102001002,x,5,村级,620102000000,居委会,111,主城区\n",
               {"parent_code"}},
        BadRow{"gbk_bytes",
               "620102001002,\xB8\xCA\xCB\xE0,5,村级,620102001000,居委会,111,主城区\n",
               {"name"}},
        BadRow{"right_to_left_override_in_name",
               "620102001002,东岗\u202e社区,5,村级,620102001000,居委会,111,主城区\n",
               {"name"}},
        BadRow{"zero_width_space_in_name",
               "620102001002,东岗\u200b社区,5,村级,620102001000,居委会,111,主城区\n",
               {"name"}},
        BadRow{"province_with_parent",
               "630000000000,青海省,1,省,620000000000,省,,\n",
               {"parent_code"}}),
    [](const auto& info) { return info.param.name; });

TEST(DivisionImport, ReportsEveryBadRowNotJustTheFirst) {
  const ParsedDivisions parsed = parse(kGood + "620102001002,x,5\n" + kCommunity +
                                       "620102001003,,5,村级,620102001000,居委会,111,主城区\n");
  ASSERT_EQ(parsed.problems.size(), 3u);
  EXPECT_EQ(parsed.problems[0].line, 7);
  EXPECT_EQ(parsed.problems[1].line, 8);  // duplicate of line 6
  EXPECT_EQ(parsed.problems[1].reason.en, "duplicates line 6");
  EXPECT_EQ(parsed.problems[2].line, 9);
}

TEST(DivisionImport, LineNumbersCountBlankLinesAndQuotedNewlines) {
  const ParsedDivisions parsed = parse(kHeader + kProvince + "\n" +
                                       "620100000000,\"兰州\n市\",2,地级,620000000000,地级市,,\n" +
                                       "620200000000,,2,地级,620000000000,地级市,,\n");
  ASSERT_EQ(parsed.problems.size(), 2u);
  // Line 4 holds the quoted name across two lines; the bad row starts on line 6.
  EXPECT_EQ(parsed.problems[0].line, 4);
  EXPECT_EQ(parsed.problems[0].field, "name");  // a control character (the newline) in the name
  EXPECT_EQ(parsed.problems[1].line, 6);
  EXPECT_EQ(parsed.problems[1].field, "name");
}

TEST(DivisionImport, TruncatedOrMalformedFiles) {
  struct Case {
    std::string name;
    std::string text;
    int64_t line;
    std::string field;
  };
  const Case cases[] = {
      {"empty", "", 1, "header"},
      {"wrong_header", "code,name\n" + kProvince, 1, "header"},
      {"unterminated_quote", kGood + "620102001002,\"畅家巷", 7, "row"},
      {"quote_inside_field", kGood + "620102001002,a\"b,5,村级,620102001000,居委会,111,主城区\n", 7,
       "row"},
      {"cut_mid_row", kGood + "620102001002,新社区,5,村级,6201", 7, "row"},
  };
  for (const Case& c : cases) {
    const ParsedDivisions parsed = parse(c.text);
    ASSERT_FALSE(parsed.problems.empty()) << c.name;
    EXPECT_EQ(parsed.problems.front().line, c.line) << c.name;
    EXPECT_EQ(parsed.problems.front().field, c.field) << c.name;
  }
}

TEST(DivisionImport, ByteOrderMarkAndCrLfAreAccepted) {
  std::string text = "\xEF\xBB\xBF" + kGood;
  for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 2)) {
    text.insert(at, "\r");
  }
  const ParsedDivisions parsed = parse(text);
  EXPECT_TRUE(parsed.problems.empty()) << parsed.problems.front().reason.en;
  EXPECT_EQ(parsed.units.size(), 5u);
}

TEST(DivisionImport, NamesAreStoredComposed) {
  // "Cafe" written with a combining accent, as some systems export it.
  const ParsedDivisions parsed =
      parse(kGood + "620102001002,Cafe\u0301社区,5,村级,620102001000,居委会,111,主城区\n");
  ASSERT_TRUE(parsed.problems.empty()) << parsed.problems.front().reason.en;
  EXPECT_EQ(parsed.units.back().name, "Café社区");
}

TEST(DivisionImport, ParentsMayAlreadyBeStored) {
  const ParsedDivisions parsed = parse(kHeader + kCommunity, [](std::string_view code) {
    return code == "620102001000" ? std::optional<Level>(Level::township) : std::nullopt;
  });
  EXPECT_TRUE(parsed.problems.empty());
  EXPECT_EQ(parsed.units.size(), 1u);
}

}  // namespace
}  // namespace shequ::org
