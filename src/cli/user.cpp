#include <fmt/format.h>

#include "app/app.hpp"
#include "auth/password.hpp"
#include "cli/cli.hpp"
#include "common/clock.hpp"
#include "privacy/keyring.hpp"

namespace shequ::cli {

namespace {
void add_user_reset_password(CLI::App& user, Context& context) {
  auto* reset = user.add_subcommand(
      "reset-password",
      "Give an account a new generated password, shown once, to be changed at its next login; "
      "lifts a lockout and ends its sessions. Also for the three separated administrators.");
  add_database_option(*reset, context);
  auto username = std::make_shared<std::string>();
  reset->add_option("--username", *username, "The account")->required();
  auto forget_totp = std::make_shared<bool>(false);
  reset->add_flag("--forget-totp", *forget_totp,
                  "Also remove the second factor (a lost phone): the account enrols again");
  reset->callback([&context, username, forget_totp] {
    begin(context);
    auto services = open_services(context);
    auto password = services->auth().reset_password_as_operator(*username, *forget_totp);
    if (!password) fail(context, password.error());
    checkpoint_audit(context, *services);
    fmt::print(fmt::runtime(context.locale == Locale::en
                                ? "New password of {}: {} (shown once; it must be changed at the "
                                  "next login)\n"
                                : "{} 的新密码：{}（只显示这一次，下次登录时须修改）\n"),
               *username, *password);
  });
}
}  // namespace

void add_user_command(CLI::App& app, Context& context) {
  auto* user = app.add_subcommand("user", "Accounts");
  user->require_subcommand(1);
  auto* add = user->add_subcommand(
      "add",
      "Create an account as the operator. Hand the three separated administrator roles "
      "(system_admin, security_admin, audit_admin) to three different people.");
  add_database_option(*add, context);
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
    auth::NewUser user{
        input->username, input->display_name, input->unit, input->password, {}, true};
    const bool generated = user.password.empty();
    if (generated) user.password = auth::generate_password();
    for (const std::string& spec : input->roles) {
      const auto at = spec.find('@');
      user.roles.push_back(
          {spec.substr(0, at), at == std::string::npos ? input->unit : spec.substr(at + 1)});
    }
    auto created = services->auth().create_user_as_operator(user);
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
}

void add_audit_command(CLI::App& app, Context& context) {
  auto* audit_command = app.add_subcommand("audit", "The audit log");
  audit_command->require_subcommand(1);
  auto* verify = audit_command->add_subcommand(
      "verify",
      "Recompute every entry and the keyed chain of the audit log and compare its head with the "
      "latest signed checkpoint; exits 1 if an entry was changed, removed or forged, the chain "
      "was recomputed or its newest entries were removed");
  add_database_option(*verify, context);
  verify->callback([&context] {
    begin(context);
    auto services = open_services(context);
    auto result = services->audit().verify(services->database(), context.audit_checkpoints);
    if (!result) fail(context, result.error());
    const bool en = context.locale == Locale::en;
    const std::string head =
        fmt::format("{} {}", result->head.seq, result->head.chain_mac.substr(0, 16));
    if (!result->intact()) {
      fail(context,
           Error::conflict(
               {fmt::format("审计日志未通过校验：{}（已核对 {} 条，末条可信记录为链上第 {}）",
                            result->problem.zh, result->entries, head),
                fmt::format("the audit log does not verify: {} ({} entries checked; the last "
                            "trustworthy one is chain entry {})",
                            result->problem.en, result->entries, head)}));
    }
    fmt::print(fmt::runtime(en ? "Audit chain intact: {} entries, head {}\n"
                               : "审计日志校验通过：共 {} 条，链头 {}\n"),
               result->entries, head);
    if (result->checkpoint) {
      fmt::print(fmt::runtime(en ? "Matches the checkpoint signed at {} (chain entry {})\n"
                                 : "与 {} 签名的检查点一致（链上第 {} 条）\n"),
                 result->checkpoint->at, result->checkpoint->head.seq);
    }
    if (result->pending > 0) {
      fmt::print(fmt::runtime(en ? "{} newer entries not sealed yet, each verified on its own\n"
                                 : "另有 {} 条新记录尚未入链，已逐条校验\n"),
                 result->pending);
    }
  });

  auto* purge = audit_command->add_subcommand(
      "purge", fmt::format("Remove audit entries older than the retention period (at least {} "
                           "days); the purge is itself audited",
                           audit::kMinimumRetentionDays));
  add_database_option(*purge, context);
  auto before = std::make_shared<std::string>();
  purge->add_option("--before", *before,
                    "Remove entries that occurred before this date (YYYY-MM-DD; default: keep "
                    "exactly the retention period)");
  purge->callback([&context, before] {
    begin(context);
    auto services = open_services(context);
    const std::string date =
        before->empty()
            ? format_date(services->clock().now() - std::chrono::days(audit::kMinimumRetentionDays))
            : *before;
    auto purged = services->audit().purge(services->database(), date, audit::operator_who());
    if (!purged) fail(context, purged.error());
    checkpoint_audit(context, *services);
    if (context.locale == Locale::en) {
      fmt::print("Removed {} audit entries from before {}\n", purged->removed, date);
    } else {
      fmt::print("已删除 {} 之前的审计日志 {} 条\n", date, purged->removed);
    }
  });
}

void add_keys_command(CLI::App& app, Context& context) {
  auto* keys = app.add_subcommand("keys", "The personal-data keys");
  keys->require_subcommand(1);
  auto* rotate = keys->add_subcommand(
      "rotate",
      "Add a new key generation to the key file and re-seal every stored personal value with it "
      "(earlier generations stay in the file for backups made before the rotation)");
  add_database_option(*rotate, context);
  rotate->callback([&context] {
    begin(context);
    auto rotated = privacy::Keyring::rotate(context.keys_file);
    if (!rotated) fail(context, rotated.error());
    auto services = open_services(context);
    auto changed = services->auth().reseal_personal_data();
    if (!changed) fail(context, changed.error());
    checkpoint_audit(context, *services);
    fmt::print(fmt::runtime(context.locale == Locale::en
                                ? "Key generation {} now seals personal data; {} values re-sealed\n"
                                : "个人信息已改用第 {} 代密钥加密；重新加密 {} 项\n"),
               rotated->current_key(), *changed);
  });

  auto* upgrade = keys->add_subcommand(
      "upgrade",
      "Add the audit-chain keys to a key file written by an older shequ (once, on the server "
      "that holds the original; copy the file to the others)");
  add_database_option(*upgrade, context);
  upgrade->callback([&context] {
    begin(context);
    auto added = privacy::Keyring::add_missing_audit_keys(context.keys_file);
    if (!added) fail(context, added.error());
    const bool en = context.locale == Locale::en;
    fmt::print(
        fmt::runtime(*added ? (en ? "Audit keys added to {}\n" : "已在 {} 中加入审计密钥\n")
                            : (en ? "{} already holds the audit keys\n" : "{} 已有审计密钥\n")),
        context.keys_file);
  });
}

}  // namespace shequ::cli
