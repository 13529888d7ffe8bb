// The lists module's declaration (kit/module.hpp): the three lists of a community (三项清单) —
// residents' needs (需求清单) and the service resources (资源清单) that can meet them, matched over
// the walking network and followed up to an outcome, and the livelihood projects (项目清单)
// published to residents, who comment on them.
#pragma once

#include <string_view>
#include <vector>

#include "kit/module.hpp"
#include "storage/migrations.hpp"

namespace shequ::lists {

// Reading the needs registered in scope, their matches and proposals.
inline constexpr std::string_view kNeedRead = "lists:need:read";
// Registering needs, confirming matches, recording outcomes, closing needs.
inline constexpr std::string_view kNeedWrite = "lists:need:write";
// Reading the resources registered in scope.
inline constexpr std::string_view kResourceRead = "lists:resource:read";
// Registering and changing the resources of a unit in scope.
inline constexpr std::string_view kResourceWrite = "lists:resource:write";

// Reading the livelihood projects in scope, their reports and comments.
inline constexpr std::string_view kProjectRead = "lists:project:read";
// Registering projects, reporting progress, publishing them, deciding on residents' comments.
inline constexpr std::string_view kProjectWrite = "lists:project:write";
// A resident's comment on a published project of their area.
inline constexpr std::string_view kProjectComment = "lists:project:comment";
// A resident raising a need of their own on the resident pages, and reading what came of it.
inline constexpr std::string_view kNeedRaise = "lists:need:raise";

inline constexpr std::string_view kAuditNeed = "lists.need.create";
inline constexpr std::string_view kAuditRaise = "lists.need.raise";
inline constexpr std::string_view kAuditClose = "lists.need.close";
inline constexpr std::string_view kAuditResource = "lists.resource.create";
inline constexpr std::string_view kAuditResourceUpdate = "lists.resource.update";
inline constexpr std::string_view kAuditMatch = "lists.match.confirm";
inline constexpr std::string_view kAuditOutcome = "lists.match.outcome";
inline constexpr std::string_view kAuditProject = "lists.project.create";
inline constexpr std::string_view kAuditProjectUpdate = "lists.project.update";
inline constexpr std::string_view kAuditProjectProgress = "lists.project.progress";
inline constexpr std::string_view kAuditProjectPublish = "lists.project.publish";
inline constexpr std::string_view kAuditComment = "lists.comment.create";
inline constexpr std::string_view kAuditCommentDecide = "lists.comment.decide";

// To-do: urgent needs in scope nobody has matched.
inline constexpr std::string_view kTodoUrgent = "lists.needs.urgent";
// To-do: needs residents raised in scope that nobody has matched.
inline constexpr std::string_view kTodoRaised = "lists.needs.raised";
// To-do: residents' comments on projects in scope waiting for review.
inline constexpr std::string_view kTodoComments = "lists.comments.pending";

const kit::ModuleDeclaration& declaration();

// This module's schema migrations (generated from migrations/*.sql).
const std::vector<storage::Migration>& migrations();

}  // namespace shequ::lists
