// Typed contracts of the API: what a route takes (path, query, body) and what it answers, as
// schemas of the JSON Schema subset the API uses (OpenAPI 3.1 is JSON Schema 2020-12). One source
// for three uses: the dispatcher validates every request against them before the handler runs,
// /api/openapi.json is generated from them, and the console's TypeScript types from that.
//
// Building schemas (at start-up; values, cheap to copy, immutable once built):
//
//   using namespace shequ::http::schema;
//   const Schema grid = component("Grid", object({
//       {"code", unit_code()},
//       {"name", text(50)},                           // entered text: trimmed, NFC, 1-50 chars
//       {"description", text(500).min_length(0)},     // "" is a value
//       {"villageCode", unit_code().nullable()},      // present, maybe null
//       {"version", integer(1, kMaxInt)},
//   }));
//   .contract = {.path = {{"code", unit_code()}},
//                .query = paging(),
//                .body = object({{"name", text(50)}, {"note", text(200).optional()}}),
//                .replies = {{.status = 201, .json = grid}}}
//
// Rules the validator applies:
//   * objects refuse fields they do not declare; declared fields are required unless optional()
//     or given a default_to(); null only where nullable();
//   * strings that people type are text: surrounding spaces trimmed, refused with control or
//     invisible characters, put in NFC (normalise_text), then their length counted in code
//     points (text() refuses "" unless min_length(0)). secret() takes the string as sent;
//   * integers are JSON integers (1.0 is not one); in a query or path, plain decimal digits;
//   * every problem is reported at once, named as a person would find it: "name",
//     "roles[0].unitCode", "page" (query and path parameters by their plain names), "body".
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/json.hpp"
#include "common/result.hpp"
#include "http/message.hpp"

namespace shequ::http {

// A named rule for strings ("format" in JSON Schema), checked where the API takes them.
struct Format {
  std::string name;         // "date", "unit-code", "mobile"
  std::string description;  // what the API description says of it
  Json example;             // a value that passes, shown in the API description
  // ok, or invalid_argument naming `field` with the reason.
  Status (*check)(std::string_view value, const std::string& field) = nullptr;
};

struct SchemaNode;  // contract.cpp

// One schema. Built with the functions of namespace `schema`; the modifiers return a changed
// copy, so shared pieces (paging(), a component) can be reused and specialised freely.
class Schema {
 public:
  // May be left out of an object (replies: may be absent; requests: not required).
  Schema optional() const;
  // May be null. Null is refused everywhere else: absent and null are not the same.
  Schema nullable() const;
  // Filled in when absent from a request (implies optional()).
  // A default of "" also accepts "" when sent.
  Schema default_to(Json value) const;
  // One line for the API description.
  Schema describe(std::string text) const;
  // A value that passes, for the API description and the fuzz test.
  Schema example(Json value) const;
  // Strings: length in code points, after trimming for text.
  Schema min_length(std::size_t chars) const;
  Schema max_length(std::size_t chars) const;
  // Arrays.
  Schema min_items(std::size_t items) const;
  Schema max_items(std::size_t items) const;

  // The JSON Schema of this schema; components appear as {"$ref": "#/components/schemas/Name"}.
  Json json_schema() const;
  // optional() or default_to() was applied.
  bool is_optional() const;

  const SchemaNode& node() const { return *node_; }
  explicit Schema(std::shared_ptr<const SchemaNode> node) : node_(std::move(node)) {}

 private:
  std::shared_ptr<const SchemaNode> node_;
};

// A field of an object, or a path or query parameter.
struct Property {
  std::string name;
  Schema schema;
};

// What a route answers with one success status.
struct Reply {
  int status = 200;
  std::optional<Schema> json;  // a JSON body of this shape
  std::string media_type;      // or a body that is not JSON ("text/csv", a range "image/*",
                               // "*/*" any); neither: no body
  std::string description;     // for the API description; by default the status's name
};

// A file a route takes as the request's body, as it was sent (an import): of one of
// `media_types` (the Content-Type, parameters aside), at most `max_bytes`, not empty. The server
// reads up to `max_bytes` of body for such a route instead of its usual limit.
struct Upload {
  std::vector<std::string> media_types;
  std::size_t max_bytes = 0;
  std::string description;  // for the API description
};

// Everything a route takes and answers. Every route has one: the router refuses a route whose
// contract declares no reply.
struct Contract {
  std::vector<Property> path;    // one per {name} of the pattern
  std::vector<Property> query;   // the query parameters it takes: no other is accepted
  std::optional<Schema> body;    // the JSON body it takes; none: a request with a body is refused
  std::optional<Upload> upload;  // or the file it takes (never both)
  std::vector<Reply> replies;    // every success status it answers with
  // How the route writes a refusal, for a protocol with an error form of its own (Open311):
  // unset, the error body every other route answers with (http::error_response). Refusals
  // written so are not checked against the Error shape.
  std::function<Response(const Error&, Locale, std::string_view request_id)> errors;

