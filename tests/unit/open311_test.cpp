// The pure parts of the Open311 endpoint: the spec's XML, its datetimes, its statuses.
#include <gtest/gtest.h>

#include "common/json.hpp"
#include "requests/open311.hpp"

namespace shequ::requests::open311 {
namespace {

TEST(Open311Xml, NamesItemsAfterTheirListAndEscapesText) {
  const Json services = Json::array({{{"service_code", "a&b"}, {"metadata", true}},
                                     {{"service_code", "<c>"}, {"metadata", false}}});
  EXPECT_EQ(to_xml("services", services),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<services><service><metadata>true</metadata><service_code>a&amp;b</service_code>"
            "</service><service><metadata>false</metadata><service_code>&lt;c&gt;</service_code>"
            "</service></services>\n");
  EXPECT_EQ(to_xml("errors", Json::array({{{"code", 403}, {"description", "\"x\" 'y'"}}})),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<errors><error><code>403</code>"
            "<description>&quot;x&quot; &apos;y&apos;</description></error></errors>\n");
  // Nested lists, null, numbers; unknown lists hold items.
  EXPECT_EQ(to_xml("service_definition",
                   {{"attributes", Json::array({{{"values", Json::array({{{"key", "1"}}})},
                                                 {"datatype_description", nullptr},
                                                 {"order", 2}}})},
                    {"other", Json::array({1.5})}}),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<service_definition><attributes>"
            "<attribute><datatype_description/><order>2</order><values><value><key>1</key></value>"
            "</values></attribute></attributes><other><item>1.5</item></other>"
            "</service_definition>\n");
  EXPECT_EQ(to_xml("service_requests_updates", Json::array({{{"update_id", "7"}}})),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<service_requests_updates>"
            "<request_update><update_id>7</update_id></request_update>"
            "</service_requests_updates>\n");
}

TEST(Open311Time, ReadsW3cDatetimesWithTheirZoneOnly) {
  const TimePoint nine_in_china = parse_timestamp("2026-11-30T01:00:00.000Z").value();
  const std::vector<std::pair<std::string, std::optional<TimePoint>>> table{
      {"2026-11-30T01:00:00Z", nine_in_china},
      {"2026-11-30T01:00:00z", nine_in_china},
      {"2026-11-30T09:00:00+08:00", nine_in_china},
      {"2026-11-29T20:00:00-05:00", nine_in_china},
      {"2026-11-30T09:00+08:00", nine_in_china},
      {"2026-11-30T01:00:00.250Z", nine_in_china + std::chrono::milliseconds(250)},
      {"2026-11-30T01:00:00", std::nullopt},  // no zone
      {"2026-11-30", std::nullopt},
      {"2026-02-30T01:00:00Z", std::nullopt},
      {"2026-11-30T24:00:00Z", std::nullopt},
      {"2026-11-30T01:00:60Z", std::nullopt},
      {"2026-11-30T01:00:00+8:00", std::nullopt},
      {"2026-11-30T01:00:00.Z", std::nullopt},
      {"2026-11-30T01:00:00Z ", std::nullopt},
      {"yesterday", std::nullopt},
      {"", std::nullopt},
  };
  for (const auto& [text, expected] : table) {
    SCOPED_TRACE(text);
    EXPECT_EQ(parse_w3c(text), expected);
  }
  EXPECT_EQ(w3c_china(nine_in_china), "2026-11-30T09:00:00+08:00");
  EXPECT_EQ(w3c_china(parse_timestamp("2026-12-31T16:30:00.999Z").value()),
            "2027-01-01T00:30:00+08:00");
}

TEST(Open311Status, OpenUntilResolved) {
  EXPECT_EQ(status_of(State::submitted), "open");
  EXPECT_EQ(status_of(State::accepted), "open");
  EXPECT_EQ(status_of(State::in_progress), "open");
  EXPECT_EQ(status_of(State::resolved), "closed");
  EXPECT_EQ(status_of(State::closed), "closed");
}

}  // namespace
}  // namespace shequ::requests::open311
