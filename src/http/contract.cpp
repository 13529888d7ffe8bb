#include "http/contract.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "common/clock.hpp"
#include "common/reasons.hpp"
#include "common/strings.hpp"
#include "http/query.hpp"
#include "org/unit_codes.hpp"
#include "privacy/validators.hpp"

namespace shequ::http {

enum class Type { any, object, array, string, integer, number, boolean };

struct SchemaNode {
  Type type = Type::any;
  std::string description;
  bool optional = false;
  bool nullable = false;
  std::optional<Json> default_value;
  std::optional<Json> example;
  // Strings. Text unless secret: trimmed, normalised, refused with invisible characters.
  bool secret = false;
  std::size_t min_length = 0;
  std::optional<std::size_t> max_length;
  std::vector<std::string> string_enum;
  std::optional<Format> format;
  // Integers and numbers.
  std::optional<int64_t> int_min, int_max;
  std::vector<int64_t> int_enum;
  std::optional<double> number_min, number_max;
  // Arrays: `items` for a list, `tuple` for fixed positions.
  std::optional<Schema> items;
  std::vector<Schema> tuple;
  std::size_t min_items = 0;
  std::optional<std::size_t> max_items;
  // Objects: the declared fields, or (map_of) the shape of every value.
  std::vector<Property> properties;
  std::optional<Schema> values;
  // A reference to a named component: `target` is its definition.
  std::string component;
  std::shared_ptr<const SchemaNode> target;
};

namespace {

Schema make(SchemaNode node) {
  return Schema(std::make_shared<const SchemaNode>(std::move(node)));
}

// The definition behind a reference (the node itself otherwise).
const SchemaNode& resolved(const SchemaNode& node) {
  return node.target ? *node.target : node;
}

const char* type_name(Type type) {
  switch (type) {
    case Type::any:
      return "";
    case Type::object:
      return "object";
    case Type::array:
      return "array";
    case Type::string:
      return "string";
    case Type::integer:
      return "integer";
    case Type::number:
      return "number";
    case Type::boolean:
      return "boolean";
  }
  return "";
}

}  // namespace

// Modifiers -----------------------------------------------------------------------------------

namespace {

template <typename Change>
Schema changed(const SchemaNode& node, Change change) {
  SchemaNode copy = node;
  change(copy);
  return make(std::move(copy));
}

}  // namespace

Schema Schema::optional() const {
  return changed(*node_, [](SchemaNode& n) { n.optional = true; });
}
Schema Schema::nullable() const {
  return changed(*node_, [](SchemaNode& n) { n.nullable = true; });
}
Schema Schema::default_to(Json value) const {
  return changed(*node_, [&](SchemaNode& n) {
    // A text that may be left out as "" may also be sent as "": the same value either way.
    if (value.is_string() && value.get_ref<const std::string&>().empty()) n.min_length = 0;
    n.default_value = std::move(value);
    n.optional = true;
  });
}
bool Schema::is_optional() const {
  return node_->optional;
}
Schema Schema::describe(std::string text) const {
  return changed(*node_, [&](SchemaNode& n) { n.description = std::move(text); });
}
Schema Schema::example(Json value) const {
  return changed(*node_, [&](SchemaNode& n) { n.example = std::move(value); });
}
Schema Schema::min_length(std::size_t chars) const {
  return changed(*node_, [&](SchemaNode& n) { n.min_length = chars; });
}
Schema Schema::max_length(std::size_t chars) const {
  return changed(*node_, [&](SchemaNode& n) { n.max_length = chars; });
}
Schema Schema::min_items(std::size_t items) const {
  return changed(*node_, [&](SchemaNode& n) { n.min_items = items; });
}
Schema Schema::max_items(std::size_t items) const {
  return changed(*node_, [&](SchemaNode& n) { n.max_items = items; });
}

// JSON Schema ---------------------------------------------------------------------------------

namespace {

Json definition_json(const SchemaNode& n) {
  Json out = Json::object();
  switch (n.type) {
    case Type::any:
      break;
    case Type::object: {
      Json properties = Json::object();
      Json required = Json::array();
      for (const Property& p : n.properties) {
        properties[p.name] = p.schema.json_schema();
        if (!p.schema.is_optional()) required.push_back(p.name);
      }
      if (!n.values) out["properties"] = std::move(properties);
      if (!required.empty()) out["required"] = std::move(required);
      out["additionalProperties"] = n.values ? n.values->json_schema() : Json(false);
      break;
    }
    case Type::array:
      if (!n.tuple.empty()) {
        Json prefix = Json::array();
        for (const Schema& item : n.tuple) prefix.push_back(item.json_schema());
        out["prefixItems"] = std::move(prefix);
        out["items"] = false;
      } else {
        out["items"] = n.items->json_schema();
      }
      if (n.min_items > 0) out["minItems"] = n.min_items;
      if (n.max_items) out["maxItems"] = *n.max_items;
      break;
    case Type::string:
      if (n.min_length > 0) out["minLength"] = n.min_length;
      if (n.max_length) out["maxLength"] = *n.max_length;
      if (!n.string_enum.empty()) out["enum"] = n.string_enum;
      if (n.format) out["format"] = n.format->name;
      if (n.secret) out["format"] = "password";
      break;
    case Type::integer:
      if (n.int_min) out["minimum"] = *n.int_min;
      if (n.int_max) out["maximum"] = *n.int_max;
      if (!n.int_enum.empty()) out["enum"] = n.int_enum;
      break;
    case Type::number:
      if (n.number_min) out["minimum"] = *n.number_min;
      if (n.number_max) out["maximum"] = *n.number_max;
      break;
    case Type::boolean:
      break;
  }
  if (n.type != Type::any) {
    out["type"] = n.nullable ? Json::array({type_name(n.type), "null"}) : Json(type_name(n.type));
    if (n.nullable && out.contains("enum")) out["enum"].push_back(nullptr);
  }
  return out;
}

}  // namespace

Json Schema::json_schema() const {
  const SchemaNode& n = *node_;
  Json out;
  if (n.target) {
    out = {{"$ref", "#/components/schemas/" + n.component}};
    if (n.nullable) out = {{"anyOf", Json::array({out, {{"type", "null"}}})}};
  } else {
    out = definition_json(n);
  }
  std::string description = n.description;
  if (description.empty() && n.format) description = n.format->description;
  if (!description.empty()) out["description"] = description;
  if (n.default_value) out["default"] = *n.default_value;
  if (n.example) {
    out["examples"] = Json::array({*n.example});
  } else if (n.format && !n.target) {
    out["examples"] = Json::array({n.format->example});
  }
  return out;
}

void collect_components(const Schema& schema, std::map<std::string, Json>& into) {
  const SchemaNode& n = schema.node();
  if (n.target) {
    Json definition = definition_json(*n.target);
    if (!n.target->description.empty()) definition["description"] = n.target->description;
    const auto [at, added] = into.emplace(n.component, definition);
    if (!added) {
      if (at->second != definition) {
        throw std::logic_error("two different schemas are named " + n.component);
      }
      return;  // already walked
    }
  }
  const SchemaNode& d = resolved(n);
  for (const Property& p : d.properties) collect_components(p.schema, into);
  if (d.values) collect_components(*d.values, into);
  if (d.items) collect_components(*d.items, into);
  for (const Schema& item : d.tuple) collect_components(item, into);
}

// Builders ------------------------------------------------------------------------------------

namespace schema {

Schema object(std::vector<Property> properties) {
  std::set<std::string> names;
  for (const Property& p : properties) {
    if (!names.insert(p.name).second) throw std::logic_error("field declared twice: " + p.name);
  }
  return make({.type = Type::object, .properties = std::move(properties)});
}

Schema map_of(Schema values) {
  return make({.type = Type::object, .values = std::move(values)});
}

Schema array(Schema items) {
  return make({.type = Type::array, .items = std::move(items)});
}

Schema tuple(std::vector<Schema> items) {
  const std::size_t size = items.size();
  return make(
      {.type = Type::array, .tuple = std::move(items), .min_items = size, .max_items = size});
}

Schema text(std::size_t max_chars) {
  return make({.type = Type::string, .min_length = 1, .max_length = max_chars});
}

Schema secret(std::size_t max_chars) {
  return make({.type = Type::string, .secret = true, .min_length = 1, .max_length = max_chars});
}

Schema string() {
  return make({.type = Type::string});
}

Schema enum_of(std::vector<std::string> values) {
  return make({.type = Type::string, .min_length = 1, .string_enum = std::move(values)});
}

Schema formatted(Format format) {
  return make({.type = Type::string, .min_length = 1, .format = std::move(format)});
}

Schema date() {
  static const Format format{
      "date", "a calendar date, YYYY-MM-DD", "2026-11-30",
      [](std::string_view value, const std::string& field) -> Status {
        if (is_valid_date(value)) return {};
        return Error::invalid(field, {"日期格式必须是 YYYY-MM-DD", "the date must be YYYY-MM-DD"});
      }};
  return formatted(format).max_length(10);
}

Schema unit_code() {
  static const Format format{"unit-code",
                             "a 12-digit statistical division code or a 15-digit grid code",
                             "620102001001", org::check_code};
  return formatted(format).min_length(12).max_length(15);
}

Schema mobile() {
  static const Format format{"mobile", "a mainland mobile number: 11 digits starting 13-19",
                             "13800000001", privacy::validate_mobile};
  return formatted(format).min_length(11).max_length(11);
}

Schema work_phone() {
  static const Format format{"work-phone", "a work number as dialled: 3-30 digits, spaces, - + ( )",
                             "0931-8888001", privacy::validate_work_phone};
  return formatted(format).min_length(3).max_length(30);
}

Schema integer() {
  return make({.type = Type::integer});
}

Schema integer(int64_t min, int64_t max) {
  return make({.type = Type::integer, .int_min = min, .int_max = max});
}

Schema integer_enum(std::vector<int64_t> values) {
  return make({.type = Type::integer, .int_enum = std::move(values)});
}

Schema number() {
  return make({.type = Type::number});
}

Schema number(double min, double max) {
  return make({.type = Type::number, .number_min = min, .number_max = max});
}

Schema boolean() {
  return make({.type = Type::boolean});
}

Schema any() {
  return make({.type = Type::any});
}

Schema component(std::string name, Schema definition) {
  if (definition.node().target) throw std::logic_error("a component of a component: " + name);
  return make({.component = std::move(name),
               .target = std::make_shared<const SchemaNode>(definition.node())});
}

Schema page_of(const Schema& item, bool bounded_total) {
  const SchemaNode& n = item.node();
  if (!n.target) throw std::logic_error("page_of needs a component");
  std::vector<Property> properties{{"items", array(item)}, {"total", integer(0, kMaxInt)}};
  if (bounded_total) {
    properties.push_back(
        {"totalExact", boolean().describe("false: counted only this far, there are more")});
  }
  return component(n.component + "Page", object(std::move(properties)));
}

Schema error() {
  static const Schema error = [] {
    std::vector<std::string> codes;
    for (ErrorCode code : kAllErrorCodes) codes.emplace_back(error_code_name(code));
    const Schema field_error =
        object({{"field", string().describe("the input the reason is about: name, "
                                            "roles[0].unitCode, page, body")},
                {"reason", string()},
                {"line", integer(1, kMaxInt).optional().describe("line of an imported file")}});
    return component(
        "Error",
        object({{"code", enum_of(codes).describe("stable: clients match on it")},
                {"message", string().describe("for people, in the language asked for")},
                {"details", array(field_error)},
                {"requestId", string()}})
            .describe("Every refusal: one stable code, a message for people, every wrong input"));
  }();
  return error;
}

std::vector<Property> paging(int64_t max_page_size) {
  return {{"page", integer(1, 1'000'000).default_to(1).describe("1-based page number")},
          {"pageSize", integer(1, max_page_size).default_to(20).describe("items per page")}};
}

std::vector<Property> ids_path(std::initializer_list<const char*> names) {
  std::vector<Property> path;
  for (const char* name : names) path.push_back({name, integer(1, kMaxInt)});
  return path;
}

}  // namespace schema

// Contract checks at start-up ---------------------------------------------------------------

namespace {

void check_input(const Schema& schema, const std::string& field, const std::string& where) {
  const SchemaNode& n = schema.node();
  const SchemaNode& d = resolved(n);
  const auto refuse = [&](const char* what) {
    throw std::logic_error(fmt::format("{}: {} {}", where, field, what));
  };
  switch (d.type) {
    case Type::any:
      refuse("takes anything: state its shape");
      break;
    case Type::object:
      if (d.values) refuse("is a map: requests take declared fields only");
      for (const Property& p : d.properties) {
        check_input(p.schema, field.empty() ? p.name : field + "." + p.name, where);
      }
      break;
    case Type::array:
      if (!d.max_items) refuse("needs max_items");
      if (d.items) check_input(*d.items, field + "[]", where);
      for (const Schema& item : d.tuple) check_input(item, field + "[]", where);
      break;
    case Type::string:
      if (!d.max_length && d.string_enum.empty() && !d.format) refuse("needs max_length");
      break;
    default:
      break;
  }
}

void check_parameter(const Property& p, bool in_path, const std::string& where) {
  const SchemaNode& n = p.schema.node();
  const Type type = resolved(n).type;
  if (type == Type::any || type == Type::object || type == Type::array) {
    throw std::logic_error(fmt::format("{}: parameter {} must be a scalar", where, p.name));
  }
  if (n.nullable)
    throw std::logic_error(fmt::format("{}: parameter {} is nullable", where, p.name));
  if (in_path && n.optional) {
    throw std::logic_error(fmt::format("{}: path parameter {} is optional", where, p.name));
  }
  check_input(p.schema, p.name, where);
}

}  // namespace

void check_contract(const Contract& contract, const std::vector<std::string>& path_names,
                    const std::string& where) {
  std::set<std::string> declared;
  for (const Property& p : contract.path) {
    if (!declared.insert(p.name).second ||
        std::find(path_names.begin(), path_names.end(), p.name) == path_names.end()) {
      throw std::logic_error(
          fmt::format("{}: path parameter {} is not in the pattern", where, p.name));
    }
    check_parameter(p, true, where);
  }
  if (declared.size() != path_names.size()) {
    throw std::logic_error(where + ": every {name} of the pattern needs a schema");
  }
  std::set<std::string> query;
  for (const Property& p : contract.query) {
    if (!query.insert(p.name).second) {
      throw std::logic_error(fmt::format("{}: query parameter {} twice", where, p.name));
    }
    check_parameter(p, false, where);
  }
  if (contract.body) check_input(*contract.body, "", where);
  if (contract.upload) {
    if (contract.body) throw std::logic_error(where + ": a JSON body and an upload");
    if (contract.upload->media_types.empty() || contract.upload->max_bytes == 0) {
      throw std::logic_error(where + ": an upload needs its media types and a size limit");
    }
  }
  std::set<int> statuses;
  for (const Reply& reply : contract.replies) {
    if (reply.status < 200 || reply.status >= 400 || !statuses.insert(reply.status).second) {
      throw std::logic_error(fmt::format("{}: reply status {}", where, reply.status));
    }
    if (reply.json && !reply.media_type.empty()) {
      throw std::logic_error(
          fmt::format("{}: reply {} is JSON and {}", where, reply.status, reply.media_type));
    }
  }
}

// Validation ----------------------------------------------------------------------------------

namespace {

enum class Direction { request, reply };

std::string member(const std::string& prefix, const std::string& key) {
  return prefix.empty() ? key : prefix + "." + key;
}

// Walks a value and its schema together, collecting every problem. For a request it also builds
// the value the handler gets: text normalised, defaults filled in.
class Checker {
 public:
  explicit Checker(Direction direction) : direction_(direction) {}

