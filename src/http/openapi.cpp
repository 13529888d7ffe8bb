#include "http/openapi.hpp"

#include <cctype>

namespace shequ::http {

namespace {

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

Json error_response_doc(const char* description) {
  return {
      {"description", description},
      {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
}

}  // namespace

Json openapi_document(const Router& router, std::string_view version) {
  Json paths = Json::object();
  for (const Route& route : router.routes()) {
    Json parameters = Json::array();
    for (std::string_view segment : split_path(route.pattern)) {
      if (segment.size() > 2 && segment.front() == '{') {
        parameters.push_back({{"name", std::string(segment.substr(1, segment.size() - 2))},
                              {"in", "path"},
                              {"required", true},
                              {"schema", {{"type", "string"}}}});
      }
    }
    for (const QueryParameter& q : route.query) {
      parameters.push_back({{"name", q.name},
                            {"in", "query"},
                            {"required", q.required},
                            {"description", q.description},
                            {"schema", {{"type", q.type}}}});
    }
    Json responses = {{std::to_string(route.success_status), {{"description", "success"}}},
                      {"400", error_response_doc("invalid input")},
                      {"default", error_response_doc("error")}};
    Json operation = {{"summary", route.summary},
                      {"tags", Json::array({route.tag})},
                      {"x-permission", route.permission},
                      {"parameters", std::move(parameters)},
                      {"responses", std::move(responses)}};
    if (route.json_body) {
      operation["requestBody"] = {
          {"required", true},
          {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};
    }
    paths[route.pattern][lower(route.method)] = std::move(operation);
  }
  Json field_error = {{"type", "object"},
                      {"required", {"field", "reason"}},
                      {"properties",
                       {{"field", {{"type", "string"}}},
                        {"reason", {{"type", "string"}}},
                        {"line", {{"type", "integer"}}}}}};
  Json error_codes = Json::array();
  for (ErrorCode code : kAllErrorCodes) error_codes.push_back(error_code_name(code));
  Json error = {{"type", "object"},
                {"required", {"code", "message", "details", "requestId"}},
                {"properties",
                 {{"code", {{"type", "string"}, {"enum", error_codes}}},
                  {"message", {{"type", "string"}}},
                  {"details", {{"type", "array"}, {"items", std::move(field_error)}}},
                  {"requestId", {{"type", "string"}}}}}};
  return {{"openapi", "3.0.3"},
          {"info", {{"title", "shequ API"}, {"version", version}}},
          {"paths", std::move(paths)},
          {"components", {{"schemas", {{"Error", std::move(error)}}}}}};
}

}  // namespace shequ::http
