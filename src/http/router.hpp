// The route table: method + path pattern -> handler, each route declaring the permission it
// needs and the contract of what it takes and answers. A route without a declared permission is
// refused when it is added, so no endpoint can be served by accident without an access decision.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "http/contract.hpp"
#include "http/message.hpp"

namespace shequ::http {

// The permission of routes anyone may call (health checks, the API description, login).
inline constexpr std::string_view kPublic = "public";
// The permission of routes every logged-in user may call about themselves (me, logout).
inline constexpr std::string_view kAuthenticated = "authenticated";

using Handler = std::function<Result<Response>(const Request&)>;

// How a value of a list's items is written into a cell of its Excel download.
enum class ExportFormat {
  text,  // strings as they are, numbers as numbers, true/false as 是/否, arrays joined by 、
  time,  // an ISO 8601 UTC time, shown in China time (UTC+8)
  unit,  // a unit code, shown as the unit's name under its path (城关区 › 酒泉路街道 › 畅家巷社区)
  action,  // an audit action code, shown as the label its module declares
  fen,     // an amount of money in fen (分), shown in yuan with two decimals
};

// One column of a list's Excel download: a field of each item.
struct ExportColumn {
  std::string field;  // "name"; "urbanRural.name" for a field of an object
  Text label;
  ExportFormat format = ExportFormat::text;
  double width = 16;  // characters
  // For an array of objects: the field of each that is shown ("roleName" of every role).
  std::string each;
  // Words for coded values ("active" → 启用): the value itself when it has none.
  std::vector<std::pair<std::string, Text>> values;
};

// What a list route's Excel download holds (app::add_list_exports serves it as the twin route
// "<pattern>.xlsx", with the route's filters, its permission and scope, audited as an export).
struct ListExport {
  Text title;  // the sheet's and the file's name: 账号, 审计日志 …
  std::vector<ExportColumn> columns;
};

// Where a handler runs: on the I/O threads (only for work that never blocks: memory reads),
// or on the worker pool (anything that touches storage or files).
enum class Execution { io, worker };

struct Route {
  std::string method;  // GET, POST, PATCH, PUT, DELETE
  // "/api/v1/org/units/{code}/children"; a parameter may end in fixed text ("{code}.json").
  std::string pattern;
  std::string permission;  // "module:object:action", or kPublic
  std::string summary;     // one line for the API description
  std::string tag;         // group in the API description
  Handler handler;
  Execution execution = Execution::worker;
  // What the route takes and answers (contract.hpp): the dispatcher validates the request
  // against it before the handler runs and hands it request.path_json, query_json and body_json.
  Contract contract;
  // Served while the caller must still change an expired password (me, logout, password).
  bool allowed_with_expired_password = false;
  // A query parameter (or, in a form-encoded body, a form field) that may carry the caller's API
  // key when no Authorization header does: for protocols whose clients send it so (Open311's
  // api_key). Empty: the header only.
  std::string api_key_parameter;
  // A list route (reply {items, total}) whose items may be downloaded as an Excel workbook.
  std::optional<ListExport> exports;
  // Answers personal data in clear on purpose: a reveal with its stated reason, a subject-access
  // export, a secret shown once at its setup. Each call is audited. No other answer may hold a
  // sealed value in clear; the personal-data scan (tests/api/personal_data_scan_test.cpp) holds
  // every other route to that.
  bool reveals_personal_data = false;
};

class Router {
 public:
  // Tells whether some module declares a permission (kit::Registry::declares_permission).
  using PermissionCheck = std::function<bool(std::string_view)>;
  explicit Router(PermissionCheck declared) : declared_(std::move(declared)) {}

  // Throws std::logic_error for a route without permission, summary, handler or contract (one
  // that declares no reply), a permission no module declares (other than kPublic and
  // kAuthenticated), a malformed pattern, a method+pattern already present, a contract
  // check_contract() refuses, or a component named like another of a different shape:
  // programming errors, refused at start-up.
  void add(Route route);

  struct Match {
    const Route* route = nullptr;  // null when nothing matched
    std::size_t index = 0;         // position in routes(), for metrics
    std::vector<std::pair<std::string, std::string>> params;
    std::vector<std::string> allowed_methods;  // when the path matched but the method did not
  };
  // Matches a decoded path. HEAD matches GET routes.
  Match match(std::string_view method, std::string_view path) const;

  const std::vector<Route>& routes() const { return routes_; }
  // The named schemas the contracts refer to, by name, as JSON Schema.
  const std::map<std::string, Json>& components() const { return components_; }

 private:
  struct Segment {
    std::string text;  // the fixed text, or the parameter's name
    bool is_param = false;
    std::string suffix;  // a parameter's fixed ending: ".json" of "{code}.json"
  };
  PermissionCheck declared_;
  std::vector<Route> routes_;
  std::vector<std::vector<Segment>> patterns_;
  std::map<std::string, Json> components_;
};

// Splits "/a/b/c" into {"a","b","c"}; a trailing slash yields an empty last segment.
std::vector<std::string_view> split_path(std::string_view path);

}  // namespace shequ::http
