#include "charity/charity_service.hpp"

#include <fmt/format.h>

#include "charity/declaration.hpp"
#include "common/money.hpp"
#include "common/strings.hpp"
#include "privacy/validators.hpp"

namespace shequ::charity {

namespace {

Error entry_not_found() {
  return Error::not_found({"慈善收支记录", "charity entry"});
}

Error fund_not_found() {
  return Error::not_found({"慈善基金", "charity fund"});
}

}  // namespace

CharityService::CharityService(const org::OrgService& org, storage::Database& db,
                               const audit::Log& audit, const Clock& clock,
                               const privacy::Keyring& keyring)
    : org_(org), db_(db), audit_(audit), clock_(clock), keyring_(keyring) {}

Result<EntryInput> CharityService::validated(const Actor& actor, const EntryInput& input) const {
  SHEQU_ASSIGN_OR_RETURN(const org::UnitView unit, org_.unit(actor, input.unit));
  SHEQU_TRY(org_.in_scope(actor, kEntryWrite, input.unit));
  std::vector<FieldError> errors;
  EntryInput out = input;
  if (unit.unit.level != org::Level::township && unit.unit.level != org::Level::village) {
    errors.push_back({"unit",
                      {"慈善基金设在乡镇（街道）或村（社区）",
                       "a charity fund is a township's, a village's or a community's"}});
  }
  const bool income = input.direction == kIncome;
  const bool money = input.form == kMoney;
  if (!find_choice(directions(), input.direction)) {
    errors.push_back({"direction", {"不是可选的值", "not a choice"}});
  }
  if (!find_choice(forms(), input.form))
    errors.push_back({"form", {"不是可选的值", "not a choice"}});
  if (money) {
    if (input.amount_fen < 1 || input.amount_fen > kMaxAmountFen) {
      errors.push_back(
          {"amountFen",
           {"金额应大于 0 且不超过 10 亿元", "more than 0 and at most a billion yuan"}});
    }
    if (!input.item.empty() || !input.item_unit.empty() || input.quantity != 0) {
      errors.push_back({"item", {"资金收支不填物资", "money carries no goods"}});
    }
  } else {
    if (input.amount_fen < 0 || input.amount_fen > kMaxAmountFen) {
      errors.push_back(
          {"amountFen", {"估值应在 0 至 10 亿元之间", "a value from 0 to a billion yuan"}});
    }
    if (input.quantity < 1 || input.quantity > kMaxQuantity) {
      errors.push_back({"quantity", {"数量应为正整数", "a whole number of 1 and up"}});
    }
    out.item = privacy::checked_public_text(input.item, "item", kMaxItem, true, errors);
    out.item_unit =
        privacy::checked_public_text(input.item_unit, "itemUnit", kMaxItemUnit, true, errors);
  }
  if (income) {
    out.donor_name = checked_text(input.donor_name, "donorName", kMaxDonor, false, errors);
    if (!input.donor_phone.empty()) {
      const Status phone = privacy::validate_mobile(input.donor_phone, "donorPhone");
      if (!phone) errors.push_back(phone.error().details.front());
    }
    out.donor_public =
        privacy::checked_public_text(input.donor_public, "donorPublic", kMaxDonor, false, errors);
    out.purpose =
        privacy::checked_public_text(input.purpose, "purpose", kMaxPurpose, false, errors);
    if (!input.destination.empty()) {
      errors.push_back({"destination", {"收入不填去向", "an income has no destination"}});
    }
  } else {
    if (!input.donor_name.empty() || !input.donor_phone.empty() || !input.donor_public.empty()) {
      errors.push_back({"donorName", {"支出不填捐赠人", "an outgoing has no donor"}});
    }
    out.purpose = privacy::checked_public_text(input.purpose, "purpose", kMaxPurpose, true, errors);
    out.destination = privacy::checked_public_text(input.destination, "destination",
                                                   kMaxDestination, true, errors);
  }
  const std::string today = china_date(clock_.now());
  if (!is_valid_date(input.occurred_on) || input.occurred_on > today ||
      input.occurred_on < "2000-01-01") {
    errors.push_back(
        {"occurredOn",
         {"日期应为 2000 年以后、不晚于今天的日期", "a date from 2000 and not after today"}});
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return out;
}

FundView CharityService::fund_view(Fund fund) const {
  const auto unit = org_.unit(fund.unit_code);
  std::string name = unit ? unit->unit.name : fund.unit_code;
  return {std::move(fund), std::move(name)};
}

Result<EntryView> CharityService::view(Entry entry) const {
  EntryView out;
  if (entry.donor_sealed) {
    SHEQU_ASSIGN_OR_RETURN(const std::string name,
                           keyring_.open(*entry.donor_sealed, kDonorContext));
    out.donor_masked = privacy::mask_name(name);
  }
  const auto unit = org_.unit(entry.unit_code);
  out.unit_name = unit ? unit->unit.name : entry.unit_code;
  out.entry = std::move(entry);
  return out;
}

Result<Entry> CharityService::visible(storage::Session& s, const Actor& actor, int64_t id) const {
  SHEQU_ASSIGN_OR_RETURN(auto entry, repository::find_entry(s, id));
  if (!entry || !org_.covers(actor, kEntryRead, entry->unit_code)) return entry_not_found();
  return std::move(*entry);
}

Result<EntryView> CharityService::append(storage::Session& s, const Actor& actor, Entry e,
                                         std::string_view action, const std::string& detail) const {
  const bool income = e.direction == kIncome;
  const std::string now = e.created_at;
  SHEQU_TRY(repository::ensure_fund(s, e.unit_code, now));
  const int64_t money = e.form == kMoney ? (income ? e.amount_fen : -e.amount_fen) : 0;
  SHEQU_ASSIGN_OR_RETURN(const auto fund, repository::move_money(s, e.unit_code, money, now));
  if (!fund) {
    SHEQU_ASSIGN_OR_RETURN(const auto current, repository::find_fund(s, e.unit_code));
    const std::string left = yuan_of_fen(current ? current->balance_fen : 0);
    return Error::invalid(
        "amountFen",
        {fmt::format("基金余额只有 {} 元，不能支出 {} 元", left, yuan_of_fen(e.amount_fen)),
         fmt::format("the fund holds only {} yuan, not {}", left, yuan_of_fen(e.amount_fen))});
  }
  e.seq = fund->entries;
  e.balance_after_fen = fund->balance_fen;
  if (e.form == kGoods) {
    SHEQU_ASSIGN_OR_RETURN(const auto stock,
                           repository::move_stock(s, e.unit_code, e.item, e.item_unit,
                                                  income ? e.quantity : -e.quantity));
    if (!stock) {
      SHEQU_ASSIGN_OR_RETURN(const std::vector<Stock> all, repository::stock_of(s, e.unit_code));
      int64_t left = 0;
      for (const Stock& st : all) {
        if (st.item == e.item && st.item_unit == e.item_unit) left = st.quantity;
      }
      return Error::invalid("quantity", {fmt::format("{}的库存只有 {} {}，不能支出 {} {}", e.item,
                                                     left, e.item_unit, e.quantity, e.item_unit),
                                         fmt::format("only {} {} of {} in stock, not {}", left,
                                                     e.item_unit, e.item, e.quantity)});
    }
    e.stock_after = *stock;
  }
  SHEQU_ASSIGN_OR_RETURN(e.id, repository::insert_entry(s, e));
  SHEQU_TRY(audit_.append(s, audit::who(actor, kEntryWrite),
                          {std::string(action), "charity_entry", std::to_string(e.id), "success",
                           detail, e.unit_code}));
  return view(std::move(e));
}

Result<EntryView> CharityService::record(const Actor& actor, const EntryInput& input) const {
  SHEQU_ASSIGN_OR_RETURN(const EntryInput in, validated(actor, input));
  Entry e;
  e.unit_code = in.unit;
  e.direction = in.direction;
  e.form = in.form;
  e.amount_fen = in.amount_fen;
  e.item = in.item;
  e.quantity = in.quantity;
  e.item_unit = in.item_unit;
  if (!in.donor_name.empty()) e.donor_sealed = keyring_.seal(in.donor_name, kDonorContext);
  if (!in.donor_phone.empty()) {
    e.donor_phone_sealed = keyring_.seal(in.donor_phone, kDonorPhoneContext);
  }
  e.donor_public = in.donor_public;
  e.purpose = in.purpose;
  e.destination = in.destination;
  e.occurred_on = in.occurred_on;
  if (actor.user_id > 0) e.recorded_by = actor.user_id;
  e.recorded_by_name = actor.username;
  e.created_at = format_timestamp(clock_.now());
  const std::string detail =
      e.form == kMoney ? fmt::format("{} {} yuan", e.direction, yuan_of_fen(e.amount_fen))
                       : fmt::format("{} {} {} {}", e.direction, e.quantity, e.item_unit, e.item);
  return db_.write_value<EntryView>([&](storage::Session& s) -> Result<EntryView> {
    return append(s, actor, e, kAuditEntry, detail);
  });
}

Result<EntryView> CharityService::correct(const Actor& actor, int64_t id,
                                          const std::string& reason) const {
  SHEQU_TRY(privacy::validate_reveal_reason(reason, kMaxReason));
  std::vector<FieldError> errors;
  const std::string note = checked_text(reason, "reason", kMaxReason, true, errors);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return db_.write_value<EntryView>([&](storage::Session& s) -> Result<EntryView> {
    SHEQU_ASSIGN_OR_RETURN(const Entry original, visible(s, actor, id));
    SHEQU_TRY(org_.in_scope(actor, kEntryWrite, original.unit_code));
    if (original.corrects_id) {
      return Error::conflict({"冲正记录不能再冲正；请重新登记正确的收支",
                              "a reversal is not reversed; record the right entry instead"});
    }
    if (original.corrected_by) {
      return Error::conflict({"该记录已冲正", "this entry is reversed already"});
    }
    Entry e;
    e.unit_code = original.unit_code;
    e.direction = std::string(original.direction == kIncome ? kOutgoing : kIncome);
    e.form = original.form;
    e.amount_fen = original.amount_fen;
    e.item = original.item;
    e.quantity = original.quantity;
    e.item_unit = original.item_unit;
    e.donor_public = original.donor_public;
    e.purpose = original.purpose;
    e.destination = original.destination;
    e.occurred_on = china_date(clock_.now());
    e.corrects_id = original.id;
    e.corrects_seq = original.seq;
    e.note = note;
    if (actor.user_id > 0) e.recorded_by = actor.user_id;
    e.recorded_by_name = actor.username;
    e.created_at = format_timestamp(clock_.now());
    return append(s, actor, std::move(e), kAuditCorrect,
                  fmt::format("entry {} (no. {}): {}", original.id, original.seq, note));
  });
}

Result<EntryView> CharityService::find(const Actor& actor, int64_t id) const {
  SHEQU_ASSIGN_OR_RETURN(Entry entry, db_.read_value<Entry>([&](storage::Session& s) {
    return visible(s, actor, id);
  }));
  return view(std::move(entry));
}

Result<org::Page<EntryView>> CharityService::list(const Actor& actor, const std::string& unit,
                                                  const EntryFilter& filter,
                                                  const org::PageRequest& page) const {
  EntryFilter f = filter;
  // A fund asked for by name is checked against the scope as a unit would be.
  const std::string root = unit.empty() ? filter.fund : unit;
  SHEQU_ASSIGN_OR_RETURN(
      f.roots, org_.list_roots(actor, kEntryRead,
                               root.empty() ? std::nullopt : std::optional<std::string>(root)));
  SHEQU_ASSIGN_OR_RETURN(auto found, db_.read_value<org::Page<Entry>>([&](storage::Session& s) {
    return repository::list_entries(s, f, page);
  }));
  org::Page<EntryView> out;
  out.total = found.total;
  for (Entry& e : found.items) {
    SHEQU_ASSIGN_OR_RETURN(EntryView v, view(std::move(e)));
    out.items.push_back(std::move(v));
  }
  return out;
}

Result<org::Page<FundView>> CharityService::funds(const Actor& actor, const std::string& unit,
                                                  const org::PageRequest& page) const {
  SHEQU_ASSIGN_OR_RETURN(
      const std::vector<std::string> roots,
      org_.list_roots(actor, kEntryRead,
                      unit.empty() ? std::nullopt : std::optional<std::string>(unit)));
  SHEQU_ASSIGN_OR_RETURN(auto found, db_.read_value<org::Page<Fund>>([&](storage::Session& s) {
    return repository::list_funds(s, roots, page);
  }));
  org::Page<FundView> out;
  out.total = found.total;
  for (Fund& f : found.items) out.items.push_back(fund_view(std::move(f)));
  return out;
}

Result<FundDetail> CharityService::fund(const Actor& actor, const std::string& unit) const {
  SHEQU_TRY(org_.unit(actor, unit));
  SHEQU_TRY(org_.in_scope(actor, kEntryRead, unit));
  return db_.read_value<FundDetail>([&](storage::Session& s) -> Result<FundDetail> {
    SHEQU_ASSIGN_OR_RETURN(auto fund, repository::find_fund(s, unit));
    FundDetail out;
    SHEQU_ASSIGN_OR_RETURN(out.stock, repository::stock_of(s, unit));
    // A unit whose books hold nothing yet has an empty fund to show, not none.
    out.fund = fund_view(fund ? std::move(*fund) : Fund{.unit_code = unit});
    return out;
  });
}

Result<Donor> CharityService::reveal_donor(const Actor& actor, int64_t id,
                                           const std::string& reason) const {
  SHEQU_TRY(privacy::validate_reveal_reason(reason, kMaxReason));
  return db_.write_value<Donor>([&](storage::Session& s) -> Result<Donor> {
    SHEQU_ASSIGN_OR_RETURN(const Entry e, visible(s, actor, id));
    SHEQU_TRY(org_.in_scope(actor, kDonorReveal, e.unit_code));
    Donor donor;
    if (e.donor_sealed) {
      SHEQU_ASSIGN_OR_RETURN(donor.name, keyring_.open(*e.donor_sealed, kDonorContext));
    }
    if (e.donor_phone_sealed) {
      SHEQU_ASSIGN_OR_RETURN(donor.phone, keyring_.open(*e.donor_phone_sealed, kDonorPhoneContext));
    }
    SHEQU_TRY(audit_.append(s, audit::who(actor, kDonorReveal),
                            {std::string(kAuditReveal), "charity_entry", std::to_string(id),
                             "success", reason, e.unit_code}));
    return donor;
  });
}

Result<org::Page<FundView>> CharityService::public_funds(const std::string& unit,
                                                         const org::PageRequest& page) const {
  SHEQU_TRY(org_.unit(unit));
  const std::vector<std::string> roots{unit};
  SHEQU_ASSIGN_OR_RETURN(auto found, db_.read_value<org::Page<Fund>>([&](storage::Session& s) {
    return repository::list_funds(s, roots, page);
  }));
  org::Page<FundView> out;
  out.total = found.total;
  for (Fund& f : found.items) out.items.push_back(fund_view(std::move(f)));
  return out;
}

Result<PublicLedger> CharityService::public_ledger(const std::string& unit,
                                                   const org::PageRequest& page) const {
  SHEQU_ASSIGN_OR_RETURN(const org::UnitView found, org_.unit(unit));
  return db_.read_value<PublicLedger>([&](storage::Session& s) -> Result<PublicLedger> {
    SHEQU_ASSIGN_OR_RETURN(auto fund, repository::find_fund(s, unit));
    // A unit that may keep a fund and has recorded nothing shows an empty one, as residents
    // would expect of their community; other units have none.
    if (!fund && found.unit.level != org::Level::township &&
        found.unit.level != org::Level::village) {
      return fund_not_found();
    }
    PublicLedger out;
    SHEQU_ASSIGN_OR_RETURN(out.stock, repository::stock_of(s, unit));
    SHEQU_ASSIGN_OR_RETURN(out.entries, repository::list_entries(s, {{unit}, unit, "", ""}, page));
    out.fund = fund_view(fund ? std::move(*fund) : Fund{.unit_code = unit});
    return out;
  });
}

}  // namespace shequ::charity
