// The built-in roles: who they are for, where they may be held, and (gathered from every module's
// declaration, kit::ModuleDeclaration::grants) the permissions each carries. Permission strings
// are module:object:action. The three separated administrators of MLPS 2.0 level 3 (system,
// security, audit) share no permission with each other.
#pragma once

#include <mutex>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "kit/registry.hpp"
#include "org/model.hpp"

namespace shequ::auth {

struct RoleDefinition {
  std::string_view key;  // "county_admin"
  Text name;             // {"县级管理员", "County administrator"}
  bool administrator;    // shorter idle timeout (15 minutes)
  // The levels of unit where the role may be held, inclusive: a county administrator at a
  // county, a grid worker at a grid. A grant elsewhere is refused.
  org::Level highest_level;
  org::Level lowest_level;
  // One of the three separated administrators (system, security, audit; MLPS 三员分立): granted
  // and revoked only by the operator at the console (`shequ user add`), never by an account, so
  // that no administrator can appoint or remove the others.
  bool separated_duty = false;
};

const std::vector<RoleDefinition>& built_in_roles();
const RoleDefinition* find_role(std::string_view key);

// True when the role may be held at a unit of `level`.
bool held_at(const RoleDefinition& role, org::Level level);
// Where the role may be held, for people: "县级单位" / "a county".
Text held_at_description(const RoleDefinition& role);

// Whether an API key may carry the permission. Managing accounts, roles and keys is for people:
// a machine client never holds an auth:* permission, so a key can neither issue keys nor take
// over accounts.
bool api_key_may_carry(std::string_view permission);

// The permissions of each built-in role, from the modules' declarations.
//
// Built once by the composition root; thread-safe (intern() locks). The registry must outlive
// the table, and the table every Actor whose grants it filled.
class RoleTable {
 public:
  // Throws std::logic_error when a module grants permissions to a role that is not built in.
  explicit RoleTable(const kit::Registry& registry);

  // Sorted; empty for an unknown role.
  std::span<const std::string_view> permissions(std::string_view role) const;
  // Every permission some module declares, sorted.
  std::span<const std::string_view> all_permissions() const { return all_; }
  bool declares(std::string_view permission) const;
  // A permission set with the lifetime of the table, as Grant::permissions needs; the same set
  // always gives the same storage. Undeclared permission strings are left out.
  std::span<const std::string_view> intern(const std::vector<std::string>& permissions) const;

 private:
  const kit::Registry& registry_;
  std::vector<std::string_view> all_;
  mutable std::mutex mutex_;
  mutable std::set<std::vector<std::string_view>> interned_;  // nodes never move: spans stay valid
};

}  // namespace shequ::auth
