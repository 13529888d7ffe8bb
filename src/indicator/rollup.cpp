#include "indicator/rollup.hpp"

#include <algorithm>
#include <cassert>

namespace shequ::indicator {

Hierarchy::Hierarchy(std::vector<HierarchyUnit> units) {
  std::sort(units.begin(), units.end(),
            [](const HierarchyUnit& a, const HierarchyUnit& b) { return a.code < b.code; });
  std::unordered_map<std::string_view, std::size_t> position;
  position.reserve(units.size());
  for (std::size_t i = 0; i < units.size(); ++i) position.emplace(units[i].code, i);

  // Parents before children: visit from the roots down, each node's children in code order.
  std::vector<std::vector<std::size_t>> children(units.size());
  std::vector<std::size_t> roots;
  for (std::size_t i = 0; i < units.size(); ++i) {
    const auto parent = position.find(units[i].parent_code);
    if (units[i].parent_code.empty() || parent == position.end() || parent->second == i) {
      roots.push_back(i);
    } else {
      children[parent->second].push_back(i);
    }
  }
  nodes_.reserve(units.size());
  index_.reserve(units.size());
  std::vector<std::pair<std::size_t, uint32_t>> queue;  // (position, parent index)
  for (std::size_t r : roots) queue.emplace_back(r, kNone);
  for (std::size_t next = 0; next < queue.size(); ++next) {
    const auto [at, parent] = queue[next];
    const auto index = static_cast<uint32_t>(nodes_.size());
    nodes_.push_back(Node{std::move(units[at]), parent, {}});
    index_.emplace(nodes_.back().unit.code, index);
    if (parent != kNone) nodes_[parent].children.push_back(index);
    for (std::size_t child : children[at]) queue.emplace_back(child, index);
  }
}

uint32_t Hierarchy::index_of(std::string_view code) const {
  const auto it = index_.find(std::string(code));
  return it == index_.end() ? kNone : it->second;
}

std::vector<uint32_t> Hierarchy::ancestors(uint32_t index) const {
  std::vector<uint32_t> up;
  for (uint32_t at = nodes_[index].parent; at != kNone; at = nodes_[at].parent) up.push_back(at);
  return up;
}

std::vector<uint32_t> Hierarchy::descendants_at(uint32_t index, org::Level level) const {
  std::vector<uint32_t> found;
  std::vector<uint32_t> stack{index};
  while (!stack.empty()) {
    const uint32_t at = stack.back();
    stack.pop_back();
    if (at != index && nodes_[at].unit.level == level) {
      found.push_back(at);
      continue;
    }
    if (nodes_[at].unit.level >= level) continue;
    const auto& kids = nodes_[at].children;
    stack.insert(stack.end(), kids.rbegin(), kids.rend());
  }
  return found;
}

Rollup::Rollup(const Hierarchy& hierarchy, std::size_t columns)
    : hierarchy_(hierarchy),
      columns_(columns),
      own_(hierarchy.size() * columns, 0.0),
      total_(hierarchy.size() * columns, 0.0) {}

void Rollup::set_own(uint32_t unit, std::span<const int64_t> values) {
  assert(values.size() == columns_);
  std::copy(values.begin(), values.end(), own_.begin() + unit * columns_);
}

void Rollup::sum_all() {
  total_ = own_;
  // Children come after their parents, so walking backwards finishes every subtree before its
  // parent takes it up.
  for (std::size_t i = hierarchy_.size(); i-- > 0;) {
    const uint32_t parent = hierarchy_.node(static_cast<uint32_t>(i)).parent;
    if (parent == Hierarchy::kNone) continue;
    const int64_t* from = &total_[i * columns_];
    int64_t* to = &total_[parent * columns_];
    for (std::size_t c = 0; c < columns_; ++c) to[c] += from[c];
  }
}

void Rollup::change_own(uint32_t unit, std::span<const int64_t> values) {
  assert(values.size() == columns_);
  std::vector<int64_t> delta(columns_);
  int64_t* own = &own_[unit * columns_];
  for (std::size_t c = 0; c < columns_; ++c) {
    delta[c] = values[c] - own[c];
    own[c] = values[c];
  }
  for (uint32_t at = unit; at != Hierarchy::kNone; at = hierarchy_.node(at).parent) {
    int64_t* total = &total_[at * columns_];
    for (std::size_t c = 0; c < columns_; ++c) total[c] += delta[c];
  }
}

}  // namespace shequ::indicator
