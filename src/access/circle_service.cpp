#include "access/circle_service.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <random>
#include <set>
#include <span>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <sys/stat.h>

#include "access/reach.hpp"
#include "access/shelters.hpp"
#include "access/snap.hpp"
#include "facility/facility_repository.hpp"
#include "residents/resident_repository.hpp"

namespace shequ::access {

struct CircleService::Loaded {
  // `mapped`: the homes of the network file, of which the located households replace some.
  Loaded(Network n, std::shared_ptr<const std::vector<Residence>> mapped)
      : network(std::move(n)),
        mapped_homes(std::move(mapped)),
        snap(network.graph),
        streets(network.graph, [this](uint32_t node) {
          return !network.node_street.empty() && network.node_street[node] != kNoStreet;
        }) {}
  explicit Loaded(Network n) : Loaded(std::move(n), nullptr) {
    mapped_homes = std::make_shared<const std::vector<Residence>>(network.residences);
  }
  Network network;
  std::shared_ptr<const std::vector<Residence>> mapped_homes;
  SnapIndex snap;
  SnapIndex streets;  // over the nodes on a named street
  mutable std::once_flag reach_once;
  mutable ReachTable reach;  // written once, under reach_once
  // What of the facility registry's change log the network's registry facilities reflect: the
  // entries from `registry_from` on (a window below the last id, where a change committed late
  // under an id already passed lands). Empty until the registry was read.
  int64_t registry_from = 0;
  std::optional<org::ChangeMark> registry_mark;
  // The same for the residents module's home change log and the located households.
  int64_t homes_from = 0;
  std::optional<org::ChangeMark> homes_mark;
  // What nearby() found, by community, tier and count: the same for every resident of a
  // community, so worked out once per network.
  using NearbyKey = std::tuple<std::string, int, std::size_t>;
  struct NearbyFound {
    bool located = false;
    std::vector<std::vector<NearbyFacility>> by_type;
  };
  mutable std::mutex nearby_mutex;
  mutable std::map<NearbyKey, NearbyFound> nearby;
  // The codes of the communities short of a common service (count_short_communities).
  mutable std::once_flag short_once;
  mutable std::vector<std::string> short_communities;
  // The registry's open, located emergency shelters (take_up_registry), and the assignment of
  // every home to them, worked out on first use.
  struct Shelter {
    ShelterView view;  // placed and placed_here left at 0
    ShelterSite site;  // capacity 0 where none was entered
  };
  std::vector<Shelter> shelters;
  mutable std::once_flag shelter_once;
  mutable ShelterPlan shelter_plan;  // written once, under shelter_once
};

struct CircleService::Prepared {
  std::shared_ptr<const Loaded> loaded;
  std::vector<Residence> uncovered;
  std::vector<Candidate> candidates;
  uint32_t limit_mm = 0;
  uint32_t k = 0;
};

namespace {

Error no_network() {
  return Error::conflict(
      {"尚未导入步行路网，请联系系统运维人员导入（shequ access import-osm）",
       "No walking network has been imported yet; ask the operators to import one (shequ access "
       "import-osm)"});
}

// The ids of a change log (the registry's, the homes') watched below the last: as many as could
// commit late.
constexpr int64_t kChangeWindow = 10'000;
// A registry facility or a located household farther than this from every walkable way is left
// out of the searches, as an OSM place is on import (ImportOptions::snap_max_mm).
constexpr uint32_t kPlaceSnapMm = 250'000;

struct RegistryRead {
  int64_t from = 0;
  org::ChangeMark mark;
  std::vector<facility::Facility> facilities;
};

struct HomesRead {
  int64_t from = 0;
  org::ChangeMark mark;
  std::vector<std::string> units;  // the units read again, when only those changed are
  std::vector<residents::repository::LocatedHome> homes;
};

Error bad_tier() {
  return Error::invalid("tier", {"应为 5、10 或 15（分钟）", "must be 5, 10 or 15 (minutes)"});
}

Error unknown_type() {
  return Error::invalid("type", {"未知的服务类型", "unknown service type"});
}

uint32_t basic_reached(const ReachTable& reach, std::size_t residence, uint32_t limit_mm,
                       const std::vector<ServiceTypeId>& basic) {
  uint32_t count = 0;
  for (ServiceTypeId t : basic) count += reach.at(residence, t) <= limit_mm;
  return count;
}

// The residences under a unit, and for each the row (child unit) it is counted in. Homes that
// were never put on the walking network (farther than the import's snapping limit from every
// walkable way) are left out here, and so out of every figure built on a selection: coverage,
// the map, gaps, siting, exports and circle_share. Nobody can say whether they are served, so
// counting them as unserved would lower every share.
struct Selection {
  std::vector<uint32_t> residences;
  std::vector<uint32_t> row_of;  // parallel to residences
  std::vector<org::Unit> rows;
};

Selection select(const org::OrgTree& tree, const Network& network, const org::Unit& unit) {
  Selection selection;
  std::unordered_map<std::string_view, std::optional<uint32_t>> row_of_code;
  std::map<std::string, uint32_t> row_index;
  auto row_for = [&](std::string_view code) -> std::optional<uint32_t> {
    const auto cached = row_of_code.find(code);
    if (cached != row_of_code.end()) return cached->second;
    std::optional<uint32_t> row;
    if (!code.empty() && tree.contains(unit.code, code)) {
      std::string row_code(code);
      if (unit.level < org::Level::village && code != unit.code) {
        auto chain = tree.ancestors(code);
        for (std::size_t i = 0; i < chain.size(); ++i) {
          if (chain[i].unit.code == unit.code) {
            row_code = i + 1 < chain.size() ? chain[i + 1].unit.code : std::string(code);
            break;
          }
        }
      }
      const auto [it, added] =
          row_index.emplace(row_code, static_cast<uint32_t>(selection.rows.size()));
      if (added) selection.rows.push_back(tree.find(row_code)->unit);
      row = it->second;
    }
    row_of_code.emplace(code, row);
    return row;
  };
  for (uint32_t r = 0; r < network.residences.size(); ++r) {
    if (network.residences[r].node == kNotSnapped) continue;
    if (const auto row = row_for(network.residences[r].unit_code)) {
      selection.residences.push_back(r);
      selection.row_of.push_back(*row);
    }
  }
  return selection;
}

using Bounds = std::array<int32_t, 4>;  // south, west, north, east (degrees × 10^7)

void extend(std::optional<Bounds>& bounds, int32_t lat_e7, int32_t lon_e7) {
  if (!bounds) bounds = Bounds{lat_e7, lon_e7, lat_e7, lon_e7};
  auto& b = *bounds;
  b = {std::min(b[0], lat_e7), std::min(b[1], lon_e7), std::max(b[2], lat_e7),
       std::max(b[3], lon_e7)};
}

// Whether a point is within walking reach of the box: a degree of latitude is 111 km and
// longitude degrees are narrower, so twice the latitude margin errs on the wide side.
bool near(const Bounds& b, uint32_t limit_mm, int32_t lat_e7, int32_t lon_e7) {
  const auto margin = static_cast<int32_t>(limit_mm / 111'195.0 * 1e4 * 2);
  return lat_e7 >= b[0] - margin && lat_e7 <= b[2] + margin && lon_e7 >= b[1] - margin &&
         lon_e7 <= b[3] + margin;
}

// The facilities a home of the selection could walk to at this limit: those within the limit of
// the homes' bounding box.
std::vector<const Facility*> facilities_around(const Network& network, const Selection& selection,
                                               uint32_t limit_mm) {
  std::optional<Bounds> bounds;
  for (uint32_t r : selection.residences) {
    extend(bounds, network.residences[r].lat_e7, network.residences[r].lon_e7);
  }
  std::vector<const Facility*> around;
  if (!bounds) return around;
  for (const Facility& f : network.facilities) {
    if (near(*bounds, limit_mm, f.lat_e7, f.lon_e7)) around.push_back(&f);
  }
  return around;
}

}  // namespace

CircleService::CircleService(const org::OrgService& org, storage::Database& db,
                             const audit::Log& audit, jobs::JobRunner& runner,
                             CircleOptions options)
    : org_(org), db_(db), audit_(audit), runner_(runner), options_(std::move(options)) {
  runner_.handle(kSitingKind, [this](const jobs::JobContext& context) { return run_job(context); });
}

CircleService::~CircleService() = default;

std::optional<CircleService::FileStamp> CircleService::stamp_of(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return std::nullopt;
  return FileStamp{
      static_cast<uint64_t>(info.st_ino), static_cast<int64_t>(info.st_size),
      static_cast<int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec};
}

Status CircleService::load() {
  const auto stamp = stamp_of(options_.network_file);
  if (!stamp) return {};
  SHEQU_ASSIGN_OR_RETURN(Network network, load_network(options_.network_file));
  read_stamp_ = *stamp;
  use(std::move(network));
  return {};
}

Result<bool> CircleService::reload_if_changed() {
  // The file is replaced by a rename (save_network), so a changed stamp is a whole new file.
  const auto stamp = stamp_of(options_.network_file);
  if (!stamp || *stamp == read_stamp_ || *stamp == refused_stamp_) {
    SHEQU_TRY(sync_sources());
    return false;
  }
  const auto started = std::chrono::steady_clock::now();
  auto network = load_network(options_.network_file);
  if (!network) {
    refused_stamp_ = *stamp;
    return std::move(network).error();
  }
  auto replacement = std::make_shared<Loaded>(std::move(*network));
  SHEQU_TRY(take_up_registry(*replacement));
  SHEQU_TRY(take_up_homes(*replacement));
  replacement->reach = compute_reach(
      replacement->network, tier_limit_mm(15, options_.speed_metres_per_hour), options_.threads);
  std::call_once(replacement->reach_once, [] {});  // computed above, before anyone could ask
  {
    std::lock_guard lock(mutex_);
    loaded_ = replacement;
  }
  read_stamp_ = *stamp;
  spdlog::info("walking network {} taken up: {} homes, {} facilities, ready in {:.1f} s",
               options_.network_file, replacement->network.residences.size(),
               replacement->network.facilities.size(),
               std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  return true;
}

void CircleService::use(Network network) {
  auto loaded = std::make_shared<Loaded>(std::move(network));
  if (Status taken = take_up_registry(*loaded); !taken) {
    spdlog::warn("the facility registry was not read into the circle (retried later): {}",
                 taken.error().internal_detail);
  }
  if (Status taken = take_up_homes(*loaded); !taken) {
    spdlog::warn("the located households were not read into the circle (retried later): {}",
                 taken.error().internal_detail);
  }
  std::lock_guard lock(mutex_);
  loaded_ = std::move(loaded);
}

Status CircleService::take_up_registry(Loaded& loaded) const {
  // The mark first: facilities read after it hold at least what it marks, so a change between
  // the two reads is taken up again rather than missed.
  SHEQU_ASSIGN_OR_RETURN(
      RegistryRead read,
      db_.read_value<RegistryRead>([](storage::Session& s) -> Result<RegistryRead> {
        RegistryRead r;
        SHEQU_ASSIGN_OR_RETURN(org::ChangeMark all,
                               facility::FacilityRepository::facility_change_mark(s, 0));
        r.from = std::max<int64_t>(0, all.last_id - kChangeWindow);
        SHEQU_ASSIGN_OR_RETURN(r.mark,
                               facility::FacilityRepository::facility_change_mark(s, r.from));
        SHEQU_ASSIGN_OR_RETURN(r.facilities, facility::FacilityRepository::all(s));
        return r;
      }));
  std::vector<Facility>& places = loaded.network.facilities;
  std::erase_if(places, [](const Facility& f) { return f.osm_type == OsmType::registry; });
  loaded.shelters.clear();
  for (const facility::Facility& registered : read.facilities) {
    const facility::FacilityFields& f = registered.fields;
    if (f.status != "open" || !f.lat_e7 || !f.lon_e7) continue;
    const auto snapped = loaded.snap.nearest(*f.lat_e7, *f.lon_e7, kPlaceSnapMm);
    if (f.type == facility::kEmergencyShelter) {
      loaded.shelters.push_back({.view = {.id = registered.id,
                                          .name = f.name,
                                          .unit_code = f.unit_code,
                                          .lat_e7 = *f.lat_e7,
                                          .lon_e7 = *f.lon_e7,
                                          .capacity = f.capacity,
                                          .on_network = snapped.has_value()},
                                 .site = {.node = snapped ? snapped->node : kNotSnapped,
                                          .snap_mm = snapped ? snapped->distance_mm : 0,
                                          .capacity = f.capacity.value_or(0)}});
    }
    for (const ServiceTypeId type : classify_registry_facility(f.type, f.services)) {
      places.push_back(Facility{.type = type,
                                .lat_e7 = *f.lat_e7,
                                .lon_e7 = *f.lon_e7,
                                .node = snapped ? snapped->node : kNotSnapped,
                                .snap_mm = snapped ? snapped->distance_mm : 0,
                                .osm_id = registered.id,
                                .name = f.name,
                                .osm_type = OsmType::registry});
    }
  }
  loaded.registry_from = read.from;
  loaded.registry_mark = read.mark;
  return {};
}

Status CircleService::take_up_homes(Loaded& loaded, std::optional<int64_t> changed_after) const {
  // The mark first, as for the registry: a change between the two reads is taken up again.
  SHEQU_ASSIGN_OR_RETURN(
      HomesRead read, db_.read_value<HomesRead>([&](storage::Session& s) -> Result<HomesRead> {
        namespace repository = residents::repository;
        HomesRead r;
        SHEQU_ASSIGN_OR_RETURN(org::ChangeMark all, repository::home_change_mark(s, 0));
        r.from = std::max<int64_t>(0, all.last_id - kChangeWindow);
        SHEQU_ASSIGN_OR_RETURN(r.mark, repository::home_change_mark(s, r.from));
        if (changed_after) {
          SHEQU_ASSIGN_OR_RETURN(r.units, repository::home_change_units(s, *changed_after));
        }
        SHEQU_ASSIGN_OR_RETURN(r.homes, changed_after ? repository::located_homes(s, r.units)
                                                      : repository::located_homes(s));
        return r;
      }));
  // The located households: those of the units read again (all of them, without
  // `changed_after`) and the others kept, in one order whichever way they came.
  const std::set<std::string, std::less<>> reread(read.units.begin(), read.units.end());
  std::vector<Residence> households;
  if (changed_after) {
    for (const Residence& home : loaded.network.residences) {
      if (home.osm_type == OsmType::household && !reread.contains(home.unit_code)) {
        households.push_back(home);
      }
    }
  }
  for (const residents::repository::LocatedHome& home : read.homes) {
    const auto snapped = loaded.snap.nearest(home.lat_e7, home.lon_e7, kPlaceSnapMm);
    if (!snapped) continue;
    households.push_back(Residence{.lat_e7 = home.lat_e7,
                                   .lon_e7 = home.lon_e7,
                                   .node = snapped->node,
                                   .snap_mm = snapped->distance_mm,
                                   .osm_id = 0,
                                   .unit_code = home.unit_code,
                                   .osm_type = OsmType::household,
                                   .people = static_cast<uint32_t>(home.people)});
  }
  std::sort(households.begin(), households.end(), [](const Residence& a, const Residence& b) {
    return std::tie(a.unit_code, a.lat_e7, a.lon_e7, a.people) <
           std::tie(b.unit_code, b.lat_e7, b.lon_e7, b.people);
  });
  // A unit with a located household on the network is counted by its households; the others
  // keep the homes of the map, in the file's order.
  std::set<std::string_view> counted;
  for (const Residence& home : households) counted.insert(home.unit_code);
  std::vector<Residence> residences;
  residences.reserve(loaded.mapped_homes->size() + households.size());
  for (const Residence& mapped : *loaded.mapped_homes) {
    if (!counted.contains(mapped.unit_code)) residences.push_back(mapped);
  }
  residences.insert(residences.end(), std::make_move_iterator(households.begin()),
                    std::make_move_iterator(households.end()));
  loaded.network.residences = std::move(residences);
  loaded.homes_from = read.from;
  loaded.homes_mark = read.mark;
  return {};
}

Status CircleService::sync_sources() const {
  const auto current = loaded();
  if (!current) return {};
  struct Marks {
    org::ChangeMark registry;
    org::ChangeMark homes;
  };
  SHEQU_ASSIGN_OR_RETURN(
      const Marks now, db_.read_value<Marks>([&](storage::Session& s) -> Result<Marks> {
        Marks m;
        SHEQU_ASSIGN_OR_RETURN(m.registry, facility::FacilityRepository::facility_change_mark(
                                               s, current->registry_from));
        SHEQU_ASSIGN_OR_RETURN(m.homes,
                               residents::repository::home_change_mark(s, current->homes_from));
        return m;
      }));
  const bool registry_changed = current->registry_mark != now.registry;
  const bool homes_changed = current->homes_mark != now.homes;
  if (!registry_changed && !homes_changed) return {};
  std::lock_guard rebuilding(rebuild_mutex_);
  if (loaded() != current) return {};  // rebuilt by another caller meanwhile
  const auto started = std::chrono::steady_clock::now();
  auto replacement = std::make_shared<Loaded>(current->network, current->mapped_homes);
  replacement->registry_from = current->registry_from;
  replacement->registry_mark = current->registry_mark;
  replacement->homes_from = current->homes_from;
  replacement->homes_mark = current->homes_mark;
  replacement->shelters = current->shelters;
  if (registry_changed) SHEQU_TRY(take_up_registry(*replacement));
  // Only the units the home change log names since the last read are read again (the window
  // below its last entry included, where a late commit lands).
  if (homes_changed) {
    SHEQU_TRY(take_up_homes(*replacement, current->homes_mark
                                              ? std::optional<int64_t>(current->homes_from)
                                              : std::nullopt));
  }
  const uint32_t limit_mm = tier_limit_mm(15, options_.speed_metres_per_hour);
  // Homes alone changed: the rows of the homes that stayed are kept (extend_reach).
  replacement->reach = registry_changed
                           ? compute_reach(replacement->network, limit_mm, options_.threads)
                           : extend_reach(replacement->network, current->network,
                                          reach_of(*current), options_.threads);
  std::call_once(replacement->reach_once, [] {});  // computed above, before anyone could ask
  {
    std::lock_guard lock(mutex_);
    if (loaded_ == current) loaded_ = replacement;  // a new network file read meanwhile wins
  }
  spdlog::info("{} taken up into the circle: {} facilities, {} homes in {:.2f} s",
               registry_changed && homes_changed ? "facility registry and households"
               : registry_changed                ? "facility registry"
                                                 : "households",
               replacement->network.facilities.size(), replacement->network.residences.size(),
               std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  return {};
}

void CircleService::warm_up() {
  if (!loaded()) return;
  warm_up_ = std::jthread([this] {
    const auto started = std::chrono::steady_clock::now();
    if (auto table = ready_as_loaded()) {
      spdlog::info(
          "fifteen-minute circle ready: {} homes × {} service types in {:.1f} s",
          (*table)->network.residences.size(), service_types().size(),
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    }
  });
}

std::shared_ptr<const CircleService::Loaded> CircleService::loaded() const {
  std::lock_guard lock(mutex_);
  return loaded_;
}

Result<std::shared_ptr<const CircleService::Loaded>> CircleService::ready() const {
  SHEQU_TRY(sync_sources());
  return ready_as_loaded();
}

const ReachTable& CircleService::reach_of(const Loaded& loaded) const {
  std::call_once(loaded.reach_once, [&] {
    loaded.reach = compute_reach(loaded.network, tier_limit_mm(15, options_.speed_metres_per_hour),
                                 options_.threads);
  });
  return loaded.reach;
}

const ShelterPlan& CircleService::shelter_plan_of(const Loaded& loaded) const {
  std::call_once(loaded.shelter_once, [&] {
    std::vector<ShelterSite> sites;
    for (const Loaded::Shelter& shelter : loaded.shelters) sites.push_back(shelter.site);
    loaded.shelter_plan = assign_shelters(loaded.network.graph, loaded.network.residences, sites,
                                          tier_limit_mm(15, options_.speed_metres_per_hour));
  });
  return loaded.shelter_plan;
}

Result<std::shared_ptr<const CircleService::Loaded>> CircleService::ready_as_loaded() const {
  auto loaded = this->loaded();
  if (!loaded) return no_network();
  reach_of(*loaded);
  return std::shared_ptr<const Loaded>(loaded);
}

Result<CircleService::Readable> CircleService::open_for_reading(const Actor& actor,
                                                                std::string_view unit_code,
                                                                int tier_minutes) const {
  SHEQU_ASSIGN_OR_RETURN(org::UnitView unit, org_.unit(actor, unit_code));
  SHEQU_TRY(org_.in_scope(actor, kCoverageRead, unit_code));
  if (!is_tier(tier_minutes)) return bad_tier();
  SHEQU_ASSIGN_OR_RETURN(auto loaded, ready());
  return Readable{std::move(unit), std::move(loaded)};
}

Result<CoverageReport> CircleService::coverage(const Actor& actor, std::string_view unit_code,
                                               int tier_minutes) const {
  SHEQU_ASSIGN_OR_RETURN(Readable readable, open_for_reading(actor, unit_code, tier_minutes));
  const org::UnitView& unit = readable.unit;
  const auto& loaded = readable.loaded;
  const Network& network = loaded->network;
  const ReachTable& reach = loaded->reach;
  const std::size_t types = service_types().size();
  const std::vector<ServiceTypeId> basic = basic_service_types();

  CoverageReport report;
  report.demo = network.demo;
  report.unit = unit.unit;
  report.tier_minutes = tier_minutes;
  report.limit_mm = tier_limit_mm(tier_minutes, options_.speed_metres_per_hour);
  const Selection selection = select(org_.tree(), network, unit.unit);
  report.facilities.assign(types, 0);
  for (const Facility* f : facilities_around(network, selection, report.limit_mm)) {
    report.facilities[f->type] += f->node != kNotSnapped;
  }
  auto empty_row = [&](const org::Unit& u) {
    CoverageRow row;
    row.unit = u;
    row.reached.assign(types, 0);
    row.people_reached.assign(types, 0);
    return row;
  };
  report.total = empty_row(unit.unit);
  for (const org::Unit& u : selection.rows) report.rows.push_back(empty_row(u));
  for (std::size_t i = 0; i < selection.residences.size(); ++i) {
    const uint32_t r = selection.residences[i];
    const uint32_t people = network.residences[r].people;
    const bool household = network.residences[r].osm_type == OsmType::household;
    const bool all = basic_reached(reach, r, report.limit_mm, basic) == basic.size();
    for (CoverageRow* row : {&report.rows[selection.row_of[i]], &report.total}) {
      ++row->residences;
      row->households += household;
      row->people += people;
      for (std::size_t t = 0; t < types; ++t) {
        const bool reached = reach.at(r, static_cast<ServiceTypeId>(t)) <= report.limit_mm;
        row->reached[t] += reached;
        row->people_reached[t] += reached ? people : 0;
      }
      row->reached_all_basic += all;
      row->people_reached_all_basic += all ? people : 0;
    }
  }
  std::sort(report.rows.begin(), report.rows.end(),
            [](const CoverageRow& a, const CoverageRow& b) { return a.unit.code < b.unit.code; });
  return report;
}

Result<MapLayer> CircleService::map(const Actor& actor, std::string_view unit_code,
                                    int tier_minutes) const {
  SHEQU_ASSIGN_OR_RETURN(Readable readable, open_for_reading(actor, unit_code, tier_minutes));
  const org::UnitView& unit = readable.unit;
  const auto& loaded = readable.loaded;
  const Network& network = loaded->network;
  const uint32_t limit_mm = tier_limit_mm(tier_minutes, options_.speed_metres_per_hour);
  const std::vector<ServiceTypeId> basic = basic_service_types();
  const Selection selection = select(org_.tree(), network, unit.unit);

  MapLayer layer;
  layer.demo = network.demo;
  for (uint32_t r : selection.residences) {
    const Residence& residence = network.residences[r];
    extend(layer.bounds, residence.lat_e7, residence.lon_e7);
    if (layer.residences.size() < options_.map_residence_limit) {
      layer.residences.push_back({residence.lat_e7, residence.lon_e7,
                                  basic_reached(loaded->reach, r, limit_mm, basic),
                                  residence.people});
    } else {
      layer.truncated = true;
    }
  }
  for (const Facility* f : facilities_around(network, selection, limit_mm)) {
    layer.facilities.push_back(*f);
  }
  return layer;
}

Result<ShelterReport> CircleService::shelters(const Actor& actor,
                                              std::string_view unit_code) const {
  SHEQU_ASSIGN_OR_RETURN(Readable readable, open_for_reading(actor, unit_code, 15));
  const Loaded& loaded = *readable.loaded;
  const ShelterPlan& plan = shelter_plan_of(loaded);
  const org::Unit& unit = readable.unit.unit;
  const Selection selection = select(org_.tree(), loaded.network, unit);

  ShelterReport report;
  report.unit = readable.unit;
  report.demo = loaded.network.demo;
  report.limit_mm = plan.limit_mm;
  // Index into report.shelters of each of the plan's shelters, added when first met.
  std::vector<uint32_t> listed(loaded.shelters.size(), kNoShelter);
  auto list = [&](uint32_t s) {
    if (listed[s] == kNoShelter) {
      listed[s] = static_cast<uint32_t>(report.shelters.size());
      ShelterView view = loaded.shelters[s].view;
      view.placed = plan.placed_per_shelter[s];
      report.shelters.push_back(std::move(view));
    }
    return listed[s];
  };
  for (uint32_t s = 0; s < loaded.shelters.size(); ++s) {
    if (org_.tree().contains(unit.code, loaded.shelters[s].view.unit_code)) list(s);
  }
  // Placements are ordered by home: the first of a home's is found by binary search.
  const auto& placements = plan.placements;
  for (const uint32_t r : selection.residences) {
    ShelterHomeView home{.lat_e7 = loaded.network.residences[r].lat_e7,
                         .lon_e7 = loaded.network.residences[r].lon_e7,
                         .people = home_weight(loaded.network.residences[r]),
                         .nearest_mm = plan.nearest_mm[r]};
    if (plan.nearest_shelter[r] != kNoShelter) list(plan.nearest_shelter[r]);
    uint32_t most = 0;
    auto p = std::lower_bound(placements.begin(), placements.end(), r,
                              [](const Placement& a, uint32_t home) { return a.home < home; });
    const auto first = p;
    for (; p != placements.end() && p->home == r; ++p) {
      const uint32_t index = list(p->shelter);
      report.shelters[index].placed_here += p->people;
      home.placed += p->people;
      report.person_walk_mm += uint64_t{p->people} * p->walk_mm;
      if (p->people > most) {
        most = p->people;
        home.shelter = index;
        home.walk_mm = p->walk_mm;
      }
    }
    report.split_homes += p - first > 1;
    ++report.homes;
    report.people += home.people;
    report.placed_people += home.placed;
    if (home.placed == home.people) {
      ++report.placed_homes;
    } else if (home.nearest_mm == kUnreached) {
      ++report.beyond_homes;
      report.beyond_people += home.people;
    } else {
      ++report.full_homes;
      report.full_people += home.people - home.placed;
    }
    if (report.home_list.size() < options_.map_residence_limit) {
      report.home_list.push_back(home);
    } else {
      report.truncated = true;
    }
  }
  return report;
}

Status CircleService::record(const Actor& actor, std::string_view permission,
                             audit::Event event) const {
  return audit_.record(db_, audit::who(actor, permission), event);
}

Result<CoverageReport> CircleService::export_coverage(const Actor& actor,
                                                      std::string_view unit_code,
                                                      int tier_minutes) const {
  SHEQU_ASSIGN_OR_RETURN(CoverageReport report, coverage(actor, unit_code, tier_minutes));
  SHEQU_TRY(record(actor, kCoverageRead,
                   {"access.export", "coverage.csv", report.unit.code, "success",
                    fmt::format("{} minutes", tier_minutes), report.unit.code}));
  return report;
}

Result<ResidenceExport> CircleService::export_residences(const Actor& actor,
                                                         std::string_view unit_code,
                                                         int tier_minutes) const {
  SHEQU_ASSIGN_OR_RETURN(Readable readable, open_for_reading(actor, unit_code, tier_minutes));
  SHEQU_TRY(record(actor, kCoverageRead,
                   {"access.export", "residences.geojson", readable.unit.unit.code, "success",
                    fmt::format("{} minutes", tier_minutes), readable.unit.unit.code}));
  const Network& network = readable.loaded->network;
  const uint32_t limit_mm = tier_limit_mm(tier_minutes, options_.speed_metres_per_hour);
  const Selection selection = select(org_.tree(), network, readable.unit.unit);
  ResidenceExport data;
  data.tier_minutes = tier_minutes;
  for (const Facility* f : facilities_around(network, selection, limit_mm)) {
    data.facilities.push_back(*f);
  }
  for (uint32_t r : selection.residences) {
    data.residences.push_back(network.residences[r]);
    std::vector<uint32_t> distances(service_types().size());
    for (std::size_t t = 0; t < distances.size(); ++t) {
      const uint32_t d = readable.loaded->reach.at(r, static_cast<ServiceTypeId>(t));
      distances[t] = d <= limit_mm ? d : kUnreached;
    }
    data.distance_mm.push_back(std::move(distances));
  }
  return data;
}

Result<GapReport> CircleService::gaps(const Actor& actor, std::string_view unit_code,
                                      int tier_minutes, std::string_view type) const {
  SHEQU_ASSIGN_OR_RETURN(org::UnitView unit, org_.unit(actor, unit_code));
  SHEQU_TRY(org_.in_scope(actor, kCoverageRead, unit_code));
  std::vector<FieldError> problems;
  const ServiceType* service = find_service_type(type);
  if (service == nullptr) problems.push_back(unknown_type().details.front());
  if (!is_tier(tier_minutes)) problems.push_back(bad_tier().details.front());
  if (!problems.empty()) return Error::invalid(std::move(problems));
  SHEQU_ASSIGN_OR_RETURN(auto loaded, ready());
  const Network& network = loaded->network;
  const uint32_t limit_mm = tier_limit_mm(tier_minutes, options_.speed_metres_per_hour);
  GapReport report;
  report.type = service_type_id(*service);
  report.tier_minutes = tier_minutes;
  std::vector<Residence> uncovered;
  for (uint32_t r : select(org_.tree(), network, unit.unit).residences) {
    if (loaded->reach.at(r, report.type) > limit_mm) uncovered.push_back(network.residences[r]);
  }
  report.uncovered = static_cast<uint32_t>(uncovered.size());
  report.clusters = cluster_residences(uncovered, options_.gap_radius_mm);
  return report;
}

Result<CircleService::Prepared> CircleService::prepare(const Actor& actor,
                                                       const SitingRequest& request) const {
  SHEQU_ASSIGN_OR_RETURN(org::UnitView unit, org_.unit(actor, request.unit_code));
  SHEQU_TRY(org_.in_scope(actor, kSitingRun, request.unit_code));
  return prepare(unit.unit, request);
}

Result<CircleService::Prepared> CircleService::prepare(const org::Unit& unit,
                                                       const SitingRequest& request) const {
  std::vector<FieldError> problems;
  const ServiceType* service = find_service_type(request.type);
  if (service == nullptr) problems.push_back(unknown_type().details.front());
  if (!is_tier(request.tier_minutes)) {
    problems.push_back({"tierMinutes", bad_tier().details.front().reason});
  }
  if (request.k < 1 || request.k > kMaxSites) {
    problems.push_back({"k",
                        {fmt::format("应为 1 到 {} 之间的整数", kMaxSites),
                         fmt::format("must be a whole number from 1 to {}", kMaxSites)}});
  }
  for (std::size_t i = 0; i < request.candidates.size(); ++i) {
    const auto& [lat, lon] = request.candidates[i];
    if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
      problems.push_back({fmt::format("candidates[{}]", i),
                          {"经纬度超出范围", "latitude or longitude out of range"}});
    }
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));
  SHEQU_ASSIGN_OR_RETURN(auto loaded, ready());
  const Network& network = loaded->network;
  Prepared prepared;
  prepared.loaded = loaded;
  prepared.limit_mm = tier_limit_mm(request.tier_minutes, options_.speed_metres_per_hour);
  prepared.k = static_cast<uint32_t>(request.k);
  const ServiceTypeId type = service_type_id(*service);
  const Selection selection = select(org_.tree(), network, unit);
  std::optional<Bounds> bounds;
  for (uint32_t r : selection.residences) {
    const Residence& residence = network.residences[r];
    if (loaded->reach.at(r, type) <= prepared.limit_mm) continue;
    prepared.uncovered.push_back(residence);
    extend(bounds, residence.lat_e7, residence.lon_e7);
  }
  if (request.candidates.empty()) {
    // Network nodes a resident could walk to: within the limit of the uncovered homes.
    if (bounds) {
      const WalkGraph& g = network.graph;
      for (uint32_t n = 0; n < g.node_count(); ++n) {
        if (near(*bounds, prepared.limit_mm, g.lat_e7[n], g.lon_e7[n])) {
          prepared.candidates.push_back({n, 0, g.lat_e7[n], g.lon_e7[n]});
        }
      }
    }
  } else {
    for (std::size_t i = 0; i < request.candidates.size(); ++i) {
      const auto lat = static_cast<int32_t>(std::llround(request.candidates[i][0] * 1e7));
      const auto lon = static_cast<int32_t>(std::llround(request.candidates[i][1] * 1e7));
      const auto snap = loaded->snap.nearest(lat, lon, options_.snap_max_mm);
      if (!snap) {
        problems.push_back(
            {fmt::format("candidates[{}]", i),
             {fmt::format("距最近的可步行道路超过 {} 米", options_.snap_max_mm / 1000),
              fmt::format("more than {} m from any walkable way", options_.snap_max_mm / 1000)}});
        continue;
      }
      prepared.candidates.push_back({snap->node, snap->distance_mm, lat, lon});
    }
  }
  // When every home is already served there is nothing to site: an empty answer, not an error
  // about candidates (none are gathered around homes that do not exist).
  const bool nothing_to_site = prepared.uncovered.empty() && request.candidates.empty();
  if (problems.empty() && !nothing_to_site &&
      request.k > static_cast<int64_t>(prepared.candidates.size())) {
    problems.push_back({"k",
                        {fmt::format("不能超过候选点位数（{}）", prepared.candidates.size()),
                         fmt::format("must not exceed the number of candidate sites ({})",
                                     prepared.candidates.size())}});
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));
  return prepared;
}

Result<SitingResult> CircleService::run(const Prepared& prepared, const Progress& progress) const {
  // Building the sets is most of the work; the greedy part reports the last tenth.
  bool stopped = false;
  const auto report = [&](double share) {
    stopped = stopped || (progress && !progress(share));
    return !stopped;
  };
  const CoverageSets sets = build_coverage_sets(
      prepared.loaded->network.graph, prepared.uncovered, prepared.candidates, prepared.limit_mm,
      options_.threads, [&](double share) { return report(share * 0.9); });
  const std::vector<SiteChoice> choices =
      stopped ? std::vector<SiteChoice>{}
              : greedy_lazy(sets, prepared.k, nullptr,
                            [&](double share) { return report(0.9 + share * 0.1); });
  if (stopped) return Error::unavailable({"选址计算已中止", "the siting run was stopped"});
  SitingResult result;
  result.uncovered_before = static_cast<uint32_t>(prepared.uncovered.size());
  result.uncovered_after = result.uncovered_before;
  result.candidates = static_cast<uint32_t>(prepared.candidates.size());
  for (const SiteChoice& choice : choices) {
    const Candidate& c = prepared.candidates[choice.candidate];
    result.sites.push_back({c.lat_e7, c.lon_e7, choice.gained});
    result.uncovered_after -= choice.gained;
  }
  if (progress) progress(1.0);
  return result;
}

Result<SitingResult> CircleService::site(const Actor& actor, const SitingRequest& request,
                                         const Progress& progress) const {
  SHEQU_ASSIGN_OR_RETURN(Prepared prepared, prepare(actor, request));
  return run(prepared, progress);
}

namespace {

Json siting_params(const SitingRequest& r) {
  Json candidates = Json::array();
  for (const auto& [lat, lon] : r.candidates) candidates.push_back({lat, lon});
  return {{"unit", r.unit_code},
          {"type", r.type},
          {"k", r.k},
          {"tierMinutes", r.tier_minutes},
          {"candidates", std::move(candidates)}};
}

// The params this service wrote; a missing member reads as its default.
SitingRequest siting_request(const Json& params) {
  SitingRequest r;
  r.unit_code = params.value("unit", std::string());
  r.type = params.value("type", std::string());
  r.k = params.value("k", int64_t{0});
  r.tier_minutes = params.value("tierMinutes", 15);
  for (const Json& c : params.value("candidates", Json::array())) {
    if (c.is_array() && c.size() == 2 && c[0].is_number() && c[1].is_number())
      r.candidates.push_back({c[0].get<double>(), c[1].get<double>()});
  }
  return r;
}

Json siting_result_json(const SitingResult& result) {
  Json sites = Json::array();
  for (const ProposedSite& site : result.sites)
    sites.push_back({site.lat_e7, site.lon_e7, site.gained});
  return {{"uncoveredBefore", result.uncovered_before},
          {"uncoveredAfter", result.uncovered_after},
          {"candidates", result.candidates},
          {"sites", std::move(sites)}};
}

std::optional<SitingResult> siting_result(const std::optional<Json>& json) {
  if (!json || !json->is_object()) return std::nullopt;
  SitingResult result;
  result.uncovered_before = json->value("uncoveredBefore", 0u);
  result.uncovered_after = json->value("uncoveredAfter", 0u);
  result.candidates = json->value("candidates", 0u);
  for (const Json& s : json->value("sites", Json::array())) {
    if (s.is_array() && s.size() == 3)
      result.sites.push_back({s[0].get<int32_t>(), s[1].get<int32_t>(), s[2].get<uint32_t>()});
  }
  return result;
}

SitingJob siting_job(const jobs::Job& job) {
  SitingJob out;
  out.id = std::to_string(job.id);
  out.request = siting_request(job.params);
  out.state = job.state;
  out.progress = job.progress;
  out.result = siting_result(job.result);
  if (job.error) {
    Error error;
    error.code = job.state == jobs::JobState::cancelled ? ErrorCode::conflict : ErrorCode::internal;
    error.message = *job.error;
    out.error = std::move(error);
  }
  return out;
}

const Error& missing_siting() {
  static const Error missing = Error::not_found({"选址任务", "siting job"});
  return missing;
}

}  // namespace

Result<SitingJob> CircleService::start_siting(const Actor& actor, SitingRequest request) {
  // Checked now, so that a bad request is refused at once rather than failing as a job.
  if (auto prepared = prepare(actor, request); !prepared) return std::move(prepared).error();
  const audit::Who who = audit::who(actor, kSitingRun);
  return db_.write_value<SitingJob>([&](storage::Session& s) -> Result<SitingJob> {
    SHEQU_TRY(check_room(s, actor));
    SHEQU_ASSIGN_OR_RETURN(const jobs::Job job,
                           runner_.submit(s, {.kind = std::string(kSitingKind),
                                              .unit_code = request.unit_code,
                                              .created_by = actor.user_id,
                                              .created_by_name = actor.username,
                                              .params = siting_params(request)}));
    SHEQU_TRY(audit_.append(
        s, who,
        {"access.siting.start", "siting", std::to_string(job.id), "success",
         fmt::format("type {}, {} sites, {} minutes, {} candidates given", request.type, request.k,
                     request.tier_minutes, request.candidates.size()),
         request.unit_code}));
    return siting_job(job);
  });
}

Status CircleService::check_room(storage::Session& s, const Actor& actor) const {
  SHEQU_ASSIGN_OR_RETURN(const int64_t mine,
                         jobs::store::count_active(s, kSitingKind, actor.user_id));
  if (mine >= static_cast<int64_t>(options_.jobs_per_account)) {
    return Error::rate_limited(
        {fmt::format("您已有 {} 个选址任务在排队或运行，请等其完成后再提交",
                     options_.jobs_per_account),
         fmt::format("you have {} siting runs queued or running; wait for one to finish",
                     options_.jobs_per_account)},
        30);
  }
  SHEQU_ASSIGN_OR_RETURN(const int64_t all,
                         jobs::store::count_active(s, kSitingKind, std::nullopt));
  if (all >= static_cast<int64_t>(options_.jobs_active)) {
    return Error::rate_limited({"服务器上排队的选址任务过多，请稍后再提交",
                                "too many siting runs are queued on the server; try again later"},
                               60);
  }
  return {};
}

Result<Json> CircleService::run_job(const jobs::JobContext& context) const {
  const SitingRequest request = siting_request(context.job().params);
  // Checked against the caller's scope when it was queued; the unit may have been retired since.
  SHEQU_ASSIGN_OR_RETURN(org::UnitView unit, org_.unit(request.unit_code));
  SHEQU_ASSIGN_OR_RETURN(const Prepared prepared, prepare(unit.unit, request));
  // Stops within a percent of the work once the job is cancelled or the server stops.
  SHEQU_ASSIGN_OR_RETURN(const SitingResult result,
                         run(prepared, [&](double share) { return context.progress(share); }));
  return siting_result_json(result);
}

Result<SitingJob> CircleService::siting(const Actor& actor, std::string_view id) const {
  int64_t number = 0;
  const auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), number);
  if (ec != std::errc() || end != id.data() + id.size()) return missing_siting();
  SHEQU_ASSIGN_OR_RETURN(auto job, runner_.find(number));
  if (!job || job->kind != kSitingKind || !org_.covers(actor, kSitingRun, job->unit_code))
    return missing_siting();
  return siting_job(*job);
}

