// Facts summed over a unit tree in memory: each unit's own facts, and the totals of its subtree.
//
// A Hierarchy is the tree as it stood on one day (units that existed then, under the parents
// they had then), so that a village merged away keeps its past under the township it belonged
// to. A Rollup holds, per unit, its own facts and its subtree's totals; changing one unit's own
// facts adds the difference to its ancestors only.
//
// Thread-safety: none; the engine (engine.hpp) guards each Rollup.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "org/model.hpp"

namespace shequ::indicator {

struct HierarchyUnit {
  std::string code;
  std::string name;
  std::string parent_code;  // empty for a root
  org::Level level = org::Level::province;
  org::UnitType type = org::UnitType::province;
};

class Hierarchy {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;
  struct Node {
    HierarchyUnit unit;
    uint32_t parent = kNone;
    std::vector<uint32_t> children;  // ordered by code
  };

  // Units whose parent is not among them become roots. Nodes are kept parents before children.
  explicit Hierarchy(std::vector<HierarchyUnit> units);

  std::size_t size() const { return nodes_.size(); }
  const Node& node(uint32_t index) const { return nodes_[index]; }
  // kNone when the code is unknown.
  uint32_t index_of(std::string_view code) const;
  // The unit's ancestors, its parent first.
  std::vector<uint32_t> ancestors(uint32_t index) const;
  // The units of `level` below `index`, in code order.
  std::vector<uint32_t> descendants_at(uint32_t index, org::Level level) const;

 private:
  std::vector<Node> nodes_;
  std::unordered_map<std::string, uint32_t> index_;
};

// Per unit, `columns` numbers of its own and the same numbers summed over its subtree. Whole
// numbers (areas in square centimetres), so that sums are exact whatever their order.
class Rollup {
 public:
  Rollup(const Hierarchy& hierarchy, std::size_t columns);

  std::size_t columns() const { return columns_; }
  std::span<const int64_t> own(uint32_t unit) const { return {&own_[unit * columns_], columns_}; }
  std::span<const int64_t> total(uint32_t unit) const {
    return {&total_[unit * columns_], columns_};
  }
  // Sets a unit's own numbers before sum_all() (precondition: values.size() == columns()).
  void set_own(uint32_t unit, std::span<const int64_t> values);
  // Sums every subtree from the unit's own numbers, bottom up.
  void sum_all();
  // Replaces a unit's own numbers after sum_all(), and adds the difference to its subtree's
  // totals and to every ancestor's.
  void change_own(uint32_t unit, std::span<const int64_t> values);

 private:
  const Hierarchy& hierarchy_;
  std::size_t columns_;
  std::vector<int64_t> own_;
  std::vector<int64_t> total_;
};

}  // namespace shequ::indicator
