// The fifteen-minute service circle for people: coverage of a unit, its gaps, and siting runs,
// each checked against the caller's scope like every other service (a unit outside it is
// not_found). The network file is loaded at start and again whenever it is replaced (an
// import: reload_if_changed); the open, located facilities of shequ's registry join the file's
// (sync_sources), so that a centre registered today is in today's coverage. The households of the
// residents module that have a location and people living in them become the homes of their
// village or community in place of the buildings of the map (sync_sources), so that its figures
// count people: a home is a point with a unit and a count, never a name. The reach table for the
// longest tier is computed once per network, registry and homes state and then answers every tier
// and unit.
//
// Siting runs are jobs of the job runner (jobs/job_runner.hpp, kind access.siting):
// start_siting validates and queues, whichever server claims the job runs it, and siting()
// reports progress and the result from the job table, so any server answers and a restart
// loses nothing. Each account may have only a few runs queued or running, and all servers
// together only so many: beyond that, rate_limited.
//
// Exports (the coverage table, homes with their distances) and siting runs are audited.
//
// Thread-safe: every method may be called from any thread, except load() and
// reload_if_changed(), which one thread calls (the server's start, then its maintenance).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "access/coverage.hpp"
#include "access/declaration.hpp"
#include "access/matching.hpp"
#include "access/network.hpp"
#include "access/reach.hpp"
#include "access/shelters.hpp"
#include "access/siting.hpp"
#include "audit/audit_log.hpp"
#include "common/actor.hpp"
#include "common/result.hpp"
#include "jobs/job_runner.hpp"
#include "org/org_service.hpp"
#include "storage/database.hpp"

