#include "facility/commands.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "cli/cli.hpp"
#include "facility/facility_import.hpp"
#include "facility/facility_service.hpp"

namespace shequ::facility {

namespace {

using cli::Context;
using cli::fail;

// Files larger than this are refused before they are read (a province's facilities fit many
// times over).
constexpr std::uintmax_t kMaxFileBytes = 256ull << 20;

Error unreadable(const std::string& path) {
  return Error::invalid(
      "FILE", {fmt::format("无法读取文件 {}", path), fmt::format("cannot read the file {}", path)});
}

void add_import(CLI::App& facility, Context& context) {
  auto* command = facility.add_subcommand(
      "import", "Register the facilities of a filled-in template (.xlsx or CSV), all or none");
  cli::add_database_option(*command, context);
  auto file = std::make_shared<std::string>();
  command->add_option("FILE", *file, "The template, filled in (shequ facility template)")
      ->required();
  command->callback([&context, file] {
    cli::begin(context);
    std::error_code error;
    const auto size = std::filesystem::file_size(*file, error);
    if (error) fail(context, unreadable(*file));
    if (size > kMaxFileBytes) {
      fail(context,
           Error::too_large({"文件过大（最多 256 MB）", "the file is too large (256 MB at most)"}));
    }
    std::ifstream in(*file, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    if (!in) fail(context, unreadable(*file));
    auto table = TableReader::open(bytes.str());
    if (!table) fail(context, table.error());
    auto services = cli::open_services(context);
    auto imported =
        services->service<FacilityService>().import(services->operator_actor(), **table);
    if (!imported) fail(context, imported.error());
    cli::checkpoint_audit(context, *services);
    fmt::print(fmt::runtime(context.locale == Locale::en ? "registered {} facilities\n"
                                                         : "已登记 {} 处设施\n"),
               *imported);
  });
}

void add_template(CLI::App& facility, Context& context) {
  auto* command =
      facility.add_subcommand("template", "Write the Excel template that `import` reads");
  auto out = std::make_shared<std::string>();
  command->add_option("--out", *out, "Where to write it (.xlsx)")->required();
  command->callback([&context, out] {
    cli::begin(context);
    auto workbook = template_workbook(context.locale);
    if (!workbook) fail(context, workbook.error());
    std::ofstream file(*out, std::ios::binary | std::ios::trunc);
    file << *workbook;
    file.close();
    if (!file) {
      fail(context, Error::invalid("--out", {fmt::format("无法写入 {}", *out),
                                             fmt::format("cannot write {}", *out)}));
    }
  });
}

}  // namespace

void add_commands(CLI::App& app, CLI::App&, app::CommandContext& context) {
  auto* facility = app.add_subcommand("facility", "The facility registry (服务设施)");
  facility->require_subcommand(1);
  add_import(*facility, context);
  add_template(*facility, context);
}

}  // namespace shequ::facility
