#include "auth/roles.hpp"

#include <algorithm>
#include <array>
#include <mutex>
#include <set>

namespace shequ::auth {

namespace {

using P = std::string_view;

// Officials of a region: read the hierarchy, manage grids and the accounts below them.
// They also issue API keys for machine clients in their subtree (holding what a key may carry).
// They also see the fifteen-minute circle and run siting studies for their region.
constexpr std::array<P, 13> kRegionAdmin{
    "org:unit:read",     "org:grid:read",    "org:grid:create",    "org:grid:update",
    "org:grid:delete",   "auth:user:read",   "auth:user:create",   "auth:user:update",
    "auth:user:unmask",  "auth:role:assign", "auth:apikey:manage", "access:coverage:read",
    "access:siting:run",
};
constexpr std::array<P, 6> kCommunityWorker{
    "org:unit:read",   "org:grid:read",   "org:grid:create",
    "org:grid:update", "org:grid:delete", "access:coverage:read",
};
constexpr std::array<P, 2> kGridWorker{"org:unit:read", "org:grid:read"};
// Residents and volunteers see their community and its grids (the resident pages list them).
constexpr std::array<P, 2> kSelfOnly{"org:unit:read", "org:grid:read"};
// MLPS separation of duties: accounts and configuration; roles and policies; the audit log.
constexpr std::array<P, 6> kSystemAdmin{"org:unit:read",    "auth:user:read",
                                        "auth:user:create", "auth:user:update",
                                        "auth:user:unmask", "system:metrics:read"};
// The security administrator assigns roles but may grant only what it holds itself (no role
// grants more than it has): the read-only roles (resident, volunteer, grid worker). Roles that
// change data are granted by the region administrators, within their subtree.
constexpr std::array<P, 4> kSecurityAdmin{"org:unit:read", "org:grid:read", "auth:user:read",
                                          "auth:role:assign"};
constexpr std::array<P, 1> kAuditAdmin{"audit:log:read"};

using L = org::Level;

// The separated administrators work for a province, city or county platform, not lower down.
const std::vector<RoleDefinition> kRoles{
    {"province_admin",
     {"省级管理员", "Province administrator"},
     kRegionAdmin,
     true,
     L::province,
     L::province},
    {"city_admin", {"市级管理员", "City administrator"}, kRegionAdmin, true, L::city, L::city},
    {"county_admin",
     {"县级管理员", "County administrator"},
     kRegionAdmin,
     true,
     L::county,
     L::county},
    {"township_admin",
     {"乡镇（街道）管理员", "Township administrator"},
     kRegionAdmin,
     true,
     L::township,
     L::township},
    {"community_worker",
     {"村（社区）工作者", "Community worker"},
     kCommunityWorker,
     false,
     L::village,
     L::village},
    {"grid_worker", {"网格员", "Grid worker"}, kGridWorker, false, L::grid, L::grid},
    {"volunteer", {"志愿者", "Volunteer"}, kSelfOnly, false, L::village, L::grid},
    {"resident", {"居民", "Resident"}, kSelfOnly, false, L::village, L::grid},
    {"system_admin",
     {"系统管理员", "System administrator"},
     kSystemAdmin,
     true,
     L::province,
     L::county,
     true},
    {"security_admin",
     {"安全管理员", "Security administrator"},
     kSecurityAdmin,
     true,
     L::province,
     L::county,
     true},
    {"audit_admin",
     {"审计管理员", "Audit administrator"},
     kAuditAdmin,
     true,
     L::province,
     L::county,
     true},
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

std::span<const std::string_view> intern_permissions(const std::vector<std::string>& permissions) {
  static std::mutex mutex;
  static std::set<std::vector<std::string_view>> sets;  // nodes never move: spans stay valid
  static const std::vector<std::string_view> known = all_permissions();
  std::vector<std::string_view> wanted;
  for (const std::string& p : permissions) {
    const auto it = std::lower_bound(known.begin(), known.end(), p);
    if (it != known.end() && *it == p) wanted.push_back(*it);
  }
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  std::lock_guard lock(mutex);
  return *sets.insert(std::move(wanted)).first;
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

std::vector<std::string_view> all_permissions() {
  std::vector<std::string_view> out;
  for (const RoleDefinition& role : kRoles)
    out.insert(out.end(), role.permissions.begin(), role.permissions.end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace shequ::auth
