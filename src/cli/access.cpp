#include <chrono>

#include <fmt/format.h>

#include "access/walk_graph.hpp"
#include "cli/cli.hpp"

namespace shequ::cli {

void add_access_command(CLI::App& app, Context& context) {
  auto* access =
      app.add_subcommand("access", "The fifteen-minute service circle (一刻钟便民生活圈)");
  access->require_subcommand(1);
  auto* import_osm = access->add_subcommand(
      "import-osm",
      "Read the walking network from an OpenStreetMap extract (.osm.pbf) into a graph file; "
      "a failed import leaves no partial graph");
  auto file = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>("var/walk-network.graph");
  import_osm->add_option("FILE", *file, "OpenStreetMap extract (.osm.pbf)")->required();
  import_osm->add_option("--out", *out, "Where to write the graph")
      ->envname("SHEQU_WALK_GRAPH")
      ->capture_default_str();
  import_osm->callback([&context, file, out] {
    begin(context);
    const auto started = std::chrono::steady_clock::now();
    access::ImportStats stats;
    auto graph = access::import_walk_graph(*file, &stats);
    if (!graph) fail(context, graph.error());
    if (auto saved = access::save_walk_graph(*graph, *out); !saved) fail(context, saved.error());
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (context.locale == Locale::en) {
      fmt::print(
          "{} of {} ways are walkable: {} nodes, {} directed edges, written to {} in {:.1f} s\n",
          stats.walkable_ways, stats.ways_read, graph->node_count(), graph->edge_count(), *out,
          seconds);
    } else {
      fmt::print("{} 条道路中 {} 条可步行：{} 个节点，{} 条有向边，已写入 {}（用时 {:.1f} 秒）\n",
                 stats.ways_read, stats.walkable_ways, graph->node_count(), graph->edge_count(),
                 *out, seconds);
    }
  });
}

}  // namespace shequ::cli
