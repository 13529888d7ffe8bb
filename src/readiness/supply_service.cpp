#include "readiness/supply_service.hpp"

#include <fmt/format.h>

#include <chrono>

#include "common/strings.hpp"
#include "readiness/declaration.hpp"

namespace shequ::readiness {

namespace {

Error supply_not_found() {
  return Error::not_found({"应急物资", "emergency supply"});
}

// What the audit log keeps of an item at each step: enough to tell its history.
std::string audit_detail(const Supply& s) {
  return fmt::format("{}: {} {}{}", s.name, s.quantity, s.measure,
                     s.expires_on ? ", " + *s.expires_on : std::string());
}

}  // namespace

SupplyService::SupplyService(const org::OrgService& org, storage::Database& db,
                             const audit::Log& audit, const Clock& clock)
    : org_(org), db_(db), audit_(audit), clock_(clock) {}

std::string SupplyService::today_plus(int64_t days) const {
  return china_date(clock_.now() + std::chrono::days(days));
}

Result<SupplyInput> SupplyService::validated(const Actor& actor, const SupplyInput& input) const {
  // Outside the caller's scope the unit is not there (404), whatever else is wrong.
  SHEQU_ASSIGN_OR_RETURN(const org::UnitView unit, org_.unit(actor, input.unit));
  SHEQU_TRY(org_.in_scope(actor, kSupplyWrite, input.unit));
  std::vector<FieldError> errors;
  SupplyInput out = input;
  const org::Level level = unit.unit.level;
  if (level < org::Level::county || level > org::Level::village) {
    errors.push_back({"unit",
                      {"应急物资由区县、乡镇（街道）或村（社区）储备",
                       "a county, township, village or community keeps supplies"}});
  }
  out.name = checked_text(input.name, "name", kMaxSupplyName, true, errors);
  if (!find_choice(supply_categories(), input.category)) {
    errors.push_back({"category", {"不是物资类别", "not a category of supplies"}});
  }
  if (input.quantity < 0 || input.quantity > kMaxQuantity) {
    errors.push_back({"quantity",
                      {fmt::format("数量应在 0 到 {} 之间", kMaxQuantity),
                       fmt::format("must be from 0 to {}", kMaxQuantity)}});
  }
  out.measure = checked_text(input.measure, "measure", kMaxMeasure, true, errors);
  out.place = checked_text(input.place, "place", kMaxSupplyPlace, false, errors);
  if (!input.expires_on.empty() && !is_valid_date(input.expires_on)) {
    errors.push_back({"expiresOn", {"不是有效的日期（YYYY-MM-DD）", "not a date (YYYY-MM-DD)"}});
  }
  out.note = checked_text(input.note, "note", kMaxSupplyNote, false, errors);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return out;
}

SupplyView SupplyService::view_of(Supply supply) const {
  const auto unit = org_.unit(supply.unit_code);
  SupplyView v;
  v.unit_name = unit ? unit->unit.name : supply.unit_code;
  if (supply.expires_on) {
    const auto today = parse_date(china_date(clock_.now()));
    v.days_left =
        std::chrono::duration_cast<std::chrono::days>(parse_date(*supply.expires_on) - today)
            .count();
    if (supply.quantity == 0) {
      v.expiry = Expiry::none;
    } else if (*v.days_left < 0) {
      v.expiry = Expiry::expired;
    } else if (*v.days_left <= kExpirySoonDays) {
      v.expiry = Expiry::expiring;
    } else {
      v.expiry = Expiry::ok;
    }
  }
  v.supply = std::move(supply);
  return v;
}

Result<Supply> SupplyService::visible(storage::Session& s, const Actor& actor, int64_t id) const {
  SHEQU_ASSIGN_OR_RETURN(auto supply, repository::find_supply(s, id));
  if (!supply || !org_.covers(actor, kSupplyRead, supply->unit_code)) return supply_not_found();
  return *supply;
}

Result<SupplyView> SupplyService::create(const Actor& actor, const SupplyInput& input) const {
  SHEQU_ASSIGN_OR_RETURN(const SupplyInput in, validated(actor, input));
  const std::string now = format_timestamp(clock_.now());
  Supply s;
  s.unit_code = in.unit;
  s.name = in.name;
  s.category = in.category;
  s.quantity = in.quantity;
  s.measure = in.measure;
  s.place = in.place;
  if (!in.expires_on.empty()) s.expires_on = in.expires_on;
  s.note = in.note;
  s.updated_by_name = actor.username;
  s.created_at = now;
  s.updated_at = now;
  return db_.write_value<SupplyView>([&](storage::Session& session) -> Result<SupplyView> {
    SHEQU_ASSIGN_OR_RETURN(s.id, repository::insert_supply(session, s));
    SHEQU_TRY(audit_.append(session, audit::who(actor, kSupplyWrite),
                            {std::string(kAuditSupplyCreate), "supply", std::to_string(s.id),
                             "success", audit_detail(s), s.unit_code}));
    return view_of(s);
  });
}

Result<SupplyView> SupplyService::update(const Actor& actor, int64_t id, int64_t version,
                                         const SupplyInput& input) const {
  SHEQU_ASSIGN_OR_RETURN(const SupplyInput in, validated(actor, input));
  return db_.write_value<SupplyView>([&](storage::Session& session) -> Result<SupplyView> {
    SHEQU_ASSIGN_OR_RETURN(Supply s, visible(session, actor, id));
    SHEQU_TRY(org_.in_scope(actor, kSupplyWrite, s.unit_code));
    if (in.unit != s.unit_code) {
      return Error::invalid("unit", {"物资的储备单位不能修改", "an item keeps its unit"});
    }
    s.name = in.name;
    s.category = in.category;
    s.quantity = in.quantity;
    s.measure = in.measure;
    s.place = in.place;
    s.expires_on = in.expires_on.empty() ? std::nullopt : std::optional(in.expires_on);
    s.note = in.note;
    s.updated_by_name = actor.username;
    s.updated_at = format_timestamp(clock_.now());
    SHEQU_ASSIGN_OR_RETURN(const bool changed, repository::update_supply(session, s, version));
    if (!changed) {
      return Error::conflict({"该物资已被他人修改，请刷新后重试",
                              "the item was changed meanwhile; reload and try again"});
    }
    s.version = version + 1;
    SHEQU_TRY(audit_.append(session, audit::who(actor, kSupplyWrite),
                            {std::string(kAuditSupplyUpdate), "supply", std::to_string(s.id),
                             "success", audit_detail(s), s.unit_code}));
    return view_of(s);
  });
}

Status SupplyService::remove(const Actor& actor, int64_t id, int64_t version) const {
  return db_.write([&](storage::Session& session) -> Status {
    SHEQU_ASSIGN_OR_RETURN(const Supply s, visible(session, actor, id));
    SHEQU_TRY(org_.in_scope(actor, kSupplyWrite, s.unit_code));
    SHEQU_ASSIGN_OR_RETURN(const bool removed, repository::delete_supply(session, id, version));
    if (!removed) {
      return Error::conflict({"该物资已被他人修改，请刷新后重试",
                              "the item was changed meanwhile; reload and try again"});
    }
    return audit_.append(session, audit::who(actor, kSupplyWrite),
                         {std::string(kAuditSupplyRemove), "supply", std::to_string(s.id),
                          "success", audit_detail(s), s.unit_code});
  });
}

Result<SupplyView> SupplyService::find(const Actor& actor, int64_t id) const {
  return db_.read_value<SupplyView>([&](storage::Session& s) -> Result<SupplyView> {
    SHEQU_ASSIGN_OR_RETURN(Supply supply, visible(s, actor, id));
    return view_of(std::move(supply));
  });
}

Result<org::Page<SupplyView>> SupplyService::list(const Actor& actor, const SupplyQuery& query,
                                                  const org::PageRequest& page) const {
  SupplyFilter filter;
  if (query.unit.empty()) {
    filter.roots = actor.roots_for(kSupplyRead);
  } else {
    SHEQU_TRY(org_.unit(actor, query.unit));
    SHEQU_TRY(org_.in_scope(actor, kSupplyRead, query.unit));
    filter.roots = {query.unit};
  }
  filter.category = query.category;
  if (query.expiry == ExpiryFilter::expiring) filter.expires_by = today_plus(query.days);
  if (query.expiry == ExpiryFilter::expired) {
    filter.expires_by = today_plus(0);
    filter.expired_only = true;
  }
  const SupplyOrder order =
      query.expiry == ExpiryFilter::any ? SupplyOrder::by_unit : SupplyOrder::by_expiry;
  return db_.read_value<org::Page<SupplyView>>(
      [&](storage::Session& s) -> Result<org::Page<SupplyView>> {
        SHEQU_ASSIGN_OR_RETURN(auto found, repository::list_supplies(s, filter, order, page));
        org::Page<SupplyView> out;
        out.total = found.total;
        for (Supply& supply : found.items) out.items.push_back(view_of(std::move(supply)));
        return out;
      });
}

Result<int64_t> SupplyService::count_expiring(const Actor& actor) const {
  SupplyFilter filter;
  filter.roots = actor.roots_for(kSupplyRead);
  filter.expires_by = today_plus(kExpirySoonDays);
  return db_.read_value<int64_t>(
      [&](storage::Session& s) { return repository::count_supplies(s, filter); });
}

}  // namespace shequ::readiness
