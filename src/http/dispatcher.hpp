// Everything between a parsed request and its response that is not socket I/O: routing,
// refusing what needs no handler (unknown path, wrong method, wrong content type), running the
// handler with errors mapped to error bodies, metrics and the access log.
//
// Thread-safe: all methods are const and may run on many threads at once.
#pragma once

#include <chrono>
#include <optional>

#include "http/message.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"

namespace shequ::http {

// The name of the session cookie.
inline constexpr std::string_view kSessionCookie = "shequ_session";

// Turns a session token into the actor behind it. Implemented over the auth service by the
// composition root. Thread-safe.
class Authenticator {
 public:
  virtual ~Authenticator() = default;
  virtual Result<Actor> authenticate(const std::string& token, const Request& request) = 0;
  // The actor an API key (from "Authorization: Bearer shq_...") stands for.
  virtual Result<Actor> authenticate_api_key(const std::string& key, const Request& request) = 0;
};

class Dispatcher {
 public:
  // `router`, `metrics`, `static_files` (may be null: no console) and `authenticator` must
  // outlive the dispatcher. Without an authenticator every route that is not public is refused.
  // With `check_replies` (the tests; never in production) every answer of a route is checked
  // against its contract, and one that does not match becomes a 500 with the mismatch logged:
  // a handler that drifts from its declared shape fails the suite instead of the console.
  Dispatcher(const Router& router, Metrics& metrics, const StaticFiles* static_files,
             bool access_log, Authenticator* authenticator = nullptr, bool check_replies = false);

  struct Prepared {
    const Route* route = nullptr;      // the handler to run, or null with `response` set
    std::size_t series = 0;            // metrics series
    std::optional<Response> response;  // answered without a handler
  };
  // Routes the request and fills its path parameters.
  Prepared prepare(Request& request) const;
  // The body size a request for `target` (path and query as sent) may have when it goes to a
  // route that takes an upload; nullopt: the server's usual limit. Read before the body is.
  std::optional<std::size_t> upload_limit(std::string_view method, std::string_view target) const;
  // The largest body any route takes as an upload (0 when none does).
  std::size_t largest_upload() const;
  // Decides access (deny by default): a public route passes; any other needs a session whose
  // actor holds the route's permission, and a write needs the session's CSRF token and no
  // foreign or hidden ("null") Origin. Then validates the request against the route's contract
  // (every problem at once; a route without one that documents no query parameter takes none)
  // and runs the handler. Errors and exceptions become error bodies.
  Response invoke(const Route& route, Request& request) const;
  // An error found before the request could reach its route (a body over the route's limit, a
  // path that does not decode), written as the route `target` (as sent) names writes its
  // refusals when one does (Contract::errors), else as the usual error body.
  Response refuse(std::string_view method, std::string_view target, const Error& error,
                  const Request& request) const;
  // Records metrics and writes one access-log line (no bodies, no personal data).
  void complete(const Request& request, const Response& response, std::size_t series,
                std::chrono::nanoseconds elapsed) const;

  // The metrics series of requests that reached no route.
  std::size_t unmatched_series() const { return metrics_.unmatched_index(); }

  // prepare + invoke + complete on the calling thread.
  Response handle(Request& request) const;

 private:
  Response run(const Route& route, Request& request) const;

  const Router& router_;
  Metrics& metrics_;
  const StaticFiles* static_files_;
  bool access_log_;
  Authenticator* authenticator_;
  bool check_replies_;
};

// Checks that the request may run `route`, and sets request.actor. Exposed for tests.
Status authorize(const Route& route, Request& request, Authenticator* authenticator);

}  // namespace shequ::http
