#include "volunteer/module.hpp"

#include <fmt/format.h>

#include "app/app.hpp"
#include "cli/cli.hpp"
#include "volunteer/declaration.hpp"
#include "volunteer/hour_record.hpp"
#include "volunteer/routes.hpp"
#include "volunteer/volunteer_service.hpp"

namespace shequ::volunteer {

namespace {

class Runtime final : public app::ModuleRuntime {
 public:
  explicit Runtime(app::Services& services)
      : org_(services.org()),
        record_(services.database(), services.audit(), services.keyring()),
        service_(services.org(), services.database(), services.audit(), services.clock(),
                 services.keyring(), record_) {}
  void add_routes(http::Router& router, const app::RouteOptions&) override {
    volunteer::add_routes(router, service_, org_);
  }
  void* service(const std::type_info& type) override {
    if (type == typeid(HourRecord)) return &record_;
    return type == typeid(VolunteerService) ? &service_ : nullptr;
  }

 private:
  const org::OrgService& org_;
  HourRecord record_;
  VolunteerService service_;
};

std::string describe(const ChainFlaw& flaw, bool en) {
  switch (flaw.flaw) {
    case Flaw::edited:
      return fmt::format(fmt::runtime(en ? "entry {} (volunteer {}, activity {}) was changed"
                                         : "第 {} 条（志愿者 {}，活动 {}）被改动"),
                         flaw.seq, flaw.volunteer_id, flaw.activity_id);
    case Flaw::follows_gap:
      return fmt::format(
          fmt::runtime(en ? "entries {} to {} were removed" : "第 {} 至 {} 条被删除"),
          flaw.missing_from, flaw.seq - 1);
    case Flaw::out_of_order:
      return fmt::format(fmt::runtime(en ? "entry {} (volunteer {}, activity {}) is out of order"
                                         : "第 {} 条（志愿者 {}，活动 {}）顺序错乱"),
                         flaw.seq, flaw.volunteer_id, flaw.activity_id);
  }
  return {};
}

void add_commands(CLI::App& program, CLI::App&, app::CommandContext& context) {
  auto* command = program.add_subcommand("volunteer", "Volunteers and their hour record");
  command->require_subcommand(1);
  auto* verify = command->add_subcommand(
      "verify",
      "Recompute every entry of the volunteer hour record and compare its end with the audit "
      "log; names every entry changed, removed or out of order and exits 1 if there is one");
  cli::add_database_option(*verify, context);
  verify->callback([&context] {
    cli::begin(context);
    auto services = cli::open_services(context);
    auto result = services->service<HourRecord>().verify();
    if (!result) cli::fail(context, result.error());
    const bool en = context.locale == Locale::en;
    if (result->intact()) {
      fmt::print(fmt::runtime(en ? "Volunteer hour record intact: {} entries\n"
                                 : "志愿服务记录校验通过：共 {} 条\n"),
                 result->entries);
      return;
    }
    for (const ChainFlaw& flaw : result->flaws) fmt::print("{}\n", describe(flaw, en));
    if (result->truncated()) {
      fmt::print(fmt::runtime(en ? "entries {} to {} were removed (the audit log names entry {})\n"
                                 : "第 {} 至 {} 条被删除（审计日志记有第 {} 条）\n"),
                 result->last_seq + 1, result->audited_seq, result->audited_seq);
    }
    const std::size_t problems = result->flaws.size() + (result->truncated() ? 1 : 0);
    cli::fail(context, Error::conflict({fmt::format("志愿服务记录未通过校验：{} 处问题", problems),
                                        fmt::format("the volunteer hour record does not verify: "
                                                    "{} problems",
                                                    problems)}));
  });
}

}  // namespace

const app::ModuleEntry& module() {
  static const app::ModuleEntry entry{
      &declaration,
      [](app::Services& services, const std::map<std::string, std::string>&) {
        return std::make_unique<Runtime>(services);
      },
      &add_commands};
  return entry;
}

}  // namespace shequ::volunteer
