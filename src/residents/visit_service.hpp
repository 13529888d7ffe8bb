// Regular home visits (定期入户走访) for people: who must be visited how often (rules by tag, set
// by the province or a city), visits recorded by grid workers and community staff — sent again from
// a phone that was offline, a visit is kept once (its client key) — the care targets not visited
// this period, and the referrals to the township for a 低保 or 特困 assessment that a visit raises.
//
// Scope as in ResidentService: a person out of the caller's scope for the permission needed does
// not exist (not_found). A visit's note is sealed and shown only to those who record visits there.
// Thread-safe: holds references only; every call runs in its own transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "common/actor.hpp"
#include "common/clock.hpp"
#include "org/org_service.hpp"
#include "privacy/keyring.hpp"
#include "requests/request_service.hpp"
#include "residents/care.hpp"
#include "residents/model.hpp"
#include "residents/resident_repository.hpp"
#include "residents/resident_service.hpp"
#include "storage/database.hpp"

namespace shequ::residents {

inline constexpr std::size_t kMaxVisitNote = 1000;
// A visit may be recorded up to this many days after it took place (a phone offline for weeks).
inline constexpr int kMaxVisitAgeDays = 90;

struct NewVisit {
  std::string client_key;  // 8-64 letters, digits, '-' or '_', chosen by the recording device
  std::string visited_on;  // YYYY-MM-DD
  std::string met;         // visit_met()
  std::string health;      // visit_conditions()
  std::string living;      // visit_conditions()
  std::string safety;      // visit_safety()
  std::vector<std::string> needs;  // visit_needs()
  std::string note;
  std::optional<double> lat;  // where it was recorded, WGS 84; both or neither
  std::optional<double> lon;
  // A hardship found: the assessment to ask the township for (referral_kinds()), and why.
  std::optional<std::string> refer;
  std::string refer_reason;
  // A finding that needs action (a broken stair rail, a blocked lane): a request (诉求) of the
  // requests module to open, in the person's grid, on the patrol channel, with its category (a
  // leaf of the catalogue whose questions are all optional) and description. Opened with the
  // visit or not at all; the person is not named in it.
  struct Request {
    std::string category;
    std::string description;
  };
  std::optional<Request> request;
};

struct ReferralView {
  Referral value;
  PersonView person;
};

struct VisitView {
  Visit value;
  std::string note;                      // in clear for those who record visits there, else ""
  bool replayed = false;                 // the same visit sent again: nothing new was written
  std::optional<ReferralView> referral;  // the one this visit raised, when recorded
};

// A care target not visited in the current period.
struct OverdueTarget {
  PersonView person;
  int every_months = 1;
  std::string period_start;               // YYYY-MM-DD
  std::optional<std::string> last_visit;  // none: never visited
  int days_since = 0;  // since the last visit, or since the period began when never visited
};

// What a run of the monthly reminder did.
struct ReminderRun {
  std::string month;     // YYYY-MM: a month's reminders are left once
  int64_t reminded = 0;  // accounts left a reminder by this run
  int64_t targets = 0;   // the targets those reminders count
};

struct EffectiveRule {
  std::string tag;
  int every_months = 0;
  std::string set_at;  // the unit whose rule holds; "" for the default
};

class VisitService {
 public:
  // Every reference must outlive the service.
  VisitService(const org::OrgService& org, storage::Database& db, const audit::Log& audit,
               const Clock& clock, const privacy::Keyring& keyring,
               const ResidentService& residents, const requests::RequestService& requests);

  // A new visit; the same client key sent again for the same person and day answers the visit
  // already kept (replayed); for another visit, conflict (field key). The request it opens, if
  // any, is checked with the visit (its problems named request.<field>) and registered in the
  // same transaction; opening one needs requests:case:intake over the person's grid.
  Result<VisitView> record(const Actor& actor, int64_t person, const NewVisit& input) const;
  // A person's visits, newest first (at most 100). Audited.
  Result<std::vector<VisitView>> visits(const Actor& actor, int64_t person) const;
  // The care targets in scope (within `unit` when given) not visited in the period holding today,
  // longest unvisited first.
  Result<org::Page<OverdueTarget>> overdue(const Actor& actor,
                                           const std::optional<std::string>& unit,
                                           const org::PageRequest& page) const;
  Result<int64_t> count_overdue(const Actor& actor) const;
  // The monthly reminder (a job, every day): from the kReminderDay of a month (China date `date`,
  // YYYY-MM-DD) on, each active grid worker whose grids under `root` hold care targets not visited
  // in the period holding `date` is left a message (inbox) saying how many, once a month; before
  // that day nothing is left. Precondition: is_valid_date(date).
  Result<ReminderRun> remind_overdue(const std::string& root, const std::string& date) const;

  // The rules that hold at a unit (for a unit below a city: its city's).
  Result<std::vector<EffectiveRule>> care_rules(const Actor& actor, const std::string& unit) const;
  // The province's or a city's own rules replaced; the rules that then hold there.
  Result<std::vector<EffectiveRule>> set_care_rules(const Actor& actor, const std::string& unit,
                                                    const std::vector<CareRule>& rules) const;

  Result<org::Page<ReferralView>> referrals(const Actor& actor, const std::string& status,
                                            const org::PageRequest& page) const;
  // The township moves a referral on: under_assessment, then granted or refused (with a reason).
  Result<ReferralView> decide(const Actor& actor, int64_t id, int64_t version,
                              const std::string& status, const std::string& reason) const;
  Result<int64_t> count_open_referrals(const Actor& actor) const;

  // Indicator 12 over [first_day, last_day] for every village or community with special-hardship
  // elderly: for the indicator engine, which scopes its readers itself. A person who moved
  // between units within the month counts in both.
  Result<std::vector<VisitRate>> monthly_visits(const std::string& first_day,
                                                const std::string& last_day) const;

 private:
  VisitView view_of(const Actor& actor, Visit visit) const;
  // An overdue target before its person is read: what the list is sorted by. Small, as a
  // district has tens of thousands.
  struct Due {
    int64_t person_id = 0;
    std::string grid_code;
    int every_months = 1;
    std::string period_start;
    std::optional<std::string> last_visit;
    int days_since = 0;
  };
  // Every overdue target, sorted: never visited first, then the longest since; ties by person.
  Result<std::vector<Due>> all_overdue(const Actor& actor,
                                       const std::optional<std::string>& unit) const;
  // The same over a filter's roots (and unit), on China date `now_date`.
  Result<std::vector<Due>> overdue_under(const repository::Filter& filter,
                                         const std::string& now_date) const;
  std::string today() const;

  const org::OrgService& org_;
  storage::Database& db_;
  const audit::Log& audit_;
  const Clock& clock_;
  const privacy::Keyring& keyring_;
  const ResidentService& residents_;
  const requests::RequestService& requests_;
};

// The province and the city of a unit by its code (GB/T 2260: 62…, 6201…).
std::string province_of(std::string_view code);
std::string city_of(std::string_view code);
std::string township_of(std::string_view code);

}  // namespace shequ::residents
