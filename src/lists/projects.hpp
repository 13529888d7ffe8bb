// Livelihood projects (民生项目, the third of the three lists) as stored: the project, its
// progress reports and residents' comments, and their SQL. Every function runs inside the
// caller's transaction; scoped reads take the roots of the caller's subtrees
// (storage::in_subtrees).
//
// Thread-safe: plain data and free functions over the caller's session.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/choice.hpp"
#include "common/result.hpp"
#include "org/model.hpp"
#include "storage/database.hpp"

namespace shequ::lists {

const std::vector<Choice>& project_categories();
const std::vector<Choice>& funding_sources();
const std::vector<Choice>& project_states();  // planned, in_progress, done, suspended
const std::vector<Choice>& comment_states();  // pending, published, hidden

inline constexpr std::string_view kProjectDone = "done";
inline constexpr std::string_view kCommentPending = "pending";
inline constexpr std::string_view kCommentPublished = "published";
inline constexpr std::string_view kCommentHidden = "hidden";

struct Project {
  int64_t id = 0;
  std::string unit_code;
  std::string title;
  std::string category;
  std::string summary;
  int64_t budget_fen = 0;
  std::string funding_source;
  std::string start_on;
  std::string end_on;
  std::string status = "planned";
  int progress = 0;
  int64_t beneficiaries = 0;
  bool published = false;
  std::string published_at;  // "" until first published
  std::optional<int64_t> created_by;
  std::string created_by_name;
  std::string created_at;
  std::string updated_at;
  int64_t version = 1;
  int64_t pending_comments = 0;  // read, not stored
};

struct ProjectUpdate {
  int64_t id = 0;
  int64_t project_id = 0;
  std::string on;
  int progress = 0;
  std::string status;
  std::string body;
  std::string created_by_name;
  std::string created_at;
};

struct ProjectComment {
  int64_t id = 0;
  int64_t project_id = 0;
  int64_t author_id = 0;
  std::string body;
  std::string state = std::string(kCommentPending);
  std::string reply;
  std::string decided_by_name;
  std::string decided_at;
  std::string created_at;
  std::string project_title;  // read, not stored
};

struct ProjectFilter {
  std::vector<std::string> roots;
  std::string status;  // "" any
};

struct CommentFilter {
  std::vector<std::string> roots;  // of the projects' units
  std::string state;               // "" any
};

namespace repository {

Result<int64_t> insert_project(storage::Session& s, const Project& project);
Result<std::optional<Project>> find_project(storage::Session& s, int64_t id);
// Rewrites what staff enter, the progress, status and publication, at `expected_version`;
// false when it changed since.
Result<bool> update_project(storage::Session& s, const Project& project, int64_t expected_version);
// Newest first.
Result<org::Page<Project>> list_projects(storage::Session& s, const ProjectFilter& filter,
                                         const org::PageRequest& page);
// Published projects of `units` (exact) or within `roots`' subtrees; under way first, then the
// most recently published.
Result<org::Page<Project>> list_published(storage::Session& s,
                                          const std::vector<std::string>& units,
                                          const std::vector<std::string>& roots,
                                          const org::PageRequest& page);

Result<int64_t> insert_update(storage::Session& s, const ProjectUpdate& update);
// Newest first.
Result<std::vector<ProjectUpdate>> updates_of(storage::Session& s, int64_t project_id);

Result<int64_t> insert_comment(storage::Session& s, const ProjectComment& comment);
Result<std::optional<ProjectComment>> find_comment(storage::Session& s, int64_t id);
Status decide_comment(storage::Session& s, const ProjectComment& comment);
// A project's comments, newest first; `state` "" any.
Result<std::vector<ProjectComment>> comments_of(storage::Session& s, int64_t project_id,
                                                std::string_view state);
// Comments on the projects within the filter's roots, oldest first (a queue).
Result<org::Page<ProjectComment>> list_comments(storage::Session& s, const CommentFilter& filter,
                                                const org::PageRequest& page);
Result<int64_t> count_comments(storage::Session& s, const CommentFilter& filter);
// An author's comments, newest first, at most `limit`.
Result<std::vector<ProjectComment>> comments_by(storage::Session& s, int64_t author_id,
                                                int64_t limit);
Result<int64_t> count_pending_by(storage::Session& s, int64_t author_id);

}  // namespace repository

}  // namespace shequ::lists