  // `field` names the value in errors; "" is the whole body.
  Json check(const Schema& schema, const Json& value, const std::string& field) {
    const SchemaNode& n = schema.node();
    const SchemaNode& d = resolved(n);
    if (value.is_null() && (n.nullable || d.nullable || d.type == Type::any)) return value;
    switch (d.type) {
      case Type::any:
        return value;
      case Type::object:
        return check_object(d, value, field);
      case Type::array:
        return check_array(d, value, field);
      case Type::string:
        if (!value.is_string()) return refuse(field, reason::not_a_string());
        return check_string(d, value.get_ref<const std::string&>(), field);
      case Type::integer:
        if (!value.is_number_integer()) return refuse(field, reason::not_an_integer());
        if (value.is_number_unsigned() &&
            value.get<uint64_t>() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
          return refuse(field, range(d));
        }
        return check_integer(d, value.get<int64_t>(), field, range(d));
      case Type::number:
        if (!value.is_number()) return refuse(field, reason::not_a_number());
        return check_number(d, value.get<double>(), field);
      case Type::boolean:
        if (!value.is_boolean()) return refuse(field, reason::not_a_boolean());
        return value;
    }
    return value;
  }

  // A query or path parameter: text in the URL, converted to the parameter's type.
  Json check_parameter(const Schema& schema, const std::string& raw, const std::string& name) {
    const SchemaNode& d = resolved(schema.node());
    switch (d.type) {
      case Type::string:
        return check_string(d, raw, name);
      case Type::integer: {
        const int64_t min = d.int_min.value_or(std::numeric_limits<int64_t>::min());
        const int64_t max = d.int_max.value_or(std::numeric_limits<int64_t>::max());
        const bool negative = raw.starts_with('-');
        auto magnitude = parse_decimal(std::string_view(raw).substr(negative ? 1 : 0));
        if (!magnitude) return refuse(name, reason::not_an_integer_from(min, max));
        return check_integer(d, negative ? -*magnitude : *magnitude, name,
                             reason::not_an_integer_from(min, max));
      }
      case Type::number: {
        double value = 0;
        const auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), value);
        if (raw.empty() || ec != std::errc() || end != raw.data() + raw.size() ||
            !std::isfinite(value)) {
          return refuse(name, reason::not_a_number());
        }
        return check_number(d, value, name);
      }
      case Type::boolean:
        if (raw == "true") return true;
        if (raw == "false") return false;
        return refuse(name, reason::not_a_boolean());
      default:
        return refuse(name, reason::not_a_string());  // refused by check_contract
    }
  }

