#include "volunteer/organisation_service.hpp"

#include <fmt/format.h>

#include "privacy/validators.hpp"
#include "volunteer/checks.hpp"
#include "volunteer/declaration.hpp"
#include "volunteer/organisation_repository.hpp"
#include "volunteer/volunteer_repository.hpp"

namespace shequ::volunteer {

namespace {

constexpr std::size_t kMaxName = 60;
constexpr std::size_t kMaxContact = 30;
constexpr std::size_t kMaxServices = 200;

Error organisation_not_found() {
  return Error::not_found({"未找到该社会组织或志愿服务队", "no such organisation or team"});
}

// The registration authority and kind a credit code begins with, for the kinds registered with
// civil affairs (GB 32100-2015: 5 civil affairs; 1, 2, 3 the kind).
std::string_view credit_prefix(OrganisationKind kind) {
  switch (kind) {
    case OrganisationKind::social_group:
      return "51";
    case OrganisationKind::private_non_enterprise:
      return "52";
    case OrganisationKind::foundation:
      return "53";
    case OrganisationKind::community_organisation:
    case OrganisationKind::volunteer_team:
      return "";
  }
  return "";
}

// An office line is public; a mobile is a person's.
std::string masked_phone(const std::string& phone) {
  if (privacy::validate_mobile(phone, "phone")) return privacy::mask_mobile(phone);
  return phone;
}

}  // namespace

OrganisationService::OrganisationService(const org::OrgService& org, storage::Database& db,
                                         const audit::Log& audit, const Clock& clock,
                                         const privacy::Keyring& keyring)
    : org_(org), db_(db), audit_(audit), clock_(clock), keyring_(keyring) {}

Result<Organisation> OrganisationService::shown(const Organisation& stored,
                                                const std::string& name_sealed,
                                                const std::string& phone_sealed) const {
  Organisation o = stored;
  SHEQU_ASSIGN_OR_RETURN(const std::string name,
                         keyring_.open(name_sealed, kOrganisationContactNameContext));
  SHEQU_ASSIGN_OR_RETURN(const std::string phone,
                         keyring_.open(phone_sealed, kOrganisationContactPhoneContext));
  o.contact_name = privacy::mask_name(name);
  o.contact_phone = masked_phone(phone);
  return o;
}

Result<Organisation> OrganisationService::register_organisation(
    const Actor& actor, const OrganisationInput& input) const {
  SHEQU_ASSIGN_OR_RETURN(const org::UnitView area, org_.unit(actor, input.area_code));
  SHEQU_TRY(org_.in_scope(actor, kRosterManage, input.area_code));
  std::vector<FieldError> problems;
  if (area.unit.level != org::Level::county && area.unit.level != org::Level::township &&
      area.unit.level != org::Level::village) {
    problems.push_back({"area",
                        {"服务区域应为县（区）、乡镇（街道）或村（社区）",
                         "the area is a county, township, village or community"}});
  }
  check_length(problems, "name", input.name, 2, kMaxName);
  check_length(problems, "contactName", input.contact_name, 2, kMaxContact);
  check_length(problems, "services", input.services, 0, kMaxServices);
  if (auto phone = privacy::validate_work_phone(input.contact_phone, "contactPhone"); !phone) {
    for (const FieldError& e : phone.error().details) problems.push_back(e);
  }
  const std::string_view prefix = credit_prefix(input.kind);
  if (input.credit_code.empty()) {
    if (!prefix.empty()) {
      problems.push_back({"creditCode",
                          {"在民政部门登记的社会组织须填写统一社会信用代码",
                           "organisations registered with civil affairs have a credit code"}});
    }
  } else if (auto code = privacy::validate_credit_code(input.credit_code, "creditCode"); !code) {
    for (const FieldError& e : code.error().details) problems.push_back(e);
  } else if (!prefix.empty() && !input.credit_code.starts_with(prefix)) {
    problems.push_back(
        {"creditCode",
         {fmt::format("该类社会组织的统一社会信用代码应以 {} 开头", prefix),
          fmt::format("the credit code of this kind of organisation begins with {}", prefix)}});
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));
  const std::string now = format_timestamp(clock_.now());
  return db_.write_value<Organisation>([&](storage::Session& s) -> Result<Organisation> {
    if (!input.credit_code.empty()) {
      SHEQU_ASSIGN_OR_RETURN(const bool taken, repository::credit_code_taken(s, input.credit_code));
      if (taken) {
        return Error::conflict(
            {"已有社会组织使用该统一社会信用代码", "another organisation holds this credit code"});
      }
    }
    repository::OrganisationRow row;
    row.organisation = {.name = input.name,
                        .kind = input.kind,
                        .credit_code = input.credit_code,
                        .area_code = input.area_code,
                        .services = input.services,
                        .created_at = now};
    row.contact_name_sealed = keyring_.seal(input.contact_name, kOrganisationContactNameContext);
    row.contact_phone_sealed = keyring_.seal(input.contact_phone, kOrganisationContactPhoneContext);
    SHEQU_ASSIGN_OR_RETURN(const int64_t id,
                           repository::insert_organisation(s, row, actor.user_id, now));
    SHEQU_TRY(audit_.append(
        s, audit::who(actor, kRosterManage),
        {std::string(kAuditOrganisationRegister), "volunteer_organisation", std::to_string(id),
         "success", std::string(kind_key(input.kind)), input.area_code}));
    row.organisation.id = id;
    return shown(row.organisation, row.contact_name_sealed, row.contact_phone_sealed);
  });
}

