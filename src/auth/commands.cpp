#include "auth/commands.hpp"

#include <fmt/format.h>

#include "auth/password.hpp"
#include "cli/cli.hpp"

namespace shequ::auth {

using cli::begin;
using cli::checkpoint_audit;
using cli::Context;
using cli::fail;
using cli::open_services;

namespace {
void add_user_reset_password(CLI::App& user, Context& context) {
  auto* reset = user.add_subcommand(
      "reset-password",
      "Give an account a new generated password, shown once, to be changed at its next login; "
      "lifts a lockout and ends its sessions. Also for the three separated administrators.");
  cli::add_database_option(*reset, context);
  auto username = std::make_shared<std::string>();
  reset->add_option("--username", *username, "The account")->required();
  auto forget_totp = std::make_shared<bool>(false);
  reset->add_flag("--forget-totp", *forget_totp,
                  "Also remove the second factor (a lost phone): the account enrols again");
  reset->callback([&context, username, forget_totp] {
    begin(context);
    auto services = open_services(context);
    auto password = services->auth().accounts().reset_password_as_operator(*username, *forget_totp);
    if (!password) fail(context, password.error());
    checkpoint_audit(context, *services);
    fmt::print(fmt::runtime(context.locale == Locale::en
                                ? "New password of {}: {} (shown once; it must be changed at the "
                                  "next login)\n"
                                : "{} 的新密码：{}（只显示这一次，下次登录时须修改）\n"),
               *username, *password);
  });
}
void add_apikey(CLI::App& app, Context& context) {
  auto* apikey = app.add_subcommand("apikey", "API keys of machine clients (Open311, 12345)");
  apikey->require_subcommand(1);
  auto* create = apikey->add_subcommand(
      "create",
      "Issue an API key as the operator, shown once: it acts for the unit's subtree with the "
      "permissions given (default: what the modules' machine clients need)");
  cli::add_database_option(*create, context);
  struct Input {
    std::string name, unit;
    std::vector<std::string> permissions;
  };
  auto input = std::make_shared<Input>();
  create->add_option("--name", input->name, "What the key is for (1-50 characters)")->required();
  create->add_option("--unit", input->unit, "Code of the unit whose subtree the key serves")
      ->required();
  create->add_option("--permission", input->permissions, "A permission; repeat for several");
  create->callback([&context, input] {
    begin(context);
    auto services = open_services(context);
    std::vector<std::string> permissions = input->permissions;
    if (permissions.empty()) {
      for (std::string_view p : services->registry().client_key_permissions()) {
        permissions.emplace_back(p);
      }
    }
    auto created =
        services->auth().api_keys().create_as_operator(input->name, input->unit, permissions);
    if (!created) fail(context, created.error());
    checkpoint_audit(context, *services);
    const bool en = context.locale == Locale::en;
    // The token alone on the last line, for scripts.
    fmt::print(
        fmt::runtime(en ? "API key {} ({}) issued for unit {}, carrying {}; the key, shown "
                          "once:\n{}\n"
                        : "已签发 API 密钥 {}（{}），单位 {}，权限 {}；密钥只显示这一次：\n{}\n"),
        created->first.id, created->first.name, created->first.unit_code,
        fmt::join(created->first.permissions, " "), created->second);
  });
}

}  // namespace

void add_commands(CLI::App& app, CLI::App&, app::CommandContext& context) {
  auto* user = app.add_subcommand("user", "Accounts");
  user->require_subcommand(1);
  auto* add = user->add_subcommand(
      "add",
      "Create an account as the operator. Hand the three separated administrator roles "
      "(system_admin, security_admin, audit_admin) to three different people.");
  cli::add_database_option(*add, context);
  struct Input {
    std::string username, display_name, unit, password;
    std::vector<std::string> roles;
  };
  auto input = std::make_shared<Input>();
  add->add_option("--username", input->username, "3-32 lower-case letters, digits, _ . -")
      ->required();
  add->add_option("--display-name", input->display_name, "The person's name")->required();
  add->add_option("--unit", input->unit, "Code of the unit the account belongs to")->required();
  add->add_option("--role", input->roles,
                  "ROLE or ROLE@UNIT (default unit: --unit); repeat for several roles")
      ->required();
  add->add_option(
         "--password", input->password,
         "Initial password (default: generated and shown once; must be changed at first login)")
      ->envname("SHEQU_USER_PASSWORD");
  add->callback([&context, input] {
    begin(context);
    auto services = open_services(context);
    NewUser user{input->username, input->display_name, input->unit, input->password, {}, true};
    const bool generated = user.password.empty();
    if (generated) user.password = generate_password();
    for (const std::string& spec : input->roles) {
      const auto at = spec.find('@');
      user.roles.push_back(
          {spec.substr(0, at), at == std::string::npos ? input->unit : spec.substr(at + 1)});
    }
    auto created = services->auth().accounts().create_user_as_operator(user);
    if (!created) fail(context, created.error());
    checkpoint_audit(context, *services);
    const bool en = context.locale == Locale::en;
    fmt::print(fmt::runtime(en ? "Account {} created (id {})\n" : "已创建账号 {}（编号 {}）\n"),
               created->username, created->id);
    if (generated) {
      fmt::print(fmt::runtime(en ? "Initial password: {} (shown once; change it at first login)\n"
                                 : "初始密码：{}（只显示这一次，首次登录须修改）\n"),
                 user.password);
    }
  });
  add_user_reset_password(*user, context);
  add_apikey(app, context);
}

}  // namespace shequ::auth
