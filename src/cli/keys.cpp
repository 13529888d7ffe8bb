#include <fmt/format.h>

#include "app/app.hpp"
#include "cli/cli.hpp"
#include "privacy/keyring.hpp"

namespace shequ::cli {

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
    auto changed = services->reseal_personal_data();
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
