#include "org/org_tree.hpp"

#include <algorithm>
#include <map>
#include <mutex>

#include "org/unit_codes.hpp"

namespace shequ::org {

std::size_t OrgTree::reset(std::vector<Unit> units) {
  std::unique_lock lock(mutex_);
  nodes_.clear();
  index_.clear();
  std::sort(units.begin(), units.end(),
            [](const Unit& a, const Unit& b) { return a.code < b.code; });
  nodes_.reserve(units.size());
  index_.reserve(units.size());
  for (Unit& unit : units) {
    index_.emplace(unit.code, static_cast<uint32_t>(nodes_.size()));
    nodes_.push_back(Node{std::move(unit), kNone, {}});
  }
  std::size_t orphans = 0;
  // Units arrive sorted by code, so each parent's children are appended in code order.
  for (uint32_t i = 0; i < nodes_.size(); ++i) {
    const std::string& parent_code = nodes_[i].unit.parent_code;
    if (parent_code.empty()) continue;
    const auto parent = index_.find(parent_code);
    if (parent == index_.end()) {
      ++orphans;
      continue;
    }
    nodes_[i].parent = parent->second;
    nodes_[parent->second].children.push_back(i);
  }
  return orphans;
}

void OrgTree::upsert(Unit unit) {
  std::unique_lock lock(mutex_);
  if (const auto it = index_.find(unit.code); it != index_.end()) {
    const uint32_t i = it->second;
    detach(i);
    nodes_[i].unit = std::move(unit);
    attach(i);
    return;
  }
  const auto i = static_cast<uint32_t>(nodes_.size());
  index_.emplace(unit.code, i);
  nodes_.push_back(Node{std::move(unit), kNone, {}});
  attach(i);
}

void OrgTree::remove(std::string_view code) {
  std::unique_lock lock(mutex_);
  const auto it = index_.find(std::string(code));
  if (it == index_.end()) return;
  detach(it->second);
  index_.erase(it);
}

void OrgTree::attach(uint32_t i) {
  Node& node = nodes_[i];
  node.parent = kNone;
  if (node.unit.parent_code.empty()) return;
  const auto parent = index_.find(node.unit.parent_code);
  if (parent == index_.end()) return;
  node.parent = parent->second;
  auto& siblings = nodes_[parent->second].children;
  const auto at = std::lower_bound(
      siblings.begin(), siblings.end(), i,
      [&](uint32_t a, uint32_t b) { return nodes_[a].unit.code < nodes_[b].unit.code; });
  siblings.insert(at, i);
}

void OrgTree::detach(uint32_t i) {
  const uint32_t parent = nodes_[i].parent;
  if (parent == kNone) return;
  auto& siblings = nodes_[parent].children;
  siblings.erase(std::remove(siblings.begin(), siblings.end(), i), siblings.end());
  nodes_[i].parent = kNone;
}

std::optional<uint32_t> OrgTree::index_of(std::string_view code) const {
  const auto it = index_.find(std::string(code));
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

UnitView OrgTree::view(uint32_t i) const {
  UnitView out{nodes_[i].unit, static_cast<int64_t>(nodes_[i].children.size()), {}};
  for (uint32_t up = nodes_[i].parent; up != kNone && nodes_[up].parent != kNone;
       up = nodes_[up].parent) {
    out.path.push_back({nodes_[up].unit.code, nodes_[up].unit.name});
  }
  std::reverse(out.path.begin(), out.path.end());
  return out;
}

std::size_t OrgTree::size() const {
  std::shared_lock lock(mutex_);
  return index_.size();
}

std::vector<UnitView> OrgTree::roots() const {
  std::shared_lock lock(mutex_);
  std::vector<UnitView> out;
  for (const auto& [code, index] : index_) {
    if (nodes_[index].unit.parent_code.empty()) out.push_back(view(index));
  }
  std::sort(out.begin(), out.end(),
            [](const UnitView& a, const UnitView& b) { return a.unit.code < b.unit.code; });
  return out;
}

std::optional<UnitView> OrgTree::find(std::string_view code) const {
  std::shared_lock lock(mutex_);
  const auto i = index_of(code);
  if (!i) return std::nullopt;
  return view(*i);
}

bool OrgTree::includes_root(std::span<const std::string> codes) const {
  std::shared_lock lock(mutex_);
  for (const std::string& code : codes) {
    const auto i = index_of(code);
    if (i && nodes_[*i].unit.parent_code.empty()) return true;
  }
  return false;
}

std::vector<UnitView> OrgTree::ancestors(std::string_view code) const {
  std::shared_lock lock(mutex_);
  std::vector<UnitView> out;
  const auto i = index_of(code);
  if (!i) return out;
  for (uint32_t p = nodes_[*i].parent; p != kNone; p = nodes_[p].parent) out.push_back(view(p));
  std::reverse(out.begin(), out.end());
  return out;
}

std::string OrgTree::county_of(std::string_view code) const {
  std::shared_lock lock(mutex_);
  auto i = index_of(code);
  if (!i) return {};
  while (nodes_[*i].unit.level > Level::county && nodes_[*i].parent != kNone) {
    i = nodes_[*i].parent;
  }
  return nodes_[*i].unit.code;
}

std::optional<Page<UnitView>> OrgTree::children(std::string_view code,
                                                const PageRequest& page) const {
  std::shared_lock lock(mutex_);
  const auto i = index_of(code);
  if (!i) return std::nullopt;
  const auto& kids = nodes_[*i].children;
  Page<UnitView> out;
  out.total = static_cast<int64_t>(kids.size());
  const auto begin = std::min<std::size_t>(kids.size(), static_cast<std::size_t>(page.offset()));
  const auto end =
      std::min<std::size_t>(kids.size(), begin + static_cast<std::size_t>(page.page_size));
  for (auto k = begin; k < end; ++k) out.items.push_back(view(kids[k]));
  return out;
}

std::optional<Page<UnitView>> OrgTree::search(std::string_view root, std::string_view needle,
                                              const PageRequest& page) const {
  std::shared_lock lock(mutex_);
  const auto start = index_of(root);
  if (!start) return std::nullopt;
  Page<UnitView> out;
  const auto first = static_cast<int64_t>(page.offset());
  const int64_t last = first + page.page_size;
  std::vector<uint32_t> stack{*start};
  while (!stack.empty()) {
    const uint32_t i = stack.back();
    stack.pop_back();
    // Byte-wise search is exact for UTF-8: a valid needle only matches at character boundaries.
    if (nodes_[i].unit.name.find(needle) != std::string::npos) {
      if (out.total >= first && out.total < last) out.items.push_back(view(i));
      ++out.total;
    }
    const auto& kids = nodes_[i].children;
    for (auto k = kids.rbegin(); k != kids.rend(); ++k) stack.push_back(*k);
  }
  return out;
}

bool OrgTree::contains(std::string_view ancestor, std::string_view code) const {
  std::shared_lock lock(mutex_);
  const auto a = index_of(ancestor);
  const auto c = index_of(code);
  if (!a || !c) return false;
  for (uint32_t i = *c; i != kNone; i = nodes_[i].parent) {
    if (i == *a) return true;
  }
  return false;
}

std::optional<SubtreeSummary> OrgTree::summarize(std::string_view root) const {
  std::shared_lock lock(mutex_);
  const auto start = index_of(root);
  if (!start) return std::nullopt;
  std::map<UnitType, int64_t> by_type;
  std::map<std::string, int64_t> by_urban_rural;
  SubtreeSummary summary;
  std::vector<uint32_t> stack(nodes_[*start].children.begin(), nodes_[*start].children.end());
  while (!stack.empty()) {
    const Node& node = nodes_[stack.back()];
    stack.pop_back();
    ++by_type[node.unit.type];
    if (!node.unit.urban_rural_code.empty()) {
      ++by_urban_rural[node.unit.urban_rural_code];
      ++(is_urban(node.unit.urban_rural_code) ? summary.urban_villages_and_communities
                                              : summary.rural_villages_and_communities);
    }
    stack.insert(stack.end(), node.children.begin(), node.children.end());
  }
  for (const auto& [type, count] : by_type) summary.descendants_by_type.push_back({type, count});
  for (const auto& [code, count] : by_urban_rural) summary.urban_rural.push_back({code, count});
  return summary;
}

}  // namespace shequ::org
