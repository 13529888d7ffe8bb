// Grid workers on grids (网格员): which accounts serve which grid, with a public work number;
// and what a resident's pages show of its own community (the office, its grid, who serves it).
//
// An assignment is a duty, not a permission: the grid-worker role itself is granted as any role
// is (by those holding auth:role:assign); the community's staff then say which of the
// community's grid workers serves which grid. Assigning and removing are audited.
//
// Thread-safe. The context outlives it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/auth_context.hpp"
#include "org/model.hpp"

namespace shequ::auth {

// What a resident's pages show of its community (我的社区).
struct ResidentCommunity {
  org::UnitView community;
  std::optional<org::Office> office;  // none: the community has not entered it yet
  std::optional<org::Grid> grid;      // the resident's grid, when its unit is one
  std::vector<GridAssignment> grid_workers;
};

class GridWorkers {
 public:
  explicit GridWorkers(AuthContext& context) : context_(context) {}

  // Every assignment to the current grids of a village or community in the caller's scope for
  // org:grid:read, phones masked.
  Result<std::vector<GridAssignment>> of_village(const Actor& actor,
                                                 std::string_view village_code) const;
  // Who may be assigned to the grid: active accounts holding the grid-worker role on its
  // village or community or on one of its grids. Needs auth:gridworker:assign over the grid.
  Result<std::vector<User>> candidates(const Actor& actor, std::string_view grid_code) const;
  // Assigns a candidate to the grid, or changes the work phone of one assigned already.
  // `work_phone` empty: none. Audited.
  Result<GridAssignment> assign(const Actor& actor, std::string_view grid_code, int64_t user_id,
                                const std::string& work_phone);
  // Done (and not audited) when the account does not serve the grid: removing is idempotent.
  Status unassign(const Actor& actor, std::string_view grid_code, int64_t user_id);
  // Current grids in the caller's scope for auth:gridworker:assign that nobody serves: a to-do.
  Result<int64_t> count_unstaffed(const Actor& actor) const;
  // The caller's own community: its working unit when that is a village or community, else the
  // village or community of its grid; not_found for anyone else.
  Result<ResidentCommunity> community_of(const Actor& actor) const;

 private:
  // The current grid in the caller's scope for `permission`, or not_found.
  Result<org::UnitView> grid_in_scope(const Actor& actor, std::string_view permission,
                                      std::string_view grid_code) const;

  AuthContext& context_;
};

}  // namespace shequ::auth
