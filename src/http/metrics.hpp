// Request counters and latency histograms per route, rendered in the Prometheus text format.
// Thread-safe and lock-free on the recording path.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace shequ::http {

class Metrics {
 public:
  // One series per route, labelled with its method and pattern; two more series count requests
  // that matched no route and requests for static files.
  struct RouteLabel {
    std::string method;
    std::string route;
  };
  explicit Metrics(const std::vector<RouteLabel>& routes);

  std::size_t unmatched_index() const { return series_.size() - 2; }
  std::size_t static_index() const { return series_.size() - 1; }

  // Precondition: route < unmatched_index() + 2.
  void record(std::size_t route, int status, std::chrono::nanoseconds elapsed);

  std::string render_prometheus() const;

 private:
  static constexpr std::array<double, 14> kBucketBounds{
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  struct Series {
    RouteLabel label;
    std::array<std::atomic<uint64_t>, 600> by_status{};  // index: HTTP status code
    std::array<std::atomic<uint64_t>, kBucketBounds.size() + 1> buckets{};
    std::atomic<uint64_t> total_nanoseconds{0};
  };
  std::deque<Series> series_;  // deque: Series holds atomics and must not move
};

}  // namespace shequ::http