Result<std::vector<SitingJob>> CircleService::sitings(const Actor& actor,
                                                      std::string_view unit_code) const {
  SHEQU_ASSIGN_OR_RETURN(org::UnitView unit, org_.unit(actor, unit_code));
  SHEQU_TRY(org_.in_scope(actor, kSitingRun, unit_code));
  jobs::JobFilter filter;
  filter.kind = std::string(kSitingKind);
  filter.roots = {unit.unit.code};
  filter.limit = 100;
  SHEQU_ASSIGN_OR_RETURN(const jobs::JobPage page, runner_.list(filter));
  std::vector<SitingJob> found;
  for (const jobs::Job& job : page.items) found.push_back(siting_job(job));
  return found;
}

Result<CircleShare> CircleService::circle_share(std::string_view unit_code,
                                                int tier_minutes) const {
  SHEQU_ASSIGN_OR_RETURN(org::UnitView unit, org_.unit(unit_code));
  if (!is_tier(tier_minutes)) return bad_tier();
  // Called once per unit of an analytics answer: the registry is taken up by the maintenance
  // round every few seconds rather than asked about for each unit.
  SHEQU_ASSIGN_OR_RETURN(auto loaded, ready_as_loaded());
  const uint32_t limit_mm = tier_limit_mm(tier_minutes, options_.speed_metres_per_hour);
  const std::vector<ServiceTypeId> basic = basic_service_types();
  const ServiceTypeId fitness = service_type_id(*find_service_type("fitness"));
  CircleShare share;
  for (uint32_t r : select(org_.tree(), loaded->network, unit.unit).residences) {
    const uint32_t w = home_weight(loaded->network.residences[r]);
    share.residents += w;
    if (basic_reached(loaded->reach, r, limit_mm, basic) == basic.size()) {
      share.reached_all_basic += w;
    }
    if (loaded->reach.at(r, fitness) <= limit_mm) share.reached_fitness += w;
  }
  return share;
}

