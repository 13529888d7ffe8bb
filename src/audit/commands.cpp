#include "audit/commands.hpp"

#include <fmt/format.h>

#include "cli/cli.hpp"

namespace shequ::audit {

using cli::begin;
using cli::checkpoint_audit;
using cli::Context;
using cli::fail;
using cli::open_services;

void add_commands(CLI::App& app, CLI::App&, app::CommandContext& context) {
  auto* audit_command = app.add_subcommand("audit", "The audit log");
  audit_command->require_subcommand(1);
  auto* verify = audit_command->add_subcommand(
      "verify",
      "Recompute every entry and the keyed chain of the audit log and compare its head with the "
      "latest signed checkpoint; exits 1 if an entry was changed, removed or forged, the chain "
      "was recomputed or its newest entries were removed");
  cli::add_database_option(*verify, context);
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
                           kMinimumRetentionDays));
  cli::add_database_option(*purge, context);
  auto before = std::make_shared<std::string>();
  purge->add_option("--before", *before,
                    "Remove entries that occurred before this date (YYYY-MM-DD; default: keep "
                    "exactly the retention period)");
  purge->callback([&context, before] {
    begin(context);
    auto services = open_services(context);
    const std::string date =
        before->empty()
            ? format_date(services->clock().now() - std::chrono::days(kMinimumRetentionDays))
            : *before;
    auto purged = services->audit().purge(services->database(), date, operator_who());
    if (!purged) fail(context, purged.error());
    checkpoint_audit(context, *services);
    if (context.locale == Locale::en) {
      fmt::print("Removed {} audit entries from before {}\n", purged->removed, date);
    } else {
      fmt::print("已删除 {} 之前的审计日志 {} 条\n", date, purged->removed);
    }
  });
}

}  // namespace shequ::audit
