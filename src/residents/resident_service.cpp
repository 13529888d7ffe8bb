#include "residents/resident_service.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "common/geo.hpp"
#include "common/strings.hpp"
#include "privacy/validators.hpp"
#include "residents/checks.hpp"
#include "residents/declaration.hpp"
#include "residents/resident_repository.hpp"

namespace shequ::residents {

namespace {

Error household_not_found(const std::string& field = "") {
  Error error = Error::not_found({"未找到该户", "no such household"});
  if (!field.empty()) error.details.push_back({field, {"未找到该户", "no such household"}});
  return error;
}

Error changed_since() {
  return Error::conflict({"该居民信息已被他人修改，请刷新后重试",
                          "the record was changed by someone else; reload and try again"});
}

std::string detail_of(const Person& p) {
  return fmt::format("household {}", p.household_id ? std::to_string(*p.household_id) : "none");
}

}  // namespace

ResidentService::ResidentService(const org::OrgService& org, storage::Database& db,
                                 const audit::Log& audit, const Clock& clock,
                                 const privacy::Keyring& keyring)
    : org_(org), db_(db), audit_(audit), clock_(clock), keyring_(keyring) {}

std::string ResidentService::today() const {
  return china_date(clock_.now());
}

Result<std::string> ResidentService::open(const std::optional<std::string>& sealed,
                                          std::string_view context) const {
  if (!sealed) return std::string();
  return keyring_.open(*sealed, context);
}

PersonView ResidentService::view_of(const Actor& actor, Person person) const {
  const bool sensitive = org_.covers(actor, kSensitiveTags, person.grid_code);
  std::erase_if(person.tags, [&](const Tag& t) {
    const TagKind* kind = find_tag_kind(t.key);
    return kind == nullptr || (kind->sensitive && !sensitive);
  });
  PersonView view;
  const auto masked = [&](const std::optional<std::string>& sealed, std::string_view context,
                          std::string (*mask)(std::string_view)) -> std::string {
    auto clear = open(sealed, context);
    return clear && !clear->empty() ? mask(*clear) : std::string();
  };
  view.name = masked(person.name_sealed, kNameContext, privacy::mask_name);
  view.id_number = masked(person.id_number_sealed, kIdNumberContext, privacy::mask_resident_id);
  view.phone = masked(person.phone_sealed, kPhoneContext, privacy::mask_mobile);
  view.value = std::move(person);
  return view;
}

Result<HouseholdView> ResidentService::household_view(storage::Session& s,
                                                      const Household& h) const {
  HouseholdView view;
  SHEQU_ASSIGN_OR_RETURN(std::string address, open(h.address_sealed, kAddressContext));
  view.address = privacy::mask_address(address);
  SHEQU_ASSIGN_OR_RETURN(auto members, repository::members(s, h.id));
  view.members = static_cast<int64_t>(members.size());
  view.value = h;
  return view;
}

Result<Household> ResidentService::readable_household(storage::Session& s, const Actor& actor,
                                                      int64_t id, std::string_view permission,
                                                      const std::string& field) const {
  SHEQU_ASSIGN_OR_RETURN(auto found, repository::find_household(s, id));
  if (!found || !org_.covers(actor, permission, found->grid_code)) {
    return household_not_found(field);
  }
  return std::move(*found);
}

Result<Person> ResidentService::readable_person(storage::Session& s, const Actor& actor, int64_t id,
                                                std::string_view permission) const {
  SHEQU_ASSIGN_OR_RETURN(auto found, repository::find_person(s, id));
  if (!found || !org_.covers(actor, permission, found->grid_code)) return person_not_found();
  return std::move(*found);
}

Result<PersonDetail> ResidentService::detail(storage::Session& s, const Actor& actor,
                                             int64_t id) const {
  SHEQU_ASSIGN_OR_RETURN(Person p, readable_person(s, actor, id, kPersonRead));
  PersonDetail out;
  SHEQU_ASSIGN_OR_RETURN(auto stays, repository::memberships(s, id));
  for (const Membership& m : stays) {
    SHEQU_ASSIGN_OR_RETURN(auto h, repository::find_household(s, m.household_id));
    if (!h) return Error::internal(fmt::format("stay {} names no household", m.id));
    SHEQU_ASSIGN_OR_RETURN(HouseholdView hv, household_view(s, *h));
    if (!m.moved_out) out.household = hv;
    out.history.push_back({m, std::move(hv)});
  }
  out.view = view_of(actor, std::move(p));
  return out;
}

// ---- households ------------------------------------------------------------------------------

Result<HouseholdView> ResidentService::create_household(const Actor& actor,
                                                        const NewHousehold& input) const {
  std::vector<FieldError> errors;
  check_household(errors, input);
  const auto grid = org_.unit(input.grid);
  if (!grid || grid->unit.level != org::Level::grid) {
    errors.push_back({"gridCode", {"应为一个网格的编码", "must be the code of a grid"}});
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  SHEQU_TRY(org_.in_scope(actor, kPersonWrite, input.grid));
  Household h =
      sealed_household(keyring_, input, grid->unit.parent_code, format_timestamp(clock_.now()));
  return db_.write_value<HouseholdView>([&](storage::Session& s) -> Result<HouseholdView> {
    SHEQU_ASSIGN_OR_RETURN(h.id, repository::insert_household(s, h));
    SHEQU_TRY(audit_.append(s, audit::who(actor, kPersonWrite),
                            {std::string(kAuditHouseholdCreate), "household", std::to_string(h.id),
                             "success", "", h.grid_code}));
    HouseholdView view;
    view.value = h;
    view.address = privacy::mask_address(input.address);
    return view;
  });
}

Result<org::Page<HouseholdView>> ResidentService::households(const Actor& actor,
                                                             const std::optional<std::string>& unit,
                                                             const org::PageRequest& page) const {
  if (unit) SHEQU_TRY(org_.in_scope(actor, kPersonRead, *unit));
  repository::Filter filter{actor.roots_for(kPersonRead), unit};
  return db_.read_value<org::Page<HouseholdView>>(
      [&](storage::Session& s) -> Result<org::Page<HouseholdView>> {
        SHEQU_ASSIGN_OR_RETURN(auto found, repository::list_households(s, filter, page));
        org::Page<HouseholdView> out;
        out.total = found.total;
        for (auto& [h, members] : found.items) {
          SHEQU_ASSIGN_OR_RETURN(std::string address, open(h.address_sealed, kAddressContext));
          out.items.push_back({std::move(h), privacy::mask_address(address), members});
        }
        return out;
      });
}

Result<HouseholdDetail> ResidentService::household(const Actor& actor, int64_t id) const {
  return db_.write_value<HouseholdDetail>([&](storage::Session& s) -> Result<HouseholdDetail> {
    SHEQU_ASSIGN_OR_RETURN(Household h, readable_household(s, actor, id, kPersonRead));
    HouseholdDetail out;
    SHEQU_ASSIGN_OR_RETURN(out.household, household_view(s, h));
    SHEQU_ASSIGN_OR_RETURN(auto members, repository::members(s, id));
    for (Person& p : members) out.members.push_back(view_of(actor, std::move(p)));
    SHEQU_TRY(
        audit_.append(s, audit::who(actor, kPersonRead),
                      {std::string(kAuditHouseholdRead), "household", std::to_string(id), "success",
                       fmt::format("{} members", out.members.size()), h.grid_code}));
    return out;
  });
}

// ---- people ----------------------------------------------------------------------------------

Result<PersonDetail> ResidentService::register_person(const Actor& actor,
                                                      const NewPerson& input) const {
  const std::string now_date = today();
  std::vector<FieldError> errors;
  return db_.write_value<PersonDetail>([&](storage::Session& s) -> Result<PersonDetail> {
    // A household out of scope is not there: not_found, as for every object out of scope.
    SHEQU_ASSIGN_OR_RETURN(Household household, readable_household(s, actor, input.household,
                                                                   kPersonWrite, "householdId"));
    const std::string birth = check_person(errors, input, now_date,
                                           org_.covers(actor, kSensitiveTags, household.grid_code));
    if (input.relation == kHead) {
      SHEQU_ASSIGN_OR_RETURN(auto head, repository::current_head(s, household.id));
      if (head) errors.push_back({"relation", {"该户已有户主", "the household has a head"}});
    }
    if (!errors.empty()) return Error::invalid(errors);
    const std::string index = keyring_.blind_index(input.id_number, kIdNumberContext);
    SHEQU_ASSIGN_OR_RETURN(auto existing, repository::find_person_by_id_number(s, index));
    if (existing) {
      const auto unit = org_.unit(existing->unit_code);
      const std::string where = unit ? unit->unit.name : existing->unit_code;
      const bool visible = org_.covers(actor, kPersonRead, existing->grid_code);
      Error error = Error::conflict(
          {visible ? fmt::format("该身份证号码已登记在{}（居民编号 {}）", where, existing->id)
                   : fmt::format("该身份证号码已登记在{}", where),
           visible ? fmt::format("this ID number is registered in {} (resident {})", where,
                                 existing->id)
                   : fmt::format("this ID number is registered in {}", where)});
      error.details.push_back({"idNumber", error.message});
      return error;
    }
    Person p =
        sealed_person(keyring_, input, household, index, birth, format_timestamp(clock_.now()));
    SHEQU_ASSIGN_OR_RETURN(p.id, repository::insert_person(s, p));
    SHEQU_TRY(repository::insert_membership(
        s, {0, p.id, household.id, input.relation, input.moved_in, std::nullopt}));
    SHEQU_TRY(audit_.append(s, audit::who(actor, kPersonWrite),
                            {std::string(kAuditPersonCreate), "resident", std::to_string(p.id),
                             "success", detail_of(p), p.grid_code}));
    return detail(s, actor, p.id);
  });
}

Result<org::Page<PersonView>> ResidentService::people(const Actor& actor,
                                                      const PersonQuery& query) const {
  if (query.unit) SHEQU_TRY(org_.in_scope(actor, kPersonRead, *query.unit));
  if (!query.tag.empty()) {
    const TagKind* kind = find_tag_kind(query.tag);
    if (kind == nullptr) return Error::invalid("tag", {"未知的标签", "unknown tag"});
    // Filtering by a tag one may not see would tell who carries it.
    if (kind->sensitive) {
      const std::string root = query.unit.value_or("");
      const bool allowed = query.unit
                               ? org_.covers(actor, kSensitiveTags, root)
                               : actor.roots_for(kSensitiveTags) == actor.roots_for(kPersonRead);
      if (!allowed)
        return Error::invalid("tag", {"无权按该标签筛选", "you may not filter by this tag"});
    }
  }
  repository::Filter filter{actor.roots_for(kPersonRead), query.unit, query.tag,
                            query.include_moved_out};
  return db_.read_value<org::Page<PersonView>>(
      [&](storage::Session& s) -> Result<org::Page<PersonView>> {
        SHEQU_ASSIGN_OR_RETURN(auto found, repository::list_people(s, filter, query.page));
        org::Page<PersonView> out;
        out.total = found.total;
        for (Person& p : found.items) out.items.push_back(view_of(actor, std::move(p)));
        return out;
      });
}

Result<std::vector<PersonView>> ResidentService::find(const Actor& actor,
                                                      const std::string& id_number,
                                                      const std::string& phone) const {
  if (id_number.empty() == phone.empty()) {
    return Error::invalid("idNumber",
                          {"请给出身份证号码或电话之一", "give an ID number or a phone"});
  }
  const std::vector<std::string> roots = actor.roots_for(kPersonRead);
  return db_.write_value<std::vector<PersonView>>(
      [&](storage::Session& s) -> Result<std::vector<PersonView>> {
        std::vector<Person> found;
        if (!id_number.empty()) {
          SHEQU_ASSIGN_OR_RETURN(auto one,
                                 repository::find_person_by_id_number(
                                     s, keyring_.blind_index(id_number, kIdNumberContext)));
          if (one && org_.covers(actor, kPersonRead, one->grid_code)) found.push_back(*one);
        } else {
          SHEQU_ASSIGN_OR_RETURN(found, repository::find_people_by_phone(
                                            s, keyring_.blind_index(phone, kPhoneContext), roots));
        }
        std::vector<PersonView> out;
        for (Person& p : found) out.push_back(view_of(actor, std::move(p)));
        SHEQU_TRY(audit_.append(
            s, audit::who(actor, kPersonRead),
            {std::string(kAuditPersonSearch), "resident",
             out.size() == 1 ? std::to_string(out.front().value.id) : "",
             out.empty() ? "not_found" : "success",
             fmt::format("by {}, {} found", id_number.empty() ? "phone" : "ID number", out.size()),
             out.size() == 1 ? out.front().value.grid_code : actor.unit_code}));
        return out;
      });
}

Result<PersonDetail> ResidentService::person(const Actor& actor, int64_t id) const {
  return db_.write_value<PersonDetail>([&](storage::Session& s) -> Result<PersonDetail> {
    SHEQU_ASSIGN_OR_RETURN(PersonDetail out, detail(s, actor, id));
    SHEQU_TRY(audit_.append(s, audit::who(actor, kPersonRead),
                            {std::string(kAuditPersonRead), "resident", std::to_string(id),
                             "success", "", out.view.value.grid_code}));
    return out;
  });
}

Result<PersonDetail> ResidentService::correct(const Actor& actor, int64_t id,
                                              const PersonChange& change) const {
  std::vector<FieldError> errors;
  if (change.name) check_length(errors, "name", *change.name, 1, kMaxName);
  if (change.phone && !change.phone->empty()) {
    append_problems(errors, privacy::validate_mobile(*change.phone, "phone"));
  }
  if (change.ethnicity) check_length(errors, "ethnicity", *change.ethnicity, 0, kMaxEthnicity);
  if (change.registration)
    check_choice(errors, "registration", registrations(), *change.registration);
  return db_.write_value<PersonDetail>([&](storage::Session& s) -> Result<PersonDetail> {
    SHEQU_ASSIGN_OR_RETURN(Person p, readable_person(s, actor, id, kPersonWrite));
    const bool sensitive = org_.covers(actor, kSensitiveTags, p.grid_code);
    if (change.tags) check_tags(errors, *change.tags, sensitive);
    if (!errors.empty()) return Error::invalid(errors);
    if (p.anonymised_at) {
      return Error::conflict({"该居民信息已匿名化，不能更正", "the record is anonymised"});
    }
    if (change.name) p.name_sealed = keyring_.seal(*change.name, kNameContext);
    if (change.phone) {
      p.phone_sealed = change.phone->empty()
                           ? std::nullopt
                           : std::optional(keyring_.seal(*change.phone, kPhoneContext));
      p.phone_index = change.phone->empty()
                          ? std::nullopt
                          : std::optional(keyring_.blind_index(*change.phone, kPhoneContext));
    }
    if (change.ethnicity) p.ethnicity = *change.ethnicity;
    if (change.registration) p.registration = *change.registration;
    if (change.tags) {
      // The tags the caller cannot see stay as they are.
      std::vector<Tag> tags = *change.tags;
      for (const Tag& t : p.tags) {
        const TagKind* kind = find_tag_kind(t.key);
        if (kind != nullptr && kind->sensitive && !sensitive) tags.push_back(t);
      }
      std::sort(tags.begin(), tags.end(), [](const Tag& a, const Tag& b) { return a.key < b.key; });
      p.tags = std::move(tags);
    }
    p.updated_at = format_timestamp(clock_.now());
    SHEQU_ASSIGN_OR_RETURN(bool written, repository::update_person(s, p, change.version));
    if (!written) return changed_since();
    std::string fields;
    for (const auto& [given, name] : {std::pair{change.name.has_value(), "name"},
                                      {change.phone.has_value(), "phone"},
                                      {change.ethnicity.has_value(), "ethnicity"},
                                      {change.registration.has_value(), "registration"},
                                      {change.tags.has_value(), "tags"}}) {
      if (given) fields += (fields.empty() ? "" : ", ") + std::string(name);
    }
    SHEQU_TRY(audit_.append(s, audit::who(actor, kPersonWrite),
                            {std::string(kAuditPersonUpdate), "resident", std::to_string(id),
                             "success", "changed " + fields, p.grid_code}));
    return detail(s, actor, id);
  });
}

Result<PersonDetail> ResidentService::move(const Actor& actor, int64_t id, const Move& move) const {
  const std::string now_date = today();
  std::vector<FieldError> errors;
  if (move.household) check_choice(errors, "relation", relations(), move.relation);
  return db_.write_value<PersonDetail>([&](storage::Session& s) -> Result<PersonDetail> {
    SHEQU_ASSIGN_OR_RETURN(Person p, readable_person(s, actor, id, kPersonWrite));
    SHEQU_ASSIGN_OR_RETURN(auto stay, repository::current_membership(s, id));
    check_date(errors, "date", move.date, now_date, stay ? stay->moved_in : p.birth_date);
    std::optional<Household> target;
    if (move.household) {
      SHEQU_ASSIGN_OR_RETURN(Household found, readable_household(s, actor, *move.household,
                                                                 kPersonWrite, "householdId"));
      if (stay && stay->household_id == found.id) {
        errors.push_back({"householdId", {"已住在该户", "already lives in this household"}});
      } else {
        target = std::move(found);
        if (move.relation == kHead) {
          SHEQU_ASSIGN_OR_RETURN(auto head, repository::current_head(s, target->id));
          if (head) errors.push_back({"relation", {"该户已有户主", "the household has a head"}});
        }
      }
    } else if (!stay) {
      errors.push_back({"householdId", {"该居民已迁出", "the resident has moved away already"}});
    }
    if (!errors.empty()) return Error::invalid(errors);
    if (stay) SHEQU_TRY(repository::close_membership(s, stay->id, move.date));
    if (target) {
      SHEQU_TRY(repository::insert_membership(
          s, {0, id, target->id, move.relation, move.date, std::nullopt}));
      p.household_id = target->id;
      p.unit_code = target->unit_code;
      p.grid_code = target->grid_code;
      p.moved_out.reset();
    } else {
      p.household_id.reset();
      p.moved_out = move.date;
    }
    p.updated_at = format_timestamp(clock_.now());
    SHEQU_ASSIGN_OR_RETURN(bool written, repository::update_person(s, p, move.version));
    if (!written) return changed_since();
    SHEQU_TRY(
        audit_.append(s, audit::who(actor, kPersonWrite),
                      {std::string(kAuditPersonMove), "resident", std::to_string(id), "success",
                       target ? fmt::format("to household {} on {}", target->id, move.date)
                              : fmt::format("moved away on {}", move.date),
                       p.grid_code}));
    return detail(s, actor, id);
  });
}

namespace {

std::string_view field_key(RevealField field) {
  switch (field) {
    case RevealField::name:
      return "name";
    case RevealField::id_number:
      return "idNumber";
    case RevealField::phone:
      return "phone";
    case RevealField::address:
      return "address";
  }
  return "";
}

}  // namespace

Result<std::string> ResidentService::reveal(const Actor& actor, int64_t id, RevealField field,
                                            const std::string& reason) const {
  SHEQU_TRY(privacy::validate_reveal_reason(reason, kMaxReason));
  return db_.write_value<std::string>([&](storage::Session& s) -> Result<std::string> {
    SHEQU_ASSIGN_OR_RETURN(Person p, readable_person(s, actor, id, kPersonReveal));
    const auto clear = [&]() -> Result<std::string> {
      switch (field) {
        case RevealField::name:
          return open(p.name_sealed, kNameContext);
        case RevealField::id_number:
          return open(p.id_number_sealed, kIdNumberContext);
        case RevealField::phone:
          return open(p.phone_sealed, kPhoneContext);
        case RevealField::address:
          break;
      }
      if (!p.household_id) return std::string();
      SHEQU_ASSIGN_OR_RETURN(auto h, repository::find_household(s, *p.household_id));
      if (!h) return std::string();
      return open(h->address_sealed, kAddressContext);
    };
    SHEQU_ASSIGN_OR_RETURN(std::string value, clear());
    SHEQU_TRY(
        audit_.append(s, audit::who(actor, kPersonReveal),
                      {std::string(kAuditPersonReveal), "resident", std::to_string(id), "success",
                       fmt::format("{}: {}", field_key(field), reason), p.grid_code}));
    return value;
  });
}

Result<PersonRecord> ResidentService::export_person(const Actor& actor, int64_t id,
                                                    const std::string& reason) const {
  SHEQU_TRY(privacy::validate_reveal_reason(reason, kMaxReason));
  return db_.write_value<PersonRecord>([&](storage::Session& s) -> Result<PersonRecord> {
    SHEQU_ASSIGN_OR_RETURN(Person p, readable_person(s, actor, id, kPersonReveal));
    PersonRecord record;
    SHEQU_ASSIGN_OR_RETURN(record.name, open(p.name_sealed, kNameContext));
    SHEQU_ASSIGN_OR_RETURN(record.id_number, open(p.id_number_sealed, kIdNumberContext));
    SHEQU_ASSIGN_OR_RETURN(record.phone, open(p.phone_sealed, kPhoneContext));
    SHEQU_ASSIGN_OR_RETURN(record.detail, detail(s, actor, id));
    for (const Stay& stay : record.detail.history) {
      SHEQU_ASSIGN_OR_RETURN(std::string address,
                             open(stay.household.value.address_sealed, kAddressContext));
      record.addresses.push_back(std::move(address));
    }
    SHEQU_TRY(audit_.append(s, audit::who(actor, kPersonReveal),
                            {std::string(kAuditPersonExport), "resident", std::to_string(id),
                             "success", reason, p.grid_code}));
    return record;
  });
}

Result<int64_t> ResidentService::anonymise_moved_away() const {
  const std::string now_date = today();
  const std::string before = fmt::format(
      "{:04}{}", *parse_decimal(std::string_view(now_date).substr(0, 4)) - kRetentionYears,
      now_date.substr(4));
  int64_t done = 0;
  // In batches, each its own transaction: a province's backlog does not hold one lock for long.
  constexpr int64_t kBatch = 500;
  for (;;) {
    SHEQU_ASSIGN_OR_RETURN(
        const int64_t batch, db_.write_value<int64_t>([&](storage::Session& s) -> Result<int64_t> {
          SHEQU_ASSIGN_OR_RETURN(auto ids, repository::moved_away_before(s, before, kBatch));
          const std::string at = format_timestamp(clock_.now());
          for (int64_t id : ids) {
            SHEQU_ASSIGN_OR_RETURN(auto p, repository::find_person(s, id));
            SHEQU_TRY(repository::anonymise(s, id, at));
            SHEQU_TRY(audit_.append(
                s, audit::operator_who(),
                {std::string(kAuditPersonAnonymise), "resident", std::to_string(id), "success",
                 fmt::format("moved away on {}", p ? p->moved_out.value_or("") : std::string()),
                 p ? p->grid_code : std::string()}));
          }
          return static_cast<int64_t>(ids.size());
        }));
    done += batch;
    if (batch < kBatch) return done;
  }
}

}  // namespace shequ::residents
