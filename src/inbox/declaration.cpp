#include "inbox/declaration.hpp"

namespace shequ::inbox {

const kit::ModuleDeclaration& declaration() {
  // Every account that works in the units; not the separated administrators (they share no
  // permission) nor residents (their pages are /h5/).
  static const std::vector<std::string_view> kRead{kMessageRead};
  static const kit::ModuleDeclaration module{
      .name = "inbox",
      .label = {"站内消息", "Messages"},
      .permissions = {{kMessageRead, {"查看本人的站内消息", "Read one's own messages"}}},
      .grants = {{"province_admin", kRead},
                 {"city_admin", kRead},
                 {"county_admin", kRead},
                 {"township_admin", kRead},
                 {"community_worker", kRead},
                 {"grid_worker", kRead}},
      .migrations = migrations(),
      .todos = {{kTodoUnread, {"未读消息", "Unread messages"}, kMessageRead}},
  };
  return module;
}

}  // namespace shequ::inbox
