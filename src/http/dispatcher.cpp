#include "http/dispatcher.hpp"

#include <exception>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "http/error_mapping.hpp"

namespace shequ::http {

namespace {

bool is_json_content_type(std::string_view value) {
  const auto semicolon = value.find(';');
  std::string_view type = value.substr(0, semicolon);
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  if (type.size() != 16) return false;
  for (std::size_t i = 0; i < type.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(type[i])) != "application/json"[i]) return false;
  }
  return true;
}

}  // namespace

Dispatcher::Dispatcher(const Router& router, Metrics& metrics, const StaticFiles* static_files,
                       bool access_log)
    : router_(router), metrics_(metrics), static_files_(static_files), access_log_(access_log) {}

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
  if (match.route->json_body && !is_json_content_type(request.header("content-type"))) {
    prepared.response =
        error_response(Error{ErrorCode::unsupported_media_type,
                             {"请求体必须是 JSON（Content-Type: application/json）",
                              "the body must be JSON (Content-Type: application/json)"},
                             {},
                             {}},
                       request.locale, request.request_id);
    return prepared;
  }
  prepared.route = match.route;
  return prepared;
}

Response Dispatcher::invoke(const Route& route, const Request& request) const {
  try {
    Result<Response> result = route.handler(request);
    if (result) return std::move(result).value();
    const Error& error = result.error();
    if (!error.internal_detail.empty()) {
      spdlog::error("request {} {} {}: {}", request.request_id, route.method, route.pattern,
                    error.internal_detail);
    }
    return error_response(error, request.locale, request.request_id);
  } catch (const std::exception& e) {
    spdlog::error("request {} {} {} failed: {}", request.request_id, route.method, route.pattern,
                  e.what());
  } catch (...) {
    spdlog::error("request {} {} {} failed with an unknown exception", request.request_id,
                  route.method, route.pattern);
  }
  return error_response(Error::internal(""), request.locale, request.request_id);
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
  spdlog::info("access id={} ip={} {} {} status={} bytes={} ms={:.3f}", request.request_id,
               request.remote_address, request.method, route, response.status, response.body.size(),
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
