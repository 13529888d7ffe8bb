#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>

#include <fmt/format.h>

#include "access/areas.hpp"
#include "access/commands.hpp"
#include "access/export.hpp"
#include "access/module.hpp"
#include "access/network.hpp"
#include "app/app.hpp"
#include "cli/cli.hpp"
#include "common/clock.hpp"

namespace shequ::access {

namespace {

using cli::begin;
using cli::checkpoint_audit;
using cli::Context;
using cli::fail;
using cli::open_services;

std::string& network_file(Context& context) {
  return context.settings[std::string(kNetworkSetting)];
}

// Adds --network: the walking-network file of the fifteen-minute circle.
void add_network_option(CLI::App& command, Context& context) {
  command
      .add_option("--network", network_file(context),
                  "Walking-network file written by `shequ access import-osm` (env "
                  "SHEQU_NETWORK)")
      ->capture_default_str();
}

// Adds --walk-speed: km/h on foot, which sets the tiers' distances.
void add_walk_speed_option(CLI::App& command, Context& context) {
  command
      .add_option("--walk-speed", context.settings[std::string(kWalkSpeedSetting)],
                  "Walking speed in km/h for the 5/10/15-minute tiers; at 4, fifteen minutes are "
                  "1,000 m (env SHEQU_WALK_SPEED)")
      ->check(CLI::Range(2.0, 7.0))
      ->capture_default_str();
}

// A progress bar on stderr when it is a terminal; nothing otherwise (logs stay clean).
class ProgressBar {
 public:
  explicit ProgressBar(std::string label) : label_(std::move(label)), shown_(isatty(2) != 0) {}
  ~ProgressBar() {
    if (shown_ && drawn_ >= 0) std::fputs("\n", stderr);
  }
  void operator()(double share) {
    const int percent = static_cast<int>(share * 100);
    if (!shown_ || percent == drawn_) return;
    drawn_ = percent;
    const int filled = percent * 30 / 100;
    std::fprintf(stderr, "\r%s [%s%s] %3d%%", label_.c_str(), std::string(filled, '#').c_str(),
                 std::string(30 - filled, '.').c_str(), percent);
    std::fflush(stderr);
  }

