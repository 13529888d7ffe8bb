// The three lists of a community (三项清单), needs and resources: staff register residents' needs
// (from their own desk, a home visit or a request, for a person of the register when known),
// residents raise their own on the resident pages, and staff register the resources that can
// meet them (a facility, volunteers, a social organisation, a unit stationed in the area, a
// charity), taking a facility of the registry or an organisation of the volunteers module when
// there is one, whose name (and point) it then shows as they are. For an
// open need the service proposes the resources of its category with room left, open at an hour
// the need can be met, within fifteen minutes' walk over the circle's network (straight-line
// distance where none is loaded), nearest first; staff confirm one, which takes one of its places
// until the follow-up records an outcome.
//
// Every call checks the caller's scope on the server: a need or resource outside it is
// not_found. Thread-safe; what the constructor takes outlives the service.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "access/circle_service.hpp"
#include "audit/audit_log.hpp"
#include "common/actor.hpp"
#include "common/clock.hpp"
#include "lists/model.hpp"
#include "org/org_service.hpp"
#include "privacy/keyring.hpp"
#include "storage/database.hpp"
#include "volunteer/organisation_service.hpp"

namespace shequ::lists {

inline constexpr std::size_t kMaxDescription = 500;
inline constexpr std::size_t kMaxSourceRef = 100;
inline constexpr std::size_t kMaxName = 100;
inline constexpr std::size_t kMaxContact = 30;
inline constexpr std::size_t kMaxNote = 500;
inline constexpr int64_t kMaxCapacity = 100'000;
// Fifteen minutes' walk at the circle's pace: how far a proposal may be.
inline constexpr uint32_t kWalkLimitMm = 1'200'000;
inline constexpr std::size_t kProposalsPerNeed = 10;
// Needs a resident may have waiting at once; a resident's list shows the newest of theirs.
inline constexpr int64_t kMaxOpenRaised = 5;
inline constexpr int64_t kRaisedShown = 50;

struct NeedInput {
  std::string unit;
  std::string source;
  std::string source_ref;
  std::string category;
  std::string urgency;
  std::string description;
  std::optional<double> lat;  // both or neither
  std::optional<double> lon;
  DailyHours hours;
  std::optional<int64_t> person_id;  // who it is for, a person of the register in scope
  // Where it was found (source visit, request): a home visit to a person within the unit, or a
  // request (诉求) of the unit or around it, that the caller reads. The need takes from there
  // whom it is for (the visited person), the point (where the visit was recorded, the request's)
  // and the reference, each when not given; a finding is registered once while its need of that
  // category is open.
  std::optional<int64_t> visit_id;
  std::optional<int64_t> request_id;
};

// What a resident asks for on the resident pages; where and for whom follow from their account.
struct RaisedNeedInput {
  std::string category;
  std::string urgency;
  std::string description;
  DailyHours hours;
};

struct ResourceInput {
  std::string unit;
  std::string source;
  std::string name;
  std::string category;
  int64_t capacity = 1;
  DailyHours hours;
  std::optional<double> lat;
  std::optional<double> lon;
  std::string contact;
  std::string note;
  // What it is taken from: a facility of the registry within the unit (source facility), or an
  // organisation that may serve the unit (a volunteer team for source volunteer, another kind
  // for organisation). Its name and the facility's point replace those entered.
  std::optional<int64_t> facility_id;
  std::optional<int64_t> organisation_id;
};

// A facility or organisation a resource may be taken from, as the resource dialog offers it.
struct Origin {
  int64_t id = 0;
  std::string name;
  Text kind_label;  // the facility's type, the organisation's kind
  std::string unit_code;
  std::string unit_name;
  std::optional<int32_t> lat_e7;  // a facility's point
  std::optional<int32_t> lon_e7;
  bool taken = false;  // a resource within the unit is taken from it already
};

struct NeedView {
  Need need;
  std::string unit_name;
  std::string person_masked;  // "" when it names nobody
};

struct ResourceView {
  Resource resource;
  std::string unit_name;
};

struct MatchView {
  Match match;
  std::string resource_name;
};

// How a resident sees a need they raised: no staff names, the resource it was matched with.
struct RaisedNeed {
  Need need;
  std::string unit_name;
  std::vector<MatchView> matches;  // newest first
};

struct NeedDetail {
  NeedView need;
  std::vector<MatchView> matches;  // newest first
};

struct ProposalView {
  ResourceView resource;
  uint32_t walk_mm = 0;
};

struct Proposals {
  bool by_network = false;  // false: straight-line distance, no walking network loaded
  bool located = false;     // false: the need has no point, so nothing is proposed
  std::vector<ProposalView> items;
};

struct NeedQuery {
  std::string unit;  // "" the caller's scope
  std::string status;
  std::string category;
  std::string urgency;
  std::string source;
};

class ListsService {
 public:
  ListsService(const org::OrgService& org, storage::Database& db, const audit::Log& audit,
               const Clock& clock, const access::CircleService& circle,
               const privacy::Keyring& keyring,
               const volunteer::OrganisationService& organisations);