namespace {

// Streets name places up to this far away; farther, a name would mislead.
constexpr uint32_t kStreetReachMm = 300'000;

std::string street_of(const Network& network, const SnapIndex& streets, int32_t lat_e7,
                      int32_t lon_e7) {
  if (network.node_street.empty()) return {};
  const auto found = streets.nearest(lat_e7, lon_e7, kStreetReachMm);
  return found ? network.street_names[network.node_street[found->node]] : std::string();
}

}  // namespace

std::string CircleService::street_near(int32_t lat_e7, int32_t lon_e7) const {
  const auto loaded = this->loaded();
  return loaded ? street_of(loaded->network, loaded->streets, lat_e7, lon_e7) : std::string();
}

CircleService::MatchAnswer CircleService::match(
    std::vector<MatchNeed> needs, std::span<const std::optional<Point>> need_points,
    std::vector<MatchResource> resources, std::span<const std::optional<Point>> resource_points,
    uint32_t limit_mm, std::size_t per_need) const {
  const auto loaded = this->loaded();
  if (!loaded) {
    return {false, match_needs_straight(needs, need_points, resources, resource_points, limit_mm,
                                        per_need)};
  }
  const auto snap = [&](const std::optional<Point>& point, uint32_t& node, uint32_t& snap_mm) {
    node = kNotSnapped;
    if (!point) return;
    if (const auto found =
            loaded->snap.nearest(point->lat_e7, point->lon_e7, options_.snap_max_mm)) {
      node = found->node;
      snap_mm = found->distance_mm;
    }
  };
  for (std::size_t i = 0; i < needs.size(); ++i)
    snap(need_points[i], needs[i].node, needs[i].snap_mm);
  for (std::size_t i = 0; i < resources.size(); ++i) {
    snap(resource_points[i], resources[i].node, resources[i].snap_mm);
  }
  return {true, match_needs(loaded->network.graph, needs, resources, limit_mm, per_need)};
}

