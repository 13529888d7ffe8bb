// The inbox module: messages the system leaves for an account (站内消息) — the monthly reminder
// of home visits that are due — read on the console's messages page and counted as a to-do.
#pragma once

#include <string_view>
#include <vector>

#include "kit/module.hpp"

namespace shequ::inbox {

inline constexpr std::string_view kMessageRead = "inbox:message:read";
// The caller's unread messages, on the workbench.
inline constexpr std::string_view kTodoUnread = "inbox.unread";

const kit::ModuleDeclaration& declaration();
const std::vector<storage::Migration>& migrations();

}  // namespace shequ::inbox
