#include "requests/catalogue.hpp"

#include <algorithm>
#include <array>

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
