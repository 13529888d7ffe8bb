#include "workforce/model.hpp"

namespace shequ::workforce {

namespace {

template <class E, std::size_t N>
std::optional<E> parse_key(const std::array<std::string_view, N>& keys, std::string_view key) {
  for (std::size_t i = 0; i < N; ++i) {
    if (keys[i] == key) return static_cast<E>(i);
  }
  return std::nullopt;
}

}  // namespace

std::string_view position_key(Position position) {
  return kPositionKeys[static_cast<std::size_t>(position)];
}
std::optional<Position> parse_position(std::string_view key) {
  return parse_key<Position>(kPositionKeys, key);
}

Text position_label(Position position) {
  switch (position) {
    case Position::secretary:
      return {"党组织书记", "Party secretary"};
    case Position::director:
      return {"居（村）委会主任", "Committee director"};
    case Position::secretary_director:
      return {"书记、主任一肩挑", "Secretary and director"};
    case Position::committee_member:
      return {"两委委员", "Committee member"};
    case Position::full_time_worker:
      return {"专职社区工作者", "Full-time community worker"};
    case Position::grid_worker:
      return {"专职网格员", "Grid worker"};
    case Position::children_director:
      return {"儿童主任", "Children's director"};
    case Position::disaster_officer:
      return {"灾害信息员", "Disaster information officer"};
    case Position::minors_officer:
      return {"未成年人保护工作专干", "Minors-protection officer"};
    case Position::reserve_secretary:
      return {"书记后备人才", "Reserve candidate for secretary"};
  }
  return {"", ""};
}

bool is_main_post(Position position) {
  return static_cast<std::size_t>(position) <= static_cast<std::size_t>(Position::grid_worker);
}

bool is_leader(Position position) {
  return position == Position::secretary || position == Position::director ||
         position == Position::secretary_director;
}

std::string_view qualification_key(Qualification q) {
  return kQualificationKeys[static_cast<std::size_t>(q)];
}
std::optional<Qualification> parse_qualification(std::string_view key) {
  return parse_key<Qualification>(kQualificationKeys, key);
}

std::string_view level_key(CourseLevel level) {
  return kCourseLevelKeys[static_cast<std::size_t>(level)];
}
std::optional<CourseLevel> parse_course_level(std::string_view key) {
  return parse_key<CourseLevel>(kCourseLevelKeys, key);
}

std::string_view form_key(CourseForm form) {
  return kCourseFormKeys[static_cast<std::size_t>(form)];
}
std::optional<CourseForm> parse_course_form(std::string_view key) {
  return parse_key<CourseForm>(kCourseFormKeys, key);
}

}  // namespace shequ::workforce
