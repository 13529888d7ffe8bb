// Requests handled on receipt (接诉即办) for people: residents submit and follow their own;
// staff take requests on a caller's behalf or from patrol, and the units act on them step by
// step (workflow.hpp), each step on the case's timeline and in the audit log; a scheduled job
// escalates what is overdue.
//
// Scope: staff read a case when its lead unit, its grid or a co-handling unit is in their scope
// for requests:case:read; outside it the case does not exist (not_found). What a caller may do
// to a case follows from their part in it (workflow.hpp's Role): the lead unit's staff (or the
// grid's) handle it, a co-handling unit's staff report on it, staff of the units above
// supervise it. A resident sees only the cases they submitted.
//
// Writes carry the version the caller last read: two people acting at once, one wins and the
// other gets conflict. Thread-safe: holds references only; every call runs in its own
// transaction.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "common/actor.hpp"
#include "common/clock.hpp"
#include "org/org_service.hpp"
#include "privacy/keyring.hpp"
#include "requests/calendar.hpp"
#include "requests/catalogue.hpp"
#include "requests/model.hpp"
#include "requests/workflow.hpp"
#include "storage/database.hpp"
#include "storage/file_store.hpp"

namespace shequ::requests {

inline constexpr std::size_t kMaxDescription = 2000;
inline constexpr std::size_t kMaxAddress = 200;
inline constexpr std::size_t kMaxNote = 1000;
inline constexpr std::size_t kMaxContactName = 30;
inline constexpr std::size_t kMaxExternalId = 64;
inline constexpr std::size_t kMaxComment = 500;
// A bad rating's rectification is due within this many working days.
inline constexpr int kRectificationWorkingDays = 15;

struct NewRequest {
  std::string category;  // a leaf of the catalogue
  // Where it happened: a village or community, or a grid (whose community then leads). A
  // resident's default: the unit of their resident role.
  std::string unit;
  std::string description;
  std::string address;
  std::optional<double> lat;  // WGS 84; both or neither
  std::optional<double> lon;
  Json attributes = Json::object();
  std::string contact_name;
  std::string contact_phone;
  std::string channel;  // staff: hotline or patrol
  std::optional<std::string> external_id;
};

struct CaseQuery {
  std::optional<std::string> unit;
  std::string status;
  std::string category;
  bool overdue = false;
  org::PageRequest page;
};

// A step someone takes: the action, the version they last saw, a note (required for a
// resolution, a return, a transfer, supervision, a co-handler's report and a reopening) and,
// for a transfer or a co-handling unit, the unit it names.
struct Step {
  Action action = Action::accept;
  int64_t version = 0;
  std::string note;
  std::optional<std::string> target_unit;
  std::optional<int64_t> target_case;  // merge: the open case it is merged into
};

// The duplicate hint: open cases of the same category received in the last kDuplicateDays within
// kDuplicateMetres of a case, nearest first, at most kMaxDuplicates.
inline constexpr int kDuplicateDays = 7;
inline constexpr double kDuplicateMetres = 50;
inline constexpr std::size_t kMaxDuplicates = 10;

// A case as its reader may see it: contact details masked, and what the reader may do next.
struct CaseView {
  Case value;
  std::string contact_name;   // masked
  std::string contact_phone;  // masked
  std::optional<Role> role;   // the reader's part in it
  std::vector<Action> allowed;
  bool overdue = false;
};

struct CaseDetail {
  CaseView view;
  std::vector<CaseEvent> timeline;
  std::vector<Photo> photos;  // oldest first
  // While it is open: the duplicate hint, the cases the reader may read (a resident is told of
  // any, without which).
  std::vector<NearbyCase> duplicates;
  std::optional<Rating> rating;
  std::optional<Rectification> rectification;  // the latest
};

// The three rates (三率) of a unit over China dates [from, to], by the units right below it or
// by category. docs/requests.md gives the formulas.
struct RatesQuery {
  std::string unit;
  std::string from;  // YYYY-MM-DD
  std::string to;
  bool by_category = false;
};

// A photo as it is served: its bytes and their media type.
struct PhotoFile {
  std::string bytes;
  std::string media_type;
};

// At most this many photos per case, from everyone together.
inline constexpr int64_t kMaxPhotosPerCase = 9;

// A case an Open311 client finds, with the note of its latest resolution (what the lead unit fed
// back), "" when there is none.
struct FoundCase {
  CaseView view;
  std::string resolution;
};

struct RatesReport {
  RateCounts total;  // the unit's whole subtree
  std::vector<RateCounts> rows;
};

class RequestService {
 public:
  // Every reference must outlive the service.
  RequestService(const org::OrgService& org, storage::Database& db, const audit::Log& audit,
                 const Clock& clock, const privacy::Keyring& keyring,
                 const storage::FileStore& photos)
      : org_(org), db_(db), audit_(audit), clock_(clock), keyring_(keyring), photos_(photos) {}

