// The lists module's HTTP routes: needs (list, register, detail, close), resources (list,
// register, change), the proposals for a need, confirmed matches and their outcomes; projects
// (list, register, change, report, publish), residents' comments and their review, and the
// public project pages.
#pragma once

#include "http/router.hpp"
#include "lists/lists_service.hpp"
#include "lists/project_service.hpp"

namespace shequ::lists {

// The services must outlive the router.
void add_routes(http::Router& router, const ListsService& service, const ProjectService& projects);

// The project routes (project_routes.cpp).
void add_project_routes(http::Router& router, const ProjectService& projects);

}  // namespace shequ::lists