Result<NearbyServices> CircleService::nearby(const Actor& actor, int tier_minutes,
                                             std::size_t per_type) const {
  const Error none = Error::not_found(
      {"您的账号不属于某个村（社区）", "your account does not belong to a village or community"});
  auto own = org_.unit(actor.unit_code);
  if (!own) return none;
  NearbyServices out;
  if (own->unit.level == org::Level::grid) {
    SHEQU_ASSIGN_OR_RETURN(out.community, org_.unit(own->unit.parent_code));
  } else if (own->unit.level == org::Level::village) {
    out.community = std::move(*own);
  } else {
    return none;
  }
  if (!is_tier(tier_minutes)) return bad_tier();
  out.tier_minutes = tier_minutes;
  const auto loaded = this->loaded();
  if (!loaded) return out;
  const Network& network = loaded->network;
  out.demo = network.demo;
  out.keep_alive = loaded;
  const Loaded::NearbyKey key{out.community.unit.code, tier_minutes, per_type};
  {
    std::lock_guard lock(loaded->nearby_mutex);
    if (const auto cached = loaded->nearby.find(key); cached != loaded->nearby.end()) {
      out.located = cached->second.located;
      out.by_type = cached->second.by_type;
      return out;
    }
  }
  // Walked from every home of the community at once: a facility's distance is the walk from the
  // nearest of them.
  std::vector<Source> homes;
  for (uint32_t r : select(org_.tree(), network, out.community.unit).residences) {
    const Residence& home = network.residences[r];
    if (home.node != kNotSnapped) homes.push_back({home.node, home.snap_mm});
  }
  if (!homes.empty()) {
    const uint32_t limit_mm = tier_limit_mm(tier_minutes, options_.speed_metres_per_hour);
    const std::vector<uint32_t> walk = nearest_within(network.graph, homes, limit_mm);
    out.located = true;
    out.by_type.resize(service_types().size());
    for (const Facility& f : network.facilities) {
      if (f.node == kNotSnapped || walk[f.node] == kUnreached) continue;
      const uint64_t total = uint64_t{walk[f.node]} + f.snap_mm;
      if (total <= limit_mm) out.by_type[f.type].push_back({&f, static_cast<uint32_t>(total), {}});
    }
    for (auto& facilities : out.by_type) {
      std::sort(facilities.begin(), facilities.end(), [](const auto& a, const auto& b) {
        return a.walk_mm != b.walk_mm ? a.walk_mm < b.walk_mm
                                      : a.facility->osm_id < b.facility->osm_id;
      });
      if (facilities.size() > per_type) facilities.resize(per_type);
      for (NearbyFacility& n : facilities) {
        n.street = street_of(network, loaded->streets, n.facility->lat_e7, n.facility->lon_e7);
      }
    }
  }
  std::lock_guard lock(loaded->nearby_mutex);
  loaded->nearby.emplace(key, Loaded::NearbyFound{out.located, out.by_type});
  return out;
}

