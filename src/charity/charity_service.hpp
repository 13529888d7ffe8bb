// Charity funds (公益慈善): a street's, village's or community's fund takes money and goods given
// to it and gives them out, and its ledger is public. The ledger is append-only: an entry is
// never changed or removed, and a mistake is undone by a reversing entry. An outgoing (or the
// reversal of an income) that would take the fund's money or an item's stock below zero is
// refused in the statement that would write it, so two servers cannot overdraw a fund together.
// Donors' names and phones are sealed and shown masked; the public sees only the name a donor
// chose (anonymous by default), and no public text may hold an ID or mobile number.
//
// Every staff call checks the caller's scope on the server: an entry or fund outside it is
// not_found. Thread-safe; what the constructor takes outlives the service.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "charity/model.hpp"
#include "common/actor.hpp"
#include "common/clock.hpp"
#include "org/org_service.hpp"
#include "privacy/keyring.hpp"
#include "storage/database.hpp"

namespace shequ::charity {

inline constexpr int64_t kMaxAmountFen = 100'000'000'000;  // a billion yuan
inline constexpr int64_t kMaxQuantity = 1'000'000'000;
inline constexpr std::size_t kMaxItem = 50;
inline constexpr std::size_t kMaxItemUnit = 10;
inline constexpr std::size_t kMaxDonor = 50;
inline constexpr std::size_t kMaxPurpose = 200;
inline constexpr std::size_t kMaxDestination = 200;
inline constexpr std::size_t kMaxReason = 200;

struct EntryInput {
  std::string unit;  // a street, village or community
  std::string direction;
  std::string form;
  int64_t amount_fen = 0;    // money: the amount (> 0); goods: their estimated value (>= 0)
  std::string item;          // goods only
  int64_t quantity = 0;      // goods only
  std::string item_unit;     // goods only
  std::string donor_name;    // income only, optional: sealed
  std::string donor_phone;   // income only, optional: a mobile, sealed
  std::string donor_public;  // income only: the name shown to the public ("" anonymous)
  std::string purpose;       // income: what it is given for ("" any); outgoing: what for
  std::string destination;   // outgoing only: where it went
  std::string occurred_on;   // YYYY-MM-DD, not after today
};

struct EntryView {
  Entry entry;
  std::string unit_name;
  std::string donor_masked;  // "" when no name was given
};

struct FundView {
  Fund fund;
  std::string unit_name;
};

struct FundDetail {
  FundView fund;
  std::vector<Stock> stock;
};

struct Donor {
  std::string name;
  std::string phone;
};

// What the public page shows: no donor's sealed data, no staff names.
struct PublicLedger {
  FundView fund;
  std::vector<Stock> stock;
  org::Page<Entry> entries;  // newest first
};

class CharityService {
 public:
  CharityService(const org::OrgService& org, storage::Database& db, const audit::Log& audit,
                 const Clock& clock, const privacy::Keyring& keyring);

  // Records one entry; every field is checked at once. An outgoing beyond the balance or the
  // stock is refused on its amount or quantity, with what is left.
  Result<EntryView> record(const Actor& actor, const EntryInput& input) const;
  // Reverses entry `id` (neither a reversal nor reversed already) for a stated reason.
  Result<EntryView> correct(const Actor& actor, int64_t id, const std::string& reason) const;
  Result<EntryView> find(const Actor& actor, int64_t id) const;
  // Newest first; `unit` "" for the caller's scope.
  Result<org::Page<EntryView>> list(const Actor& actor, const std::string& unit,
                                    const EntryFilter& filter, const org::PageRequest& page) const;
  Result<org::Page<FundView>> funds(const Actor& actor, const std::string& unit,
                                    const org::PageRequest& page) const;
  // An empty fund (nothing recorded) for a unit in scope that has none yet.
  Result<FundDetail> fund(const Actor& actor, const std::string& unit) const;
  // The donor of an income in clear, for a stated reason; audited.
  Result<Donor> reveal_donor(const Actor& actor, int64_t id, const std::string& reason) const;

  // For anyone: the funds within `unit`'s subtree by unit code, a page at a time, and one fund's
  // public ledger (all zero for a township, village or community that has recorded nothing yet).
  Result<org::Page<FundView>> public_funds(const std::string& unit,
                                           const org::PageRequest& page) const;
  Result<PublicLedger> public_ledger(const std::string& unit, const org::PageRequest& page) const;

 private:
  Result<EntryInput> validated(const Actor& actor, const EntryInput& input) const;
  Result<Entry> visible(storage::Session& s, const Actor& actor, int64_t id) const;
  // Writes `entry` (its fund moved first, refusing an overdraft), with its audit entry.
  Result<EntryView> append(storage::Session& s, const Actor& actor, Entry entry,
                           std::string_view action, const std::string& detail) const;
  Result<EntryView> view(Entry entry) const;
  FundView fund_view(Fund fund) const;

  const org::OrgService& org_;
  storage::Database& db_;
  const audit::Log& audit_;
  const Clock& clock_;
  const privacy::Keyring& keyring_;
};

}  // namespace shequ::charity