 private:
  std::string label_;
  bool shown_;
  int drawn_ = -1;
};

// The services with the walking network loaded: a damaged network file stops the command.
std::unique_ptr<app::Services> open_with_network(const Context& context) {
  if (auto options = circle_options(context.settings); !options) fail(context, options.error());
  auto services = open_services(context);
  if (auto loaded = services->service<CircleService>().load(); !loaded)
    fail(context, loaded.error());
  return services;
}

Error read_error(const std::string& field, const std::string& path) {
  return Error::invalid(
      field, {fmt::format("无法读取文件 {}", path), fmt::format("cannot read the file {}", path)});
}

void add_import(CLI::App& access, Context& context) {
  auto* command = access.add_subcommand(
      "import-osm",
      "Read the walking network, facilities and homes from an OpenStreetMap extract (.osm.pbf) "
      "into the network file; a failed import leaves no partial file");
  cli::add_database_option(*command, context);
  add_network_option(*command, context);
  struct Input {
    std::string file, areas, unit;
    double snap_max_metres = 250;
    bool demo = false;
  };
  auto input = std::make_shared<Input>();
  command->add_option("FILE", input->file, "OpenStreetMap extract (.osm.pbf)")->required();
  command->add_option("--areas", input->areas,
                      "GeoJSON of village/community boundaries, each feature with a \"code\"");
  command->add_option("--unit", input->unit,
                      "Unit code for homes outside every area (or for all, without --areas)");
  command
      ->add_option("--snap-max", input->snap_max_metres,
                   "Metres: places farther from every walkable way are reported, not used")
      ->capture_default_str();
  command->add_flag("--demo", input->demo,
                    "The extract is demonstration data (another place's streets laid on these "
                    "units): every map drawn from it says so; its --areas may lay it on the "
                    "units' own ground (laidOn)");
  command->callback([&context, input] {
    begin(context);
    const bool en = context.locale == Locale::en;
    std::vector<FieldError> problems;
    if (input->areas.empty() && input->unit.empty()) {
      problems.push_back({"--unit",
                          {"须给出 --areas 或 --unit，住宅才能归属到村（社区）",
                           "give --areas or --unit so that homes belong to a unit"}});
    }
    if (!(input->snap_max_metres > 0 && input->snap_max_metres <= 5000)) {
      problems.push_back({"--snap-max", {"应在 0 到 5000 米之间", "must be within 0-5000 metres"}});
    }
    if (!problems.empty()) fail(context, Error::invalid(std::move(problems)));
    auto services = open_services(context);
    std::vector<Area> areas;
    std::optional<Relocation> laid_on;
    if (!input->areas.empty()) {
      std::ifstream in(input->areas, std::ios::binary);
      if (!in) fail(context, read_error("--areas", input->areas));
      std::stringstream text;
      text << in.rdbuf();
      auto parsed = parse_areas(text.str());
      if (!parsed) fail(context, parsed.error());
      areas = std::move(*parsed);
      auto laid = parse_laid_on(text.str());
      if (!laid) fail(context, laid.error());
      laid_on = *laid;
    }
    if (laid_on && !input->demo) {
      problems.push_back({"--areas",
                          {"区域文件把地图移到别处（laidOn），只有演示数据可以这样做：请加 --demo",
                           "the areas lay the extract elsewhere (laidOn), which only "
                           "demonstration data may do: add --demo"}});
    }
    for (std::size_t i = 0; i < areas.size(); ++i) {
      if (!services->org().tree().find(areas[i].code)) {
        problems.push_back({fmt::format("areas[{}].properties.code", i),
                            {fmt::format("单位 {} 不存在", areas[i].code),
                             fmt::format("no unit {}", areas[i].code)}});
      }
    }
    if (!input->unit.empty() && !services->org().tree().find(input->unit)) {
      problems.push_back({"--unit", {"单位不存在", "no such unit"}});
    }
    if (!problems.empty()) fail(context, Error::invalid(std::move(problems)));

    const auto started = std::chrono::steady_clock::now();
    ImportStats stats;
    const auto snap_max_mm = static_cast<uint32_t>(input->snap_max_metres * 1000);
    auto network =
        import_network(input->file, {.snap_max_mm = snap_max_mm, .demo = input->demo}, &stats);
    if (!network) fail(context, network.error());
    const std::size_t outside = assign_units(network->residences, areas, input->unit);
    if (laid_on) relocate(*network, *laid_on);
    if (auto saved = save_network(*network, network_file(context)); !saved)
      fail(context, saved.error());
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    fmt::print(fmt::runtime(en ? "{} of {} ways are walkable: {} nodes, {} directed edges\n"
                                 "{} facilities ({} farther than {} m from a walkable way, not "
                                 "used), {} homes ({} not used), {} named streets\n"
                               : "{1} 条道路中 {0} 条可步行：{2} 个节点，{3} 条有向边\n"
                                 "设施 {4} 处（{5} 处距可步行道路超过 {6} 米，未计入），"
                                 "住宅 {7} 处（{8} 处未计入），有名称的道路 {9} 条\n"),
               stats.walkable_ways, stats.ways_read, network->graph.node_count(),
               network->graph.edge_count(), stats.facilities, stats.facilities_not_snapped,
               input->snap_max_metres, stats.residences, stats.residences_not_snapped,
               network->street_names.size());
    // Name the facilities left out, so that the map (or the registry) can be put right.
    constexpr std::size_t kListed = 10;
    std::size_t unused = 0;
    for (const Facility& f : network->facilities) {
      if (f.node != kNotSnapped || ++unused > kListed) continue;
      fmt::print("  {}{} {} {}/{} ({:.6f},{:.6f})\n", en ? "not used: " : "未计入：",
                 service_types()[f.type].name.in(context.locale), f.name.empty() ? "-" : f.name,
                 osm_type_name(f.osm_type), f.osm_id, f.lat_e7 * 1e-7, f.lon_e7 * 1e-7);
    }
    if (unused > kListed) {
      fmt::print(fmt::runtime(en ? "  … and {} more\n" : "  ……另有 {} 处\n"), unused - kListed);
    }
    if (!areas.empty()) {
      fmt::print(
          fmt::runtime(en ? "{} homes lie outside every area{}\n" : "{} 处住宅不在任何区域内{}\n"),
          outside,
          input->unit.empty()
              ? std::string(en ? " and belong to no unit" : "，不属于任何单位")
              : fmt::format(fmt::runtime(en ? "; they belong to {}" : "，归入 {}"), input->unit));
    }
    fmt::print(fmt::runtime(en ? "written to {} in {:.1f} s; running servers take it up within "
                                 "seconds\n"
                               : "已写入 {}（用时 {:.1f} 秒）；运行中的服务将在数秒内自动启用\n"),
               network_file(context), seconds);
  });
}

void add_coverage(CLI::App& access, Context& context) {
  auto* command = access.add_subcommand(
      "coverage", "Share of homes under a unit reaching each service type on foot");
  cli::add_database_option(*command, context);
  add_network_option(*command, context);
  add_walk_speed_option(*command, context);
  struct Input {
    std::string unit, format = "table", out;
    int tier = 15;
  };
  auto input = std::make_shared<Input>();
  command->add_option("--unit", input->unit, "Unit code")->required();
  command->add_option("--tier", input->tier, "Minutes on foot: 5, 10 or 15")->capture_default_str();
  command->add_option("--format", input->format, "table, csv or geojson")
      ->check(CLI::IsMember({"table", "csv", "geojson"}))
      ->capture_default_str();
  command->add_option("--out", input->out, "Write to this file instead of standard output");
  command->callback([&context, input] {
    begin(context);
    auto services = open_with_network(context);
    const Actor actor = services->operator_actor();
    std::ofstream file;
    if (!input->out.empty()) {
      file.open(input->out, std::ios::binary | std::ios::trunc);
      if (!file) fail(context, read_error("--out", input->out));
    }
    std::ostream& out = input->out.empty() ? std::cout : file;
    if (input->format == "geojson") {
      auto data =
          services->service<CircleService>().export_residences(actor, input->unit, input->tier);
      if (!data) fail(context, data.error());
      checkpoint_audit(context, *services);
      write_geojson(*data, out);
      return;
    }
    auto report =
        input->format == "csv"
            ? services->service<CircleService>().export_coverage(actor, input->unit, input->tier)
            : services->service<CircleService>().coverage(actor, input->unit, input->tier);
    if (!report) fail(context, report.error());
    if (input->format == "csv") {
      checkpoint_audit(context, *services);
      out << coverage_csv(*report, context.locale);
      return;
    }
    const bool en = context.locale == Locale::en;
    auto pct = [](uint32_t part, uint32_t whole) {
      return whole == 0 ? std::string("—") : fmt::format("{:.1f}%", 100.0 * part / whole);
    };
    out << fmt::format(fmt::runtime(en ? "{} ({}), {} minutes on foot ({} m)\n"
                                       : "{}（{}），步行 {} 分钟（{} 米）\n"),
                       report->unit.name, report->unit.code, report->tier_minutes,
                       report->limit_mm / 1000);
    out << fmt::format("{:<14} {:>8} {:>8}", en ? "unit" : "单位", en ? "homes" : "住宅",
                       en ? "all" : "全部");
    for (const auto& type : service_types()) out << fmt::format(" {:>8.8}", type.key);
    out << "\n";
    for (const CoverageRow* row : [&] {
           std::vector<const CoverageRow*> rows{&report->total};
           for (const auto& r : report->rows) rows.push_back(&r);
           return rows;
         }()) {
      out << fmt::format("{:<14} {:>8} {:>8}", row->unit.code, row->residences,
                         pct(row->reached_all_basic, row->residences));
      for (uint32_t reached : row->reached)
        out << fmt::format(" {:>8}", pct(reached, row->residences));
      out << "\n";
    }
  });
}

void add_gaps(CLI::App& access, Context& context) {
  auto* command = access.add_subcommand(
      "gaps", "Where the homes a service type does not reach are, as clusters (largest first)");
  cli::add_database_option(*command, context);
  add_network_option(*command, context);
  add_walk_speed_option(*command, context);
  struct Input {
    std::string unit, type;
    int tier = 15;
    std::size_t top = 20;
  };
  auto input = std::make_shared<Input>();
  command->add_option("--unit", input->unit, "Unit code")->required();
  command->add_option("--type", input->type, "Service type key, e.g. pharmacy")->required();
  command->add_option("--tier", input->tier, "Minutes on foot: 5, 10 or 15")->capture_default_str();
  command->add_option("--top", input->top, "How many clusters to list")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  command->callback([&context, input] {
    begin(context);
    auto services = open_with_network(context);
    auto report = services->service<CircleService>().gaps(services->operator_actor(), input->unit,
                                                          input->tier, input->type);
    if (!report) fail(context, report.error());
    const bool en = context.locale == Locale::en;
    fmt::print(fmt::runtime(en ? "{} homes do not reach a {} within {} minutes, in {} clusters\n"
                               : "{0} 处住宅步行 {2} 分钟内到不了{1}，分布在 {3} 个缺口片区\n"),
               report->uncovered, service_types()[report->type].name.in(context.locale),
               report->tier_minutes, report->clusters.size());
    for (std::size_t i = 0; i < std::min(input->top, report->clusters.size()); ++i) {
      const auto& c = report->clusters[i];
      fmt::print(fmt::runtime(en ? "{}. {:.6f},{:.6f}  {} homes within {} m\n"
                                 : "{}. {:.6f},{:.6f}  {} 处住宅，半径 {} 米\n"),
                 i + 1, c.lat_e7 * 1e-7, c.lon_e7 * 1e-7, c.residences, c.radius_mm / 1000);
    }
  });
}

void add_site(CLI::App& access, Context& context) {
  auto* command = access.add_subcommand(
      "site", "Where k new facilities of a type would bring the most homes within reach");
  cli::add_database_option(*command, context);
  add_network_option(*command, context);
  add_walk_speed_option(*command, context);
  auto request = std::make_shared<SitingRequest>();
  auto candidates_file = std::make_shared<std::string>();
  command->add_option("--unit", request->unit_code, "Unit code")->required();
  command->add_option("--type", request->type, "Service type key, e.g. pharmacy")->required();
  command->add_option("--k", request->k, "How many sites (1-50)")->required();
  command->add_option("--tier", request->tier_minutes, "Minutes on foot: 5, 10 or 15")
      ->capture_default_str();
  command->add_option("--candidates", *candidates_file,
                      "CSV of candidate sites (lat,lon per line); default: every street node");
  command->callback([&context, request, candidates_file] {
    begin(context);
    if (!candidates_file->empty()) {
      std::ifstream in(*candidates_file);
      if (!in) fail(context, read_error("--candidates", *candidates_file));
      std::string line;
      std::vector<FieldError> problems;
      for (int64_t number = 1; std::getline(in, line); ++number) {
        if (line.empty() || line == "\r" || line.starts_with("lat")) continue;
        double lat = 0;
        double lon = 0;
        char comma = 0;
        std::istringstream fields(line);
        if (!(fields >> lat >> comma >> lon) || comma != ',') {
          problems.push_back({"--candidates", {"应为“纬度,经度”", "must be \"lat,lon\""}, number});
          continue;
        }
        request->candidates.push_back({lat, lon});
      }
      if (!problems.empty()) fail(context, Error::invalid(std::move(problems)));
    }
    auto services = open_with_network(context);
    const bool en = context.locale == Locale::en;
    ProgressBar bar(en ? "siting" : "选址");
    auto result = services->service<CircleService>().site(services->operator_actor(), *request,
                                                          [&bar](double share) {
                                                            bar(share);
                                                            return true;
                                                          });
    if (!result) fail(context, result.error());
    fmt::print(fmt::runtime(en ? "{} homes out of reach before, {} after; {} candidates\n"
                               : "选址前 {} 处住宅不可达，选址后 {} 处；候选点位 {} 个\n"),
               result->uncovered_before, result->uncovered_after, result->candidates);
    for (std::size_t i = 0; i < result->sites.size(); ++i) {
      const auto& site = result->sites[i];
      fmt::print(fmt::runtime(en ? "{}. {:.6f},{:.6f}  +{}\n" : "{}. {:.6f},{:.6f}  新增覆盖 {}\n"),
                 i + 1, site.lat_e7 * 1e-7, site.lon_e7 * 1e-7, site.gained);
    }
  });
}

}  // namespace

void add_commands(CLI::App& app, CLI::App& serve, app::CommandContext& context) {
  // Defaults, then the environment; a flag given on the command line wins over both.
  network_file(context) = "var/walk-network.graph";
  context.settings[std::string(kWalkSpeedSetting)] = "4";
  for (auto [variable, setting] : {std::pair{"SHEQU_NETWORK", kNetworkSetting},
                                   std::pair{"SHEQU_WALK_SPEED", kWalkSpeedSetting}}) {
    if (const char* value = std::getenv(variable); value != nullptr && *value != '\0')
      context.settings[std::string(setting)] = value;
  }
  if (auto options = circle_options(context.settings); !options) {
    throw CLI::ValidationError(std::string(options.error().details.front().field),
                               options.error().details.front().reason.en);
  }
  add_network_option(serve, context);
  add_walk_speed_option(serve, context);
  auto* access =
      app.add_subcommand("access", "The fifteen-minute service circle (一刻钟便民生活圈)");
  access->require_subcommand(1);
  add_import(*access, context);
  add_coverage(*access, context);
  add_gaps(*access, context);
  add_site(*access, context);
}

}  // namespace shequ::access
