#include "lists/projects.hpp"

#include <fmt/format.h>

#include "storage/page_query.hpp"
#include "storage/scope.hpp"

namespace shequ::lists {

const std::vector<Choice>& project_categories() {
  static const std::vector<Choice> categories{
      {"facility", {"设施建设", "Facilities"}},
      {"renovation", {"老旧小区改造", "Old estate renovation"}},
      {"elderly", {"养老服务", "Elderly care"}},
      {"children", {"儿童关爱", "Children"}},
      {"environment", {"环境整治", "Environment"}},
      {"culture", {"文体活动", "Culture and sport"}},
      {"employment", {"就业创业", "Employment"}},
      {"safety", {"平安建设", "Safety"}},
      {"other", {"其他", "Other"}},
  };
  return categories;
}

const std::vector<Choice>& funding_sources() {
  static const std::vector<Choice> sources{
      {"fiscal", {"财政资金", "Public budget"}},
      {"lottery", {"福彩公益金", "Welfare lottery fund"}},
      {"collective", {"集体经济", "Collective economy"}},
      {"donation", {"社会捐赠", "Donations"}},
      {"residents", {"居民自筹", "Raised by residents"}},
      {"other", {"其他", "Other"}},
  };
  return sources;
}

const std::vector<Choice>& project_states() {
  static const std::vector<Choice> states{
      {"planned", {"计划中", "Planned"}},
      {"in_progress", {"实施中", "Under way"}},
      {kProjectDone, {"已完成", "Done"}},
      {"suspended", {"暂缓", "Suspended"}},
  };
  return states;
}

const std::vector<Choice>& comment_states() {
  static const std::vector<Choice> states{
      {kCommentPending, {"待审核", "Waiting for review"}},
      {kCommentPublished, {"已公开", "Published"}},
      {kCommentHidden, {"不公开", "Hidden"}},
  };
  return states;
}

namespace repository {

namespace {

using storage::optional_value;
using storage::Row;
using storage::Rows;
using storage::Value;

const std::string kProjectColumns =
    "p.id, p.unit_code, p.title, p.category, p.summary, p.budget_fen, p.funding_source, "
    "p.start_on, p.end_on, p.status, p.progress, p.beneficiaries, p.published, p.published_at, "
    "p.created_by, p.created_by_name, p.created_at, p.updated_at, p.version, (SELECT COUNT(*) "
    "FROM lists_project_comment c WHERE c.project_id = p.id AND c.state = 'pending')";

Project project_from(const Row& row) {
  Project p;
  p.id = row.integer(0);
  p.unit_code = row.text(1);
  p.title = row.text(2);
  p.category = row.text(3);
  p.summary = row.text(4);
  p.budget_fen = row.integer(5);
  p.funding_source = row.text(6);
  p.start_on = row.text(7);
  p.end_on = row.text(8);
  p.status = row.text(9);
  p.progress = static_cast<int>(row.integer(10));
  p.beneficiaries = row.integer(11);
  p.published = row.integer(12) != 0;
  p.published_at = row.text(13);
  p.created_by = row.optional_integer(14);
  p.created_by_name = row.text(15);
  p.created_at = row.text(16);
  p.updated_at = row.text(17);
  p.version = row.integer(18);
  p.pending_comments = row.integer(19);
  return p;
}

const std::string kUpdateColumns =
    "id, project_id, on_date, progress, status, body, created_by_name, created_at";

ProjectUpdate update_from(const Row& row) {
  return {row.integer(0), row.integer(1), row.text(2), static_cast<int>(row.integer(3)),
          row.text(4),    row.text(5),    row.text(6), row.text(7)};
}

const std::string kCommentColumns =
    "c.id, c.project_id, c.author_id, c.body, c.state, c.reply, c.decided_by_name, "
    "c.decided_at, c.created_at, p.title";
const std::string kCommentFrom =
    " FROM lists_project_comment c JOIN lists_project p ON p.id = c.project_id";

ProjectComment comment_from(const Row& row) {
  return {row.integer(0), row.integer(1), row.integer(2), row.text(3), row.text(4),
          row.text(5),    row.text(6),    row.text(7),    row.text(8), row.text(9)};
}

std::string comment_condition(storage::Session& s, const CommentFilter& f,
                              std::vector<Value>& params) {
  std::string where = storage::in_subtrees(s.dialect(), {"p.unit_code"}, f.roots, params);
  if (!f.state.empty()) where += " AND c.state = " + storage::bind_all(params, {f.state});
  return where;
}

Result<org::Page<Project>> page_of_projects(storage::Session& s, const std::string& where,
                                            std::vector<Value> params, const std::string& order,
                                            const org::PageRequest& page) {
  SHEQU_ASSIGN_OR_RETURN(
      const storage::PageRows found,
      storage::query_page(s, kProjectColumns, " FROM lists_project p WHERE " + where, order,
                          std::move(params), page.page_size, page.offset()));
  org::Page<Project> out;
  out.total = found.total;
  for (const Row& row : found.rows) out.items.push_back(project_from(row));
  return out;
}

}  // namespace

Result<int64_t> insert_project(storage::Session& s, const Project& p) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row,
      s.query_one(
          "INSERT INTO lists_project (unit_code, title, category, summary, budget_fen, "
          "funding_source, start_on, end_on, status, progress, beneficiaries, published, "
          "published_at, created_by, created_by_name, created_at, updated_at, version) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 0, '', $12, $13, $14, "
          "$15, 1) RETURNING id",
          std::vector<Value>{p.unit_code, p.title, p.category, p.summary, p.budget_fen,
                             p.funding_source, p.start_on, p.end_on, p.status, int64_t{p.progress},
                             p.beneficiaries, optional_value(p.created_by), p.created_by_name,
                             p.created_at, p.updated_at}));
  return row->integer(0);
}

