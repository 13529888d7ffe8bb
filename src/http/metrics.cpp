#include "http/metrics.hpp"

#include <fmt/format.h>

namespace shequ::http {

namespace {

// Prometheus label values escape backslash, quote and newline.
std::string escape_label(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace

Metrics::Metrics(const std::vector<RouteLabel>& routes) {
  for (const RouteLabel& label : routes) series_.emplace_back().label = label;
  series_.emplace_back().label = {"", "unmatched"};
  series_.emplace_back().label = {"GET", "static"};
}

void Metrics::record(std::size_t route, int status, std::chrono::nanoseconds elapsed) {
  Series& s = series_[route];
  if (status >= 0 && status < static_cast<int>(s.by_status.size())) {
    s.by_status[static_cast<std::size_t>(status)].fetch_add(1, std::memory_order_relaxed);
  }
  const double seconds = std::chrono::duration<double>(elapsed).count();
  std::size_t bucket = 0;
  while (bucket < kBucketBounds.size() && seconds > kBucketBounds[bucket]) ++bucket;
  s.buckets[bucket].fetch_add(1, std::memory_order_relaxed);
  s.total_nanoseconds.fetch_add(static_cast<uint64_t>(elapsed.count()), std::memory_order_relaxed);
}

std::string Metrics::render_prometheus() const {
  std::string out;
  out += "# HELP shequ_http_requests_total HTTP requests answered, by route and status.\n";
  out += "# TYPE shequ_http_requests_total counter\n";
  for (const Series& s : series_) {
    for (std::size_t status = 0; status < s.by_status.size(); ++status) {
      const uint64_t n = s.by_status[status].load(std::memory_order_relaxed);
      if (n == 0) continue;
      out +=
          fmt::format("shequ_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
                      escape_label(s.label.method), escape_label(s.label.route), status, n);
    }
  }
  out += "# HELP shequ_http_request_duration_seconds Time from a request read to its response.\n";
  out += "# TYPE shequ_http_request_duration_seconds histogram\n";
  for (const Series& s : series_) {
    uint64_t cumulative = 0;
    std::string rows;
    for (std::size_t b = 0; b < s.buckets.size(); ++b) {
      cumulative += s.buckets[b].load(std::memory_order_relaxed);
      const std::string le =
          b < kBucketBounds.size() ? fmt::format("{}", kBucketBounds[b]) : "+Inf";
      rows += fmt::format(
          "shequ_http_request_duration_seconds_bucket{{method=\"{}\",route=\"{}\",le=\"{}\"}} {}\n",
          escape_label(s.label.method), escape_label(s.label.route), le, cumulative);
    }
    if (cumulative == 0) continue;
    out += rows;
    const auto labels = fmt::format("method=\"{}\",route=\"{}\"", escape_label(s.label.method),
                                    escape_label(s.label.route));
    out +=
        fmt::format("shequ_http_request_duration_seconds_sum{{{}}} {}\n", labels,
                    static_cast<double>(s.total_nanoseconds.load(std::memory_order_relaxed)) / 1e9);
    out += fmt::format("shequ_http_request_duration_seconds_count{{{}}} {}\n", labels, cumulative);
  }
  return out;
}

}  // namespace shequ::http