  void add(const std::string& field, Text why) {
    errors_.push_back({field.empty() ? "body" : field, std::move(why)});
  }
  void add(Error error) {
    for (FieldError& e : error.details) errors_.push_back(std::move(e));
  }
  std::vector<FieldError>& errors() { return errors_; }

 private:
  Json refuse(const std::string& field, Text why) {
    add(field, std::move(why));
    return nullptr;
  }

  static Text range(const SchemaNode& d) {
    return reason::out_of_range(d.int_min.value_or(std::numeric_limits<int64_t>::min()),
                                d.int_max.value_or(std::numeric_limits<int64_t>::max()));
  }

  Json check_object(const SchemaNode& d, const Json& value, const std::string& field) {
    if (!value.is_object()) {
      return refuse(field, field.empty() && direction_ == Direction::request
                               ? reason::body_not_an_object()
                               : reason::not_an_object());
    }
    Json out = Json::object();
    for (const Property& p : d.properties) {
      const auto it = value.find(p.name);
      const SchemaNode& pn = p.schema.node();
      if (it == value.end()) {
        if (direction_ == Direction::request && pn.default_value) {
          out[p.name] = *pn.default_value;
        } else if (!pn.optional) {
          add(member(field, p.name), reason::required());
        }
        continue;
      }
      out[p.name] = check(p.schema, *it, member(field, p.name));
    }
    for (const auto& [key, item] : value.items()) {
      if (d.values) {
        out[key] = check(*d.values, item, member(field, key));
      } else if (std::none_of(d.properties.begin(), d.properties.end(),
                              [&key](const Property& p) { return p.name == key; })) {
        add(member(field, key), reason::unknown_field());
      }
    }
    return out;
  }

