#include "http/openapi.hpp"

#include <fmt/format.h>

#include <cctype>

namespace shequ::http {

namespace {

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

Json error_reply(const char* description) {
  return {{"description", description},
          {"content", {{"application/json", {{"schema", schema::error().json_schema()}}}}}};
}

std::string status_name(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    default:
      return "success";
  }
}

// A path or query parameter: its description moves from the schema to the parameter.
Json parameter(const Property& p, const char* in) {
  Json schema = p.schema.json_schema();
  Json out = {{"name", p.name},
              {"in", in},
              {"required", std::string_view(in) == "path" || !p.schema.is_optional()}};
  if (schema.contains("description")) {
    out["description"] = schema["description"];
    schema.erase("description");
  }
  out["schema"] = std::move(schema);
  return out;
}

Json operation_of(const Route& route) {
  const Contract& contract = route.contract;
  Json parameters = Json::array();
  for (const Property& p : contract.path) parameters.push_back(parameter(p, "path"));
  for (const Property& p : contract.query) parameters.push_back(parameter(p, "query"));
  Json responses = Json::object();
  for (const Reply& reply : contract.replies) {
    Json out = {
        {"description", reply.description.empty() ? status_name(reply.status) : reply.description}};
    if (reply.json) {
      out["content"] = {{"application/json", {{"schema", reply.json->json_schema()}}}};
    } else if (!reply.media_type.empty()) {
      out["content"] = {{reply.media_type, Json::object()}};
    }
    responses[std::to_string(reply.status)] = std::move(out);
  }
  responses["4XX"] = error_reply("refused: the error says why");
  responses["5XX"] = error_reply("failed on the server");
  Json operation = {{"parameters", std::move(parameters)}, {"responses", std::move(responses)}};
  if (contract.body) {
    operation["requestBody"] = {
        {"required", true},
        {"content", {{"application/json", {{"schema", contract.body->json_schema()}}}}}};
  }
  if (contract.upload) {
    Json content = Json::object();
    for (const std::string& type : contract.upload->media_types) {
      content[type] = {{"schema", {{"type", "string"}, {"contentMediaType", type}}}};
    }
    operation["requestBody"] = {
        {"required", true},
        {"description", fmt::format("{} (at most {} bytes)", contract.upload->description,
                                    contract.upload->max_bytes)},
        {"content", std::move(content)}};
  }
  return operation;
}

}  // namespace

Json openapi_document(const Router& router, std::string_view version) {
  Json paths = Json::object();
  for (const Route& route : router.routes()) {
    Json operation = operation_of(route);
    operation["summary"] = route.summary;
    operation["tags"] = Json::array({route.tag});
    operation["x-permission"] = route.permission;
    paths[route.pattern][lower(route.method)] = std::move(operation);
  }
  std::map<std::string, Json> components = router.components();
  collect_components(schema::error(), components);
  Json schemas = Json::object();
  for (auto& [name, definition] : components) schemas[name] = std::move(definition);
  return {{"openapi", "3.1.0"},
          {"info",
           {{"title", "shequ API"},
            {"version", version},
            {"description",
             "Generated from the contracts of the route table. x-permission names the "
             "permission each operation needs (public: anyone; authenticated: any session)."}}},
          {"paths", std::move(paths)},
          {"components", {{"schemas", std::move(schemas)}}}};
}

}  // namespace shequ::http