  // The catalogue: active groups and leaves (and the inactive ones too when asked), by sort
  // order.
  Result<std::vector<Category>> categories(bool include_inactive = false) const;
  // The province administrator (requests:catalogue:manage over the whole province) changes a
  // category or group (names, time-limit class, handling level, questions, active) or adds one;
  // every field checked at once (check_category), a stale version a conflict, audited. Cases
  // already received keep their deadlines and answers.
  Result<Category> change_category(const Actor& actor, Category change,
                                   int64_t expected_version) const;
  Result<Category> add_category(const Actor& actor, Category category) const;

  // The days of `year` that differ from Monday to Friday.
  Result<std::vector<CalendarDay>> calendar(int year) const;
  // Replaces the year's days (requests:catalogue:manage over the whole province). Every day
  // checked at once, each in `year`. Deadlines set before keep their time. Audited.
  Result<std::vector<CalendarDay>> set_calendar(const Actor& actor, int year,
                                                const std::vector<CalendarDay>& days) const;

  // Staff intake (hotline, patrol; open311 for machine clients): the unit in the actor's scope
  // for requests:case:intake. A second case under a channel's external id is a conflict.
  Result<CaseDetail> submit(const Actor& actor, NewRequest request) const;
  // The same, answering the case alone: no timeline, photos or duplicate hint, which cost a
  // read transaction of five queries after the write. For machine clients that show nothing
  // more (Open311).
  Result<CaseView> submit_brief(const Actor& actor, NewRequest request) const;
  // The problems submit() would find in `request`, every one at once, registering nothing: for a
  // protocol adapter that finds problems of its own first (Open311) and names them all together.
  Status check_new(const Actor& actor, NewRequest request) const;
  // A case another module opens inside its own unit of work `s`, so that it commits or rolls
  // back with that module's rows (a home visit's finding): staff intake as submit() checks it,
  // registered in `s` with its timeline and audit entries. A second case under the channel's
  // external id is a conflict. `s` must be a session of this service's database inside write().
  Result<Case> open_within(storage::Session& s, const Actor& actor, NewRequest request) const;
  // The problems open_within() would find in `request`, every one at once, registering nothing.
  Status check_within(storage::Session& s, const Actor& actor, NewRequest request) const;
  // A resident's own request, in the unit of their resident role (or below it).
  Result<CaseDetail> submit_own(const Actor& actor, NewRequest request) const;

  // Newest first.
  Result<org::Page<CaseView>> list(const Actor& actor, const CaseQuery& query) const;

  // For machine clients (Open311, open311.hpp). The cases the actor reads (requests:case:read)
  // that match `search` (whose roots are set here), newest first; a bulk read, audited
  // (kAuditBulkRead) with how many were answered.
  Result<std::vector<FoundCase>> search(const Actor& actor, CaseSearch search) const;
  // The steps taken over [from, to] (timestamps) on the cases the actor reads, oldest first, at
  // most `limit`; audited likewise.
  Result<std::vector<CaseUpdate>> updates(const Actor& actor, const std::string& from,
                                          const std::string& to, int64_t limit) const;
  // The case the actor reads with this tracking code; not_found otherwise.
  Result<CaseView> find_by_tracking_code(const Actor& actor, const std::string& code) const;
  // The case the actor reads that `channel` registered under `external_id`; nullopt when there is
  // none or the actor cannot read it.
  Result<std::optional<CaseView>> find_external(const Actor& actor, const std::string& channel,
                                                const std::string& external_id) const;
  Result<org::Page<CaseView>> list_own(const Actor& actor, const org::PageRequest& page) const;
  Result<CaseDetail> get(const Actor& actor, int64_t id) const;
  Result<CaseDetail> get_own(const Actor& actor, int64_t id) const;

  // Takes a step on a case the actor can read, as their part in it allows.
  Result<CaseDetail> act(const Actor& actor, int64_t id, const Step& step) const;
  // The resident withdraws a request nobody has accepted yet.
  Result<CaseDetail> withdraw(const Actor& actor, int64_t id, int64_t version,
                              const std::string& note) const;

  // Adds a photo (photo.hpp: JPEG or PNG, encoded again without metadata) to a case that is not
  // closed, up to kMaxPhotosPerCase: staff with a part in the case (add_photo; staff who only
  // read it are forbidden), or the resident whose own request it is (add_own_photo). What is not
  // a photo is refused first; then a case the actor cannot see is not_found. The bytes are in
  // the photo folder before the row that names them commits. Audited.
  Result<Photo> add_photo(const Actor& actor, int64_t id, std::string_view upload) const;
  Result<Photo> add_own_photo(const Actor& actor, int64_t id, std::string_view upload) const;
  // A photo of a case, to those who may read the case (photo) or whose own request it is
  // (own_photo); not_found otherwise, as for the case.
  Result<PhotoFile> photo(const Actor& actor, int64_t id, int64_t photo_id) const;
  Result<PhotoFile> own_photo(const Actor& actor, int64_t id, int64_t photo_id) const;

