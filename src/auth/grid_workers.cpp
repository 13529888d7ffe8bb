#include "auth/grid_workers.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "auth/auth_repository.hpp"
#include "auth/declaration.hpp"
#include "common/strings.hpp"
#include "org/declaration.hpp"
#include "org/org_service.hpp"
#include "privacy/validators.hpp"

namespace shequ::auth {

namespace {

Error grid_not_found(std::string_view code) {
  return Error::not_found(
      {fmt::format("未找到网格 {}", code), fmt::format("grid {} not found", code)});
}

}  // namespace

Result<org::UnitView> GridWorkers::grid_in_scope(const Actor& actor, std::string_view permission,
                                                 std::string_view grid_code) const {
  SHEQU_ASSIGN_OR_RETURN(org::UnitView grid, context_.org.unit(grid_code));
  SHEQU_TRY(context_.org.in_scope(actor, permission, grid_code));
  if (grid.unit.level != org::Level::grid) return grid_not_found(grid_code);
  return grid;
}

Result<std::vector<GridAssignment>> GridWorkers::of_village(const Actor& actor,
                                                            std::string_view village_code) const {
  SHEQU_ASSIGN_OR_RETURN(const org::UnitView village, context_.org.unit(village_code));
  SHEQU_TRY(context_.org.in_scope(actor, org::kGridRead, village_code));
  if (village.unit.level != org::Level::village) {
    return Error::invalid("code",
                          {"只有村（社区）下设网格", "only villages and communities have grids"});
  }
  SHEQU_ASSIGN_OR_RETURN(
      std::vector<GridAssignment> found,
      context_.db.read_value<std::vector<GridAssignment>>([&](storage::Session& s) {
        return AuthRepository::grid_assignments(s, std::string(village_code));
      }));
  // A retired grid keeps its rows in storage; nobody serves it any more.
  std::erase_if(found,
                [&](const GridAssignment& a) { return !context_.org.tree().find(a.grid_code); });
  for (GridAssignment& a : found) a.worker = context_.presented(std::move(a.worker));
  return found;
}

Result<std::vector<User>> GridWorkers::candidates(const Actor& actor,
                                                  std::string_view grid_code) const {
  SHEQU_ASSIGN_OR_RETURN(const org::UnitView grid,
                         grid_in_scope(actor, kGridWorkerAssign, grid_code));
  SHEQU_ASSIGN_OR_RETURN(std::vector<User> users,
                         context_.db.read_value<std::vector<User>>([&](storage::Session& s) {
                           return AuthRepository::grid_worker_candidates(s, grid.unit.parent_code);
                         }));
  for (User& user : users) user = context_.presented(std::move(user));
  return users;
}

Result<GridAssignment> GridWorkers::assign(const Actor& actor, std::string_view grid_code,
                                           int64_t user_id, const std::string& work_phone) {
  SHEQU_ASSIGN_OR_RETURN(const org::UnitView grid,
                         grid_in_scope(actor, kGridWorkerAssign, grid_code));
  const std::string phone(trim(work_phone));
  if (!phone.empty()) SHEQU_TRY(privacy::validate_work_phone(phone, "workPhone"));
  const std::string code(grid_code);
  const std::string now = format_timestamp(context_.clock.now());
  SHEQU_ASSIGN_OR_RETURN(
      GridAssignment assigned,
      context_.db.write_value<GridAssignment>([&](storage::Session& s) -> Result<GridAssignment> {
        SHEQU_ASSIGN_OR_RETURN(auto candidates,
                               AuthRepository::grid_worker_candidates(s, grid.unit.parent_code));
        if (std::none_of(candidates.begin(), candidates.end(),
                         [&](const User& u) { return u.id == user_id; })) {
          return Error::invalid("userId", {"该账号不是本村（社区）的网格员",
                                           "the account is not a grid worker of this village or "
                                           "community"});
        }
        SHEQU_TRY(AuthRepository::put_grid_assignment(s, code, user_id, phone, now));
        SHEQU_TRY(context_.audit.append(s, audit::who(actor, kGridWorkerAssign),
                                        {"auth.gridworker.assign", "grid", code, "success",
                                         fmt::format("user {}", user_id), code}));
        SHEQU_ASSIGN_OR_RETURN(auto rows, AuthRepository::grid_assignments_of_grid(s, code));
        const auto it = std::find_if(rows.begin(), rows.end(), [&](const GridAssignment& a) {
          return a.worker.id == user_id;
        });
        if (it == rows.end()) return Error::internal("the assignment just written is gone");
        return std::move(*it);
      }));
  assigned.worker = context_.presented(std::move(assigned.worker));
  return assigned;
}

Status GridWorkers::unassign(const Actor& actor, std::string_view grid_code, int64_t user_id) {
  SHEQU_TRY(grid_in_scope(actor, kGridWorkerAssign, grid_code));
  const std::string code(grid_code);
  return context_.db.write([&](storage::Session& s) -> Status {
    SHEQU_ASSIGN_OR_RETURN(bool deleted, AuthRepository::delete_grid_assignment(s, code, user_id));
    if (!deleted) return {};  // removed already: nothing happened, nothing to audit
    return context_.audit.append(s, audit::who(actor, kGridWorkerAssign),
                                 {"auth.gridworker.unassign", "grid", code, "success",
                                  fmt::format("user {}", user_id), code});
  });
}

Result<int64_t> GridWorkers::count_unstaffed(const Actor& actor) const {
  const std::vector<std::string> roots = actor.roots_for(kGridWorkerAssign);
  if (roots.empty()) return int64_t{0};
  return context_.db.read_value<int64_t>(
      [&](storage::Session& s) { return AuthRepository::count_unstaffed_grids(s, roots); });
}

Result<ResidentCommunity> GridWorkers::community_of(const Actor& actor) const {
  const Error none = Error::not_found(
      {"您的账号不属于某个村（社区）", "your account does not belong to a village or community"});
  auto own = context_.org.unit(actor.unit_code);
  if (!own) return none;
  ResidentCommunity out;
  if (own->unit.level == org::Level::grid) {
    SHEQU_ASSIGN_OR_RETURN(out.grid, context_.org.grid(actor, actor.unit_code));
    SHEQU_ASSIGN_OR_RETURN(out.community, context_.org.unit(own->unit.parent_code));
    SHEQU_ASSIGN_OR_RETURN(
        out.grid_workers,
        context_.db.read_value<std::vector<GridAssignment>>([&](storage::Session& s) {
          return AuthRepository::grid_assignments_of_grid(s, actor.unit_code);
        }));
    for (GridAssignment& a : out.grid_workers) a.worker = context_.presented(std::move(a.worker));
  } else if (own->unit.level == org::Level::village) {
    out.community = std::move(*own);
  } else {
    return none;
  }
  SHEQU_ASSIGN_OR_RETURN(out.office, context_.org.office(out.community.unit.code));
  return out;
}

}  // namespace shequ::auth
