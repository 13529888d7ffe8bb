#include "report/commands.hpp"

#include <fstream>

#include <fmt/format.h>

#include "cli/cli.hpp"
#include "report/evaluation.hpp"

namespace shequ::report {

namespace {

using cli::Context;
using cli::fail;

struct EvaluationOptions {
  std::string unit;
  int year = 0;
  std::string out;
  std::string format;  // "xlsx", "pdf"; empty: from the file's name
};

void add_evaluation(CLI::App& report, Context& context) {
  auto* command = report.add_subcommand(
      "evaluation", "Write the plan's evaluation report of a unit and year (.xlsx or .pdf)");
  cli::add_database_option(*command, context);
  auto options = std::make_shared<EvaluationOptions>();
  command->add_option("--unit", options->unit, "The unit's code (620000000000: the province)")
      ->required();
  command->add_option("--year", options->year, "The year, from 2020 to this year")->required();
  command->add_option("--out", options->out, "Where to write it (.xlsx or .pdf)")->required();
  command->add_option("--format", options->format, "xlsx or pdf (default: from --out's name)")
      ->check(CLI::IsMember({"xlsx", "pdf"}));
  command->callback([&context, options] {
    cli::begin(context);
    std::string format = options->format;
    if (format.empty()) {
      if (options->out.ends_with(".pdf")) format = "pdf";
      if (options->out.ends_with(".xlsx")) format = "xlsx";
    }
    if (format.empty()) {
      fail(context,
           Error::invalid("--out", {"文件名应以 .xlsx 或 .pdf 结尾，或用 --format 指定格式",
                                    "name a .xlsx or .pdf file, or give --format"}));
    }
    auto services = cli::open_services(context);
    auto file = services->service<EvaluationService>().export_evaluation(
        services->operator_actor(), options->unit, options->year,
        format == "pdf" ? ReportFormat::pdf : ReportFormat::xlsx, context.locale);
    if (!file) fail(context, file.error());
    cli::checkpoint_audit(context, *services);
    std::ofstream out(options->out, std::ios::binary | std::ios::trunc);
    out << file->bytes;
    out.close();
    if (!out) {
      fail(context, Error::invalid("--out", {fmt::format("无法写入 {}", options->out),
                                             fmt::format("cannot write {}", options->out)}));
    }
    fmt::print(fmt::runtime(context.locale == Locale::en ? "wrote {} ({} bytes)\n"
                                                         : "已写入 {}（{} 字节）\n"),
               options->out, file->bytes.size());
  });
}

}  // namespace

void add_commands(CLI::App& app, CLI::App&, app::CommandContext& context) {
  auto* report = app.add_subcommand("report", "Reports to hand in (评估报告)");
  report->require_subcommand(1);
  add_evaluation(*report, context);
}

}  // namespace shequ::report
