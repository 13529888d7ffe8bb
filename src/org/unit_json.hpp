// How units are named in every module's answers: a reference (code, name and the path of units
// above it) that the console shows as 城关区 › 酒泉路街道 › 畅家巷社区, and the path and code
// parameters of routes about one unit. One place, so that every module's routes describe and
// shape units alike.
//
// Thread-safe: pure functions; the schemas are built once.
#pragma once

#include <string>
#include <vector>

#include "http/contract.hpp"
#include "http/message.hpp"
#include "org/org_service.hpp"
#include "org/org_tree.hpp"

namespace shequ::org {

// [{code, name}, …] from the cities down to the parent.
Json path_json(const std::vector<UnitRef>& path);
// {code, name, path}.
Json unit_ref_json(const UnitView& view);
// The same for a current unit's code; a retired or unknown one as {code, name: "", path: []}.
Json unit_ref_json(const OrgService& org, const std::string& code);

// The component "UnitPath" that path_json answers.
const http::Schema& path_schema();
// The component "UnitRef" that unit_ref_json answers.
const http::Schema& unit_ref_schema();

// The path parameter "code" of a route about one unit, described as `what`.
std::vector<http::Property> code_path(std::string what = "a unit's 12-digit code, or a grid's 15");
// Its value, once the dispatcher has checked it.
const std::string& code_of(const http::Request& request);

// The page a list route's query asks for, once checked against http::schema::paging().
PageRequest page_of_query(const Json& query);
// The record id in a route's path (http::schema::ids_path), once checked.
int64_t id_of(const http::Request& request, const char* name = "id");

}  // namespace shequ::org