  Json check_array(const SchemaNode& d, const Json& value, const std::string& field) {
    if (!d.tuple.empty()) {
      if (!value.is_array() || value.size() != d.tuple.size()) {
        return refuse(field, reason::not_a_tuple(d.tuple.size()));
      }
    } else if (!value.is_array() || (d.max_items && value.size() > *d.max_items)) {
      return refuse(field, reason::array_too_long(d.max_items.value_or(value.size())));
    } else if (value.size() < d.min_items) {
      return refuse(field, reason::too_few_items(d.min_items));
    }
    Json out = Json::array();
    for (std::size_t i = 0; i < value.size(); ++i) {
      const Schema& item = d.tuple.empty() ? *d.items : d.tuple[i];
      out.push_back(check(item, value[i], fmt::format("{}[{}]", field, i)));
    }
    return out;
  }

  Json check_string(const SchemaNode& d, const std::string& given, const std::string& field) {
    std::string text;
    if (direction_ == Direction::request && !d.secret) {
      auto normal = normalise_text(trim(given), field);
      if (!normal) {
        add(std::move(normal).error());
        return nullptr;
      }
      text = std::move(normal).value();
    } else {
      text = given;
    }
    // A format's own reason says more than a length ("a 12-digit code" rather than "at most 15").
    if (d.format) {
      if (Status ok = d.format->check(text, field.empty() ? "body" : field); !ok) {
        add(std::move(ok).error());
        return nullptr;
      }
    }
    const std::size_t length = utf8_length(text);
    if (length == 0 && d.min_length > 0) return refuse(field, reason::empty());
    if (length < d.min_length) return refuse(field, reason::too_short(d.min_length));
    if (d.max_length && length > *d.max_length) {
      return refuse(field, reason::too_long(*d.max_length));
    }
    if (!d.string_enum.empty() &&
        std::find(d.string_enum.begin(), d.string_enum.end(), text) == d.string_enum.end()) {
      return refuse(field, reason::not_one_of(d.string_enum));
    }
    return text;
  }

