#include "common/json.hpp"

#include <set>
#include <string>
#include <vector>

#include "common/reasons.hpp"
#include "common/strings.hpp"

namespace shequ {

namespace {

const Text kNotJson{"请求体不是有效的 JSON", "the body is not valid JSON"};

}  // namespace

Result<Json> parse_json_strict(std::string_view text, int max_depth) {
  if (!is_valid_utf8(text)) {
    return Error::invalid("body", {"请求体不是有效的 UTF-8 文本", "the body is not valid UTF-8"});
  }
  // One set of keys per open object; a key seen twice in the same object is refused.
  std::vector<std::set<std::string>> open_objects;
  bool duplicate = false;
  bool too_deep = false;
  std::string duplicate_key;
  int depth = 0;
  auto check = [&](int /*depth*/, Json::parse_event_t event, Json& parsed) -> bool {
    switch (event) {
      case Json::parse_event_t::object_start:
      case Json::parse_event_t::array_start:
        if (++depth > max_depth) too_deep = true;
        if (event == Json::parse_event_t::object_start) open_objects.emplace_back();
        break;
      case Json::parse_event_t::object_end:
        --depth;
        if (!open_objects.empty()) open_objects.pop_back();
        break;
      case Json::parse_event_t::array_end:
        --depth;
        break;
      case Json::parse_event_t::key:
        if (!open_objects.empty() &&
            !open_objects.back().insert(parsed.get<std::string>()).second) {
          duplicate = true;
          duplicate_key = parsed.get<std::string>();
        }
        break;
      case Json::parse_event_t::value:
        break;
    }
    return !too_deep;
  };
  Json result;
  try {
    result = Json::parse(text.begin(), text.end(), check);
  } catch (const Json::out_of_range&) {
    return Error::invalid("body",
                          {"JSON 中的数字超出范围", "a number in the JSON is out of range"});
  } catch (const Json::parse_error&) {
    if (too_deep) {
      return Error::invalid("body", {"JSON 嵌套层数过多", "the JSON is nested too deeply"});
    }
    return Error::invalid("body", kNotJson);
  }
  if (too_deep)
    return Error::invalid("body", {"JSON 嵌套层数过多", "the JSON is nested too deeply"});
  if (duplicate) {
    return Error::invalid(duplicate_key, reason::repeated_field());
  }
  return result;
}

}  // namespace shequ
