#include "volunteer/organisation_repository.hpp"

#include "storage/like.hpp"
#include "storage/page_query.hpp"
#include "storage/scope.hpp"
#include "volunteer/volunteer_repository.hpp"

namespace shequ::volunteer::repository {

using storage::bind_all;
using storage::Row;
using storage::Value;

namespace {

// The current members come with each organisation.
constexpr const char* kOrganisationColumns =
    "o.id, o.name, o.kind, o.credit_code, o.area_code, o.contact_name_sealed, "
    "o.contact_phone_sealed, o.services, o.created_at, o.version, "
    "(SELECT COUNT(*) FROM volunteer_membership m WHERE m.organisation_id = o.id AND m.left_on "
    "IS NULL)";
const std::string kOrganisationSelect =
    std::string("SELECT ") + kOrganisationColumns + " FROM volunteer_organisation o";

OrganisationRow organisation_of(const Row& row) {
  OrganisationRow out;
  Organisation& o = out.organisation;
  o.id = row.integer(0);
  o.name = row.text(1);
  o.kind = parse_organisation_kind(row.text(2)).value_or(OrganisationKind::volunteer_team);
  o.credit_code = row.optional_text(3).value_or("");
  o.area_code = row.text(4);
  out.contact_name_sealed = row.text(5);
  out.contact_phone_sealed = row.text(6);
  o.services = row.text(7);
  o.created_at = row.text(8);
  o.version = row.integer(9);
  o.members = row.integer(10);
  return out;
}

constexpr const char* kMembershipSelect =
    "SELECT organisation_id, volunteer_id, role, joined_on, left_on FROM volunteer_membership";

Membership membership_of(const Row& row) {
  return Membership{.organisation_id = row.integer(0),
                    .volunteer_id = row.integer(1),
                    .role = row.text(2) == "leader" ? MemberRole::leader : MemberRole::member,
                    .joined_on = row.text(3),
                    .left_on = row.optional_text(4)};
}

}  // namespace

Result<int64_t> insert_organisation(storage::Session& s, const OrganisationRow& row,
                                    int64_t created_by, const std::string& at) {
  const Organisation& o = row.organisation;
  SHEQU_ASSIGN_OR_RETURN(
      auto made,
      s.query_one(
          "INSERT INTO volunteer_organisation (name, kind, credit_code, area_code, "
          "contact_name_sealed, contact_phone_sealed, services, state, created_by, created_at, "
          "updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, 'active', $8, $9, $9, 1) "
          "RETURNING id",
          std::vector<Value>{o.name, std::string(kind_key(o.kind)),
                             o.credit_code.empty() ? Value(nullptr) : Value(o.credit_code),
                             o.area_code, row.contact_name_sealed, row.contact_phone_sealed,
                             o.services, account_value(created_by), at}));
  if (!made) return Error::internal("INSERT INTO volunteer_organisation returned no id");
  return made->integer(0);
}

Result<std::optional<OrganisationRow>> find_organisation(storage::Session& s, int64_t id) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row, s.query_one(kOrganisationSelect + " WHERE o.id = $1", std::vector<Value>{id}));
  if (!row) return std::optional<OrganisationRow>();
  return std::optional<OrganisationRow>(organisation_of(*row));
}

Result<bool> credit_code_taken(storage::Session& s, const std::string& credit_code) {
  SHEQU_ASSIGN_OR_RETURN(auto row,
                         s.query_one("SELECT 1 FROM volunteer_organisation WHERE credit_code = $1",
                                     std::vector<Value>{credit_code}));
  return row.has_value();
}

