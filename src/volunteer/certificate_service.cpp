#include "volunteer/certificate_service.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "pdf/pdf_document.hpp"
#include "privacy/validators.hpp"
#include "volunteer/declaration.hpp"
#include "volunteer/hour_repository.hpp"
#include "volunteer/volunteer_repository.hpp"

namespace shequ::volunteer {

namespace {

// The verify link's QR code on the page, in points (about 5.6 cm: its modules stay over 0.5 mm).
constexpr double kQrSide = 160;

Error volunteer_not_found() {
  return Error::not_found({"未找到该志愿者", "no such volunteer"});
}

Error no_hours() {
  return Error::conflict(
      {"还没有经确认的志愿服务时长，无法开具证明", "there are no confirmed hours to certify yet"});
}

std::string duration_text(int64_t minutes) {
  const int64_t hours = minutes / 60;
  const int64_t rest = minutes % 60;
  if (rest == 0) return fmt::format("{} 小时", hours);
  return hours == 0 ? fmt::format("{} 分钟", rest) : fmt::format("{} 小时 {} 分钟", hours, rest);
}

// "2026-12-05" as 2026年12月05日.
std::string chinese_date(std::string_view date) {
  if (date.size() != 10) return std::string(date);
  return fmt::format("{}年{}月{}日", date.substr(0, 4), date.substr(5, 2), date.substr(8, 2));
}

std::string unit_name(const org::OrgService& org, const std::string& code) {
  const auto unit = org.tree().find(code);
  return unit ? unit->unit.name : code;
}

std::string unit_path(const org::OrgService& org, const std::string& code) {
  const auto unit = org.tree().find(code);
  if (!unit) return code;
  std::string text;
  for (const org::UnitRef& up : unit->path) text += up.name + " › ";
  return text + unit->unit.name;
}

struct Rendered {
  const CertificateStatement& statement;
  const std::vector<HourEntry>& entries;
  const std::map<int64_t, std::string>& titles;
  std::string verify_link;
  std::string verify_page;
};

Result<std::string> render(const org::OrgService& org, const Rendered& r,
                           const privacy::CertificateKey& key, std::string_view payload) {
  const CertificateStatement& s = r.statement;
  SHEQU_ASSIGN_OR_RETURN(
      auto document,
      pdf::PdfDocument::create(pdf::Orientation::portrait, "志愿服务记录证明 " + s.number,
                               "志愿服务记录证明 " + s.number, "第 {} 页"));
  document->keywords(document_keywords(payload));
  document->title("志愿服务记录证明");
  document->paragraph("Certificate of volunteer service hours");
  document->paragraph("证明编号：" + s.number);
  const std::string phone = s.phone_tail ? fmt::format("（手机尾号 {}）", *s.phone_tail) : "";
  document->paragraph(fmt::format(
      "兹证明志愿者 {}{}，所属 {}，自 {} 至 {} 参加志愿服务，经活动组织者确认，累计服务时长 "
      "{}（共 {} 条记录）。",
      s.volunteer, phone, s.unit_path, chinese_date(s.first_day), chinese_date(s.last_day),
      duration_text(s.minutes), s.entries));
  pdf::PdfTable table{{{"记录序号", 0.9, pdf::Align::center},
                       {"服务日期", 1.2, pdf::Align::center},
                       {"活动", 3.0, pdf::Align::left},
                       {"组织单位", 1.6, pdf::Align::left},
                       {"时长", 1.4, pdf::Align::right}},
                      {}};
  for (const HourEntry& e : r.entries) {
    const auto title = r.titles.find(e.activity_id);
    std::string activity = title == r.titles.end() ? "" : title->second;
    if (e.corrects) {
      activity += fmt::format("（更正第 {} 条：{}）", *e.corrects, e.reason);
    }
    table.rows.push_back({{std::to_string(e.seq), {}},
                          {e.served_on, {}},
                          {activity, {}},
                          {unit_name(org, e.unit_code), {}},
                          {(e.minutes < 0 ? "−" : "") + duration_text(std::abs(e.minutes)), {}}});
  }
  document->table(table);
  const auto issued = parse_timestamp(s.issued_at);
  document->paragraph(fmt::format("签发时间：{}（北京时间）",
                                  issued ? chinese_date(china_date(*issued)) : s.issued_at));
  document->paragraph(fmt::format(
      "本证明以 Ed25519 数字签名（第 {} 号证明密钥），记录链第 {} 至 {} 条，末条校验码 {}。"
      "扫描二维码或在 {} 上传本文件即可核验真伪；文件的任何改动都会使核验失败。",
      key.id, s.seq_from, s.seq_to, s.chain_mac, r.verify_page));
  SHEQU_TRY(document->qr_code(r.verify_link, kQrSide, "扫码核验 Scan to verify"));
  SHEQU_ASSIGN_OR_RETURN(std::string pdf, document->finish());
  return sign_document(std::move(pdf), key);
}

}  // namespace

CertificateService::CertificateService(const org::OrgService& org, storage::Database& db,
                                       const audit::Log& audit, const Clock& clock,
                                       const privacy::Keyring& keyring, std::string public_origin)
    : org_(org),
      db_(db),
      audit_(audit),
      clock_(clock),
      keyring_(keyring),
      public_origin_(std::move(public_origin)),
      keys_(published_keys(keyring.certificate_keys())) {}

Result<IssuedCertificate> CertificateService::mine(const Actor& actor) const {
  if (!actor.has(kSelfJoin) || actor.via_api_key) {
    return Error::forbidden({"您还不是志愿者", "you are not a volunteer"});
  }
  return db_.write_value<IssuedCertificate>([&](storage::Session& s) -> Result<IssuedCertificate> {
    SHEQU_ASSIGN_OR_RETURN(auto row, repository::volunteer_of_user(s, actor.user_id));
    if (!row) return no_hours();
    return issue(actor, *row, 0, kSelfJoin, s);
  });
}

Result<IssuedCertificate> CertificateService::of_volunteer(const Actor& actor,
                                                           int64_t volunteer_id) const {
  return db_.write_value<IssuedCertificate>([&](storage::Session& s) -> Result<IssuedCertificate> {
    SHEQU_ASSIGN_OR_RETURN(auto row, repository::find_volunteer(s, volunteer_id));
    if (!row || !org_.covers(actor, kHoursRead, row->volunteer.unit_code)) {
      return volunteer_not_found();
    }
    return issue(actor, *row, actor.user_id, kHoursRead, s);
  });
}

Result<IssuedCertificate> CertificateService::issue(const Actor& actor,
                                                    const repository::VolunteerRow& row,
                                                    int64_t issued_by, std::string_view permission,
                                                    storage::Session& s) const {
  const int64_t volunteer_id = row.volunteer.id;
  if (keyring_.certificate_keys().empty()) {
    return Error::unavailable(
        "the key file has no certificate key: run shequ keys upgrade on the server holding it");
  }
  const privacy::CertificateKey& key = keyring_.certificate_keys().back();
  SHEQU_ASSIGN_OR_RETURN(const std::vector<HourEntry> entries,
                         repository::hours_of(s, volunteer_id));
  if (entries.empty()) return no_hours();
  SHEQU_ASSIGN_OR_RETURN(const std::string name, keyring_.open(row.name_sealed, kNameContext));
  CertificateStatement statement;
  statement.volunteer = privacy::mask_name(name);
  if (row.phone_sealed) {
    SHEQU_ASSIGN_OR_RETURN(const std::string phone,
                           keyring_.open(*row.phone_sealed, kPhoneContext));
    if (phone.size() >= 4) statement.phone_tail = phone.substr(phone.size() - 4);
  }
  const TimePoint now = clock_.now();
  statement.number = new_certificate_number(now);
  statement.unit = row.volunteer.unit_code;
  statement.unit_path = unit_path(org_, statement.unit);
  std::vector<int64_t> activities;
  for (const HourEntry& e : entries) {
    statement.minutes += e.minutes;
    activities.push_back(e.activity_id);
  }
  const auto [first, last] = std::ranges::minmax_element(entries, {}, &HourEntry::served_on);
  statement.first_day = first->served_on;
  statement.last_day = last->served_on;
  statement.entries = static_cast<int64_t>(entries.size());
  statement.seq_from = entries.front().seq;
  statement.seq_to = entries.back().seq;
  statement.chain_mac = entries.back().mac.substr(0, 16);
  statement.issued_at = format_timestamp(now);
  statement.key = key.id;
  const std::string payload = sign_statement(statement, key);

  std::ranges::sort(activities);
  activities.erase(std::unique(activities.begin(), activities.end()), activities.end());
  SHEQU_ASSIGN_OR_RETURN(const auto titles, repository::activity_titles(s, activities));
  const std::string link =
      fmt::format("{}/verify/{}#{}", public_origin_, statement.number, payload);
  SHEQU_ASSIGN_OR_RETURN(
      std::string pdf,
      render(org_, {statement, entries, titles, link, public_origin_ + "/verify/"}, key, payload));
  SHEQU_TRY(repository::insert_certificate(s, {.number = statement.number,
                                               .volunteer_id = volunteer_id,
                                               .issued_at = statement.issued_at,
                                               .issued_by = issued_by,
                                               .key_id = key.id,
                                               .minutes = statement.minutes,
                                               .seq_to = statement.seq_to,
                                               .payload = payload}));
  SHEQU_TRY(audit_.append(
      s, audit::who(actor, permission),
      {std::string(kAuditCertificateIssue), "volunteer_certificate", statement.number, "success",
       fmt::format("volunteer {}, {} minutes", volunteer_id, statement.minutes), statement.unit}));
  return IssuedCertificate{statement.number, std::move(pdf)};
}

Result<Verification> CertificateService::verify_payload(std::string_view payload) const {
  return volunteer::verify_payload(payload, keys_);
}

Result<Verification> CertificateService::verify_document(std::string_view pdf) const {
  return volunteer::verify_document(pdf, keys_);
}

}  // namespace shequ::volunteer
