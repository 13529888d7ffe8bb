#include "alerts/model.hpp"

#include <algorithm>

namespace shequ::alerts {

const std::vector<Choice>& categories() {
  static const std::vector<Choice> choices{{"flood", {"洪涝", "Flood"}},
                                           {"earthquake", {"地震", "Earthquake"}},
                                           {"geological", {"地质灾害", "Geological hazard"}},
                                           {"heat", {"高温", "Heat"}},
                                           {"cold", {"寒潮低温", "Cold"}},
                                           {"gas", {"燃气", "Gas"}},
                                           {"fire", {"火灾", "Fire"}},
                                           {"public_health", {"公共卫生", "Public health"}},
                                           {"other", {"其他", "Other"}}};
  return choices;
}

const std::vector<Choice>& levels() {
  static const std::vector<Choice> choices{{"blue", {"蓝色预警", "Blue"}},
                                           {"yellow", {"黄色预警", "Yellow"}},
                                           {"orange", {"橙色预警", "Orange"}},
                                           {"red", {"红色预警", "Red"}}};
  return choices;
}

int level_rank(std::string_view level) {
  const auto& all = levels();
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all[i].key == level) return static_cast<int>(i);
  }
  return -1;
}

const std::vector<std::string_view>& vulnerable_tags() {
  static const std::vector<std::string_view> tags{
      "special_hardship_elderly", "living_alone", "empty_nest",
      "left_behind_child",        "disability",   "special_hardship"};
  return tags;
}

const std::vector<Choice>& task_reasons() {
  static const std::vector<Choice> choices{
      {"help", {"居民请求帮助", "Asked for help"}},
      {"no_answer", {"逾期未确认", "Did not answer in time"}},
      {"no_channel", {"无法通过线上送达", "Nothing reaches them but a visit"}}};
  return choices;
}

const std::vector<Choice>& task_outcomes() {
  static const std::vector<Choice> choices{{"reached", {"已联系确认", "Reached"}},
                                           {"helped", {"已上门帮助", "Helped"}},
                                           {"unreachable", {"无法联系", "Unreachable"}}};
  return choices;
}

}  // namespace shequ::alerts
