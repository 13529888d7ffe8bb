#include "http/dispatcher.hpp"

#include <algorithm>
#include <exception>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "http/contract.hpp"
#include "http/error_mapping.hpp"
#include "http/query.hpp"

namespace shequ::http {

namespace {

// "text/csv; charset=utf-8" → "text/csv", lower case.
std::string media_type_of(std::string_view value) {
  std::string type(value.substr(0, value.find(';')));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return type;
}

bool is_one_of(const std::string& type, const std::vector<std::string>& types) {
  return std::find(types.begin(), types.end(), type) != types.end();
}

bool is_json_content_type(std::string_view value) {
  return media_type_of(value) == "application/json";
}

// A refusal as `route` writes them (Contract::errors), or the usual error body.
Response refusal(const Route* route, const Error& error, const Request& request) {
  if (route != nullptr && route->contract.errors) {
    return route->contract.errors(error, request.locale, request.request_id);
  }
  return error_response(error, request.locale, request.request_id);
}

// The value of `name` in the query string, or else in a form-encoded body; "" when absent or
// when neither can be read (the contract then says what is wrong with them).
std::string parameter(const Request& request, const std::string& name) {
  const auto find = [&](std::string_view text) -> std::string {
    auto pairs = parse_query(text);
    if (!pairs) return "";
    for (auto& [key, value] : *pairs) {
      if (key == name) return std::move(value);
    }
    return "";
  };
  std::string value = find(request.query);
  if (value.empty() &&
      media_type_of(request.header("content-type")) == "application/x-www-form-urlencoded") {
    value = find(request.body);
  }
  return value;
}

}  // namespace

Dispatcher::Dispatcher(const Router& router, Metrics& metrics, const StaticFiles* static_files,
                       bool access_log, Authenticator* authenticator, bool check_replies)
    : router_(router),
      metrics_(metrics),
      static_files_(static_files),
      access_log_(access_log),
      authenticator_(authenticator),
      check_replies_(check_replies) {}

Status authorize(const Route& route, Request& request, Authenticator* authenticator) {
  const bool writes = request.method != "GET" && request.method != "HEAD";
  // A write from a page of another site is refused whatever it carries (login included). So is
  // one from a page whose origin the browser hides ("null": a sandboxed frame, a file, a redirect
  // from another site): such a page is never this console, and could be anyone's.
  const std::string_view origin = request.header("origin");
  if (writes && !origin.empty()) {
    const std::string_view host = request.header("host");
    const bool same = !host.empty() && (origin == fmt::format("http://{}", host) ||
                                        origin == fmt::format("https://{}", host));
    if (!same) return Error::forbidden({"拒绝跨站请求", "cross-site request refused"});
  }
  if (route.permission == kPublic) return {};
  // A machine client sends an API key (in the header, or where the route's protocol puts it); a
  // person's browser sends the session cookie.
  const std::string_view authorization = request.header("authorization");
  std::string key =
      authorization.starts_with("Bearer ") ? std::string(authorization.substr(7)) : "";
  if (key.empty() && !route.api_key_parameter.empty()) {
    key = parameter(request, route.api_key_parameter);
  }
  const std::string token = request.cookie(kSessionCookie);
  if (authenticator == nullptr || (token.empty() && key.empty())) {
    return Error::unauthenticated({"请先登录", "please log in"});
  }
  SHEQU_ASSIGN_OR_RETURN(Actor actor, !key.empty()
                                          ? authenticator->authenticate_api_key(key, request)
                                          : authenticator->authenticate(token, request));
  if (actor.must_change_password && !route.allowed_with_expired_password) {
    Error error = Error::forbidden(
        {"密码已过期，请先修改密码", "your password has expired; change it first"});
    error.details.push_back({"password", {"需要修改密码", "must be changed"}});
    return error;
  }
  if (actor.must_enroll_totp && !route.allowed_with_expired_password) {
    Error error = Error::forbidden(
        {"管理员须先设置动态口令", "administrators must set up a second factor first"});
    error.details.push_back({"totp", {"需要设置动态口令", "must be set up"}});
    return error;
  }
  if (route.permission == kAuthenticated && actor.via_api_key) {
    return Error::forbidden({"API 密钥不能用于个人账号操作", "an API key has no personal account"});
  }
  if (route.permission != kAuthenticated && !actor.has(route.permission)) {
    return Error::forbidden({"没有权限执行此操作", "you do not have permission for this"});
  }
  if (writes && !actor.via_api_key) {
    // Constant-time comparison: the token is a secret of the session.
    const std::string_view given = request.header("x-csrf-token");
    const std::string& expected = actor.csrf_token;
    unsigned char difference = given.size() == expected.size() ? 0 : 1;
    for (std::size_t i = 0; i < given.size() && i < expected.size(); ++i) {
      difference |= static_cast<unsigned char>(given[i] ^ expected[i]);
    }
    if (difference != 0 || expected.empty()) {
      return Error::forbidden(
          {"缺少或错误的 CSRF 令牌，请刷新页面", "missing or wrong CSRF token; reload the page"});
    }
  }
  request.actor = std::move(actor);
  return {};
}

Dispatcher::Prepared Dispatcher::prepare(Request& request) const {
  Prepared prepared;
  Router::Match match = router_.match(request.method, request.path);
  if (match.route == nullptr) {
    const bool api = request.path == "/api" || request.path.starts_with("/api/");
    if (!match.allowed_methods.empty()) {
      Response response = error_response(
          Error{ErrorCode::method_not_allowed, {"不支持该请求方法", "method not allowed"}, {}, {}},
          request.locale, request.request_id);
      response.headers.emplace_back("allow",
                                    fmt::format("{}", fmt::join(match.allowed_methods, ", ")));
      prepared.series = metrics_.unmatched_index();
      prepared.response = std::move(response);
    } else if (!api && static_files_ != nullptr &&
               (request.method == "GET" || request.method == "HEAD")) {
      prepared.series = metrics_.static_index();
      prepared.response = static_files_->serve(request.path, request.locale, request.request_id);
    } else {
      prepared.series = metrics_.unmatched_index();
      prepared.response = error_response(Error::not_found({"请求的接口不存在", "no such endpoint"}),
                                         request.locale, request.request_id);
    }
    return prepared;
  }
  prepared.series = match.index;
  request.path_params = std::move(match.params);
  if (const auto& upload = match.route->contract.upload;
      upload && !is_one_of(media_type_of(request.header("content-type")), upload->media_types)) {
    prepared.response = refusal(
        match.route,
        Error{ErrorCode::unsupported_media_type,
              {fmt::format("文件类型不受支持（应为 {}）", fmt::join(upload->media_types, "、")),
               fmt::format("the file's type is not accepted (one of {})",
                           fmt::join(upload->media_types, ", "))},
              {},
              {}},
        request);
    return prepared;
  }
  if (match.route->contract.body && !is_json_content_type(request.header("content-type"))) {
    prepared.response = refusal(match.route,
                                Error{ErrorCode::unsupported_media_type,
                                      {"请求体必须是 JSON（Content-Type: application/json）",
                                       "the body must be JSON (Content-Type: application/json)"},
                                      {},
                                      {}},
                                request);
    return prepared;
  }
  prepared.route = match.route;
  return prepared;
}

std::optional<std::size_t> Dispatcher::upload_limit(std::string_view method,
                                                    std::string_view target) const {
  const Router::Match match = router_.match(method, target.substr(0, target.find('?')));
  if (match.route == nullptr || !match.route->contract.upload) return std::nullopt;
  return match.route->contract.upload->max_bytes;
}

Response Dispatcher::refuse(std::string_view method, std::string_view target, const Error& error,
                            const Request& request) const {
  const Router::Match match = router_.match(method, target.substr(0, target.find('?')));
  return refusal(match.route, error, request);
}

std::size_t Dispatcher::largest_upload() const {
  std::size_t largest = 0;
  for (const Route& route : router_.routes()) {
    if (route.contract.upload) largest = std::max(largest, route.contract.upload->max_bytes);
  }
  return largest;
}

Response Dispatcher::invoke(const Route& route, Request& request) const {
  Response response = run(route, request);
  if (!check_replies_) return response;
  const std::vector<std::string> problems = check_reply(route.contract, response);
  if (problems.empty()) return response;
  spdlog::error("request {} {} {}: the answer ({}) does not match the route's contract: {}",
                request.request_id, route.method, route.pattern, response.status,
                fmt::join(problems, "; "));
  return refusal(&route, Error::internal(""), request);
}

Response Dispatcher::run(const Route& route, Request& request) const {
  try {
    if (Status allowed = authorize(route, request, authenticator_); !allowed) {
      return refusal(&route, allowed.error(), request);
    }
    auto inputs =
        validate_request(route.contract, request.path_params, request.query, request.body);
    if (!inputs) return refusal(&route, inputs.error(), request);
    request.path_json = std::move(inputs->path);
    request.query_json = std::move(inputs->query);
    request.body_json = std::move(inputs->body);
    Result<Response> result = route.handler(request);
    if (result) return std::move(result).value();
    const Error& error = result.error();
    if (!error.internal_detail.empty()) {
      spdlog::error("request {} {} {}: {}", request.request_id, route.method, route.pattern,
                    error.internal_detail);
    }
    return refusal(&route, error, request);
  } catch (const std::exception& e) {
    spdlog::error("request {} {} {} failed: {}", request.request_id, route.method, route.pattern,
                  e.what());
  } catch (...) {
    spdlog::error("request {} {} {} failed with an unknown exception", request.request_id,
                  route.method, route.pattern);
  }
  return refusal(&route, Error::internal(""), request);
}

void Dispatcher::complete(const Request& request, const Response& response, std::size_t series,
                          std::chrono::nanoseconds elapsed) const {
  metrics_.record(series, response.status, elapsed);
  if (!access_log_) return;
  const auto& routes = router_.routes();
  const std::string_view route = series < routes.size() ? std::string_view(routes[series].pattern)
                                 : series == metrics_.static_index()
                                     ? std::string_view("static")
                                     : std::string_view("unmatched");
  // Behind a proxy the line names the proxy too, so that a forwarded address can be checked.
  const bool proxied =
      !request.peer_address.empty() && request.peer_address != request.remote_address;
  spdlog::info("access id={} ip={}{}{} {} {} status={} bytes={} ms={:.3f}", request.request_id,
               request.remote_address, proxied ? " peer=" : "",
               proxied ? request.peer_address : std::string(), request.method, route,
               response.status, response.body.size(),
               std::chrono::duration<double, std::milli>(elapsed).count());
}

Response Dispatcher::handle(Request& request) const {
  const auto start = std::chrono::steady_clock::now();
  Prepared prepared = prepare(request);
  Response response =
      prepared.route ? invoke(*prepared.route, request) : std::move(*prepared.response);
  complete(request, response, prepared.series, std::chrono::steady_clock::now() - start);
  return response;
}

}  // namespace shequ::http
