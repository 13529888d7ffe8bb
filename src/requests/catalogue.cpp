#include "requests/catalogue.hpp"

#include <algorithm>
#include <array>
#include <set>

#include <fmt/format.h>

#include "common/strings.hpp"

namespace shequ::requests {

namespace {

using std::chrono::hours;
using std::chrono::minutes;

const std::array<TimeLimitClass, 4> kClasses{{
    {"emergency",
     {"紧急（2小时）", "Emergency (2 hours)"},
     {.clock = minutes(30)},
     {.clock = hours(2)}},
    {"utility",
     {"水电气热（24小时）", "Water, power, gas, heating (24 hours)"},
     {.clock = hours(2)},
     {.clock = hours(24)}},
    {"general",
     {"一般（7个工作日）", "General (7 working days)"},
     {.working_days = 1},
     {.working_days = 7}},
    {"complex",
     {"复杂（15个工作日）", "Complex (15 working days)"},
     {.working_days = 1},
     {.working_days = 15}},
}};

FieldError answer_error(const Attribute& a, std::string zh, std::string en) {
  return {"attributes." + a.key, {a.label.zh + zh, a.label.en + en}};
}

}  // namespace

std::span<const TimeLimitClass> time_limit_classes() {
  return kClasses;
}

const TimeLimitClass* find_time_limit_class(std::string_view key) {
  for (const TimeLimitClass& c : kClasses) {
    if (c.key == key) return &c;
  }
  return nullptr;
}

TimePoint deadline_after(TimePoint from, const Limit& limit, const WorkCalendar& calendar) {
  if (limit.working_days > 0) return calendar.after_working_days(from, limit.working_days);
  return from + limit.clock;
}

namespace {

bool is_word(std::string_view text, std::size_t min, std::size_t max, bool digits) {
  if (text.size() < min || text.size() > max || text.front() < 'a' || text.front() > 'z') {
    return false;
  }
  return std::ranges::all_of(text, [&](char c) {
    return (c >= 'a' && c <= 'z') || (digits && ((c >= '0' && c <= '9') || c == '_'));
  });
}

void check_name(std::string_view text, std::size_t max, const std::string& field,
                std::vector<FieldError>& errors) {
  const std::size_t length = utf8_length(trim(text));
  if (length == 0 || length > max) {
    errors.push_back(
        {field, {fmt::format("应为 1 至 {} 个字", max), fmt::format("1 to {} characters", max)}});
  }
}

}  // namespace

Status check_category(const Category& c, bool is_new) {
  std::vector<FieldError> errors;
  if (is_new) {
    const bool group = c.parent.empty();
    const bool well_formed =
        group ? is_word(c.code, 2, 20, false)
              : c.code.starts_with(c.parent + ".") &&
                    is_word(std::string_view(c.code).substr(c.parent.size() + 1), 2, 30, true);
    if (!well_formed) {
      errors.push_back(
          {"code",
           {group ? "分组代码应为 2 至 20 个小写字母"
                  : "分类代码应为“分组代码.名称”，名称为 2 至 30 个小写字母、数字或下划线",
            group ? "a group's code is 2 to 20 lower-case letters"
                  : "a category's code is <group>.<2 to 30 of a-z, 0-9, _>"}});
    }
  }
  check_name(c.name.zh, 30, "names.zh", errors);
  check_name(c.name.en, 60, "names.en", errors);
  if (!find_time_limit_class(c.time_limit)) {
    errors.push_back({"timeLimit", {"没有这种时限类别", "no such time-limit class"}});
  }
  if (std::ranges::find(kHandlingLevels, c.level) == std::end(kHandlingLevels)) {
    errors.push_back({"level", {"应为村（社区）、乡镇（街道）或县级", "must be 5, 4 or 3"}});
  }
  if (c.attributes.size() > kMaxAttributes) {
    errors.push_back({"attributes",
                      {fmt::format("最多 {} 个问题", kMaxAttributes),
                       fmt::format("at most {} questions", kMaxAttributes)}});
  }
  for (std::size_t i = 0; i < c.attributes.size(); ++i) {
    const Attribute& a = c.attributes[i];
    const std::string at = fmt::format("attributes[{}].", i);
    if (!is_word(a.key, 1, 30, true)) {
      errors.push_back({at + "key",
                        {"应为 1 至 30 个小写字母、数字或下划线，以字母开头",
                         "1 to 30 of a-z, 0-9, _, starting with a letter"}});
    } else if (std::any_of(c.attributes.begin(), c.attributes.begin() + static_cast<long>(i),
                           [&](const Attribute& earlier) { return earlier.key == a.key; })) {
      errors.push_back({at + "key", {"问题代码与前面的重复", "an earlier question has this key"}});
    }
    check_name(a.label.zh, 30, at + "labels.zh", errors);
    check_name(a.label.en, 60, at + "labels.en", errors);
    if (std::ranges::find(kAttributeTypes, a.type) == std::end(kAttributeTypes)) {
      errors.push_back({at + "type", {"没有这种问题类型", "no such type"}});
    }
    if (a.type == "choice") {
      std::set<std::string> seen;
      bool fine = a.choices.size() >= 2 && a.choices.size() <= 20;
      for (const std::string& choice : a.choices) {
        const std::size_t length = utf8_length(choice);
        fine = fine && length > 0 && length <= 30 && seen.insert(choice).second;
      }
      if (!fine) {
        errors.push_back({at + "choices",
                          {"选项应为 2 至 20 个不重复、不超过 30 字的选项",
                           "2 to 20 distinct choices of at most 30 characters"}});
      }
    } else if (!a.choices.empty()) {
      errors.push_back({at + "choices", {"只有选择题有选项", "only a choice has choices"}});
    }
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return {};
}

Json attributes_json(const std::vector<Attribute>& attributes) {
  Json out = Json::array();
  for (const Attribute& a : attributes) {
    Json item{{"key", a.key},
              {"label", {{"zh", a.label.zh}, {"en", a.label.en}}},
              {"type", a.type},
              {"required", a.required}};
    if (a.type == "choice") item["choices"] = a.choices;
    out.push_back(std::move(item));
  }
  return out;
}

Result<std::vector<Attribute>> attributes_of(const Json& stored) {
  if (!stored.is_array()) return Error::internal("request_category.attributes is not an array");
  std::vector<Attribute> out;
  try {
    for (const Json& item : stored) {
      Attribute a{item.at("key").get<std::string>(),
                  {item.at("label").at("zh").get<std::string>(),
                   item.at("label").at("en").get<std::string>()},
                  item.at("type").get<std::string>(),
                  item.value("required", false),
                  item.value("choices", std::vector<std::string>{})};
      out.push_back(std::move(a));
    }
  } catch (const Json::exception& e) {
    return Error::internal(fmt::format("request_category.attributes is malformed: {}", e.what()));
  }
  return out;
}

Result<Json> check_answers(const std::vector<Attribute>& asked, const Json& answers) {
  std::vector<FieldError> errors;
  Json out = Json::object();
  if (!answers.is_object()) return Error::invalid("attributes", {"应为对象", "must be an object"});
  for (const auto& [key, value] : answers.items()) {
    const bool known = std::ranges::any_of(asked, [&](const Attribute& a) { return a.key == key; });
    if (!known) {
      errors.push_back(
          {"attributes." + key, {"该分类没有这一项", "this category does not ask for it"}});
    }
  }
  for (const Attribute& a : asked) {
    const auto found = answers.find(a.key);
    if (found == answers.end() || found->is_null()) {
      if (a.required) errors.push_back(answer_error(a, "为必填项", " is required"));
      continue;
    }
    const Json& v = *found;
    if (a.type == "number") {
      if (!v.is_number() || !std::isfinite(v.get<double>())) {
        errors.push_back(answer_error(a, "应为数字", " must be a number"));
        continue;
      }
      out[a.key] = v;
    } else if (a.type == "boolean") {
      if (!v.is_boolean()) {
        errors.push_back(answer_error(a, "应为“是”或“否”", " must be true or false"));
        continue;
      }
      out[a.key] = v;
    } else {
      const std::string text =
          v.is_string() ? std::string(trim(v.get_ref<const std::string&>())) : "";
      if (!v.is_string() || (a.required && text.empty())) {
        errors.push_back(answer_error(a, "应为文字", " must be text"));
      } else if (!is_valid_utf8(text) || utf8_length(text) > kMaxAnswerLength) {
        errors.push_back(
            answer_error(a, fmt::format("不能超过 {} 个字", kMaxAnswerLength),
                         fmt::format(" must be at most {} characters", kMaxAnswerLength)));
      } else if (a.type == "choice" && std::ranges::find(a.choices, text) == a.choices.end()) {
        errors.push_back(answer_error(a, "不是可选的答案", " is not one of the choices"));
      } else {
        out[a.key] = text;
      }
    }
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return out;
}

}  // namespace shequ::requests
