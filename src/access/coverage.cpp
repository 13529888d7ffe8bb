#include "access/coverage.hpp"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

namespace shequ::access {

bool is_tier(int minutes) {
  return std::find(std::begin(kTiers), std::end(kTiers), minutes) != std::end(kTiers);
}

uint32_t tier_limit_mm(int minutes, uint32_t metres_per_hour) {
  return static_cast<uint32_t>((static_cast<uint64_t>(metres_per_hour) * 1000 * minutes + 30) / 60);
}

std::vector<Source> facility_sources(const Network& network, ServiceTypeId type) {
  std::vector<Source> sources;
  for (const Facility& f : network.facilities) {
    if (f.type == type && f.node != kNotSnapped) sources.push_back({f.node, f.snap_mm});
  }
  return sources;
}

ReachTable compute_reach(const Network& network, uint32_t limit_mm, unsigned threads,
                         const Progress& progress) {
  ReachTable table;
  table.type_count = static_cast<uint32_t>(service_types().size());
  table.limit_mm = limit_mm;
  table.distance_mm.assign(network.residences.size() * table.type_count, kUnreached);
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = std::min<unsigned>(threads, table.type_count);

  std::atomic<uint32_t> next_type{0};
  uint32_t done = 0;  // guarded by progress_mutex
  std::mutex progress_mutex;
  auto work = [&] {
    for (uint32_t type = next_type++; type < table.type_count; type = next_type++) {
      const std::vector<Source> sources =
          facility_sources(network, static_cast<ServiceTypeId>(type));
      if (!sources.empty()) {
        const std::vector<uint32_t> to_node = nearest_within(network.graph, sources, limit_mm);
        // Each type writes its own column: no two threads touch the same entry.
        for (std::size_t r = 0; r < network.residences.size(); ++r) {
          const Residence& residence = network.residences[r];
          if (residence.node == kNotSnapped || to_node[residence.node] == kUnreached) continue;
          const uint64_t total = static_cast<uint64_t>(to_node[residence.node]) + residence.snap_mm;
          if (total <= limit_mm) {
            table.distance_mm[r * table.type_count + type] = static_cast<uint32_t>(total);
          }
        }
      }
      if (progress) {
        // Counted under the lock so that the shares reported never go backwards.
        std::lock_guard lock(progress_mutex);
        progress(static_cast<double>(++done) / table.type_count);
      }
    }
  };
  std::vector<std::jthread> pool;
  for (unsigned i = 1; i < threads; ++i) pool.emplace_back(work);
  work();
  pool.clear();
  return table;
}

}  // namespace shequ::access
