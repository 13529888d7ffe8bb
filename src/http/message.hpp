// Request and response as handlers see them: plain data, no Beast types, so that handlers and
// their tests compile fast and never touch the socket layer.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/actor.hpp"
#include "common/error.hpp"
#include "common/json.hpp"

namespace shequ::http {

using Headers = std::vector<std::pair<std::string, std::string>>;  // names in lower case

struct Request {
  std::string method;  // upper case: GET, POST, ...
  std::string path;    // percent-decoded path without the query
  std::string query;   // raw query string after '?', not decoded
  Headers headers;
  std::string body;
  // The client: the TCP peer, or behind a trusted proxy the address it forwarded for (see
  // client_address.hpp). What the auth service, and so the audit log, is given as the client.
  std::string remote_address;
  std::string peer_address;  // the TCP peer (a proxy, when one forwarded the request)
  std::string request_id;
  Locale locale = Locale::zh_CN;
  std::vector<std::pair<std::string, std::string>> path_params;  // filled by the router
  // For a route with a contract, its inputs as the dispatcher validated them (contract.hpp):
  // path and query values as their types with defaults filled in, text normalised. The body is
  // null when the route takes none.
  Json path_json = Json::object();
  Json query_json = Json::object();
  Json body_json;
  std::optional<Actor> actor;  // set by the dispatcher for every route that is not public

  // The first header with this lower-case name, or "" when absent.
  std::string_view header(std::string_view name) const;
  // The value of one cookie, or "" when absent.
  std::string cookie(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  Headers headers;

  static Response json(int status, const Json& body);
  static Response text(int status, std::string body, std::string content_type);
  // A file to save (200, Content-Disposition: attachment): `ascii_name` for clients that read
  // only the plain name, `name` (UTF-8, percent-encoded as RFC 6266 asks) for the others.
  static Response attachment(std::string body, std::string content_type,
                             std::string_view ascii_name, std::string_view name);
  static Response no_content();
};

// The language a person asked for through Accept-Language; Chinese unless English comes first.
Locale locale_from_accept_language(std::string_view header);

}  // namespace shequ::http