Result<std::optional<Project>> find_project(storage::Session& s, int64_t id) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row, s.query_one("SELECT " + kProjectColumns + " FROM lists_project p WHERE p.id = $1",
                            std::vector<Value>{id}));
  if (!row) return std::optional<Project>();
  return std::optional<Project>(project_from(*row));
}

Result<bool> update_project(storage::Session& s, const Project& p, int64_t expected_version) {
  SHEQU_ASSIGN_OR_RETURN(
      const int64_t changed,
      s.execute("UPDATE lists_project SET title = $1, category = $2, summary = $3, budget_fen = "
                "$4, funding_source = $5, start_on = $6, end_on = $7, status = $8, progress = $9, "
                "beneficiaries = $10, published = $11, published_at = $12, updated_at = $13, "
                "version = version + 1 WHERE id = $14 AND version = $15",
                std::vector<Value>{p.title, p.category, p.summary, p.budget_fen, p.funding_source,
                                   p.start_on, p.end_on, p.status, int64_t{p.progress},
                                   p.beneficiaries, int64_t{p.published ? 1 : 0}, p.published_at,
                                   p.updated_at, p.id, expected_version}));
  return changed > 0;
}

Result<org::Page<Project>> list_projects(storage::Session& s, const ProjectFilter& filter,
                                         const org::PageRequest& page) {
  std::vector<Value> params;
  std::string where = storage::in_subtrees(s.dialect(), {"p.unit_code"}, filter.roots, params);
  if (!filter.status.empty())
    where += " AND p.status = " + storage::bind_all(params, {filter.status});
  return page_of_projects(s, where, std::move(params), "p.id DESC", page);
}

Result<org::Page<Project>> list_published(storage::Session& s,
                                          const std::vector<std::string>& units,
                                          const std::vector<std::string>& roots,
                                          const org::PageRequest& page) {
  std::vector<Value> params;
  std::string exact;
  for (const std::string& unit : units) {
    exact += (exact.empty() ? "" : ", ") + storage::bind_all(params, {unit});
  }
  const std::string subtree = storage::in_subtrees(s.dialect(), {"p.unit_code"}, roots, params);
  const std::string where = "p.published = 1 AND (" +
                            (exact.empty() ? std::string() : "p.unit_code IN (" + exact + ") OR ") +
                            subtree + ")";
  return page_of_projects(s, where, std::move(params),
                          "CASE WHEN p.status = 'in_progress' THEN 0 ELSE 1 END, p.published_at "
                          "DESC, p.id DESC",
                          page);
}

Result<int64_t> insert_update(storage::Session& s, const ProjectUpdate& u) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row,
      s.query_one("INSERT INTO lists_project_update (project_id, on_date, progress, status, body, "
                  "created_by_name, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                  std::vector<Value>{u.project_id, u.on, int64_t{u.progress}, u.status, u.body,
                                     u.created_by_name, u.created_at}));
  return row->integer(0);
}