  Json check_integer(const SchemaNode& d, int64_t value, const std::string& field, Text why) {
    if (!d.int_enum.empty()) {
      if (std::find(d.int_enum.begin(), d.int_enum.end(), value) != d.int_enum.end()) return value;
      std::vector<std::string> allowed;
      for (int64_t v : d.int_enum) allowed.push_back(std::to_string(v));
      return refuse(field, reason::not_one_of(allowed));
    }
    if ((d.int_min && value < *d.int_min) || (d.int_max && value > *d.int_max)) {
      return refuse(field, std::move(why));
    }
    return value;
  }

  Json check_number(const SchemaNode& d, double value, const std::string& field) {
    if ((d.number_min && value < *d.number_min) || (d.number_max && value > *d.number_max)) {
      return refuse(field, reason::out_of_range(d.number_min.value_or(-HUGE_VAL),
                                                d.number_max.value_or(HUGE_VAL)));
    }
    return value;
  }

  Direction direction_;
  std::vector<FieldError> errors_;
};

// Query parameters: every declared one converted (or its default), then the ones not declared
// and the repeated ones refused.
Json check_query(Checker& checker, const std::vector<Property>& declared,
                 std::string_view raw_query) {
  Json out = Json::object();
  auto pairs = parse_query(raw_query);
  if (!pairs) {
    checker.add(std::move(pairs).error());
    return out;
  }
  std::map<std::string, int, std::less<>> seen;
  for (const auto& pair : *pairs) ++seen[pair.first];
  for (const Property& p : declared) {
    const auto it = std::find_if(pairs->begin(), pairs->end(),
                                 [&p](const auto& pair) { return pair.first == p.name; });
    const SchemaNode& n = p.schema.node();
    if (it == pairs->end()) {
      if (n.default_value) {
        out[p.name] = *n.default_value;
      } else if (!n.optional) {
        checker.add(p.name, reason::required());
      }
    } else if (seen[p.name] > 1) {
      checker.add(p.name, reason::repeated_query_parameter());
    } else {
      out[p.name] = checker.check_parameter(p.schema, it->second, p.name);
    }
  }
  std::set<std::string, std::less<>> reported;
  for (const auto& [name, value] : *pairs) {
    const bool known = std::any_of(declared.begin(), declared.end(),
                                   [&name](const Property& p) { return p.name == name; });
    if (!known && reported.insert(name).second) {
      checker.add(name, reason::unknown_query_parameter());
    }
  }
  return out;
}

