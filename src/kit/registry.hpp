// Every module's declaration, checked together: a permission, an audit action, a sealed field, a
// job kind or a migration version declared twice, a permission outside its module's name space, or
// a grant of a permission nobody declared is a programming error, refused when the registry is
// built (std::logic_error), so that the binary does not start with it.
//
// Immutable after construction, thread-safe to read. The declarations must outlive it.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kit/module.hpp"

namespace shequ::kit {

class Registry {
 public:
  explicit Registry(std::vector<const ModuleDeclaration*> modules);

  const std::vector<const ModuleDeclaration*>& modules() const { return modules_; }

  // Every declared permission, sorted by key.
  const std::vector<const Permission*>& permissions() const { return permissions_; }
  const Permission* find_permission(std::string_view key) const;
  bool declares_permission(std::string_view key) const { return find_permission(key) != nullptr; }

  // The permissions a role is granted by all modules together, sorted; empty for a role no
  // module grants anything.
  std::span<const std::string_view> granted_to(std::string_view role) const;
  // The roles some module grants a permission to.
  std::vector<std::string_view> roles() const;

  // Every module's migrations, ordered by version.
  const std::vector<storage::Migration>& migrations() const { return migrations_; }

  const std::vector<const AuditAction*>& audit_actions() const { return audit_actions_; }
  bool declares_audit_action(std::string_view action) const;

  const std::vector<const SealedField*>& sealed_fields() const { return sealed_fields_; }
  const SealedField* find_sealed_field(std::string_view context) const;

  const std::vector<const JobKind*>& job_kinds() const { return job_kinds_; }
  const JobKind* find_job_kind(std::string_view kind) const;

  // Every module's client_key_permissions, in module order.
  std::vector<std::string_view> client_key_permissions() const;

  // Every module's kinds of to-do, in module order.
  const std::vector<const TodoKind*>& todo_kinds() const { return todo_kinds_; }

  // The module that counts an indicator row from its records (ModuleDeclaration::indicators).
  std::optional<std::string_view> module_counting(std::string_view indicator) const;

 private:
  std::vector<const ModuleDeclaration*> modules_;
  std::vector<const TodoKind*> todo_kinds_;
  std::map<std::string_view, std::string_view, std::less<>> counted_by_;  // indicator → module
  std::vector<const Permission*> permissions_;
  std::map<std::string_view, std::vector<std::string_view>, std::less<>> grants_;
  std::vector<storage::Migration> migrations_;
  std::vector<const AuditAction*> audit_actions_;
  std::set<std::string_view, std::less<>> audit_action_keys_;
  std::vector<const SealedField*> sealed_fields_;
  std::vector<const JobKind*> job_kinds_;
};

}  // namespace shequ::kit