Result<int64_t> CircleService::count_short_communities(const Actor& actor) const {
  if (!loaded()) return 0;
  SHEQU_ASSIGN_OR_RETURN(auto loaded, ready());
  std::call_once(loaded->short_once, [&] {
    const Network& network = loaded->network;
    const uint32_t limit_mm = tier_limit_mm(15, options_.speed_metres_per_hour);
    const std::vector<ServiceTypeId> basic = basic_service_types();
    struct Tally {
      uint32_t homes = 0;
      std::vector<uint32_t> reached;
    };
    std::map<std::string_view, Tally> by_community;
    Tally everyone{0, std::vector<uint32_t>(basic.size(), 0)};
    for (uint32_t r = 0; r < network.residences.size(); ++r) {
      const Residence& home = network.residences[r];
      if (home.node == kNotSnapped || home.unit_code.empty()) continue;
      Tally& tally = by_community[home.unit_code];
      if (tally.reached.empty()) tally.reached.assign(basic.size(), 0);
      const uint32_t w = home_weight(home);
      tally.homes += w;
      everyone.homes += w;
      for (std::size_t b = 0; b < basic.size(); ++b) {
        const uint32_t reached = loaded->reach.at(r, basic[b]) <= limit_mm ? w : 0;
        tally.reached[b] += reached;
        everyone.reached[b] += reached;
      }
    }
    for (const auto& [code, tally] : by_community) {
      const auto unit = org_.tree().find(code);
      if (!unit || unit->unit.level != org::Level::village) continue;
      for (std::size_t b = 0; b < basic.size(); ++b) {
        const bool common = 2 * everyone.reached[b] >= everyone.homes;
        if (common && 2 * tally.reached[b] < tally.homes) {
          loaded->short_communities.emplace_back(code);
          break;
        }
      }
    }
  });
  const std::vector<std::string> roots = actor.roots_for(kCoverageRead);
  int64_t count = 0;
  for (const std::string& code : loaded->short_communities) {
    for (const std::string& root : roots) {
      if (org_.tree().contains(root, code)) {
        ++count;
        break;
      }
    }
  }
  return count;
}

}  // namespace shequ::access
