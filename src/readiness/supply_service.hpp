// Emergency supplies (应急物资): a county, township, village or community registers what its
// store keeps (an item, its category, how many of what measure, where, until when it is good),
// changes it as it is used or restocked (at the version read) and removes it once gone; the
// audit log keeps every step. The units above read the stores of their subtree; the expiry list
// puts first what expired or expires soonest, and the workbench counts it as a to-do.
//
// Every call checks the caller's scope on the server: an item or unit outside it is not_found.
// Thread-safe; what the constructor takes outlives the service.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "audit/audit_log.hpp"
#include "common/actor.hpp"
#include "common/clock.hpp"
#include "org/org_service.hpp"
#include "readiness/supply_repository.hpp"
#include "storage/database.hpp"

namespace shequ::readiness {

inline constexpr std::size_t kMaxSupplyName = 100;
inline constexpr std::size_t kMaxMeasure = 10;
inline constexpr std::size_t kMaxSupplyPlace = 200;
inline constexpr std::size_t kMaxSupplyNote = 500;
inline constexpr int64_t kMaxQuantity = 100'000'000;
// The expiry list's and the to-do's horizon: expired, or expiring within this many days.
inline constexpr int64_t kExpirySoonDays = 30;
inline constexpr int64_t kMaxExpiryDays = 3650;

struct SupplyInput {
  std::string unit;
  std::string name;
  std::string category;
  int64_t quantity = 0;
  std::string measure;
  std::string place;
  std::string expires_on;  // China date; "" when it does not expire
  std::string note;
};

// Where an item stands against today (China date): none (does not expire or none left), ok,
// expiring (within kExpirySoonDays), expired.
enum class Expiry { none, ok, expiring, expired };

struct SupplyView {
  Supply supply;
  std::string unit_name;
  Expiry expiry = Expiry::none;
  std::optional<int64_t> days_left;  // until its expiry date (negative: since); none: no date
};

// Which items a list holds by their expiry.
enum class ExpiryFilter {
  any,
  expiring,  // expired, or expiring within the days given
  expired,
};

struct SupplyQuery {
  std::string unit;  // its subtree; "" every unit of the caller's scope
  std::string category;
  ExpiryFilter expiry = ExpiryFilter::any;
  int64_t days = kExpirySoonDays;
};

class SupplyService {
 public:
  SupplyService(const org::OrgService& org, storage::Database& db, const audit::Log& audit,
                const Clock& clock);

  // Every field is checked at once.
  Result<SupplyView> create(const Actor& actor, const SupplyInput& input) const;
  // At `version`; its unit does not change.
  Result<SupplyView> update(const Actor& actor, int64_t id, int64_t version,
                            const SupplyInput& input) const;
  // Removes it at `version` (used up and no longer kept, or registered by mistake).
  Status remove(const Actor& actor, int64_t id, int64_t version) const;
  Result<SupplyView> find(const Actor& actor, int64_t id) const;
  // By unit, category and name; with an expiry filter, the soonest expiry first.
  Result<org::Page<SupplyView>> list(const Actor& actor, const SupplyQuery& query,
                                     const org::PageRequest& page) const;
  // The items in stock in scope that expired or expire within kExpirySoonDays: the to-do.
  Result<int64_t> count_expiring(const Actor& actor) const;

 private:
  Result<SupplyInput> validated(const Actor& actor, const SupplyInput& input) const;
  SupplyView view_of(Supply supply) const;
  Result<Supply> visible(storage::Session& s, const Actor& actor, int64_t id) const;
  std::string today_plus(int64_t days) const;

  const org::OrgService& org_;
  storage::Database& db_;
  const audit::Log& audit_;
  const Clock& clock_;
};

}  // namespace shequ::readiness
