#include "auth/declaration.hpp"

namespace shequ::auth {

const kit::ModuleDeclaration& declaration() {
  // Officials of a region manage the accounts below them and issue API keys for machine
  // clients in their subtree (holding what a key may carry). Of the separated administrators,
  // the system administrator keeps accounts, the security administrator assigns roles (and may
  // grant only what it holds itself: the read-only roles), the audit administrator nothing here.
  static const std::vector<std::string_view> kRegion{kUserRead,        kUserCreate, kUserUpdate,
                                                     kUserUnmask,      kRoleAssign, kApiKeyManage,
                                                     kGridWorkerAssign};
  static const kit::ModuleDeclaration module{
      .name = "auth",
      .label = {"用户与权限", "Accounts and access"},
      .permissions = {{kUserRead, {"查看用户", "View users"}},
                      {kUserCreate, {"新建用户", "Create users"}},
                      {kUserUpdate, {"修改用户", "Edit users"}},
                      {kUserUnmask, {"查看完整手机号", "Reveal phone numbers"}},
                      {kRoleAssign, {"分配角色", "Assign roles"}},
                      {kGridWorkerAssign, {"指派网格员", "Assign grid workers"}},
                      {kApiKeyManage, {"管理 API 密钥", "Manage API keys"}}},
      .grants = {{"province_admin", kRegion},
                 {"city_admin", kRegion},
                 {"county_admin", kRegion},
                 {"township_admin", kRegion},
                 // The community's staff say which of its grid workers serves which grid.
                 {"community_worker", {kGridWorkerAssign}},
                 {"system_admin", {kUserRead, kUserCreate, kUserUpdate, kUserUnmask}},
                 {"security_admin", {kUserRead, kRoleAssign}}},
      .migrations = migrations(),
      .audit_actions = {{"auth.login", {"登录", "Sign in"}},
                        {"auth.logout", {"退出登录", "Sign out"}},
                        {"auth.password.change", {"修改密码", "Change password"}},
                        {"auth.password.reset", {"重置密码", "Reset password"}},
                        {"auth.role.grant", {"授予角色", "Grant role"}},
                        {"auth.role.revoke", {"收回角色", "Revoke role"}},
                        {"auth.user.create", {"新建用户", "Create user"}},
                        {"auth.user.update", {"修改用户", "Edit user"}},
                        {"auth.totp.setup", {"设置动态口令", "Set up one-time codes"}},
                        {"auth.totp.enable", {"启用动态口令", "Enable one-time codes"}},
                        {"auth.apikey.create", {"新建 API 密钥", "Issue API key"}},
                        {"auth.apikey.revoke", {"撤销 API 密钥", "Revoke API key"}},
                        {"auth.gridworker.assign", {"指派网格员", "Assign a grid worker"}},
                        {"auth.gridworker.unassign", {"取消指派网格员", "Remove a grid worker"}},
                        {"pii.unmask", {"查看完整个人信息", "Reveal personal data"}}},
      .sealed_fields = {{kPhoneContext,
                         "app_user",
                         "id",
                         "phone_sealed",
                         kit::Masking::mobile,
                         {"账号手机号", "Account phone number"}},
                        {kTotpContext,
                         "app_user",
                         "id",
                         "totp_sealed",
                         kit::Masking::hidden,
                         {"动态口令密钥", "One-time-code secret"}}},
      .todos = {{kTodoUnstaffedGrids,
                 {"未指派网格员的网格", "Grids nobody serves"},
                 kGridWorkerAssign},
                {kTodoRolelessAccounts,
                 {"待分配角色的账号", "Accounts waiting for a role"},
                 kRoleAssign}},
  };
  return module;
}

}  // namespace shequ::auth