Result<std::vector<ProjectUpdate>> updates_of(storage::Session& s, int64_t project_id) {
  SHEQU_ASSIGN_OR_RETURN(Rows rows, s.query("SELECT " + kUpdateColumns +
                                                " FROM lists_project_update WHERE project_id = $1 "
                                                "ORDER BY on_date DESC, id DESC",
                                            std::vector<Value>{project_id}));
  std::vector<ProjectUpdate> out;
  for (const Row& row : rows) out.push_back(update_from(row));
  return out;
}

Result<int64_t> insert_comment(storage::Session& s, const ProjectComment& c) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row,
      s.query_one("INSERT INTO lists_project_comment (project_id, author_id, body, state, reply, "
                  "decided_by_name, decided_at, created_at) VALUES ($1, $2, $3, $4, '', '', '', "
                  "$5) RETURNING id",
                  std::vector<Value>{c.project_id, c.author_id, c.body, c.state, c.created_at}));
  return row->integer(0);
}

Result<std::optional<ProjectComment>> find_comment(storage::Session& s, int64_t id) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row, s.query_one("SELECT " + kCommentColumns + kCommentFrom + " WHERE c.id = $1",
                            std::vector<Value>{id}));
  if (!row) return std::optional<ProjectComment>();
  return std::optional<ProjectComment>(comment_from(*row));
}

Status decide_comment(storage::Session& s, const ProjectComment& c) {
  SHEQU_TRY(
      s.execute("UPDATE lists_project_comment SET state = $1, reply = $2, decided_by_name = "
                "$3, decided_at = $4 WHERE id = $5",
                std::vector<Value>{c.state, c.reply, c.decided_by_name, c.decided_at, c.id}));
  return {};
}

Result<std::vector<ProjectComment>> comments_of(storage::Session& s, int64_t project_id,
                                                std::string_view state) {
  std::vector<Value> params{project_id};
  std::string where = " WHERE c.project_id = $1";
  if (!state.empty()) where += " AND c.state = " + storage::bind_all(params, {std::string(state)});
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows,
      s.query("SELECT " + kCommentColumns + kCommentFrom + where + " ORDER BY c.id DESC", params));
  std::vector<ProjectComment> out;
  for (const Row& row : rows) out.push_back(comment_from(row));
  return out;
}

Result<org::Page<ProjectComment>> list_comments(storage::Session& s, const CommentFilter& filter,
                                                const org::PageRequest& page) {
  std::vector<Value> params;
  const std::string where = " WHERE " + comment_condition(s, filter, params);
  SHEQU_ASSIGN_OR_RETURN(const storage::PageRows found,
                         storage::query_page(s, kCommentColumns, kCommentFrom + where, "c.id",
                                             std::move(params), page.page_size, page.offset()));
  org::Page<ProjectComment> out;
  out.total = found.total;
  for (const Row& row : found.rows) out.items.push_back(comment_from(row));
  return out;
}

Result<int64_t> count_comments(storage::Session& s, const CommentFilter& filter) {
  std::vector<Value> params;
  const std::string where = " WHERE " + comment_condition(s, filter, params);
  SHEQU_ASSIGN_OR_RETURN(auto count, s.query_one("SELECT COUNT(*)" + kCommentFrom + where, params));
  return count->integer(0);
}

Result<std::vector<ProjectComment>> comments_by(storage::Session& s, int64_t author_id,
                                                int64_t limit) {
  SHEQU_ASSIGN_OR_RETURN(Rows rows, s.query("SELECT " + kCommentColumns + kCommentFrom +
                                                " WHERE c.author_id = $1 ORDER BY c.id DESC "
                                                "LIMIT $2",
                                            std::vector<Value>{author_id, limit}));
  std::vector<ProjectComment> out;
  for (const Row& row : rows) out.push_back(comment_from(row));
  return out;
}

Result<int64_t> count_pending_by(storage::Session& s, int64_t author_id) {
  SHEQU_ASSIGN_OR_RETURN(auto count,
                         s.query_one("SELECT COUNT(*) FROM lists_project_comment WHERE author_id = "
                                     "$1 AND state = 'pending'",
                                     std::vector<Value>{author_id}));
  return count->integer(0);
}

}  // namespace repository

}  // namespace shequ::lists
