#include "residents/declaration.hpp"

namespace shequ::residents {

const kit::ModuleDeclaration& declaration() {
  // Officials above the township read masked lists and counts; the township and the village or
  // community keep the records; grid workers keep those of their grid and call the people in it.
  // The sensitive tags stay with the township and the community (综治, 司法所 and 卫健 contacts),
  // not the grid worker's phone. Those who grant the roles hold what the roles carry.
  static const std::vector<std::string_view> kOfficial{kPersonRead};
  static const std::vector<std::string_view> kKeeper{kPersonRead, kPersonWrite, kPersonReveal,
                                                     kSensitiveTags};
  static const std::vector<std::string_view> kGridWorker{kPersonRead, kPersonWrite, kPersonReveal};
  static const kit::ModuleDeclaration module{
      .name = "residents",
      .label = {"实有人口", "Residents"},
      .permissions = {{kPersonRead, {"查看实有人口（脱敏）", "View residents (masked)"}},
                      {kPersonWrite, {"登记和更正实有人口", "Register and correct residents"}},
                      {kPersonReveal,
                       {"查看居民个人信息明文并导出个人信息",
                        "Reveal a resident's personal data and export it"}},
                      {kSensitiveTags,
                       {"查看和标注特殊人群标签（精神障碍、社区矫正）",
                        "See and set the sensitive tags (mental disorder, community correction)"}}},
      .grants = {{"province_admin", kOfficial},
                 {"city_admin", kOfficial},
                 {"county_admin", kOfficial},
                 {"township_admin", kKeeper},
                 {"community_worker", kKeeper},
                 {"grid_worker", kGridWorker}},
      .migrations = migrations(),
      .audit_actions = {{"residents.household.create", {"登记户", "Register a household"}},
                        {"residents.household.read", {"查看户信息", "Open a household"}},
                        {"residents.person.create", {"登记居民", "Register a resident"}},
                        {"residents.person.read", {"查看居民信息", "Open a resident's record"}},
                        {"residents.person.update", {"更正居民信息", "Correct a resident"}},
                        {"residents.person.move", {"居民迁入迁出", "Record a resident's move"}},
                        {"residents.person.search",
                         {"按身份证号或电话查找居民", "Find a resident by ID or phone"}},
                        {"residents.person.reveal",
                         {"查看居民个人信息明文", "Reveal a resident's personal data"}},
                        {"residents.person.export",
                         {"导出居民个人信息", "Export a resident's personal data"}}},
      .sealed_fields = {{kAddressContext,
                         "resident_household",
                         "id",
                         "address_sealed",
                         kit::Masking::address,
                         {"户的地址", "Address of a household"}},
                        {kNameContext,
                         "resident_person",
                         "id",
                         "name_sealed",
                         kit::Masking::name,
                         {"居民姓名", "Name of a resident"}},
                        {kIdNumberContext,
                         "resident_person",
                         "id",
                         "id_number_sealed",
                         kit::Masking::resident_id,
                         {"居民身份证号码", "ID number of a resident"}},
                        {kPhoneContext,
                         "resident_person",
                         "id",
                         "phone_sealed",
                         kit::Masking::mobile,
                         {"居民电话", "Phone of a resident"}}},
  };
  return module;
}

}  // namespace shequ::residents