  bool declared() const { return !replies.empty(); }
};

// Building blocks. Each function builds a fresh schema; the ones for components and formats
// return the same definition every time.
namespace schema {

// Integers beyond this lose precision in JavaScript; versions, ids and counts stay below it.
inline constexpr int64_t kMaxInt = 9'007'199'254'740'991;  // 2^53 - 1

// An object with exactly these fields (the others are refused).
Schema object(std::vector<Property> properties);
// An object whose keys are data ({"pharmacy": 3, ...}), each value of this shape. Replies only.
Schema map_of(Schema values);
Schema array(Schema items);
// An array of exactly these items, in order ([lat, lon, reached]).
Schema tuple(std::vector<Schema> items);
// Text a person typed, 1 to `max_chars` code points.
Schema text(std::size_t max_chars);
// A string taken exactly as sent (passwords), 1 to `max_chars` code points.
Schema secret(std::size_t max_chars);
// Any string; for replies (a request's strings need a maximum length).
Schema string();
// One of these strings.
Schema enum_of(std::vector<std::string> values);
// A string that must pass `format`.
Schema formatted(Format format);
Schema date();        // YYYY-MM-DD, a real calendar date
Schema unit_code();   // a 12-digit division code or a 15-digit grid code
Schema mobile();      // a mainland mobile number: 11 digits starting 13-19
Schema work_phone();  // a work number as dialled: privacy::validate_work_phone
Schema integer();
Schema integer(int64_t min, int64_t max);
// One of these integers (shown to TypeScript as a union of literals).
Schema integer_enum(std::vector<int64_t> values);
Schema number();
Schema number(double min, double max);
Schema boolean();
// Anything; for replies only.
Schema any();
// A named shape that repeats: described once under components/schemas/`name` and referred to
// by $ref wherever it is used. Build each component once (a function-local static) and reuse it.
Schema component(std::string name, Schema definition);
// {items: [item...], total}: a page of `item`, a component of its own named "<Item>Page". A list
// whose total is counted only up to a horizon past the page (audit::kCountAhead) has
// `bounded_total`: its page also says totalExact, false when there are more than `total`.
// Precondition: `item` is a component.
Schema page_of(const Schema& item, bool bounded_total = false);
// The error body every refusal has ({code, message, details, requestId}): component "Error".
Schema error();
// The paging parameters every list takes: page (1-based, default 1) and pageSize (1 to
// `max_page_size`, default 20).
std::vector<Property> paging(int64_t max_page_size = 200);
// Path parameters that are record ids (1 and up), by name: ids_path({"id", "post"}).
std::vector<Property> ids_path(std::initializer_list<const char*> names = {"id"});

}  // namespace schema

// The named components `schema` refers to, directly or through other components, added to
// `into` by name as JSON Schema. Throws std::logic_error when a name already there stands for
// another definition.
void collect_components(const Schema& schema, std::map<std::string, Json>& into);

// Checks that `contract` can be enforced and described: path properties match the pattern's
// {names}; path and query parameters are scalars, path ones required; every string a request
// may carry has a maximum length (or an enum or a format), every array a maximum number of
// items; nothing a request carries is any() or map_of(); reply statuses are 2xx or 3xx and
// distinct; an upload names its media types and a size, and comes without a JSON body. Throws
// std::logic_error naming `where` otherwise: a programming error.
void check_contract(const Contract& contract, const std::vector<std::string>& path_names,
                    const std::string& where);

// A request's inputs as the contract lets them through: query and path values converted to
// their types, defaults filled in, text normalised.
struct Inputs {
  Json path = Json::object();
  Json query = Json::object();
  Json body;  // null when the route takes no JSON body (an upload stays in the request's body)
};

// Validates path parameters (decoded), the raw query string and the raw body against
// `contract`; every problem at once as one invalid_argument error. Thread-safe.
Result<Inputs> validate_request(const Contract& contract,
                                const std::vector<std::pair<std::string, std::string>>& path,
                                std::string_view raw_query, std::string_view body);

// What is wrong with `response` as an answer of a route with `contract`: a success status it
// does not declare, a body of another media type or shape than declared, an error body that is
// not the Error shape. Empty when it matches. Each problem is one English line for the log.
std::vector<std::string> check_reply(const Contract& contract, const Response& response);

// The value of `key` in a validated object, or nullopt when absent or null:
//   const auto note = field<std::string>(request.body_json, "note");
template <typename T>
std::optional<T> field(const Json& object, const std::string& key) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::nullopt;
  return it->template get<T>();
}

// What a spreadsheet upload or download is (.xlsx).
inline constexpr std::string_view kXlsxMediaType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

}  // namespace shequ::http
