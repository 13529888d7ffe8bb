// The accounts module's declaration (kit/module.hpp): accounts, roles, sessions, second factors,
// API keys and the reveal of account phone numbers.
#pragma once

#include <string_view>
#include <vector>

#include "kit/module.hpp"
#include "storage/migrations.hpp"

namespace shequ::auth {

inline constexpr std::string_view kUserRead = "auth:user:read";
inline constexpr std::string_view kUserCreate = "auth:user:create";
inline constexpr std::string_view kUserUpdate = "auth:user:update";
inline constexpr std::string_view kUserUnmask = "auth:user:unmask";
inline constexpr std::string_view kRoleAssign = "auth:role:assign";
inline constexpr std::string_view kGridWorkerAssign = "auth:gridworker:assign";
inline constexpr std::string_view kApiKeyManage = "auth:apikey:manage";

// The keyring contexts of the sealed account fields: a value copied into another field does
// not open.
// To-dos (kit::TodoKind) the module counts.
inline constexpr std::string_view kTodoUnstaffedGrids = "auth.grids.unstaffed";
inline constexpr std::string_view kTodoRolelessAccounts = "auth.accounts.roleless";

inline constexpr std::string_view kPhoneContext = "app_user.phone";
inline constexpr std::string_view kTotpContext = "app_user.totp";

const kit::ModuleDeclaration& declaration();

// This module's schema migrations (generated from migrations/*.sql).
const std::vector<storage::Migration>& migrations();

}  // namespace shequ::auth
