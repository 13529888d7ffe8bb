// The roster of community workers (社区工作者, issue 15): registering a worker with their first
// post, starting and ending posts (at most one main post at a time; ADR 0030), the qualification,
// and the rules of training read from it: who still needs training, and the indicator rows the
// module counts for the engine.
//
// Scope: reading needs workforce:roster:read over the worker's roster unit or the unit of one of
// their posts in force; registering, changing and posts need workforce:roster:manage over the
// units concerned. Outside scope a worker does not exist (not_found). Names, phones and ID
// numbers are sealed and shown masked; every write is audited.
//
// Thread-safe: immutable after construction; every reference must outlive the service.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "common/actor.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"
#include "org/org_service.hpp"
#include "privacy/keyring.hpp"
#include "storage/database.hpp"
#include "workforce/compliance.hpp"
#include "workforce/model.hpp"
#include "workforce/repository.hpp"

namespace shequ::workforce {

// A worker who still needs training, and why (compliance.hpp).
struct TrainingNeed {
  Worker worker;
  Standing standing;
};

class RosterService {
 public:
  RosterService(const org::OrgService& org, storage::Database& db, const audit::Log& audit,
                const Clock& clock, const privacy::Keyring& keyring);

  // invalid with every field's reason at once: a township, village or community; a name, a
  // mobile, an ID number (GB 11643); a certificate number exactly when qualified; a post the unit
  // has (the minors-protection officer a township's, the others a village's or community's); a
  // start not after today. conflict when the ID number is on a roster already.
  Result<Worker> register_worker(const Actor& actor, const WorkerInput& input) const;
  // Workers of the caller's scope or under `unit`: on its rosters or in post there today; with a
  // post of `position` in force today. By id, masked.
  Result<org::Page<Worker>> workers(const Actor& actor, const std::optional<std::string>& unit,
                                    std::optional<Position> position,
                                    const org::PageRequest& page) const;
  // The worker with `id_number` (exact, through the blind index) if the caller reads them, masked;
  // audited whether found or not. invalid when it is not a GB 11643 number.
  Result<std::vector<Worker>> find(const Actor& actor, const std::string& id_number) const;
  Result<WorkerDetail> worker(const Actor& actor, int64_t id) const;
  // conflict when the version moved on. A change without a phone keeps the one held.
  Result<Worker> change(const Actor& actor, int64_t id, const WorkerChange& change) const;
  // A new post from `started_on` (not after today). conflict when it would make a second main
  // post at once (end the other first), or the same post twice at one unit.
  Result<Post> start_post(const Actor& actor, int64_t worker_id, const std::string& unit,
                          Position position, const std::string& started_on) const;
  // Ends a post in force on `ended_on` (not before it began, not after today).
  Result<Post> end_post(const Actor& actor, int64_t worker_id, int64_t post_id,
                        const std::string& ended_on) const;

  // The workers in post under `unit` (default: the caller's scope) who still need training in
  // `year`, as of its last day or today in the current year; by unit, then id.
  Result<org::Page<TrainingNeed>> training_needs(const Actor& actor,
                                                 const std::optional<std::string>& unit, int year,
                                                 const org::PageRequest& page) const;

  // One indicator row's counts for the engine over China dates [first_day, last_day]
  // (compliance.hpp): unscoped, as the engine scopes its readers.
  Result<std::vector<kit::UnitCounts>> indicator_counts(std::string_view indicator,
                                                        const std::string& first_day,
                                                        const std::string& last_day) const;

  // The masked view of a stored worker, with the posts in force today.
  Result<Worker> shown(const repository::WorkerRow& row, std::vector<Post> posts) const;
  // Whether the actor reads the worker (their roster, or a post of theirs in force today).
  bool reads(const Actor& actor, std::string_view permission, const repository::WorkerRow& row,
             const std::vector<Post>& posts) const;

 private:
  Result<RosterStanding> standing(const std::vector<std::string>& roots, int year) const;
  std::string today() const;

  const org::OrgService& org_;
  storage::Database& db_;
  const audit::Log& audit_;
  const Clock& clock_;
  const privacy::Keyring& keyring_;
};

}  // namespace shequ::workforce