  // The resident rates their resolved (or closed) case, once: it is closed; a bad rating
  // (不满意, 非常不满意) reopens it for a rectification due in kRectificationWorkingDays.
  Result<CaseDetail> rate(const Actor& actor, int64_t id, int64_t version, const std::string& score,
                          const std::string& comment) const;
  // The lead unit appeals a bad rating as mistaken or malicious, with a reason.
  Result<CaseDetail> appeal(const Actor& actor, int64_t id, const std::string& reason) const;
  // A unit above the lead unit decides a pending appeal; upheld, the rating no longer counts.
  Result<CaseDetail> decide_appeal(const Actor& actor, int64_t id, bool upheld,
                                   const std::string& note) const;

  // The three rates of a unit in the actor's scope for requests:case:read.
  Result<RatesReport> rates(const Actor& actor, const RatesQuery& query) const;
  // The counts of the three rates of every lead unit with cases received over China dates
  // [from, to] (YYYY-MM-DD), by code. No scope: for the indicator engine, which rolls them up
  // its dated tree and answers only units in its caller's scope.
  Result<std::vector<RateCounts>> rates_by_lead_unit(const std::string& from,
                                                     const std::string& to) const;

  // The to-dos (declaration.hpp): cases the actor's units must accept; open cases past a
  // deadline in the actor's scope.
  Result<int64_t> count_to_accept(const Actor& actor) const;
  Result<int64_t> count_overdue(const Actor& actor) const;

  // The escalation job: every open case past a deadline it was not escalated for gets an
  // escalation step naming the unit above its lead unit; how many. Running it again at once
  // finds nothing more (idempotent).
  Result<int64_t> escalate_overdue() const;

 private:
  std::optional<Role> role_in(const Actor& actor, const Case& c) const;
  bool readable(const Actor& actor, const Case& c) const;
  CaseView view_of(const Actor& actor, Case c, TimePoint now) const;
  Result<Case> checked_new(const Actor& actor, NewRequest& request, std::string_view permission,
                           storage::Session& s) const;
  // Registers a checked new case (its row, the first timeline entry, the audit entry); its id.
  Result<int64_t> insert(const Actor& actor, const Case& c, std::string_view permission) const;
  Result<int64_t> insert_in(storage::Session& s, const Actor& actor, const Case& c,
                            std::string_view permission) const;
  // The channels staff intake takes, or invalid.
  static Status check_staff_channel(const NewRequest& request);
  // submit()'s checks of the channel and the request, and the case registered.
  Result<Case> staff_intake(const Actor& actor, NewRequest& request) const;
  // Checks and registers a new case; it with its id.
  Result<Case> register_new(const Actor& actor, NewRequest& request,
                            std::string_view permission) const;
  // The province's code, or forbidden (saying `what`) unless the actor keeps the catalogue of
  // the whole province.
  Result<std::string> check_province_keeper(const Actor& actor, const Text& what) const;
  Result<CaseDetail> detail(storage::Session& s, const Actor& actor, Case c) const;
  // The duplicate hint of `c` for `actor` (CaseDetail::duplicates).
  Result<std::vector<NearbyCase>> duplicates_of(storage::Session& s, const Actor& actor,
                                                const Case& c) const;
  // The photo steps shared by staff and residents: whether the actor `sees` the case (else it is
  // not found) and whether it is theirs to add to (`adds`, else forbidden).
  Result<Photo> store_photo(const Actor& actor, int64_t id, std::string_view upload,
                            std::string_view permission,
                            const std::function<bool(const Case&)>& sees,
                            const std::function<bool(const Case&)>& adds) const;
  // `may`: whether the actor sees the case.
  Result<PhotoFile> read_photo(int64_t id, int64_t photo_id,
                               const std::function<bool(const Case&)>& may) const;
  Status check_target(const Actor& actor, Role role, const Case& c, const Step& step) const;
  // The rating step shared by appeal and decide_appeal: the case's rating as `change` leaves it,
  // with its timeline entry and audit row.
  Result<CaseDetail> change_appeal(const Actor& actor, int64_t id, Role needed,
                                   std::string_view permission,
                                   const std::function<Result<std::string>(Rating&)>& change) const;

  const org::OrgService& org_;
  storage::Database& db_;
  const audit::Log& audit_;
  const Clock& clock_;
  const privacy::Keyring& keyring_;
  const storage::FileStore& photos_;
};

}  // namespace shequ::requests