  // A need of a village, community or grid in scope. Every field is checked at once; a person
  // named is one of the register living within the need's unit, read in the caller's scope.
  Result<NeedView> create_need(const Actor& actor, const NeedInput& input) const;
  // A resident's need: of the unit where they hold the resident role, for the register person
  // their account's phone names (and at their household's point) when there is one. conflict
  // beyond kMaxOpenRaised not closed, and for an account holding the permission only above
  // village level (officials hold it to grant it).
  Result<NeedView> raise(const Actor& actor, const RaisedNeedInput& input) const;
  // The newest kRaisedShown needs the caller raised.
  Result<std::vector<RaisedNeed>> raised(const Actor& actor) const;
  Result<NeedDetail> find_need(const Actor& actor, int64_t id) const;
  // Urgent first, then the oldest.
  Result<org::Page<NeedView>> list_needs(const Actor& actor, const NeedQuery& query,
                                         const org::PageRequest& page) const;
  // Closes an open need met some other way, at `version`; a note says how.
  Result<NeedView> close_need(const Actor& actor, int64_t id, int64_t version,
                              const std::string& note) const;

  Result<ResourceView> create_resource(const Actor& actor, const ResourceInput& input) const;
  // At `version`; the unit does not change and the capacity never falls below what is booked.
  Result<ResourceView> update_resource(const Actor& actor, int64_t id, int64_t version,
                                       const ResourceInput& input) const;
  Result<ResourceView> find_resource(const Actor& actor, int64_t id) const;
  Result<org::Page<ResourceView>> list_resources(const Actor& actor, const std::string& unit,
                                                 const std::string& category,
                                                 const org::PageRequest& page) const;
  // What a resource of `unit` (in the caller's scope to register resources) may be taken from:
  // for source facility the open facilities within the unit, by unit and type; for volunteer
  // and organisation the organisations that may serve it, by name; whose name holds `name`.
  // invalid for another source.
  Result<org::Page<Origin>> origins(const Actor& actor, const std::string& unit,
                                    const std::string& source, const std::string& name,
                                    const org::PageRequest& page) const;

  // The resources proposed for an open need, best first: those of the need's county with its
  // category and room left.
  Result<Proposals> proposals(const Actor& actor, int64_t need_id) const;
  // Staff confirm `resource` for the open need at `version`: one place of it is taken in the
  // same transaction, refused when the need is no longer open or the resource is full.
  Result<MatchView> confirm(const Actor& actor, int64_t need_id, int64_t version,
                            int64_t resource_id) const;
  // The follow-up's outcome at `version`: done closes the need, failed opens it again; either
  // gives the place back.
  Result<MatchView> record_outcome(const Actor& actor, int64_t match_id, int64_t version, bool done,
                                   const std::string& note) const;

  Result<int64_t> count_urgent(const Actor& actor) const;
  // Open needs in scope that residents raised and nobody has matched yet.
  Result<int64_t> count_raised(const Actor& actor) const;

 private:
  Result<NeedInput> validated(const Actor& actor, const NeedInput& input) const;
  Result<ResourceInput> validated(const Actor& actor, const ResourceInput& input) const;
  Result<NeedView> need_view(storage::Session& s, Need need) const;
  ResourceView resource_view(Resource resource) const;
  Result<Need> visible_need(storage::Session& s, const Actor& actor, int64_t id) const;
  Result<Resource> visible_resource(storage::Session& s, const Actor& actor, int64_t id) const;
  // Takes whom for, where and the reference from the visit or request `n` names, when it names
  // one the caller reads around its unit; invalid otherwise, and for a finding registered already.
  Status take_finding(storage::Session& s, const Actor& actor, Need& n) const;
  // Checks what `input` is taken from and copies its name (and point) into `out`.
  // What is wrong with it goes to `errors`; a failure to read is the error returned.
  Status take_origin(const ResourceInput& input, ResourceInput& out,
                     std::vector<FieldError>& errors) const;
  // The proposals for `need` among `resources`.
  access::CircleService::MatchAnswer rank(const Need& need,
                                          const std::vector<Resource>& resources) const;

  const org::OrgService& org_;
  storage::Database& db_;
  const audit::Log& audit_;
  const Clock& clock_;
  const access::CircleService& circle_;
  const privacy::Keyring& keyring_;
  const volunteer::OrganisationService& organisations_;
};

}  // namespace shequ::lists
