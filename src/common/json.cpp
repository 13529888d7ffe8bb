#include "common/json.hpp"

#include <fmt/format.h>

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

Result<Json> parse_json_object(std::string_view body) {
  SHEQU_ASSIGN_OR_RETURN(Json parsed, parse_json_strict(body));
  if (!parsed.is_object()) {
    return Error::invalid("body", reason::body_not_an_object());
  }
  return parsed;
}

JsonObjectReader::JsonObjectReader(const Json& object, std::string prefix)
    : object_(object), prefix_(std::move(prefix)) {}

const Json* JsonObjectReader::find(const std::string& field) {
  seen_.insert(field);
  const auto it = object_.find(field);
  if (it == object_.end() || it->is_null()) return nullptr;
  return &*it;
}

void JsonObjectReader::add_error(const std::string& field, Text reason) {
  errors_.push_back({path(field), std::move(reason)});
}

void JsonObjectReader::add_errors(Error error) {
  for (FieldError& e : error.details) errors_.push_back(std::move(e));
}

std::optional<std::string> JsonObjectReader::optional_text(const std::string& field,
                                                           std::size_t max_chars) {
  const Json* value = find(field);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    add_error(field, reason::not_a_string());
    return std::nullopt;
  }
  const std::string_view trimmed = trim(value->get_ref<const std::string&>());
  if (trimmed.empty()) {
    add_error(field, reason::empty());
    return std::nullopt;
  }
  auto text = normalise_text(trimmed, path(field));
  if (!text) {
    add_errors(std::move(text).error());
    return std::nullopt;
  }
  if (utf8_length(*text) > max_chars) {
    add_error(field, reason::too_long(max_chars));
    return std::nullopt;
  }
  return std::move(text).value();
}

std::optional<std::string> JsonObjectReader::optional_text_or_empty(const std::string& field,
                                                                    std::size_t max_chars) {
  const Json* value = find(field);
  if (value != nullptr && value->is_string() &&
      trim(value->get_ref<const std::string&>()).empty()) {
    return std::string();
  }
  return optional_text(field, max_chars);
}

std::optional<std::string> JsonObjectReader::required_text(const std::string& field,
                                                           std::size_t max_chars) {
  if (find(field) == nullptr) {
    add_error(field, reason::required());
    return std::nullopt;
  }
  return optional_text(field, max_chars);
}

std::optional<std::string> JsonObjectReader::required_secret(const std::string& field,
                                                             std::size_t max_chars) {
  const Json* value = find(field);
  if (value == nullptr || !value->is_string() || value->get_ref<const std::string&>().empty()) {
    add_error(field, reason::required());
    return std::nullopt;
  }
  const std::string& text = value->get_ref<const std::string&>();
  if (utf8_length(text) > max_chars) {
    add_error(field, reason::too_long(max_chars));
    return std::nullopt;
  }
  return text;
}

std::optional<std::size_t> JsonObjectReader::optional_array(
    const std::string& field, std::size_t max_items,
    const std::function<void(JsonObjectReader&)>& read_item) {
  const Json* value = find(field);
  if (value == nullptr) return std::nullopt;
  if (!value->is_array() || value->size() > max_items) {
    add_error(field, reason::array_too_long(max_items));
    return std::nullopt;
  }
  for (std::size_t i = 0; i < value->size(); ++i) {
    const std::string prefix = fmt::format("{}{}[{}].", prefix_, field, i);
    if (!(*value)[i].is_object()) {
      errors_.push_back({prefix.substr(0, prefix.size() - 1), reason::not_an_object()});
      continue;
    }
    JsonObjectReader item((*value)[i], prefix);
    read_item(item);
    if (Status done = item.finish(); !done) add_errors(std::move(done).error());
  }
  return value->size();
}

std::optional<std::vector<std::string>> JsonObjectReader::required_string_array(
    const std::string& field, std::size_t max_items, std::size_t max_chars) {
  const Json* value = find(field);
  const Text wrong{fmt::format("必须是最多 {} 项的字符串数组", max_items),
                   fmt::format("must be an array of at most {} strings", max_items)};
  if (value == nullptr || !value->is_array() || value->size() > max_items) {
    add_error(field, value == nullptr ? reason::required() : wrong);
    return std::nullopt;
  }
  std::vector<std::string> out;
  const std::size_t errors_before = errors_.size();
  for (std::size_t i = 0; i < value->size(); ++i) {
    const Json& item = (*value)[i];
    if (!item.is_string() || item.get_ref<const std::string&>().empty()) {
      add_error(field, wrong);
      return std::nullopt;
    }
    auto text = normalise_text(item.get_ref<const std::string&>(),
                               fmt::format("{}{}[{}]", prefix_, field, i));
    if (!text) {
      add_errors(std::move(text).error());
    } else if (utf8_length(*text) > max_chars) {
      add_error(field, wrong);
      return std::nullopt;
    } else {
      out.push_back(std::move(text).value());
    }
  }
  if (errors_.size() != errors_before) return std::nullopt;
  return out;
}

std::optional<int64_t> JsonObjectReader::optional_int(const std::string& field, int64_t min,
                                                      int64_t max) {
  const Json* value = find(field);
  if (value == nullptr) return std::nullopt;
  if (!value->is_number_integer()) {
    add_error(field, reason::not_an_integer());
    return std::nullopt;
  }
  if (value->is_number_unsigned() && value->get<uint64_t>() > static_cast<uint64_t>(max)) {
    add_error(field, reason::out_of_range(min, max));
    return std::nullopt;
  }
  const auto number = value->get<int64_t>();
  if (number < min || number > max) {
    add_error(field, reason::out_of_range(min, max));
    return std::nullopt;
  }
  return number;
}

std::optional<int64_t> JsonObjectReader::required_int(const std::string& field, int64_t min,
                                                      int64_t max) {
  if (find(field) == nullptr) {
    add_error(field, reason::required());
    return std::nullopt;
  }
  return optional_int(field, min, max);
}

std::optional<bool> JsonObjectReader::optional_bool(const std::string& field) {
  const Json* value = find(field);
  if (value == nullptr) return std::nullopt;
  if (!value->is_boolean()) {
    add_error(field, reason::not_a_boolean());
    return std::nullopt;
  }
  return value->get<bool>();
}

std::optional<double> JsonObjectReader::required_number(const std::string& field) {
  const Json* value = find(field);
  if (value == nullptr) {
    add_error(field, reason::required());
    return std::nullopt;
  }
  if (!value->is_number()) {
    add_error(field, reason::not_a_number());
    return std::nullopt;
  }
  return value->get<double>();
}

Status JsonObjectReader::finish() {
  for (const auto& [key, value] : object_.items()) {
    if (!seen_.contains(key)) add_error(key, reason::unknown_field());
  }
  if (errors_.empty()) return {};
  return Error::invalid(std::move(errors_));
}

}  // namespace shequ