Result<org::Page<Organisation>> OrganisationService::organisations(
    const Actor& actor, const std::optional<std::string>& unit,
    std::optional<OrganisationKind> kind, const org::PageRequest& page) const {
  SHEQU_ASSIGN_OR_RETURN(const std::vector<std::string> roots,
                         org_.list_roots(actor, kHoursRead, unit));
  return db_.read_value<org::Page<Organisation>>(
      [&](storage::Session& s) -> Result<org::Page<Organisation>> {
        org::Page<Organisation> out;
        SHEQU_ASSIGN_OR_RETURN(auto rows, repository::organisations(s, roots, kind, page.offset(),
                                                                    page.page_size, out.total));
        for (const auto& row : rows) {
          SHEQU_ASSIGN_OR_RETURN(Organisation o, shown(row.organisation, row.contact_name_sealed,
                                                       row.contact_phone_sealed));
          out.items.push_back(std::move(o));
        }
        return out;
      });
}

bool OrganisationService::may_serve(const std::string& area, const std::string& unit) const {
  const std::string county = org_.tree().county_of(unit);
  return !county.empty() && org_.tree().contains(county, area);
}

Result<org::Page<Organisation>> OrganisationService::serving(const std::string& unit, bool teams,
                                                             const std::string& name,
                                                             const org::PageRequest& page) const {
  repository::ServingFilter filter;
  filter.county = org_.tree().county_of(unit);
  if (filter.county.empty()) return Error::not_found({"单位", "unit"});
  filter.teams = teams;
  filter.name = name;
  return db_.read_value<org::Page<Organisation>>(
      [&](storage::Session& s) -> Result<org::Page<Organisation>> {
        org::Page<Organisation> out;
        SHEQU_ASSIGN_OR_RETURN(auto rows, repository::organisations_serving(
                                              s, filter, page.offset(), page.page_size, out.total));
        for (auto& row : rows) out.items.push_back(std::move(row.organisation));
        return out;
      });
}