std::string describe(const std::vector<FieldError>& errors) {
  std::vector<std::string> lines;
  for (const FieldError& e : errors) lines.push_back(e.field + ": " + e.reason.en);
  return fmt::format("{}", fmt::join(lines, "; "));
}

}  // namespace

Result<Inputs> validate_request(const Contract& contract,
                                const std::vector<std::pair<std::string, std::string>>& path,
                                std::string_view raw_query, std::string_view body) {
  Checker checker(Direction::request);
  Inputs inputs;
  for (const Property& p : contract.path) {
    const auto it = std::find_if(path.begin(), path.end(),
                                 [&p](const auto& param) { return param.first == p.name; });
    if (it != path.end())
      inputs.path[p.name] = checker.check_parameter(p.schema, it->second, p.name);
  }
  inputs.query = check_query(checker, contract.query, raw_query);
  if (contract.body) {
    auto parsed = parse_json_strict(body);
    if (!parsed) {
      checker.add(std::move(parsed).error());
    } else {
      inputs.body = checker.check(*contract.body, *parsed, "");
    }
  } else if (contract.upload) {
    if (body.empty()) checker.add("body", {"请选择要上传的文件", "the file is empty or missing"});
  } else if (!body.empty()) {
    checker.add("body", reason::no_body());
  }
  if (!checker.errors().empty()) return Error::invalid(std::move(checker.errors()));
  return inputs;
}

