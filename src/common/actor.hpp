// Who is making a call: the authenticated user and the roles they hold at org units. Services
// take an Actor and check every object's unit against the actor's scope for the permission the
// operation needs. Plain data; cheap to copy.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace shequ {

// One role held at one unit. `permissions` points into the static role table (auth/roles.cpp)
// and lives for the whole program.
struct Grant {
  std::string role;
  std::string unit_code;
  std::span<const std::string_view> permissions;

  bool allows(std::string_view permission) const {
    return std::find(permissions.begin(), permissions.end(), permission) != permissions.end();
  }
};

struct Actor {
  int64_t user_id = 0;
  std::string username;
  std::string unit_code;  // the user's home unit
  std::vector<Grant> grants;
  bool must_change_password = false;
  bool must_enroll_totp = false;  // an administrator who must set up a second factor first
  std::string csrf_token;         // of the session the actor came through
  bool via_api_key = false;       // a machine client: no cookie, so no CSRF token either
  std::string source_ip;
  std::string request_id;

  bool has(std::string_view permission) const {
    return std::any_of(grants.begin(), grants.end(),
                       [&](const Grant& g) { return g.allows(permission); });
  }
  // The units whose subtrees the permission covers for this actor.
  std::vector<std::string> roots_for(std::string_view permission) const {
    std::vector<std::string> roots;
    for (const Grant& g : grants) {
      if (g.allows(permission)) roots.push_back(g.unit_code);
    }
    return roots;
  }
  // The role shown in the audit log: the first role granting the permission (or any role).
  std::string role_for(std::string_view permission) const {
    for (const Grant& g : grants) {
      if (g.allows(permission)) return g.role;
    }
    return grants.empty() ? std::string() : grants.front().role;
  }
};

}  // namespace shequ
