#include "org/unit_json.hpp"

namespace shequ::org {

Json path_json(const std::vector<UnitRef>& path) {
  Json out = Json::array();
  for (const UnitRef& up : path) out.push_back({{"code", up.code}, {"name", up.name}});
  return out;
}

Json unit_ref_json(const UnitView& view) {
  return {{"code", view.unit.code}, {"name", view.unit.name}, {"path", path_json(view.path)}};
}

Json unit_ref_json(const OrgService& org, const std::string& code) {
  auto unit = org.unit(code);
  return unit ? unit_ref_json(*unit) : Json{{"code", code}, {"name", ""}, {"path", Json::array()}};
}

const http::Schema& path_schema() {
  using namespace http::schema;
  static const http::Schema path = component(
      "UnitPath",
      array(object({{"code", unit_code()}, {"name", string()}}))
          .describe("the units above, from the cities down to the parent; empty for the province "
                    "and the cities"));
  return path;
}

const http::Schema& unit_ref_schema() {
  using namespace http::schema;
  static const http::Schema ref = component(
      "UnitRef", object({{"code", unit_code()}, {"name", string()}, {"path", path_schema()}}));
  return ref;
}

std::vector<http::Property> code_path(std::string what) {
  return {{"code", http::schema::unit_code().describe(std::move(what))}};
}

const std::string& code_of(const http::Request& request) {
  return request.path_json["code"].get_ref<const std::string&>();
}

PageRequest page_of_query(const Json& query) {
  return {query["page"].get<int64_t>(), query["pageSize"].get<int64_t>()};
}

int64_t id_of(const http::Request& request, const char* name) {
  return request.path_json[name].get<int64_t>();
}

}  // namespace shequ::org
