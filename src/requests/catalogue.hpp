// The catalogue of requests (诉求分类): a two-level tree of service categories, each leaf with
// its time-limit class, the questions it asks besides the description (typed attributes) and the
// level of unit that handles it by default. The categories live in the database (seeded by the
// module's migration, editable by administrators); this header holds their shape, the time-limit
// classes with the deadlines they give, and the checks of what a person answers.
//
// Time limits follow the practice of Beijing's 12345 hotline that users know (接诉即办): feedback
// within 2 hours for emergencies and risks to life or property, 24 hours for water, power, gas
// and heating, 7 working days for general requests, 15 for complex ones. Acceptance (签收) is
// due sooner: docs/requests.md gives the table.
//
// Thread-safe: pure functions and constant tables.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "common/json.hpp"
#include "common/result.hpp"
#include "org/model.hpp"
#include "requests/calendar.hpp"

namespace shequ::requests {

// How long a request of the class may take: a span of clock time, or whole working days.
struct Limit {
  std::chrono::minutes clock{0};  // used when working_days is 0
  int working_days = 0;
};

struct TimeLimitClass {
  std::string_view key;  // "emergency"
  Text label;
  Limit accept;   // from receipt to acceptance (签收)
  Limit resolve;  // from receipt to feedback (办结反馈)
};

std::span<const TimeLimitClass> time_limit_classes();
const TimeLimitClass* find_time_limit_class(std::string_view key);

// The instant `limit` after `from`.
TimePoint deadline_after(TimePoint from, const Limit& limit, const WorkCalendar& calendar);

// A question a category asks, answered in the request's "attributes" object under `key`.
struct Attribute {
  std::string key;  // "trapped"
  Text label;
  std::string type;  // text | number | boolean | choice
  bool required = false;
  std::vector<std::string> choices;  // for choice: the allowed answers
};

inline constexpr std::string_view kAttributeTypes[] = {"text", "number", "boolean", "choice"};
// The longest text answer, in characters.
inline constexpr std::size_t kMaxAnswerLength = 200;

// The levels a category may be handled at by default: the village or community of the place,
// or the township or county above it.
inline constexpr org::Level kHandlingLevels[] = {org::Level::village, org::Level::township,
                                                 org::Level::county};

struct Category {
  std::string code;    // "property.elevator"; a top-level group: "property"
  std::string parent;  // empty for a group
  Text name;
  std::string time_limit;  // a TimeLimitClass key (groups: the default of their leaves)
  org::Level level = org::Level::village;
  std::vector<Attribute> attributes;
  bool active = true;
  int sort = 0;
  int64_t version = 1;
};

// What an administrator may set on a category: every problem at once, on its field ("names.zh",
// "timeLimit", "level", "attributes[2].choices", ...). `is_new` also checks the code: a group is
// 2 to 20 lower-case letters, a category under one "<group>.<2 to 30 of a-z, 0-9, _>".
inline constexpr std::size_t kMaxAttributes = 10;
Status check_category(const Category& category, bool is_new);

// The attributes as stored (a JSON array), and back; internal for malformed stored text.
Json attributes_json(const std::vector<Attribute>& attributes);
Result<std::vector<Attribute>> attributes_of(const Json& stored);

// Checks a person's answers against the category's questions: every required one answered,
// every answer of the right type (a choice among the choices, text of at most kMaxAnswerLength
// characters), no key the category does not ask. Every problem at once, on "attributes.<key>".
// Returns the answers normalised (text trimmed), in the category's order.
Result<Json> check_answers(const std::vector<Attribute>& asked, const Json& answers);

}  // namespace shequ::requests
