// The current administrative tree held in memory, for fast lookups, ancestor checks and
// subtree scans. Loaded from storage at start-up and kept in step by OrgService after each
// committed change.
//
// Thread-safe: any number of readers run at once; a change waits for readers to finish.
// Every accessor returns copies, so nothing points into the tree after the call.
#pragma once

#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "org/model.hpp"

namespace shequ::org {

class OrgTree {
 public:
  // Replaces the whole tree. Units whose parent is missing are kept but unreachable from the
  // root; the count of such orphans is returned (0 for a consistent tree).
  std::size_t reset(std::vector<Unit> units);

  // Adds a unit or replaces the one with the same code (moving it if its parent changed).
  // Precondition: the parent is in the tree (or the unit is a root).
  void upsert(Unit unit);
  // Removes a unit that has no children. Precondition: it has none.
  void remove(std::string_view code);

  std::size_t size() const;
  // Units without a parent (the province), ordered by code.
  std::vector<UnitView> roots() const;
  std::optional<UnitView> find(std::string_view code) const;
  // The unit's ancestors from the root down to its parent (empty for the root or an unknown code).
  std::vector<UnitView> ancestors(std::string_view code) const;
  // The county-level unit that `code` lies in: `code` itself when it is at county level or above
  // (a city's work is its own); "" when the code is unknown.
  std::string county_of(std::string_view code) const;
  // Children ordered by code. nullopt when the code is unknown.
  std::optional<Page<UnitView>> children(std::string_view code, const PageRequest& page) const;
  // Units in the subtree of `root` (itself included) whose name contains `needle`, in
  // depth-first order by code. nullopt when the root is unknown.
  std::optional<Page<UnitView>> search(std::string_view root, std::string_view needle,
                                       const PageRequest& page) const;
  // True when `code` is `ancestor` or lies below it.
  bool contains(std::string_view ancestor, std::string_view code) const;
  // True when one of `codes` is a unit without a parent (the province): someone whose scope these
  // are sees every unit, and rows that name no unit too.
  bool includes_root(std::span<const std::string> codes) const;
  // Counts over the subtree below `root`. nullopt when the root is unknown.
  std::optional<SubtreeSummary> summarize(std::string_view root) const;

 private:
  static constexpr uint32_t kNone = UINT32_MAX;
  struct Node {
    Unit unit;
    uint32_t parent = kNone;
    std::vector<uint32_t> children;  // ordered by code
  };

  std::optional<uint32_t> index_of(std::string_view code) const;
  UnitView view(uint32_t index) const;
  void attach(uint32_t index);
  void detach(uint32_t index);

  mutable std::shared_mutex mutex_;
  std::vector<Node> nodes_;  // removed nodes stay as tombstones (not in index_)
  std::unordered_map<std::string, uint32_t> index_;
};

}  // namespace shequ::org