std::vector<std::string> check_reply(const Contract& contract, const Response& response) {
  const bool json = response.content_type.starts_with("application/json");
  const auto check_body = [&](const Schema& schema) -> std::vector<std::string> {
    if (!json) return {"a JSON body was declared, the content type is " + response.content_type};
    auto parsed = parse_json_strict(response.body, 64);
    if (!parsed) return {"the body is not JSON: " + describe(parsed.error().details)};
    Checker checker(Direction::reply);
    checker.check(schema, *parsed, "");
    if (checker.errors().empty()) return {};
    std::vector<std::string> problems;
    for (const FieldError& e : checker.errors()) problems.push_back(e.field + ": " + e.reason.en);
    return problems;
  };
  if (response.status >= 400) {
    return contract.errors ? std::vector<std::string>{} : check_body(schema::error());
  }
  const auto reply =
      std::find_if(contract.replies.begin(), contract.replies.end(),
                   [&response](const Reply& r) { return r.status == response.status; });
  if (reply == contract.replies.end()) {
    return {fmt::format("status {} is not declared", response.status)};
  }
  if (reply->json) return check_body(*reply->json);
  if (!reply->media_type.empty()) {
    // "image/*" is a range: any image type; "*/*" any type at all.
    if (reply->media_type == "*/*") return {};
    const std::string_view declared =
        reply->media_type.ends_with("/*")
            ? std::string_view(reply->media_type).substr(0, reply->media_type.size() - 1)
            : std::string_view(reply->media_type);
    if (response.content_type.starts_with(declared)) return {};
    return {
        fmt::format("the content type is {}, not {}", response.content_type, reply->media_type)};
  }
  if (!response.body.empty()) return {"a body where none was declared"};
  return {};
}

}  // namespace shequ::http
