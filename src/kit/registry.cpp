#include "kit/registry.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

namespace shequ::kit {

namespace {

[[noreturn]] void refuse(const std::string& what) {
  throw std::logic_error("module declarations: " + what);
}

}  // namespace

Registry::Registry(std::vector<const ModuleDeclaration*> modules) : modules_(std::move(modules)) {
  std::set<std::string_view> names;
  std::set<std::string_view> keys;
  std::set<int> versions;
  std::set<std::string_view> contexts;
  for (const ModuleDeclaration* module : modules_) {
    if (!names.insert(module->name).second) refuse(fmt::format("module {} twice", module->name));
    for (const Permission& p : module->permissions) {
      const auto colons = std::count(p.key.begin(), p.key.end(), ':');
      if (colons != 2 || !p.key.starts_with(std::string(module->name) + ":")) {
        refuse(fmt::format("permission {} of module {} is not {}:object:action", p.key,
                           module->name, module->name));
      }
      if (!keys.insert(p.key).second) refuse(fmt::format("permission {} twice", p.key));
      permissions_.push_back(&p);
    }
    for (const storage::Migration& m : module->migrations) {
      if (!versions.insert(m.version).second)
        refuse(fmt::format("migration {} ({}) twice", m.version, m.name));
      migrations_.push_back(m);
    }
    for (const AuditAction& a : module->audit_actions) {
      if (!audit_action_keys_.insert(a.action).second)
        refuse(fmt::format("audit action {} twice", a.action));
      audit_actions_.push_back(&a);
    }
    for (const SealedField& f : module->sealed_fields) {
      if (!contexts.insert(f.context).second)
        refuse(fmt::format("sealed field {} twice", f.context));
      sealed_fields_.push_back(&f);
    }
    for (const JobKind& j : module->jobs) {
      if (!j.kind.starts_with(std::string(module->name) + "."))
        refuse(fmt::format("job kind {} of module {} is not {}.name", j.kind, module->name,
                           module->name));
      if (find_job_kind(j.kind) != nullptr) refuse(fmt::format("job kind {} twice", j.kind));
      if (j.max_attempts < 1 || j.every.count() < 0)
        refuse(fmt::format("job kind {}: attempts or period out of range", j.kind));
      job_kinds_.push_back(&j);
    }
    for (std::string_view indicator : module->indicators) {
      if (!counted_by_.emplace(indicator, module->name).second)
        refuse(fmt::format("indicator {} counted by two modules", indicator));
    }
  }
  std::sort(permissions_.begin(), permissions_.end(),
            [](const Permission* a, const Permission* b) { return a->key < b->key; });
  std::set<std::string_view> todo_codes;
  for (const ModuleDeclaration* module : modules_) {
    for (const TodoKind& t : module->todos) {
      if (!t.code.starts_with(std::string(module->name) + "."))
        refuse(fmt::format("to-do {} of module {} is not {}.name", t.code, module->name,
                           module->name));
      if (!todo_codes.insert(t.code).second) refuse(fmt::format("to-do {} twice", t.code));
      if (!declares_permission(t.permission))
        refuse(
            fmt::format("to-do {} is shown for {}, and nobody declares it", t.code, t.permission));
      todo_kinds_.push_back(&t);
    }
  }
  // Grants may name permissions of modules declared after the granting one: checked once all
  // are known.
  for (const ModuleDeclaration* module : modules_) {
    for (const RoleGrants& g : module->grants) {
      auto& held = grants_[g.role];
      for (std::string_view p : g.permissions) {
        if (!declares_permission(p))
          refuse(fmt::format("module {} grants {} to {}, and nobody declares it", module->name, p,
                             g.role));
        held.push_back(p);
      }
    }
  }
  for (auto& [role, held] : grants_) {
    std::sort(held.begin(), held.end());
    held.erase(std::unique(held.begin(), held.end()), held.end());
  }
  std::sort(migrations_.begin(), migrations_.end(),
            [](const storage::Migration& a, const storage::Migration& b) {
              return a.version < b.version;
            });
}

const Permission* Registry::find_permission(std::string_view key) const {
  const auto it =
      std::lower_bound(permissions_.begin(), permissions_.end(), key,
                       [](const Permission* p, std::string_view k) { return p->key < k; });
  return it != permissions_.end() && (*it)->key == key ? *it : nullptr;
}

std::span<const std::string_view> Registry::granted_to(std::string_view role) const {
  const auto it = grants_.find(role);
  if (it == grants_.end()) return {};
  return it->second;
}

std::vector<std::string_view> Registry::roles() const {
  std::vector<std::string_view> out;
  for (const auto& [role, held] : grants_) out.push_back(role);
  return out;
}

bool Registry::declares_audit_action(std::string_view action) const {
  return audit_action_keys_.contains(action);
}

const SealedField* Registry::find_sealed_field(std::string_view context) const {
  for (const SealedField* f : sealed_fields_) {
    if (f->context == context) return f;
  }
  return nullptr;
}

const JobKind* Registry::find_job_kind(std::string_view kind) const {
  const auto it = std::find_if(job_kinds_.begin(), job_kinds_.end(),
                               [&](const JobKind* j) { return j->kind == kind; });
  return it != job_kinds_.end() ? *it : nullptr;
}

std::vector<std::string_view> Registry::client_key_permissions() const {
  std::vector<std::string_view> out;
  for (const ModuleDeclaration* module : modules_) {
    out.insert(out.end(), module->client_key_permissions.begin(),
               module->client_key_permissions.end());
  }
  return out;
}

std::optional<std::string_view> Registry::module_counting(std::string_view indicator) const {
  const auto it = counted_by_.find(indicator);
  return it != counted_by_.end() ? std::optional(it->second) : std::nullopt;
}

}  // namespace shequ::kit
