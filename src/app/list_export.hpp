// Excel downloads of every list (导出 Excel): for each route that declares `exports`
// (http::ListExport), a twin route "<pattern>.xlsx" taking the same path and filters (without the
// page) with the same permission. It reads the list through the route's own handler, page by
// page, so scope, masking and filters are exactly those of the list on screen, writes the rows to
// a workbook and records the download in the audit log (audit.list.export) before answering.
#pragma once

#include <cstdint>

#include "app/app.hpp"
#include "http/router.hpp"

namespace shequ::app {

// Adds the twins of the routes added so far. Call after every module's routes. A list longer than
// `max_rows` is refused (too_large) with a request to narrow the filters. `services` must outlive
// the router.
void add_list_exports(http::Router& router, Services& services, int64_t max_rows);

}  // namespace shequ::app