Result<OrganisationDetail> OrganisationService::organisation(const Actor& actor, int64_t id) const {
  return db_.read_value<OrganisationDetail>([&](storage::Session& s) -> Result<OrganisationDetail> {
    SHEQU_ASSIGN_OR_RETURN(auto row, repository::find_organisation(s, id));
    if (!row || !org_.covers(actor, kHoursRead, row->organisation.area_code)) {
      return organisation_not_found();
    }
    OrganisationDetail detail;
    SHEQU_ASSIGN_OR_RETURN(detail.organisation, shown(row->organisation, row->contact_name_sealed,
                                                      row->contact_phone_sealed));
    SHEQU_ASSIGN_OR_RETURN(detail.members, repository::memberships(s, id));
    for (Membership& m : detail.members) {
      SHEQU_ASSIGN_OR_RETURN(auto volunteer, repository::find_volunteer(s, m.volunteer_id));
      if (!volunteer) continue;
      auto name = keyring_.open(volunteer->name_sealed, kNameContext);
      m.volunteer_name = name ? privacy::mask_name(*name) : std::string();
    }
    return detail;
  });
}

Result<Membership> OrganisationService::add_member(const Actor& actor, int64_t id,
                                                   int64_t volunteer_id, MemberRole role) const {
  const TimePoint now = clock_.now();
  return db_.write_value<Membership>([&](storage::Session& s) -> Result<Membership> {
    SHEQU_ASSIGN_OR_RETURN(auto row, repository::find_organisation(s, id));
    if (!row || !org_.covers(actor, kRosterManage, row->organisation.area_code)) {
      return organisation_not_found();
    }
    SHEQU_ASSIGN_OR_RETURN(auto volunteer, repository::find_volunteer(s, volunteer_id));
    if (!volunteer || !org_.covers(actor, kHoursRead, volunteer->volunteer.unit_code)) {
      return Error::invalid("volunteer", {"未找到该志愿者", "no such volunteer"});
    }
    if (!org_.tree().contains(row->organisation.area_code, volunteer->volunteer.unit_code)) {
      return Error::conflict({"该志愿者不在本组织的服务区域内",
                              "the volunteer lives outside the organisation's area"});
    }
    if (volunteer->volunteer.state != VolunteerState::approved) {
      return Error::conflict({"只有审核通过的志愿者可以加入", "only approved volunteers join"});
    }
    SHEQU_ASSIGN_OR_RETURN(auto present, repository::find_membership(s, id, volunteer_id));
    if (present && !present->left_on) {
      return Error::conflict({"该志愿者已是成员", "the volunteer is a member already"});
    }
    Membership m{.organisation_id = id,
                 .volunteer_id = volunteer_id,
                 .role = role,
                 .joined_on = china_date(now)};
    SHEQU_TRY(repository::put_membership(s, m));
    SHEQU_TRY(audit_.append(s, audit::who(actor, kRosterManage),
                            {std::string(kAuditOrganisationMember), "volunteer_organisation",
                             std::to_string(id), "success",
                             fmt::format("join volunteer {} as {}", volunteer_id,
                                         role == MemberRole::leader ? "leader" : "member"),
                             row->organisation.area_code}));
    auto name = keyring_.open(volunteer->name_sealed, kNameContext);
    m.volunteer_name = name ? privacy::mask_name(*name) : std::string();
    return m;
  });
}

Status OrganisationService::remove_member(const Actor& actor, int64_t id,
                                          int64_t volunteer_id) const {
  const TimePoint now = clock_.now();
  return db_.write([&](storage::Session& s) -> Status {
    SHEQU_ASSIGN_OR_RETURN(auto row, repository::find_organisation(s, id));
    if (!row || !org_.covers(actor, kRosterManage, row->organisation.area_code)) {
      return organisation_not_found();
    }
    SHEQU_ASSIGN_OR_RETURN(auto present, repository::find_membership(s, id, volunteer_id));
    if (!present || present->left_on) {
      return Error::conflict({"该志愿者不是本组织成员", "the volunteer is no member"});
    }
    SHEQU_TRY(repository::end_membership(s, id, volunteer_id, china_date(now)));
    return audit_.append(
        s, audit::who(actor, kRosterManage),
        {std::string(kAuditOrganisationMember), "volunteer_organisation", std::to_string(id),
         "success", fmt::format("leave volunteer {}", volunteer_id), row->organisation.area_code});
  });
}

}  // namespace shequ::volunteer
