#include "residents/declaration.hpp"

#include <chrono>

namespace shequ::residents {

const kit::ModuleDeclaration& declaration() {
  // The township and the village or community keep the records; grid workers keep those of
  // their grid, visit and call the people in it. The sensitive tags stay with the community and
  // the officials (综治, 司法所 and 卫健 contacts), not the grid worker's phone. The province and
  // the cities set who is visited how often; the township decides the assessments visits refer.
  // The region administrators grant these roles and may grant only what they hold
  // (docs/security.md): they hold every permission of the roles below them.
  static const std::vector<std::string_view> kRuleSetter{
      kPersonRead,  kPersonWrite,    kPersonReveal, kSensitiveTags,
      kVisitRecord, kReferralDecide, kRulesManage};
  static const std::vector<std::string_view> kTownship{
      kPersonRead, kPersonWrite, kPersonReveal, kSensitiveTags, kVisitRecord, kReferralDecide};
  static const std::vector<std::string_view> kKeeper{kPersonRead, kPersonWrite, kPersonReveal,
                                                     kSensitiveTags, kVisitRecord};
  static const std::vector<std::string_view> kGridWorker{kPersonRead, kPersonWrite, kPersonReveal,
                                                         kVisitRecord};
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
                        "See and set the sensitive tags (mental disorder, community correction)"}},
                      {kVisitRecord, {"记录入户走访", "Record home visits"}},
                      {kReferralDecide,
                       {"办理走访转介的低保特困审核", "Decide the assessments visits refer"}},
                      {kRulesManage, {"设置走访对象和频次", "Set who is visited how often"}}},
      .grants = {{"province_admin", kRuleSetter},
                 {"city_admin", kRuleSetter},
                 {"county_admin", kTownship},
                 {"township_admin", kTownship},
                 {"community_worker", kKeeper},
                 {"grid_worker", kGridWorker}},
      .migrations = migrations(),
      .audit_actions =
          {{"residents.household.create", {"登记户", "Register a household"}},
           {"residents.household.read", {"查看户信息", "Open a household"}},
           {"residents.person.create", {"登记居民", "Register a resident"}},
           {"residents.person.read", {"查看居民信息", "Open a resident's record"}},
           {"residents.person.update", {"更正居民信息", "Correct a resident"}},
           {"residents.person.move", {"居民迁入迁出", "Record a resident's move"}},
           {"residents.person.search",
            {"按身份证号或电话查找居民", "Find a resident by ID or phone"}},
           {"residents.person.reveal",
            {"查看居民个人信息明文", "Reveal a resident's personal data"}},
           {"residents.person.export", {"导出居民个人信息", "Export a resident's personal data"}},
           {"residents.person.anonymise",
            {"匿名化迁出居民信息", "Anonymise a resident who moved away"}},
           {"residents.visit.record", {"记录入户走访", "Record a home visit"}},
           {"residents.visit.read", {"查看走访记录", "Read a person's visits"}},
           {"residents.referral.create",
            {"走访转介低保特困审核", "Refer a person for an assessment"}},
           {"residents.referral.decide", {"办理转介审核", "Decide a referred assessment"}},
           {"residents.rules.update", {"设置走访对象和频次", "Set who is visited how often"}},
           {"residents.import.submit", {"上传居民登记表", "Upload a household register"}},
           {"residents.import", {"导入居民登记表", "Import a household register"}}},
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
                         {"居民电话", "Phone of a resident"}},
                        {kVisitNoteContext,
                         "resident_visit",
                         "id",
                         "note_sealed",
                         kit::Masking::hidden,
                         {"走访记录备注", "Note of a home visit"}},
                        {kImportFileContext,
                         "resident_import",
                         "id",
                         "file_sealed",
                         kit::Masking::hidden,
                         {"待导入的居民登记表", "Household register awaiting import"}}},
      .jobs = {{kAnonymiseKind,
                {"匿名化迁出超过保存期限的居民", "Anonymise residents who moved away long ago"},
                std::chrono::hours(24),
                2},
               {kImportKind,
                {"导入居民登记表", "Import a household register"},
                std::chrono::seconds(0),
                2},
               {kRemindKind,
                {"提醒网格员走访本期未走访的关爱对象",
                 "Remind grid workers of care targets not yet visited"},
                std::chrono::hours(24),
                2}},
      .todos = {{kTodoOverdue,
                 {"本期未走访的关爱对象", "Care targets not visited this period"},
                 kVisitRecord},
                {kTodoReferrals,
                 {"待审核的走访转介", "Referrals awaiting a decision"},
                 kReferralDecide}},
      .indicators = {"12"},
  };
  return module;
}

}  // namespace shequ::residents
