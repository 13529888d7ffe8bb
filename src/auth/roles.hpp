// The built-in roles and the permissions each carries. Permission strings are
// module:object:action. The three separated administrators of MLPS 2.0 level 3 (system,
// security, audit) share no permission with each other.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace shequ::auth {

struct RoleDefinition {
  std::string_view key;  // "county_admin"
  Text name;             // {"县级管理员", "County administrator"}
  std::span<const std::string_view> permissions;
  bool administrator;  // shorter idle timeout (15 minutes)
  bool scope_is_grid;  // held at a grid (level 6) rather than any unit
  // One of the three separated administrators (system, security, audit; MLPS 三员分立): granted
  // and revoked only by the operator at the console (`shequ user add`), never by an account, so
  // that no administrator can appoint or remove the others.
  bool separated_duty = false;
};

const std::vector<RoleDefinition>& built_in_roles();
const RoleDefinition* find_role(std::string_view key);
// Every permission some role carries, sorted, without duplicates.
std::vector<std::string_view> all_permissions();

// A permission set with the lifetime of the program, as Grant::permissions needs; the same set
// always gives the same storage. Unknown permission strings are left out. Thread-safe.
std::span<const std::string_view> intern_permissions(const std::vector<std::string>& permissions);

}  // namespace shequ::auth
