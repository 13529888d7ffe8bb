// Strict parsing of outside input: numbers, UTF-8, JSON bodies, dates.
#include <gtest/gtest.h>

#include "common/clock.hpp"
#include "common/geo.hpp"
#include "common/json.hpp"
#include "common/money.hpp"
#include "common/strings.hpp"

namespace shequ {
namespace {

TEST(ParseDecimal, AcceptsOnlyPlainDigits) {
  struct Case {
    std::string_view text;
    std::optional<int64_t> expected;
  };
  const Case cases[] = {
      {"0", 0},     {"7", 7},
      {"0042", 42}, {"123456789012345678", 123456789012345678},
      {"", {}},     {"+1", {}},
      {"-1", {}},   {"0x1", {}},
      {"1e3", {}},  {" 1", {}},
      {"1 ", {}},   {"1.0", {}},
      {"１", {}},   {"1234567890123456789", {}},
  };
  for (const Case& c : cases)
    EXPECT_EQ(parse_decimal(c.text), c.expected) << "input: '" << c.text << "'";
}

TEST(Utf8, ValidatesEncodings) {
  struct Case {
    std::string text;
    bool valid;
  };
  const Case cases[] = {
      {"", true},
      {"ascii", true},
      {"甘肃省兰州市", true},
      {"\xF0\x9F\x98\x80", true},   // emoji, 4 bytes
      {"\xC0\xAF", false},          // overlong '/'
      {"\xED\xA0\x80", false},      // surrogate
      {"\xF4\x90\x80\x80", false},  // beyond U+10FFFF
      {"\xE7\x94", false},          // truncated 3-byte sequence
      {"\xB8\xCA\xCB\xE0", false},  // "甘肃" in GBK
      {"abc\xFF", false},
  };
  for (const Case& c : cases)
    EXPECT_EQ(is_valid_utf8(c.text), c.valid) << "input bytes: " << c.text.size();
  EXPECT_EQ(utf8_length("甘肃a"), 3u);
}

// Characters that make a name display as something else, each inside an ordinary name.
TEST(NormaliseText, RefusesControlInvisibleAndPrivateCharacters) {
  struct Case {
    const char* what;
    std::string character;
    const char* code_point;
  };
  const Case cases[] = {
      {"NUL", std::string(1, '\0'), "U+0000"},
      {"tab", "\t", "U+0009"},
      {"line feed", "\n", "U+000A"},
      {"carriage return", "\r", "U+000D"},
      {"escape", "\x1B", "U+001B"},
      {"delete", "\x7F", "U+007F"},
      {"C1 padding character", "\u0080", "U+0080"},
      {"C1 next line", "\u0085", "U+0085"},
      {"C1 control sequence introducer", "\u009B", "U+009B"},
      {"C1 application program command", "\u009F", "U+009F"},
      {"soft hyphen", "\u00AD", "U+00AD"},
      {"Arabic letter mark", "\u061C", "U+061C"},
      {"Hangul choseong filler", "\u115F", "U+115F"},
      {"Mongolian vowel separator", "\u180E", "U+180E"},
      {"zero width space", "\u200B", "U+200B"},
      {"zero width non-joiner", "\u200C", "U+200C"},
      {"zero width joiner between letters", "\u200D", "U+200D"},
      {"left-to-right mark", "\u200E", "U+200E"},
      {"right-to-left mark", "\u200F", "U+200F"},
      {"line separator", "\u2028", "U+2028"},
      {"paragraph separator", "\u2029", "U+2029"},
      {"left-to-right embedding", "\u202A", "U+202A"},
      {"right-to-left embedding", "\u202B", "U+202B"},
      {"pop directional formatting", "\u202C", "U+202C"},
      {"left-to-right override", "\u202D", "U+202D"},
      {"right-to-left override", "\u202E", "U+202E"},
      {"word joiner", "\u2060", "U+2060"},
      {"function application", "\u2061", "U+2061"},
      {"invisible times", "\u2062", "U+2062"},
      {"invisible separator", "\u2063", "U+2063"},
      {"invisible plus", "\u2064", "U+2064"},
      {"left-to-right isolate", "\u2066", "U+2066"},
      {"right-to-left isolate", "\u2067", "U+2067"},
      {"first strong isolate", "\u2068", "U+2068"},
      {"pop directional isolate", "\u2069", "U+2069"},
      {"Hangul filler", "\u3164", "U+3164"},
      {"private use", "\uE000", "U+E000"},
      {"private use, last of the BMP", "\uF8FF", "U+F8FF"},
      {"noncharacter", "\uFDD0", "U+FDD0"},
      {"byte-order mark", "\uFEFF", "U+FEFF"},
      {"halfwidth Hangul filler", "\uFFA0", "U+FFA0"},
      {"interlinear annotation anchor", "\uFFF9", "U+FFF9"},
      {"noncharacter U+FFFE", "\uFFFE", "U+FFFE"},
      {"noncharacter U+FFFF", "\uFFFF", "U+FFFF"},
      {"language tag", "\U000E0001", "U+E0001"},
      {"tag letter", "\U000E0041", "U+E0041"},
      {"supplementary private use", "\U000F0000", "U+F0000"},
      {"noncharacter of plane 16", "\U0010FFFF", "U+10FFFF"},
  };
  for (const Case& c : cases) {
    const auto refused = normalise_text("第一" + c.character + "网格", "name");
    ASSERT_FALSE(refused) << c.what;
    ASSERT_EQ(refused.error().code, ErrorCode::invalid_argument) << c.what;
    ASSERT_EQ(refused.error().details.size(), 1u) << c.what;
    EXPECT_EQ(refused.error().details[0].field, "name") << c.what;
    EXPECT_EQ(refused.error().details[0].reason.en,
              std::string("must not contain control or invisible characters (") + c.code_point +
                  " at character 3)")
        << c.what;
  }
  const auto not_utf8 = normalise_text("\xB8\xCA\xCB\xE0", "name");  // GBK
  ASSERT_FALSE(not_utf8);
  EXPECT_EQ(not_utf8.error().details.at(0).reason.en, "is not valid UTF-8 text");
}

// The normalised text, or nullopt when it was refused.
std::optional<std::string> normalised(std::string_view text) {
  auto result = normalise_text(text, "name");
  if (!result) return std::nullopt;
  return std::move(result).value();
}

TEST(NormaliseText, KeepsOrdinaryTextAndComposesIt) {
  const std::string kept[] = {
      "",                                // nothing, as a cleared description
      "甘肃省兰州市城关区东岗西路街道",  // Chinese
      "Lanzhou Community No. 3",         // Latin and digits
      "0931-8888888",
      "第一网格（东区）：老人、儿童！",  // full-width punctuation
      "东\u3000岗",                      // ideographic space
      "Café",                            // composed already
      // A skin tone; a heart drawn as emoji by its variation selector.
      "老人 \U0001F475\U0001F3FB 助餐 \u2764\uFE0F",
      // Families and professions: emoji joined by zero width joiners.
      "\U0001F468\u200D\U0001F469\u200D\U0001F467 \U0001F9D1\U0001F3FD\u200D\u2695\uFE0F",
      "\U0001F1E8\U0001F1F3",                        // a flag of two regional indicators
      "1\uFE0F\u20E3",                               // a keycap
      "\u182E\u1823\u1829\u182D\u1823\u182F\u180B",  // Mongolian with a free variation selector
      "\u0F40\u0F41\u0F42",                          // Tibetan
      "\u0627\u0644\u0639\u0631\u0628\u064A\u0629",  // Arabic, right to left by itself
  };
  for (const std::string& text : kept) EXPECT_EQ(normalised(text), text) << text;

  EXPECT_EQ(normalised("Cafe\u0301"), "Café");  // decomposed é comes back composed
  EXPECT_EQ(normalised("\u212B"), "\u00C5");    // ANGSTROM SIGN is Å
  EXPECT_EQ(normalised("e\u0301")->size(), 2u);
  // A joiner that joins no pair of emoji stays refused.
  EXPECT_EQ(normalised("\U0001F468\u200D"), std::nullopt);
  EXPECT_EQ(normalised("\u200D\U0001F468"), std::nullopt);
  EXPECT_EQ(normalised("a\u200D\U0001F468"), std::nullopt);
  EXPECT_EQ(normalised("\U0001F468\u200Da"), std::nullopt);
}

TEST(Dates, StrictCalendarDates) {
  EXPECT_TRUE(is_valid_date("2022-10-31"));
  EXPECT_TRUE(is_valid_date("2024-02-29"));
  EXPECT_FALSE(is_valid_date("2023-02-29"));
  EXPECT_FALSE(is_valid_date("2022-13-01"));
  EXPECT_FALSE(is_valid_date("2022-1-01"));
  EXPECT_FALSE(is_valid_date("20221031"));
  const TimePoint t =
      parse_date("2026-11-30") + std::chrono::hours(8) + std::chrono::milliseconds(5);
  EXPECT_EQ(format_date(t), "2026-11-30");
  EXPECT_EQ(format_timestamp(t), "2026-11-30T08:00:00.005Z");
  // 20:00 UTC on the 29th is already the 30th in Gansu.
  const TimePoint evening = parse_date("2026-11-29") + std::chrono::hours(20);
  EXPECT_EQ(format_date(evening), "2026-11-29");
  EXPECT_EQ(china_date(evening), "2026-11-30");
  // 16:00 UTC on New Year's Eve is already the new year in Gansu.
  const TimePoint new_year = parse_date("2025-12-31") + std::chrono::hours(16);
  EXPECT_EQ(china_year(new_year - std::chrono::seconds(1)), 2025);
  EXPECT_EQ(china_year(new_year), 2026);
}

TEST(JsonStrict, RefusesDuplicateKeysAndBadText) {
  EXPECT_TRUE(parse_json_strict(R"({"a":1,"b":{"a":2}})"));
  struct Case {
    std::string text;
    std::string field;
  };
  const Case cases[] = {
      {R"({"a":1,"a":2})", "a"},
      {R"({"x":{"b":1,"b":2}})", "b"},
      {R"({"a":)", "body"},
      {"", "body"},
      {"{\"a\":\"\xB8\xCA\"}", "body"},
      {std::string(100, '[') + std::string(100, ']'), "body"},
      {R"({"n":24e4857})", "body"},  // found by the fuzz test: threw out_of_range
  };
  for (const Case& c : cases) {
    auto parsed = parse_json_strict(c.text);
    ASSERT_FALSE(parsed) << c.text;
    ASSERT_EQ(parsed.error().details.size(), 1u);
    EXPECT_EQ(parsed.error().details[0].field, c.field) << c.text;
    EXPECT_EQ(parsed.error().code, ErrorCode::invalid_argument);
  }
}

// A block of 畅家巷 with a courtyard cut out of it, as a grid's boundary is drawn.
geo::Polygon block_with_courtyard() {
  return {{{103.833, 36.0605},
           {103.835, 36.0605},
           {103.835, 36.062},
           {103.833, 36.062},
           {103.833, 36.0605}},
          {{103.8338, 36.061},
           {103.8342, 36.061},
           {103.8342, 36.0614},
           {103.8338, 36.0614},
           {103.8338, 36.061}}};
}

TEST(Geo, APointIsInsideTheBoundaryAndOutsideItsHoles) {
  const geo::Polygon block = block_with_courtyard();
  struct Case {
    double lon, lat;
    bool inside;
  };
  const Case cases[] = {
      {103.8343, 36.0612, true},   // in the block, east of the courtyard
      {103.8340, 36.0612, false},  // in the courtyard
      {103.8355, 36.0612, false},  // east of the block
      {103.8340, 36.0600, false},  // south of it
      {103.8331, 36.0619, true},   // a corner
  };
  for (const Case& c : cases) {
    EXPECT_EQ(geo::polygon_contains(block, c.lon, c.lat), c.inside) << c.lon << "," << c.lat;
  }
  EXPECT_FALSE(geo::polygon_contains({}, 103.834, 36.061));
}

TEST(Geo, ABoundaryThatCannotBeUsedIsRefusedWithEveryProblemNamed) {
  EXPECT_TRUE(geo::polygon_problems(block_with_courtyard(), "b", 100).empty());
  const geo::Ring open{{103.83, 36.06}, {103.84, 36.06}, {103.84, 36.07}, {103.83, 36.07}};
  const geo::Ring flat{{103.83, 36.06}, {103.84, 36.06}, {103.85, 36.06}, {103.83, 36.06}};
  const geo::Ring abroad{{116.3, 39.9}, {116.4, 39.9}, {116.4, 40.0}, {116.3, 39.9}};
  const geo::Ring two_corners{{103.83, 36.06}, {103.84, 36.06}, {103.83, 36.06}, {103.83, 36.06}};
  const geo::Ring speck{
      {103.83, 36.06}, {103.830001, 36.06}, {103.830001, 36.060001}, {103.83, 36.06}};
  struct Case {
    const char* name;
    geo::Polygon polygon;
    std::size_t max_points;
    std::vector<std::string> fields;
  };
  const Case cases[] = {
      {"open ring", {open}, 100, {"b[0]"}},
      {"a line", {flat}, 100, {"b[0]"}},
      {"in Beijing", {abroad}, 100, {"b[0]"}},
      {"two corners", {two_corners}, 100, {"b[0]"}},
      {"a square decimetre", {speck}, 100, {"b[0]"}},
      {"bad hole", {block_with_courtyard()[0], open}, 100, {"b[1]"}},
      {"too many points", block_with_courtyard(), 9, {"b"}},
      {"all at once", {flat, abroad}, 5, {"b[0]", "b[1]", "b"}},
  };
  for (const Case& c : cases) {
    std::vector<std::string> fields;
    for (const FieldError& e : geo::polygon_problems(c.polygon, "b", c.max_points)) {
      fields.push_back(e.field);
      EXPECT_FALSE(e.reason.zh.empty());
    }
    EXPECT_EQ(fields, c.fields) << c.name;
  }
}

TEST(Geo, PolygonsGoToGeoJsonAndBack) {
  const geo::Polygon block = block_with_courtyard();
  geo::Polygon read;
  ASSERT_TRUE(geo::read_polygon(geo::polygon_coordinates(block), read));
  EXPECT_EQ(read, block);
  geo::Polygon ignored;
  EXPECT_FALSE(geo::read_polygon(Json::parse("[[[1,2],[3,4],[5,6]]]"), ignored)) << "3 points";
  EXPECT_FALSE(geo::read_polygon(Json::parse(R"([[[1,"2"],[3,4],[5,6],[1,2]]])"), ignored));
  EXPECT_FALSE(geo::read_polygon(Json::parse("[]"), ignored));
}

}  // namespace
}  // namespace shequ

namespace shequ {
namespace {

TEST(Money, FenReadAsYuanWithTwoDecimals) {
  const struct {
    int64_t fen;
    const char* yuan;
  } cases[] = {{0, "0.00"},
               {5, "0.05"},
               {123'450, "1234.50"},
               {100, "1.00"},
               {-5, "-0.05"},
               {-123'456, "-1234.56"},
               {100'000'000'000, "1000000000.00"}};
  for (const auto& c : cases) EXPECT_EQ(yuan_of_fen(c.fen), c.yuan) << c.fen;
}

}  // namespace
}  // namespace shequ
