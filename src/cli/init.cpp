#include <filesystem>

#include <fmt/format.h>

#include "app/app.hpp"
#include "cli/cli.hpp"
#include "common/clock.hpp"

namespace shequ::cli {

void add_init_command(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand(
      "init",
      "Create the database: schema, the Gansu division list (NBS 2022), optional demo data");
  add_database_option(*command, context);
  auto options = std::make_shared<app::InitOptions>();
  command->add_flag("--demo", options->demo,
                    "Add demonstration data: grids in Lanzhou, one account per kind of user, and "
                    "a synthetic province of facilities, base figures and indicator values");
  auto no_province = std::make_shared<bool>(false);
  command->add_flag("--no-demo-province", *no_province,
                    "With --demo: the grids and accounts only, without the synthetic province "
                    "(for tests that register their own facilities)");
  command->add_option("--seed", options->seed, "Seed of the demo province (same seed, same data)")
      ->capture_default_str();
  command
      ->add_option("--admin-password", options->admin_password,
                   "Password of the first account, admin (default: generated and shown once)")
      ->envname("SHEQU_ADMIN_PASSWORD");
  command->add_option("--divisions", options->divisions_file,
                      "Load this division CSV instead of the shipped NBS 2022 list");
  command->add_option("--as-of", options->as_of, "Date the loaded units take effect (YYYY-MM-DD)")
      ->capture_default_str();
  auto reuse_keys = std::make_shared<bool>(false);
  command->add_flag("--reuse-keys", *reuse_keys,
                    "Keep the personal-data key file found for a new database (by default init "
                    "makes a new one, and refuses when one exists)");
  command->callback([&context, options, reuse_keys, no_province] {
    begin(context);
    const bool keys_exist = std::filesystem::exists(context.keys_file);
    auto services = open_services(context, {.create_keys = !keys_exist});
    // An initialised database keeps the keys it was made with. A new one gets new keys unless
    // the operator says to keep a file found there: it may be a copied or published one.
    if (keys_exist && !*reuse_keys && services->org().tree().size() == 0) {
      fail(context,
           Error::conflict(
               {fmt::format("个人信息密钥文件 {} 已存在，而数据库是新的：若确要沿用该文件，请加 "
                            "--reuse-keys；否则请移走它",
                            context.keys_file),
                fmt::format("the personal-data key file {} exists already and the database is "
                            "new: give --reuse-keys to keep using the file, or move it away",
                            context.keys_file)}));
    }
    options->demo_province = options->demo && !*no_province;
    auto report = app::initialise(*services, *options);
    if (!report) fail(context, report.error());
    checkpoint_audit(context, *services);
    const bool en = context.locale == Locale::en;
    if (report->divisions_loaded) {
      fmt::print(fmt::runtime(en ? "Loaded {} units into {}\n" : "已载入 {} 个单位：{}\n"),
                 report->units, services->database().describe());
    } else {
      fmt::print(fmt::runtime(en ? "{} already holds {} units; left as it is\n"
                                 : "{} 已有 {} 个单位，未改动\n"),
                 services->database().describe(), report->units);
    }
    if (report->admin_created) {
      if (!report->generated_admin_password.empty()) {
        fmt::print(fmt::runtime(en ? "Account admin created with password {} (shown once; change "
                                     "it at first login)\n"
                                   : "已创建账号 admin，密码 {}（只显示这一次，首次登录须修改）\n"),
                   report->generated_admin_password);
      } else {
        fmt::print(fmt::runtime(en ? "Account admin created\n" : "已创建账号 admin\n"));
      }
    }
    if (!report->demo_accounts_created.empty()) {
      fmt::print(
          fmt::runtime(en ? "Demo accounts: {} (password {})\n" : "演示账号：{}（密码 {}）\n"),
          fmt::join(report->demo_accounts_created, ", "), app::kDemoPassword);
    }
    if (options->demo) {
      fmt::print(fmt::runtime(en ? "Demo data: {} grids added\n" : "演示数据：新增 {} 个网格\n"),
                 report->demo_grids_created);
    }
    for (const Text& added : report->demo_data) fmt::print("{}\n", added.in(context.locale));
  });
}

}  // namespace shequ::cli