namespace shequ::access {

struct CircleOptions {
  std::string network_file = "var/walk-network.graph";
  uint32_t speed_metres_per_hour = kDefaultSpeedMetresPerHour;
  uint32_t snap_max_mm = 250'000;    // supplied candidate sites farther from a road are refused
  uint32_t gap_radius_mm = 250'000;  // a gap cluster gathers unserved homes within this radius
  unsigned threads = 0;              // 0: one per core
  std::size_t map_residence_limit = 50'000;
  std::size_t jobs_per_account = 3;  // queued or running siting runs of one account
  std::size_t jobs_active = 20;      // queued or running siting runs of all servers together
};

// Homes are points: the buildings of the map, or the located households where a village or
// community has them. People are counted only in households (0: none located under the unit).
struct CoverageRow {
  org::Unit unit;
  uint32_t residences = 0;
  std::vector<uint32_t> reached;  // per service type
  uint32_t reached_all_basic = 0;
  uint32_t households = 0;               // of the residences
  uint32_t people = 0;                   // living in those households
  std::vector<uint32_t> people_reached;  // per service type
  uint32_t people_reached_all_basic = 0;
};

struct CoverageReport {
  org::Unit unit;
  bool demo = false;  // drawn from a network imported as demonstration data
  int tier_minutes = 15;
  uint32_t limit_mm = 0;
  // Per service type: facilities on the network within walking reach of the unit's homes.
  std::vector<uint32_t> facilities;
  CoverageRow total;
  std::vector<CoverageRow>
      rows;  // the child units holding residences (the unit itself at level 5+)
};

struct MapResidence {
  int32_t lat_e7;
  int32_t lon_e7;
  uint32_t basic_reached;
  uint32_t people;  // a household's members; 0 for a building of the map
};

struct MapLayer {
  bool demo = false;  // drawn from a network imported as demonstration data
  std::optional<std::array<int32_t, 4>> bounds;  // south, west, north, east (degrees × 10^7)
  std::vector<MapResidence> residences;
  bool truncated = false;            // more residences than map_residence_limit
  std::vector<Facility> facilities;  // within walking reach of the bounds
};

// A unit's homes with their distances (ReachTable columns, kUnreached beyond the tier), and the
// facilities on the map around them, for export.
struct ResidenceExport {
  int tier_minutes = 15;
  std::vector<Residence> residences;
  std::vector<std::vector<uint32_t>> distance_mm;  // per residence, per service type
  std::vector<Facility> facilities;
};

struct GapReport {
  ServiceTypeId type = 0;
  int tier_minutes = 15;
  uint32_t uncovered = 0;
  std::vector<GapCluster> clusters;
};

// An open, located emergency shelter of the facility registry, as the assignment uses it.
struct ShelterView {
  int64_t id = 0;  // the registry's
  std::string name;
  std::string unit_code;
  int32_t lat_e7 = 0;
  int32_t lon_e7 = 0;
  std::optional<int64_t> capacity;  // none entered (a shelter registered before it was asked)
  bool on_network = false;          // near enough a walkable way to be walked to
  int64_t placed = 0;               // people placed there, from every unit's homes
  int64_t placed_here = 0;          // of them, from the homes of the unit asked about
};

// A home of the unit asked about, where its people go.
struct ShelterHomeView {
  int32_t lat_e7 = 0;
  int32_t lon_e7 = 0;
  uint32_t people = 0;  // its weight: a household's members, one for a building of the map
  uint32_t nearest_mm = kUnreached;  // to the nearest shelter, full or not; kUnreached beyond
  // The shelter (index into ShelterReport::shelters) taking most of its people, and their walk;
  // kNoShelter when none takes any.
  uint32_t shelter = kNoShelter;
  uint32_t walk_mm = 0;
  uint32_t placed = 0;  // people placed, in any shelter
};

// The shelter assignment (access/shelters.hpp) as it concerns one unit: its homes compete with
// every other home on the network for the same shelters, so each unit sees its part of one plan.
struct ShelterReport {
  org::UnitView unit;
  bool demo = false;
  uint32_t limit_mm = 0;  // fifteen minutes' walk
  // Those registered under the unit and those its homes are nearest to or placed in.
  std::vector<ShelterView> shelters;
  uint32_t homes = 0;
  uint64_t people = 0;
  uint64_t placed_people = 0;
  uint32_t placed_homes = 0;  // all of whose people are placed
  uint32_t split_homes = 0;
  uint32_t beyond_homes = 0;  // no shelter within the walk
  uint64_t beyond_people = 0;
  uint32_t full_homes = 0;  // shelters within the walk, but not room for all their people
  uint64_t full_people = 0;
  uint64_t person_walk_mm = 0;
  // Every home up to CircleOptions::map_residence_limit (`truncated` beyond).
  std::vector<ShelterHomeView> home_list;
  bool truncated = false;
};

// The most sites one siting run proposes.
inline constexpr int64_t kMaxSites = 50;

struct SitingRequest {
  std::string unit_code;
  std::string type;
  int64_t k = 0;  // sites to propose, 1 to kMaxSites
  int tier_minutes = 15;
  // Where sites may go, [latitude, longitude] in degrees; empty: any network node near the unit.
  std::vector<std::array<double, 2>> candidates;
};

struct ProposedSite {
  int32_t lat_e7;
  int32_t lon_e7;
  uint32_t gained;
};

struct SitingResult {
  uint32_t uncovered_before = 0;
  uint32_t uncovered_after = 0;
  uint32_t candidates = 0;
  std::vector<ProposedSite> sites;
};

// A siting run as a job of the job runner (kind access.siting).
struct SitingJob {
  std::string id;  // the job's id, in decimal
  SitingRequest request;
  jobs::JobState state = jobs::JobState::queued;
  double progress = 0;
  std::optional<SitingResult> result;
  std::optional<Error> error;
};

// A facility within a walk of a community, and how far.
struct NearbyFacility {
  const Facility* facility = nullptr;  // in the network the answer holds on to
  uint32_t walk_mm = 0;  // from the nearest of the community's homes, the snaps included
  std::string street;    // the named street nearest to it; "" when none is near
};

// The services within a walk of a resident's community (我的社区 "services nearby").
struct NearbyServices {
  org::UnitView community;
  int tier_minutes = 15;
  bool demo = false;
  // Whether the network knows homes of the community (otherwise there is nowhere to walk from and
  // `by_type` is empty).
  bool located = false;
  // Per service type (service_types() order), the nearest facilities, nearest first.
  std::vector<std::vector<NearbyFacility>> by_type;
  std::shared_ptr<const void> keep_alive;  // the network the facilities point into
};

// What indicator 29 (一刻钟便民生活圈 / 健身圈) reads: the residents under a unit, and how many
// reach every basic type, and a fitness facility, within the tier. A located household counts its
// members; a building of the map, where no household is located, counts as one.
struct CircleShare {
  uint32_t residents = 0;
  uint32_t reached_all_basic = 0;
  uint32_t reached_fitness = 0;
};

class CircleService {
 public:
  // `org`, `db`, `audit` and `runner` must outlive the service; `db` receives the audit rows.
  // Registers the siting handler with the runner, which must not have started yet.
  CircleService(const org::OrgService& org, storage::Database& db, const audit::Log& audit,
                jobs::JobRunner& runner, CircleOptions options);
  ~CircleService();
  CircleService(const CircleService&) = delete;
  CircleService& operator=(const CircleService&) = delete;

