#include "auth/roles.hpp"

#include <algorithm>
#include <stdexcept>

namespace shequ::auth {

namespace {

using L = org::Level;

// Which permissions each role carries is declared by the modules that define the permissions
// (see each module's declaration.cpp).
// The separated administrators work for a province, city or county platform, not lower down.
const std::vector<RoleDefinition> kRoles{
    {"province_admin", {"省级管理员", "Province administrator"}, true, L::province, L::province},
    {"city_admin", {"市级管理员", "City administrator"}, true, L::city, L::city},
    {"county_admin", {"县级管理员", "County administrator"}, true, L::county, L::county},
    {"township_admin",
     {"乡镇（街道）管理员", "Township administrator"},
     true,
     L::township,
     L::township},
    {"community_worker", {"村（社区）工作者", "Community worker"}, false, L::village, L::village},
    {"grid_worker", {"网格员", "Grid worker"}, false, L::grid, L::grid},
    {"volunteer", {"志愿者", "Volunteer"}, false, L::village, L::grid},
    {"resident", {"居民", "Resident"}, false, L::village, L::grid},
    {"system_admin", {"系统管理员", "System administrator"}, true, L::province, L::county, true},
    {"security_admin",
     {"安全管理员", "Security administrator"},
     true,
     L::province,
     L::county,
     true},
    {"audit_admin", {"审计管理员", "Audit administrator"}, true, L::province, L::county, true},
};

Text level_name(org::Level level) {
  switch (level) {
    case L::province:
      return {"省级单位", "the province"};
    case L::city:
      return {"市级单位", "a city"};
    case L::county:
      return {"县级单位", "a county"};
    case L::township:
      return {"乡镇（街道）", "a township"};
    case L::village:
      return {"村（社区）", "a village or community"};
    case L::grid:
      return {"网格", "a grid"};
  }
  return {};
}

}  // namespace

const std::vector<RoleDefinition>& built_in_roles() {
  return kRoles;
}

const RoleDefinition* find_role(std::string_view key) {
  for (const RoleDefinition& role : kRoles) {
    if (role.key == key) return &role;
  }
  return nullptr;
}

bool held_at(const RoleDefinition& role, org::Level level) {
  return level >= role.highest_level && level <= role.lowest_level;
}

Text held_at_description(const RoleDefinition& role) {
  Text out;
  for (int level = static_cast<int>(role.highest_level);
       level <= static_cast<int>(role.lowest_level); ++level) {
    const Text name = level_name(static_cast<org::Level>(level));
    const bool first = out.zh.empty();
    out.zh += (first ? "" : "、") + name.zh;
    out.en += (first ? "" : ", ") + name.en;
  }
  return out;
}

bool api_key_may_carry(std::string_view permission) {
  return !permission.starts_with("auth:");
}

RoleTable::RoleTable(const kit::Registry& registry) : registry_(registry) {
  for (std::string_view role : registry_.roles()) {
    if (find_role(role) == nullptr) {
      throw std::logic_error("module declarations grant permissions to " + std::string(role) +
                             ", which is not a built-in role");
    }
  }
  for (const kit::Permission* p : registry_.permissions()) all_.push_back(p->key);
}

std::span<const std::string_view> RoleTable::permissions(std::string_view role) const {
  return registry_.granted_to(role);
}

bool RoleTable::declares(std::string_view permission) const {
  return std::binary_search(all_.begin(), all_.end(), permission);
}

std::span<const std::string_view> RoleTable::intern(
    const std::vector<std::string>& permissions) const {
  std::vector<std::string_view> wanted;
  for (const std::string& p : permissions) {
    const auto it = std::lower_bound(all_.begin(), all_.end(), p);
    if (it != all_.end() && *it == p) wanted.push_back(*it);
  }
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  std::lock_guard lock(mutex_);
  return *interned_.insert(std::move(wanted)).first;
}

}  // namespace shequ::auth
