// Strict parsing of outside input: numbers, UTF-8, JSON bodies, dates.
#include <gtest/gtest.h>

#include "common/clock.hpp"
#include "common/json.hpp"
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
  EXPECT_FALSE(parse_json_object("[1,2]"));
}

TEST(JsonObjectReader, CollectsEveryProblemAtOnce) {
  const Json body = Json::parse(R"({"name":"  ","count":"3","extra":true,"size":1.5,"ok":"好"})");
  JsonObjectReader reader(body);
  EXPECT_FALSE(reader.required_text("name", 10));
  EXPECT_FALSE(reader.required_int("count", 0, 10));
  EXPECT_FALSE(reader.optional_int("size", 0, 10));
  EXPECT_FALSE(reader.required_text("missing", 10));
  EXPECT_EQ(reader.optional_text("ok", 1), "好");
  const Status status = reader.finish();
  ASSERT_FALSE(status);
  std::vector<std::string> fields;
  for (const auto& d : status.error().details) fields.push_back(d.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"name", "count", "size", "missing", "extra"}));
}

TEST(JsonObjectReader, RangeAndLengthLimits) {
  const Json body = Json::parse(R"({"n":18446744073709551615,"m":-5,"t":"甘肃省兰州市城关区"})");
  JsonObjectReader reader(body);
  EXPECT_FALSE(reader.required_int("n", 0, 100));
  EXPECT_FALSE(reader.required_int("m", 0, 100));
  EXPECT_FALSE(reader.required_text("t", 5));
  EXPECT_EQ(reader.finish().error().details.size(), 3u);
}

}  // namespace
}  // namespace shequ
