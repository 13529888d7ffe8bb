#include "residents/model.hpp"

#include <algorithm>

namespace shequ::residents {

const std::vector<Choice>& household_types() {
  static const std::vector<Choice> choices{{"family", {"家庭户", "Family household"}},
                                           {"collective", {"集体户", "Collective household"}}};
  return choices;
}

const std::vector<Choice>& relations() {
  static const std::vector<Choice> choices{{"head", {"户主", "Head"}},
                                           {"spouse", {"配偶", "Spouse"}},
                                           {"child", {"子女", "Child"}},
                                           {"parent", {"父母", "Parent"}},
                                           {"grandchild", {"孙子女", "Grandchild"}},
                                           {"grandparent", {"祖父母", "Grandparent"}},
                                           {"sibling", {"兄弟姐妹", "Sibling"}},
                                           {"other", {"其他", "Other"}}};
  return choices;
}

const std::vector<Choice>& registrations() {
  static const std::vector<Choice> choices{
      {"registered", {"户籍人口", "Registered here"}},
      {"resident", {"常住人口（户籍在外）", "Living here, registered elsewhere"}},
      {"floating", {"流动人口", "Staying for a while"}}};
  return choices;
}

const std::vector<Choice>& disability_kinds() {
  static const std::vector<Choice> choices{{"visual", {"视力残疾", "Visual"}},
                                           {"hearing", {"听力残疾", "Hearing"}},
                                           {"speech", {"言语残疾", "Speech"}},
                                           {"physical", {"肢体残疾", "Physical"}},
                                           {"intellectual", {"智力残疾", "Intellectual"}},
                                           {"mental", {"精神残疾", "Mental"}},
                                           {"multiple", {"多重残疾", "Multiple"}}};
  return choices;
}

const std::vector<Choice>& visit_met() {
  static const std::vector<Choice> choices{{"person", {"本人", "The person"}},
                                           {"family", {"家属", "Family"}},
                                           {"nobody", {"未见到人", "Nobody"}}};
  return choices;
}

const std::vector<Choice>& visit_conditions() {
  static const std::vector<Choice> choices{
      {"good", {"良好", "Good"}}, {"fair", {"一般", "Fair"}}, {"poor", {"较差", "Poor"}}};
  return choices;
}

const std::vector<Choice>& visit_safety() {
  static const std::vector<Choice> choices{{"none", {"无安全隐患", "No hazard"}},
                                           {"found", {"存在安全隐患", "A hazard found"}}};
  return choices;
}

const std::vector<Choice>& visit_needs() {
  static const std::vector<Choice> choices{{"meals", {"助餐", "Meals"}},
                                           {"medical", {"就医", "Medical care"}},
                                           {"care", {"照料", "Personal care"}},
                                           {"repair", {"维修", "Repairs"}},
                                           {"psychological", {"心理疏导", "Someone to talk to"}},
                                           {"assistance", {"社会救助", "Social assistance"}},
                                           {"other", {"其他", "Other"}}};
  return choices;
}

const std::vector<Choice>& referral_kinds() {
  static const std::vector<Choice> choices{
      {"subsistence", {"低保审核", "Subsistence allowance"}},
      {"special_hardship", {"特困供养审核", "Special-hardship support"}}};
  return choices;
}

const std::vector<Choice>& referral_statuses() {
  static const std::vector<Choice> choices{{"referred", {"已转介", "Referred"}},
                                           {"under_assessment", {"审核中", "Under assessment"}},
                                           {"granted", {"已纳入", "Granted"}},
                                           {"refused", {"未纳入", "Refused"}}};
  return choices;
}

const std::vector<TagKind>& tag_kinds() {
  static const std::vector<TagKind> kinds{
      {"special_hardship_elderly", {"特困老人", "Older person in special hardship"}},
      {"living_alone", {"独居老人", "Older person living alone"}},
      {"empty_nest", {"空巢老人", "Older person whose children live away"}},
      {"left_behind_child", {"留守儿童", "Left-behind child"}},
      {"disability", {"残疾人", "Person with a disability"}, false, true},
      {"subsistence", {"低保对象", "Subsistence allowance"}},
      {"special_hardship", {"特困供养人员", "Special-hardship support"}},
      {"mental_disorder",
       {"严重精神障碍患者（社区康复）", "Mental disorder, in community rehabilitation"},
       true},
      {"community_correction", {"社区矫正对象", "Community-correction subject"}, true}};
  return kinds;
}

const TagKind* find_tag_kind(std::string_view key) {
  for (const TagKind& kind : tag_kinds()) {
    if (kind.key == key) return &kind;
  }
  return nullptr;
}

bool is_choice(const std::vector<Choice>& choices, std::string_view key) {
  return find_choice(choices, key) != nullptr;
}

}  // namespace shequ::residents
