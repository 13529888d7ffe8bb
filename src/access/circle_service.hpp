// The fifteen-minute service circle for people: coverage of a unit, its gaps, and siting runs,
// each checked against the caller's scope like every other service (a unit outside it is
// not_found). The network file is loaded once; the reach table for the longest tier is computed
// on first use and then answers every tier and unit.
//
// Siting runs are jobs: start_siting validates and queues, one worker thread runs them in turn,
// and siting() reports progress and the result. Jobs live in memory: a restart forgets them
// (they are computations, not data anyone entered; run again). Each account may have only a few
// runs queued or running, and the server only so many in all: beyond that, rate_limited.
//
// Exports (the coverage table, homes with their distances) and siting runs are audited.
//
// Thread-safe: every method may be called from any thread.
#pragma once

#include <array>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "access/coverage.hpp"
#include "access/declaration.hpp"
#include "access/network.hpp"
#include "access/siting.hpp"
#include "audit/audit_log.hpp"
#include "common/actor.hpp"
#include "common/result.hpp"
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
  std::size_t jobs_kept = 100;       // finished jobs remembered for their results
  std::size_t jobs_per_account = 3;  // queued or running siting runs of one account
  std::size_t jobs_active = 20;      // queued or running siting runs of the whole server
};

struct CoverageRow {
  org::Unit unit;
  uint32_t residences = 0;
  std::vector<uint32_t> reached;  // per service type
  uint32_t reached_all_basic = 0;
};

struct CoverageReport {
  org::Unit unit;
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
};

struct MapLayer {
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

struct SitingRequest {
  std::string unit_code;
  std::string type;
  int64_t k = 0;
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

enum class JobState { queued, running, done, failed };
std::string_view job_state_name(JobState state);

struct SitingJob {
  std::string id;
  uint64_t sequence = 0;  // order of starting, within this server's run
  SitingRequest request;
  JobState state = JobState::queued;
  double progress = 0;
  std::optional<SitingResult> result;
  std::optional<Error> error;
};

// What indicator 29 (一刻钟便民生活圈 / 健身圈) reads: residences under a unit, and how many reach
// every basic type, and a fitness facility, within the tier.
struct CircleShare {
  uint32_t residences = 0;
  uint32_t reached_all_basic = 0;
  uint32_t reached_fitness = 0;
};

class CircleService {
 public:
  // `org`, `db` and `audit` must outlive the service; `db` receives the audit rows.
  CircleService(const org::OrgService& org, storage::Database& db, const audit::Log& audit,
                CircleOptions options);
  ~CircleService();
  CircleService(const CircleService&) = delete;
  CircleService& operator=(const CircleService&) = delete;

  // Loads the network file when it exists; without one, every call answers that no network has
  // been imported. A file that exists but cannot be read is an error.
  Status load();
  // Replaces the network (tests, and `shequ access` commands working on a file of their own).
  void use(Network network);
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

  // Validates (every field at once), then queues the run, audited. Needs access:siting:run on
  // the unit. rate_limited when the caller or the server has too many runs queued or running.
  Result<SitingJob> start_siting(const Actor& actor, SitingRequest request);
  // A job started by anyone holding access:siting:run over its unit; others get not_found.
  Result<SitingJob> siting(const Actor& actor, std::string_view id) const;
  // The jobs remembered whose unit lies under `unit_code` (in the actor's scope for
  // access:siting:run), newest first: for coming back to a result.
  Result<std::vector<SitingJob>> sitings(const Actor& actor, std::string_view unit_code) const;
  // The same run, in the caller's thread (the CLI), reporting progress.
  Result<SitingResult> site(const Actor& actor, const SitingRequest& request,
                            const Progress& progress = {}) const;

  // For the indicator engine, which runs as the system: no scope check.
  Result<CircleShare> circle_share(std::string_view unit_code, int tier_minutes) const;

 private:
  struct Loaded;
  struct Job;
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
  Result<std::shared_ptr<const Loaded>> ready() const;
  Result<Prepared> prepare(const Actor& actor, const SitingRequest& request) const;
  SitingResult run(const Prepared& prepared, const Progress& progress) const;
  void work(std::stop_token stop);

  Status record(const Actor& actor, std::string_view permission, audit::Event event) const;
  // A place for one more queued or running run of `owner`, or rate_limited.
  Status reserve_place(const std::string& owner);
  void release_place(const std::string& owner);

  const org::OrgService& org_;
  storage::Database& db_;
  const audit::Log& audit_;
  CircleOptions options_;
  mutable std::mutex mutex_;
  std::shared_ptr<Loaded> loaded_;  // replaced whole; readers keep the one they took
  std::map<std::string, std::shared_ptr<Job>, std::less<>> jobs_;
  std::deque<std::shared_ptr<Job>> queue_;
  std::deque<std::string> finished_;                        // oldest first, trimmed to jobs_kept
  uint64_t started_ = 0;                                    // jobs started so far
  std::map<std::string, std::size_t, std::less<>> active_;  // queued or running, per account
  std::condition_variable_any wake_;
  std::jthread worker_;
  std::jthread warm_up_;  // last: joined first on destruction, while everything it uses exists
};

}  // namespace shequ::access