  // Loads the network file when it exists; without one, every call answers that no network has
  // been imported. A file that exists but cannot be read is an error.
  Status load();
  // Takes up a network file written since the last load (an import, on this machine or another
  // one sharing the path): reads and checks it and computes its reach table while the network in
  // use keeps answering, then swaps them. Returns whether it did. A file that cannot be read
  // leaves the network in use and is reported once, not at every check; a removed file leaves
  // it too. `shequ serve` calls it every few seconds. Not concurrently with load(). When the file
  // is unchanged, takes up the registry's and the homes' changes instead (sync_sources).
  Result<bool> reload_if_changed();
  // Replaces the network (tests, and `shequ access` commands working on a file of their own).
  // The registry's facilities are added to it; when the registry cannot be read, the network is
  // used without them until the next sync_sources; the same for the located households.
  void use(Network network);
  // Takes up facilities registered, changed or closed in the registry, and people moved into or
  // out of located households (on any server), since the network in use read them: puts them in
  // a copy of the network and swaps it in with its reach table brought up to date (recomputed
  // for a registry change; for homes alone, only the homes not seen before are searched from).
  // Every request to the circle calls it first (two indexed counts of the change logs when
  // nothing changed); indicator 29 (circle_share) does not, and sees a change after the
  // maintenance round's call, within seconds.
  Status sync_sources() const;
  // Computes the reach table of the loaded network in the background (shequ serve), so that the
  // first request does not wait for it; otherwise it is computed on first use. Call at most once.
  void warm_up();

  const CircleOptions& options() const { return options_; }

  Result<CoverageReport> coverage(const Actor& actor, std::string_view unit_code,
                                  int tier_minutes) const;
  Result<MapLayer> map(const Actor& actor, std::string_view unit_code, int tier_minutes) const;
  // The coverage report for a download (CSV), audited as an export.
  Result<CoverageReport> export_coverage(const Actor& actor, std::string_view unit_code,
                                         int tier_minutes) const;
  // Every home with its distances, for a download; audited as an export.
  Result<ResidenceExport> export_residences(const Actor& actor, std::string_view unit_code,
                                            int tier_minutes) const;
  Result<GapReport> gaps(const Actor& actor, std::string_view unit_code, int tier_minutes,
                         std::string_view type) const;

  // Validates (every field at once), then queues the run with the job runner, audited in the
  // same transaction. Needs access:siting:run on the unit. rate_limited when the caller, or all
  // servers together, have too many runs queued or running.
  Result<SitingJob> start_siting(const Actor& actor, SitingRequest request);
  // A run started by anyone holding access:siting:run over its unit; others get not_found.
  Result<SitingJob> siting(const Actor& actor, std::string_view id) const;
  // The runs kept by the job runner whose unit lies under `unit_code` (in the actor's scope
  // for access:siting:run), newest first: for coming back to a result.
  Result<std::vector<SitingJob>> sitings(const Actor& actor, std::string_view unit_code) const;
  // The same run, in the caller's thread (the CLI), reporting progress.
  Result<SitingResult> site(const Actor& actor, const SitingRequest& request,
                            const Progress& progress = {}) const;

  // Where the homes under a unit go when all must leave at once: the open, located emergency
  // shelters of the facility registry with their capacities, filled exactly (access/shelters.hpp)
  // over fifteen minutes' walk; worked out once per network, registry and homes state. Needs
  // access:coverage:read on the unit.
  Result<ShelterReport> shelters(const Actor& actor, std::string_view unit_code) const;

  // For the indicator engine, which runs as the system: no scope check.
  Result<CircleShare> circle_share(std::string_view unit_code, int tier_minutes) const;

  // The facilities of each service type within a walk of `tier_minutes` from the homes of the
  // actor's own village or community (of its grid, for a grid's account; walked from the nearest
  // home), at most `per_type` of each, nearest first. Needs no permission: it tells a resident what
  // any map of the place shows. not_found when the actor's home unit is above village level.
  Result<NearbyServices> nearby(const Actor& actor, int tier_minutes, std::size_t per_type) const;