Result<std::vector<OrganisationRow>> organisations(storage::Session& s,
                                                   const std::vector<std::string>& roots,
                                                   std::optional<OrganisationKind> kind,
                                                   int64_t offset, int64_t limit, int64_t& total) {
  std::vector<Value> params;
  std::string where = " WHERE " + storage::in_subtrees(s.dialect(), {"o.area_code"}, roots, params);
  if (kind) where += " AND o.kind = " + bind_all(params, {std::string(kind_key(*kind))});
  SHEQU_ASSIGN_OR_RETURN(
      auto counted, s.query_one("SELECT COUNT(*) FROM volunteer_organisation o" + where, params));
  total = counted ? counted->integer(0) : 0;
  const std::string page = bind_all(params, {limit}) + " OFFSET " + bind_all(params, {offset});
  const std::string sql = kOrganisationSelect + where + " ORDER BY o.id DESC LIMIT " + page;
  SHEQU_ASSIGN_OR_RETURN(auto rows, s.query(sql, params));
  std::vector<OrganisationRow> out;
  for (const Row& row : rows) out.push_back(organisation_of(row));
  return out;
}

Result<std::vector<OrganisationRow>> organisations_serving(storage::Session& s,
                                                           const ServingFilter& filter,
                                                           int64_t offset, int64_t limit,
                                                           int64_t& total) {
  std::vector<Value> params;
  std::string where = " FROM volunteer_organisation o WHERE " +
                      storage::in_subtrees(s.dialect(), {"o.area_code"},
                                           std::vector<std::string>{filter.county}, params);
  where += filter.teams ? " AND o.kind = " : " AND o.kind <> ";
  where += bind_all(params, {std::string(kind_key(OrganisationKind::volunteer_team))});
  where += " AND " + storage::contains_text({"o.name"}, filter.name, params);
  SHEQU_ASSIGN_OR_RETURN(const storage::PageRows found,
                         storage::query_page(s, kOrganisationColumns, where, "o.name, o.id",
                                             std::move(params), limit, offset));
  total = found.total;
  std::vector<OrganisationRow> out;
  for (const Row& row : found.rows) out.push_back(organisation_of(row));
  return out;
}

Result<std::vector<Membership>> memberships(storage::Session& s, int64_t organisation_id) {
  SHEQU_ASSIGN_OR_RETURN(auto rows,
                         s.query(std::string(kMembershipSelect) +
                                     " WHERE organisation_id = $1 ORDER BY role = 'leader' DESC, "
                                     "joined_on, volunteer_id",
                                 std::vector<Value>{organisation_id}));
  std::vector<Membership> out;
  for (const Row& row : rows) out.push_back(membership_of(row));
  return out;
}

Result<std::optional<Membership>> find_membership(storage::Session& s, int64_t organisation_id,
                                                  int64_t volunteer_id) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row, s.query_one(std::string(kMembershipSelect) + " WHERE organisation_id = $1 AND "
                                                             "volunteer_id = $2",
                            std::vector<Value>{organisation_id, volunteer_id}));
  if (!row) return std::optional<Membership>();
  return std::optional<Membership>(membership_of(*row));
}

Status put_membership(storage::Session& s, const Membership& m) {
  const std::vector<Value> params{m.organisation_id, m.volunteer_id,
                                  std::string(m.role == MemberRole::leader ? "leader" : "member"),
                                  m.joined_on};
  SHEQU_TRY(s.execute(
      "INSERT INTO volunteer_membership (organisation_id, volunteer_id, role, joined_on) VALUES "
      "($1, $2, $3, $4) ON CONFLICT (organisation_id, volunteer_id) DO UPDATE SET role = $3, "
      "joined_on = $4, left_on = NULL",
      params));
  return {};
}

Status end_membership(storage::Session& s, int64_t organisation_id, int64_t volunteer_id,
                      const std::string& on) {
  SHEQU_TRY(
      s.execute("UPDATE volunteer_membership SET left_on = $1 WHERE organisation_id = $2 AND "
                "volunteer_id = $3 AND left_on IS NULL",
                std::vector<Value>{on, organisation_id, volunteer_id}));
  return {};
}

}  // namespace shequ::volunteer::repository
