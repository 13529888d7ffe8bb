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
      "Add the keys a key file written by an older shequ lacks (audit chain, certificates): once, "
      "on the server that holds the original; copy the file to the others");
  add_database_option(*upgrade, context);
  upgrade->callback([&context] {
    begin(context);
    auto added = privacy::Keyring::add_missing_keys(context.keys_file, SystemClock().now());
    if (!added) fail(context, added.error());
    const bool en = context.locale == Locale::en;
    for (const std::string& kind : *added) {
      fmt::print(fmt::runtime(kind == "audit"
                                  ? (en ? "Audit keys added to {}\n" : "已在 {} 中加入审计密钥\n")
                                  : (en ? "A certificate key added to {}\n"
                                        : "已在 {} 中加入证明签名密钥\n")),
                 context.keys_file);
    }
    if (added->empty()) {
      fmt::print(fmt::runtime(en ? "{} already holds every key\n" : "{} 已有全部密钥\n"),
                 context.keys_file);
    }
  });

  auto* rotate_certificate = keys->add_subcommand(
      "rotate-certificate",
      "Add a new certificate key, which signs certificates from now on; the one before is retired "
      "and keeps verifying what it signed before (copy the file to every server and restart them)");
  add_database_option(*rotate_certificate, context);
  rotate_certificate->callback([&context] {
    begin(context);
    auto rotated = privacy::Keyring::rotate_certificate_key(context.keys_file, SystemClock().now());
    if (!rotated) fail(context, rotated.error());
    auto services = open_services(context);
    if (auto recorded = services->record_certificate_key_rotation(); !recorded) {
      fail(context, recorded.error());
    }
    checkpoint_audit(context, *services);
    fmt::print(
        fmt::runtime(context.locale == Locale::en ? "Certificate key {} now signs certificates\n"
                                                  : "证明签名已改用第 {} 号密钥\n"),
        rotated->certificate_keys().back().id);
  });
}

}  // namespace shequ::cli