  // How many villages and communities in the actor's scope for access:coverage:read are short of
  // a common service: a basic type that reaches fewer than half of their homes within 15 minutes
  // while it reaches at least half of all homes on the network (a type hardly mapped anywhere,
  // such as print shops, marks no community). 0 without a network. Worked out once per network.
  Result<int64_t> count_short_communities(const Actor& actor) const;

  // The name of the named street nearest to a point (within 300 m), "" when none is or the
  // network keeps no street names: how places are named instead of by their coordinates.
  std::string street_near(int32_t lat_e7, int32_t lon_e7) const;

  // Needs matched to resources (access/matching.hpp) at the points given (one per need and per
  // resource; none: not located, no proposal), each snapped to the nearest walkable way within
  // options().snap_max_mm, over the loaded network; by straight-line distance when no network is
  // loaded (by_network false). The node and snap fields of what is given are not read. No scope
  // check: the caller chose the needs and the resources.
  struct MatchAnswer {
    bool by_network = false;
    std::vector<std::vector<Proposal>> proposals;  // per need
  };
  MatchAnswer match(std::vector<MatchNeed> needs, std::span<const std::optional<Point>> need_points,
                    std::vector<MatchResource> resources,
                    std::span<const std::optional<Point>> resource_points, uint32_t limit_mm,
                    std::size_t per_need) const;

 private:
  struct Loaded;
  struct Prepared;
  struct Readable {
    org::UnitView unit;
    std::shared_ptr<const Loaded> loaded;
  };

  // The unit (in the actor's scope for reading coverage), a valid tier, and the loaded network
  // with its reach table.
  Result<Readable> open_for_reading(const Actor& actor, std::string_view unit_code,
                                    int tier_minutes) const;

  std::shared_ptr<const Loaded> loaded() const;
  // The loaded network with the registry and the homes taken up (sync_sources) and its reach
  // table.
  Result<std::shared_ptr<const Loaded>> ready() const;
  // The same without asking the registry.
  Result<std::shared_ptr<const Loaded>> ready_as_loaded() const;
  // Puts the registry's open, located facilities of the circle's types into `loaded`'s network
  // (in place of those it had), snapped to the nearest walkable way, and notes the mark of the
  // registry's change log they reflect.
  Status take_up_registry(Loaded& loaded) const;
  // Puts the located households with people living in them into `loaded`'s network, each snapped
  // to the nearest walkable way, in place of the homes of the map of every unit that has one on
  // the network, and notes the mark of the home change log they reflect. With `changed_after`,
  // reads only the households of the units the log names above it and keeps the others.
  Status take_up_homes(Loaded& loaded, std::optional<int64_t> changed_after = std::nullopt) const;
  // The reach table of `loaded`, computed on first use.
  const ReachTable& reach_of(const Loaded& loaded) const;
  // The shelter assignment of every home of `loaded`, computed on first use.
  const ShelterPlan& shelter_plan_of(const Loaded& loaded) const;
  Result<Prepared> prepare(const Actor& actor, const SitingRequest& request) const;
  Result<Prepared> prepare(const org::Unit& unit, const SitingRequest& request) const;
  // unavailable when `progress` asked it to stop.
  Result<SitingResult> run(const Prepared& prepared, const Progress& progress) const;
  // The runner's handler of access.siting.
  Result<Json> run_job(const jobs::JobContext& context) const;

  Status record(const Actor& actor, std::string_view permission, audit::Event event) const;
  // rate_limited when `actor`, or everyone, has as many runs queued or running as allowed.
  Status check_room(storage::Session& s, const Actor& actor) const;

  const org::OrgService& org_;
  storage::Database& db_;
  const audit::Log& audit_;
  jobs::JobRunner& runner_;
  CircleOptions options_;
  mutable std::mutex mutex_;
  // Replaced whole (a new network file, a registry change); readers keep the one they took.
  mutable std::shared_ptr<Loaded> loaded_;
  mutable std::mutex rebuild_mutex_;  // one registry rebuild at a time
  // What the network file was when it was last read, or refused: inode, size, modification time.
  struct FileStamp {
    uint64_t inode = 0;
    int64_t size = -1;
    int64_t modified_ns = 0;
    bool operator==(const FileStamp&) const = default;
  };
  static std::optional<FileStamp> stamp_of(const std::string& path);
  FileStamp read_stamp_;
  FileStamp refused_stamp_;
  std::jthread warm_up_;  // last: joined first on destruction, while everything it uses exists
};

}  // namespace shequ::access
