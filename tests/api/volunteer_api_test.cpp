// Volunteers through the API, as a community runs them (ADR 0030): residents apply and are
// approved, sign up with a waiting list, check in and out with the code shown at the activity
// (an expired or foreign code refused), someone without a phone is checked in by hand, the
// hours are confirmed into the chained record; then the record is edited and cut in the
// database and `shequ volunteer verify` names what was done.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "api/small_stack.hpp"
#include "auth/accounts.hpp"
#include "volunteer/hour_record.hpp"

namespace shequ::testing {
namespace {

using Json = nlohmann::json;

constexpr const char* kCommunity = "620102001001";  // 畅家巷社区
constexpr const char* kVolunteers = "/api/v1/volunteer/volunteers";
constexpr const char* kActivities = "/api/v1/volunteer/activities";
const char* const kPassword = "Volunteer#Shequ2026";

// The command's output and exit status.
struct CommandRun {
  std::string output;
  int status = -1;
};

CommandRun run(const std::string& command) {
  CommandRun r;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return r;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;)
    r.output.append(buffer, n);
  const int status = ::pclose(pipe);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

class VolunteerApiTest : public SmallStackTest {
 protected:
  std::string at(std::chrono::minutes from_now) {
    return format_timestamp(clock_.now() + from_now);
  }
  // A resident account of the community's second grid, signed in.
  std::unique_ptr<HttpClient> new_resident(const std::string& username) {
    auth::NewUser user{
        username, username, "620102001001002", kPassword, {{"resident", "620102001001002"}}, false};
    EXPECT_TRUE(services_->auth().accounts().create_user_as_operator(user)) << username;
    return as(username, kPassword);
  }
  // Applies as `client` and has the community approve: the volunteer's id.
  int64_t volunteer(HttpClient& client, HttpClient& community, const std::string& name) {
    const auto applied = client.send_json("POST", "/api/v1/volunteer/me",
                                          Json{{"name", name}, {"skills", "陪护"}}.dump());
    EXPECT_EQ(applied.status, 201) << applied.body;
    const int64_t id = applied.json()["id"];
    const auto approved =
        community.send_json("POST", fmt::format("{}/{}/decision", kVolunteers, id),
                            Json{{"approve", true}, {"version", applied.json()["version"]}}.dump());
    EXPECT_EQ(approved.status, 200) << approved.body;
    EXPECT_EQ(approved.json()["state"], "approved");
    return id;
  }
  std::string code(HttpClient& organiser, int64_t activity, const char* direction) {
    const auto shown =
        organiser.get(fmt::format("{}/{}/code?direction={}", kActivities, activity, direction));
    EXPECT_EQ(shown.status, 200) << shown.body;
    return shown.json()["code"];
  }
  HttpResult check(HttpClient& volunteer, int64_t activity, const char* direction,
                   const std::string& code) {
    return volunteer.send_json("POST",
                               fmt::format("/api/v1/volunteer/me/activities/{}/check", activity),
                               Json{{"direction", direction}, {"code", code}}.dump());
  }
  std::string key_file() const {
    return (std::filesystem::path(services_->audit_checkpoints()).parent_path() /
            "personal-data.keys")
        .string();
  }
  // `shequ volunteer verify-certificate` of `pdf` with this test's key file.
  CommandRun verify_certificate(const std::string& pdf, const std::string& name) {
    const std::string file =
        (std::filesystem::path(services_->audit_checkpoints()).parent_path() / name).string();
    std::ofstream(file, std::ios::binary) << pdf;
    return run(fmt::format("SHEQU_LANG=en '{}' volunteer verify-certificate '{}' --keys '{}'",
                           SHEQU_BINARY, file, key_file()));
  }
  Json verified_file(const std::string& pdf) {
    const auto checked = as("")->request("POST", "/api/v1/public/certificates/verify-file", pdf,
                                         {{"Content-Type", "application/pdf"}});
    EXPECT_EQ(checked.status, 200) << checked.body;
    return checked.json();
  }
  // After confirmation: `wang` has 180 minutes, `liu` none, `ma` (no account) 91.
  void check_certificates(HttpClient& wang, HttpClient& liu, int64_t wang_id, int64_t ma_id) {
    const auto none = liu.get("/api/v1/volunteer/me/certificate");
    EXPECT_EQ(none.status, 409) << none.body;
    const auto issued = wang.get("/api/v1/volunteer/me/certificate");
    ASSERT_EQ(issued.status, 200) << issued.body;
    EXPECT_EQ(issued.header("content-type"), "application/pdf");
    EXPECT_NE(issued.header("content-disposition").find("attachment"), std::string::npos);
    const std::string& pdf = issued.body;
    ASSERT_TRUE(pdf.starts_with("%PDF-"));
    // Anyone, without signing in, reads what it states and no more.
    const Json genuine = verified_file(pdf);
    EXPECT_EQ(genuine["genuine"], true) << genuine.dump();
    EXPECT_EQ(genuine["certificate"]["minutes"], 180);
    EXPECT_EQ(genuine["certificate"]["entries"], 1);
    EXPECT_EQ(genuine["certificate"]["volunteer"], "王*");
    EXPECT_TRUE(genuine["certificate"]["phoneTail"].is_null());
    EXPECT_EQ(genuine["certificate"]["unit"], kCommunity);
    EXPECT_NE(genuine["certificate"]["unitPath"].get<std::string>().find("畅家巷社区"),
              std::string::npos);
    EXPECT_EQ(genuine["key"]["id"], 1);
    EXPECT_EQ(genuine.dump().find("王建"), std::string::npos);
    // The QR code's payload checks too; the certificate is recorded and audited.
    const std::size_t tag = pdf.find("shequ-certificate:v1:");
    ASSERT_NE(tag, std::string::npos);
    const std::size_t from = tag + 21;
    const std::string payload = pdf.substr(from, pdf.find(':', from) - from);
    const auto by_payload = as("")->send_json("POST", "/api/v1/public/certificates/verify",
                                              Json{{"payload", payload}}.dump());
    ASSERT_EQ(by_payload.status, 200) << by_payload.body;
    EXPECT_EQ(by_payload.json()["genuine"], true);
    EXPECT_EQ(by_payload.json()["certificate"]["number"], genuine["certificate"]["number"]);
    EXPECT_EQ(count(fmt::format("SELECT COUNT(*) FROM volunteer_certificate WHERE volunteer_id = "
                                "{} AND minutes = 180",
                                wang_id)),
              1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'volunteer.certificate.issue'"),
              1);
    // One byte changed in the middle of the file: altered, and nothing of it shown.
    std::string changed = pdf;
    changed[changed.size() / 2] = static_cast<char>(changed[changed.size() / 2] ^ 0x20);
    const Json altered = verified_file(changed);
    EXPECT_EQ(altered["genuine"], false);
    EXPECT_EQ(altered["reason"], "altered");
    EXPECT_TRUE(altered["certificate"].is_null());
    // Something that is no certificate: a clear error on the field.
    const auto no_certificate =
        as("")->request("POST", "/api/v1/public/certificates/verify-file", "%PDF-1.5\n%%EOF\n",
                        {{"Content-Type", "application/pdf"}});
    EXPECT_EQ(no_certificate.status, 400);
    EXPECT_EQ(no_certificate.json()["details"][0]["field"], "file");
    // The keys anyone checks with.
    const auto keys = as("")->get("/.well-known/shequ-certificate-keys.json");
    ASSERT_EQ(keys.status, 200) << keys.body;
    EXPECT_EQ(keys.json()["keys"].size(), 1u);
    EXPECT_TRUE(keys.json()["keys"][0]["retired"].is_null());
    // Staff print the certificate of someone without a phone; a resident cannot.
    EXPECT_EQ(as("chengguan")->get(fmt::format("{}/{}/certificate", kVolunteers, ma_id)).status,
              200);
    EXPECT_EQ(liu.get(fmt::format("{}/{}/certificate", kVolunteers, ma_id)).status, 403);

    // Offline, with the key file; then after a rotation the old certificate still verifies.
    const CommandRun offline = verify_certificate(pdf, "certificate.pdf");
    EXPECT_EQ(offline.status, 0) << offline.output;
    EXPECT_NE(offline.output.find("Genuine and unaltered"), std::string::npos) << offline.output;
    EXPECT_NE(offline.output.find("180 minutes in 1 entries"), std::string::npos) << offline.output;
    // The printed QR code, rendered as a printer would and scanned, is the verify link.
    const std::string folder =
        std::filesystem::path(services_->audit_checkpoints()).parent_path().string();
    const CommandRun scanned =
        run(fmt::format("(pdftoppm -r 150 -png -f 1 -l 1 '{0}/certificate.pdf' '{0}/page' && "
                        "zbarimg -q --raw '{0}/page-1.png' 2>/dev/null)",
                        folder));
    ASSERT_EQ(scanned.status, 0) << scanned.output;
    EXPECT_EQ(scanned.output,
              fmt::format("http://127.0.0.1:8080/verify/{}#{}\n",
                          genuine["certificate"]["number"].get<std::string>(), payload));
    const CommandRun refused = verify_certificate(changed, "changed.pdf");
    EXPECT_EQ(refused.status, 1) << refused.output;
    EXPECT_NE(refused.output.find("altered"), std::string::npos) << refused.output;
    const CommandRun rotated = run(
        fmt::format("SHEQU_LANG=en '{}' keys rotate-certificate --keys '{}' --database '{}' "
                    "--audit-checkpoints '{}'",
                    SHEQU_BINARY, key_file(), database_->url(), services_->audit_checkpoints()));
    ASSERT_EQ(rotated.status, 0) << rotated.output;
    EXPECT_NE(rotated.output.find("Certificate key 2 now signs"), std::string::npos);
    const CommandRun after_rotation = verify_certificate(pdf, "certificate.pdf");
    EXPECT_EQ(after_rotation.status, 0) << after_rotation.output;
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'certificate_key.rotate'"), 1);
  }

  // `shequ volunteer verify` on this test's database and key file.
  CommandRun verify() {
    const std::filesystem::path folder =
        std::filesystem::path(services_->audit_checkpoints()).parent_path();
    return run(
        fmt::format("SHEQU_LANG=en '{}' volunteer verify --database '{}' --keys '{}' "
                    "--audit-checkpoints '{}'",
                    SHEQU_BINARY, database_->url(), (folder / "personal-data.keys").string(),
                    services_->audit_checkpoints()));
  }
};

TEST_P(VolunteerApiTest, ResidentsVolunteerCheckInWithTheCodeAndTheirHoursAreChained) {
  auto community = as("changjiaxiang");
  auto liu = as("jumin1");
  auto wang = new_resident("zhiyuan_wang");
  auto zhao = new_resident("zhiyuan_zhao");
  // Time passes beyond the sessions' idle limit: everyone signs in again.
  const auto later = [&](auto by) {
    clock_.advance(by);
    community = as("changjiaxiang");
    liu = as("jumin1");
    wang = as("zhiyuan_wang", kPassword);
    zhao = as("zhiyuan_zhao", kPassword);
  };

  // Applying: masked in every answer; not twice; nothing to sign up for until approved.
  const auto applied = liu->send_json(
      "POST", "/api/v1/volunteer/me",
      Json{{"name", "刘芳芳"}, {"phone", "13993100120"}, {"skills", "陪护、理发"}}.dump());
  ASSERT_EQ(applied.status, 201) << applied.body;
  EXPECT_EQ(applied.json()["name"], "刘*芳");
  EXPECT_EQ(applied.json()["phone"], "139****0120");
  EXPECT_EQ(applied.json()["state"], "applied");
  EXPECT_EQ(applied.json()["unit"]["code"], kCommunity);
  EXPECT_EQ(liu->send_json("POST", "/api/v1/volunteer/me", Json{{"name", "刘芳芳"}}.dump()).status,
            409);
  const auto waiting_list = community->get(std::string(kVolunteers) + "?state=applied");
  ASSERT_EQ(waiting_list.status, 200) << waiting_list.body;
  ASSERT_EQ(waiting_list.json()["total"], 1);
  const int64_t liu_id = waiting_list.json()["items"][0]["id"];
  // A refusal says why.
  EXPECT_EQ(community
                ->send_json("POST", fmt::format("{}/{}/decision", kVolunteers, liu_id),
                            Json{{"approve", false}, {"version", 1}}.dump())
                .status,
            400);
  ASSERT_EQ(community
                ->send_json("POST", fmt::format("{}/{}/decision", kVolunteers, liu_id),
                            Json{{"approve", true}, {"version", 1}}.dump())
                .status,
            200);
  const int64_t wang_id = volunteer(*wang, *community, "王建");
  const int64_t zhao_id = volunteer(*zhao, *community, "赵敏");
  // Someone without a phone, registered by the community: approved at once.
  const auto registered = community->send_json(
      "POST", kVolunteers, Json{{"unit", kCommunity}, {"name", "马大爷"}}.dump());
  ASSERT_EQ(registered.status, 201) << registered.body;
  EXPECT_EQ(registered.json()["state"], "approved");
  const int64_t ma_id = registered.json()["id"];

  // An activity for two, from an hour from now for three hours.
  const auto published = community->send_json("POST", kActivities,
                                              Json{{"unit", kCommunity},
                                                   {"title", "敬老院陪护"},
                                                   {"place", "畅家巷社区敬老院"},
                                                   {"startsAt", at(std::chrono::minutes(60))},
                                                   {"endsAt", at(std::chrono::minutes(240))},
                                                   {"capacity", 2},
                                                   {"skills", "陪护"}}
                                                  .dump());
  ASSERT_EQ(published.status, 201) << published.body;
  const int64_t activity = published.json()["id"];
  const std::string signup = fmt::format("/api/v1/volunteer/me/activities/{}/signup", activity);
  ASSERT_EQ(liu->request("POST", signup).status, 201);
  ASSERT_EQ(wang->request("POST", signup).status, 201);
  const auto third = zhao->request("POST", signup);
  ASSERT_EQ(third.status, 201) << third.body;
  EXPECT_EQ(third.json()["state"], "waiting");
  EXPECT_EQ(liu->request("POST", signup).status, 409);  // signed up already
  // 刘 gives her place up: 赵, first waiting, takes it; 刘 signing again waits.
  ASSERT_EQ(liu->request("DELETE", signup).status, 204);
  const auto mine = zhao->get("/api/v1/volunteer/me/activities").json();
  ASSERT_EQ(mine["total"], 1) << mine.dump();
  EXPECT_EQ(mine["items"][0]["mine"]["state"], "signed_up");
  EXPECT_EQ(liu->request("POST", signup).json()["state"], "waiting");
  // An activity at the same time cannot be joined as well.
  const auto overlapping = community->send_json("POST", kActivities,
                                                Json{{"unit", kCommunity},
                                                     {"title", "垃圾分类宣传"},
                                                     {"place", "畅家巷口"},
                                                     {"startsAt", at(std::chrono::minutes(120))},
                                                     {"endsAt", at(std::chrono::minutes(180))},
                                                     {"capacity", 10}}
                                                    .dump());
  ASSERT_EQ(overlapping.status, 201);
  EXPECT_EQ(wang->request("POST", fmt::format("/api/v1/volunteer/me/activities/{}/signup",
                                              overlapping.json()["id"].get<int64_t>()))
                .status,
            409);

  // Check-in ten minutes before the start with the code on the organiser's screen.
  later(std::chrono::minutes(50));
  const std::string in_code = code(*community, activity, "in");
  const auto checked_in = check(*wang, activity, "in", in_code);
  ASSERT_EQ(checked_in.status, 200) << checked_in.body;
  EXPECT_FALSE(checked_in.json()["checkedInAt"].is_null());
  EXPECT_EQ(check(*wang, activity, "in", in_code).status, 409);  // once
  EXPECT_EQ(check(*liu, activity, "in", in_code).status, 409);   // waiting: no place
  // The code sent home and used a minute later has expired; another activity's, a changed one
  // or an out code are not this activity's in code.
  later(std::chrono::seconds(61));
  const auto expired = check(*zhao, activity, "in", in_code);
  EXPECT_EQ(expired.status, 400);
  EXPECT_EQ(expired.json()["details"][0]["field"], "code");
  const int64_t other = overlapping.json()["id"];
  EXPECT_EQ(check(*zhao, activity, "in", code(*community, other, "in")).status, 400);
  std::string changed = code(*community, activity, "in");
  changed.back() = changed.back() == '0' ? '1' : '0';
  EXPECT_EQ(check(*zhao, activity, "in", changed).status, 400);
  EXPECT_EQ(check(*zhao, activity, "in", code(*community, activity, "out")).status, 400);
  EXPECT_EQ(check(*zhao, activity, "out", code(*community, activity, "out")).status,
            409);  // out before in
  ASSERT_EQ(check(*zhao, activity, "in", code(*community, activity, "in")).status, 200);
  // 马大爷 has no phone: the organiser checks him in by hand half an hour after the start.
  const std::string by_hand = fmt::format("{}/{}/check-by-hand", kActivities, activity);
  const auto ma_in = community->send_json(
      "POST", by_hand,
      Json{{"volunteer", ma_id}, {"direction", "in"}, {"at", at(std::chrono::minutes(9))}}.dump());
  EXPECT_EQ(ma_in.status, 400);  // in the future
  later(std::chrono::minutes(40));
  ASSERT_EQ(
      community
          ->send_json(
              "POST", by_hand,
              Json{{"volunteer", ma_id}, {"direction", "in"}, {"at", at(std::chrono::minutes(-1))}}
                  .dump())
          .status,
      200);

  // Before the end the hours cannot be confirmed.
  const std::string confirm = fmt::format("{}/{}/confirm", kActivities, activity);
  EXPECT_EQ(community->request("POST", confirm).status, 409);
  // Ten minutes after the end: 王 and 赵 check out on their phones, 马 by hand an hour earlier
  // (a check-out before his check-in is refused).
  later(std::chrono::minutes(160));
  EXPECT_EQ(community
                ->send_json("POST", by_hand,
                            Json{{"volunteer", ma_id},
                                 {"direction", "out"},
                                 {"at", at(std::chrono::minutes(-200))}}
                                .dump())
                .status,
            400);
  ASSERT_EQ(community
                ->send_json("POST", by_hand,
                            Json{{"volunteer", ma_id},
                                 {"direction", "out"},
                                 {"at", at(std::chrono::minutes(-70))}}
                                .dump())
                .status,
            200);
  const std::string out_code = code(*community, activity, "out");
  ASSERT_EQ(check(*wang, activity, "out", out_code).status, 200);
  ASSERT_EQ(check(*zhao, activity, "out", out_code).status, 200);

  // Confirmed: the minutes within the activity's three hours (赵 checked in before the start,
  // 马 by hand from half an hour after it until 70 minutes before its end).
  const auto confirmed = community->request("POST", confirm);
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  std::map<int64_t, int64_t> minutes;
  const Json entries = confirmed.json()["items"];
  for (const Json& e : entries) minutes[e["volunteerId"]] = e["minutes"];
  EXPECT_EQ(minutes, (std::map<int64_t, int64_t>{{wang_id, 180}, {zhao_id, 180}, {ma_id, 91}}));
  EXPECT_EQ(community->request("POST", confirm).status, 409);  // once
  EXPECT_EQ(wang->get("/api/v1/volunteer/me").json()["volunteer"]["minutes"], 180);
  EXPECT_EQ(wang->get("/api/v1/volunteer/me/hours").json()["total"], 1);
  const auto ma_hours = as("chengguan")->get(fmt::format("{}/{}/hours", kVolunteers, ma_id));
  ASSERT_EQ(ma_hours.status, 200) << ma_hours.body;
  EXPECT_EQ(ma_hours.json()["items"][0]["minutes"], 91);
  EXPECT_EQ(liu->get(fmt::format("{}/{}/hours", kVolunteers, ma_id)).status, 403);
  const auto detail = community->get(fmt::format("{}/{}", kActivities, activity)).json();
  EXPECT_EQ(detail["activity"]["state"], "ended");
  EXPECT_EQ(detail["signups"].size(), 4u);

  // Certificates: 王 downloads his; anyone checks it, and refuses it with a byte changed; the
  // command checks it offline, also after the certificate key was rotated.
  check_certificates(*wang, *liu, wang_id, ma_id);

  // 王 left half an hour early: his organiser corrects the entry with a new one naming it.
  const int64_t wang_seq = wang->get("/api/v1/volunteer/me/hours").json()["items"][0]["seq"];
  const auto correct = [&](HttpClient& who, int64_t seq, int minutes, const std::string& reason) {
    return who.send_json("POST", fmt::format("/api/v1/volunteer/hours/{}/corrections", seq),
                         Json{{"minutes", minutes}, {"reason", reason}}.dump());
  };
  const auto corrected = correct(*community, wang_seq, -30, "提前半小时离开");
  ASSERT_EQ(corrected.status, 201) << corrected.body;
  EXPECT_EQ(corrected.json()["corrects"], wang_seq);
  EXPECT_EQ(corrected.json()["minutes"], -30);
  EXPECT_EQ(wang->get("/api/v1/volunteer/me").json()["volunteer"]["minutes"], 150);
  const int64_t correction_seq = corrected.json()["seq"];
  // Refused with the reason, nothing written: no reason or difference, below nothing, a
  // correction of a correction, an entry nobody wrote, a resident.
  const auto unexplained = correct(*community, wang_seq, 0, "短");
  EXPECT_EQ(unexplained.status, 400);
  EXPECT_EQ(unexplained.json()["details"].size(), 2u) << unexplained.body;
  EXPECT_EQ(correct(*community, wang_seq, -151, "多扣了").status, 409);
  EXPECT_EQ(correct(*community, correction_seq, 10, "更正的更正").status, 409);
  EXPECT_EQ(correct(*community, 999, 10, "不存在的记录").status, 404);
  EXPECT_EQ(correct(*wang, wang_seq, 30, "自己改").status, 403);
  EXPECT_EQ(count("SELECT COUNT(*) FROM volunteer_hour"), 4);

  // The record verifies; then an entry is edited and one removed in the database, and the
  // command names both; then the newest is removed as well, which only the audit log shows.
  const CommandRun intact = verify();
  EXPECT_EQ(intact.status, 0) << intact.output;
  EXPECT_NE(intact.output.find("intact: 4 entries"), std::string::npos) << intact.output;
  ASSERT_TRUE(services_->database().write([](storage::Session& s) -> Status {
    SHEQU_TRY(s.execute("UPDATE volunteer_hour SET minutes = 600 WHERE seq = 1"));
    SHEQU_TRY(s.execute("DELETE FROM volunteer_hour WHERE seq = 2"));
    return {};
  }));
  const CommandRun broken = verify();
  EXPECT_EQ(broken.status, 1) << broken.output;
  EXPECT_NE(broken.output.find("entry 1 (volunteer"), std::string::npos) << broken.output;
  EXPECT_NE(broken.output.find("was changed"), std::string::npos) << broken.output;
  EXPECT_NE(broken.output.find("entries 2 to 2 were removed"), std::string::npos) << broken.output;
  ASSERT_TRUE(services_->database().write([](storage::Session& s) -> Status {
    SHEQU_TRY(s.execute("DELETE FROM volunteer_hour WHERE seq >= 3"));
    SHEQU_TRY(
        s.execute("UPDATE volunteer_hour_head SET seq = 1, mac = (SELECT mac FROM "
                  "volunteer_hour WHERE seq = 1)"));
    return {};
  }));
  const auto cut = services_->service<volunteer::HourRecord>().verify();
  ASSERT_TRUE(cut);
  EXPECT_TRUE(cut->truncated());
  EXPECT_EQ(cut->audited_seq, 4);
  const CommandRun truncated = verify();
  EXPECT_EQ(truncated.status, 1) << truncated.output;
  EXPECT_NE(truncated.output.find("entries 2 to 4 were removed"), std::string::npos)
      << truncated.output;
  // Last, since reading the database's files drops this process's locks on them (POSIX), after
  // which a command's closing connection would take the write-ahead log for its own.
  EXPECT_TRUE(files_holding({"刘芳芳", "13993100120", "马大爷"}).empty());
}

// A refused application says why, and the resident may apply again with what they give now.
TEST_P(VolunteerApiTest, ARefusedResidentMayApplyAgain) {
  auto community = as("changjiaxiang");
  auto sun = new_resident("zhiyuan_sun");
  const auto applied =
      sun->send_json("POST", "/api/v1/volunteer/me", Json{{"name", "孙丽"}}.dump());
  ASSERT_EQ(applied.status, 201) << applied.body;
  const int64_t id = applied.json()["id"];
  const auto refused = community->send_json(
      "POST", fmt::format("{}/{}/decision", kVolunteers, id),
      Json{{"approve", false}, {"reason", "请补充联系电话"}, {"version", 1}}.dump());
  ASSERT_EQ(refused.status, 200) << refused.body;
  const Json mine = sun->get("/api/v1/volunteer/me").json()["volunteer"];
  EXPECT_EQ(mine["state"], "refused");
  EXPECT_EQ(mine["stateReason"], "请补充联系电话");
  const auto again = sun->send_json("POST", "/api/v1/volunteer/me",
                                    Json{{"name", "孙丽"}, {"phone", "13993100121"}}.dump());
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(again.json()["id"], id);
  EXPECT_EQ(again.json()["state"], "applied");
  EXPECT_EQ(again.json()["stateReason"], "");
  EXPECT_EQ(again.json()["phone"], "139****0121");
  // A decision made on what the community saw before the new application is refused.
  EXPECT_EQ(community
                ->send_json("POST", fmt::format("{}/{}/decision", kVolunteers, id),
                            Json{{"approve", true}, {"version", 1}}.dump())
                .status,
            409);
}

// Bad input gets every reason at once, and nothing is written.
TEST_P(VolunteerApiTest, BadActivitiesAndVolunteersAreRefusedWithTheirReasons) {
  auto community = as("changjiaxiang");
  const int64_t before = count("SELECT COUNT(*) FROM volunteer_activity");
  struct Case {
    const char* what;
    Json body;
    std::vector<std::string> fields;
  };
  const std::vector<Case> cases{
      {"ends before it starts",
       {{"unit", kCommunity},
        {"title", "义诊"},
        {"place", "社区卫生站"},
        {"startsAt", at(std::chrono::minutes(120))},
        {"endsAt", at(std::chrono::minutes(60))},
        {"capacity", 5}},
       {"endsAt"}},
      {"longer than a day and in the past",
       {{"unit", kCommunity},
        {"title", "义诊"},
        {"place", "社区卫生站"},
        {"startsAt", at(std::chrono::minutes(-60))},
        {"endsAt", at(std::chrono::minutes(1500))},
        {"capacity", 5}},
       {"startsAt", "endsAt"}},
      {"a title of one character, a grid",
       {{"unit", "620102001001001"},
        {"title", "诊"},
        {"place", "社区卫生站"},
        {"startsAt", at(std::chrono::minutes(60))},
        {"endsAt", at(std::chrono::minutes(90))},
        {"capacity", 5}},
       {"unit", "title"}},
  };
  for (const Case& c : cases) {
    const auto refused = community->send_json("POST", kActivities, c.body.dump());
    ASSERT_EQ(refused.status, 400) << c.what << ": " << refused.body;
    std::set<std::string> fields;
    const Json answer = refused.json();
    for (const Json& d : answer["details"]) fields.insert(d["field"].get<std::string>());
    EXPECT_EQ(fields, std::set<std::string>(c.fields.begin(), c.fields.end()))
        << c.what << ": " << refused.body;
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM volunteer_activity"), before);
  // A malformed time, nobody may come, a mobile of ten digits: refused by the contract.
  auto nobody = cases[0].body;
  nobody["capacity"] = 0;
  EXPECT_EQ(community->send_json("POST", kActivities, nobody.dump()).json()["details"][0]["field"],
            "capacity");
  auto bad_time = cases[0].body;
  bad_time["startsAt"] = "2026-12-05 09:00";
  EXPECT_EQ(community->send_json("POST", kActivities, bad_time.dump()).status, 400);
  const auto short_phone = as("jumin1")->send_json(
      "POST", "/api/v1/volunteer/me", Json{{"name", "刘芳"}, {"phone", "1399310012"}}.dump());
  EXPECT_EQ(short_phone.status, 400);
  EXPECT_EQ(count("SELECT COUNT(*) FROM volunteer"), 0);
  // Staff outside the community's branch do not find it.
  const auto elsewhere = as("changjiaxiang")
                             ->send_json("POST", kVolunteers,
                                         Json{{"unit", "620102001002"}, {"name", "马大爷"}}.dump());
  EXPECT_EQ(elsewhere.status, 404);
}

// Social organisations and teams: registered over the registrar's units with a checked credit
// code, their contact masked; members are approved volunteers of their area, who leave on record.
TEST_P(VolunteerApiTest, OrganisationsAndTeamsKeepTheirMembers) {
  auto community = as("changjiaxiang");
  auto county = as("chengguan");
  constexpr const char* kOrganisations = "/api/v1/volunteer/organisations";
  const auto registered = [&](HttpClient& who, const Json& body) {
    return who.send_json("POST", kOrganisations, body.dump());
  };
  const auto team = registered(*community, {{"name", "畅家巷银龄志愿服务队"},
                                            {"kind", "volunteer_team"},
                                            {"area", kCommunity},
                                            {"contactName", "王秀兰"},
                                            {"contactPhone", "13919310021"},
                                            {"services", "陪护、探访"}});
  ASSERT_EQ(team.status, 201) << team.body;
  EXPECT_EQ(team.json()["contactName"], "王*兰");
  EXPECT_EQ(team.json()["contactPhone"], "139****0021");
  EXPECT_EQ(team.json()["creditCode"], "");
  const int64_t team_id = team.json()["id"];
  // A social group registered with civil affairs: its code begins 51 and checks.
  const Json group{{"name", "城关区社区公益协会"},
                   {"kind", "social_group"},
                   {"creditCode", "51620102MJY000001T"},
                   {"area", "620102000000"},
                   {"contactName", "李强"},
                   {"contactPhone", "0931-8451235"}};
  const auto made = registered(*county, group);
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(made.json()["contactPhone"], "0931-8451235");  // an office line is public
  EXPECT_EQ(registered(*county, group).status, 409);       // the code is taken
  EXPECT_EQ(registered(*community, group).status, 404);    // the county is not the community's

  // Every problem at once, each on its field.
  struct Case {
    std::string name;
    Json body;
    std::vector<std::string> fields;
  };
  const Case cases[] = {
      {"short name, bad phone, wrong check character",
       {{"name", "队"},
        {"kind", "foundation"},
        {"creditCode", "53620102MJY000001A"},
        {"area", kCommunity},
        {"contactName", "赵敏"},
        {"contactPhone", "call me"}},
       {"name", "contactPhone", "creditCode"}},
      {"a registered kind without its code",
       {{"name", "某某基金会"},
        {"kind", "foundation"},
        {"area", kCommunity},
        {"contactName", "赵敏"},
        {"contactPhone", "18693110043"}},
       {"creditCode"}},
      {"a social group's code that says private non-enterprise",
       {{"name", "某某协会"},
        {"kind", "social_group"},
        {"creditCode", "52620102MJY000001P"},
        {"area", kCommunity},
        {"contactName", "赵敏"},
        {"contactPhone", "18693110043"}},
       {"creditCode"}},
      {"a grid is no area",
       {{"name", "网格服务队"},
        {"kind", "volunteer_team"},
        {"area", "620102001001001"},
        {"contactName", "赵敏"},
        {"contactPhone", "18693110043"}},
       {"area"}},
  };
  for (const Case& c : cases) {
    const auto refused = registered(*community, c.body);
    ASSERT_EQ(refused.status, 400) << c.name << ": " << refused.body;
    const Json details = refused.json()["details"];
    std::vector<std::string> fields;
    for (const Json& d : details) fields.push_back(d["field"]);
    EXPECT_EQ(fields, c.fields) << c.name << ": " << refused.body;
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM volunteer_organisation"), 2);

  // Members: approved volunteers of the area.
  const auto local = community->send_json("POST", kVolunteers,
                                          Json{{"unit", kCommunity}, {"name", "马建国"}}.dump());
  ASSERT_EQ(local.status, 201);
  const int64_t local_id = local.json()["id"];
  const auto elsewhere = county->send_json(
      "POST", kVolunteers, Json{{"unit", "620102001002"}, {"name", "陈晓东"}}.dump());
  ASSERT_EQ(elsewhere.status, 201) << elsewhere.body;
  const int64_t elsewhere_id = elsewhere.json()["id"];
  const std::string members = fmt::format("{}/{}/members", kOrganisations, team_id);
  const auto join = [&](HttpClient& who, int64_t volunteer, const char* role) {
    return who.send_json("POST", members, Json{{"volunteer", volunteer}, {"role", role}}.dump());
  };
  const auto joined = join(*community, local_id, "leader");
  ASSERT_EQ(joined.status, 201) << joined.body;
  EXPECT_EQ(joined.json()["volunteerName"], "马*国");
  EXPECT_EQ(join(*community, local_id, "member").status, 409);      // a member already
  EXPECT_EQ(join(*community, elsewhere_id, "member").status, 400);  // not the community's
  EXPECT_EQ(join(*county, elsewhere_id, "member").status, 409);     // outside the team's area
  EXPECT_EQ(join(*as("jumin1"), local_id, "member").status, 403);
  const auto detail = community->get(fmt::format("{}/{}", kOrganisations, team_id));
  ASSERT_EQ(detail.status, 200) << detail.body;
  EXPECT_EQ(detail.json()["organisation"]["members"], 1);
  EXPECT_EQ(detail.json()["members"][0]["role"], "leader");
  // Leaving keeps the membership on record; joining again opens it anew.
  const std::string leave = fmt::format("{}/{}", members, local_id);
  ASSERT_EQ(community->request("DELETE", leave).status, 204);
  EXPECT_EQ(community->request("DELETE", leave).status, 409);
  const Json left = community->get(fmt::format("{}/{}", kOrganisations, team_id)).json();
  EXPECT_EQ(left["organisation"]["members"], 0);
  EXPECT_FALSE(left["members"][0]["leftOn"].is_null());
  EXPECT_EQ(join(*community, local_id, "member").status, 201);

  // Lists stay in scope: the community sees its team, the county both.
  EXPECT_EQ(community->get(kOrganisations).json()["total"], 1);
  EXPECT_EQ(county->get(kOrganisations).json()["total"], 2);
  EXPECT_EQ(county->get(std::string(kOrganisations) + "?kind=social_group").json()["total"], 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'volunteer.organisation.%'"),
            5);

  // An activity the team runs: in its area, named with it; outside its area, or with a county's
  // organisation the community does not read, refused on the field with the others at once.
  const auto activity = [&](HttpClient& who, const std::string& unit, int64_t organisation,
                            const std::string& title) {
    return who.send_json("POST", kActivities,
                         Json{{"unit", unit},
                              {"title", title},
                              {"place", "畅家巷社区广场"},
                              {"startsAt", at(std::chrono::minutes(60))},
                              {"endsAt", at(std::chrono::minutes(120))},
                              {"capacity", 10},
                              {"organisation", organisation}}
                             .dump());
  };
  const auto run = activity(*community, kCommunity, team_id, "银龄服务队陪护");
  ASSERT_EQ(run.status, 201) << run.body;
  EXPECT_EQ(run.json()["organisation"], (Json{{"id", team_id}, {"name", "畅家巷银龄志愿服务队"}}));
  const auto listed = community->get(std::string(kActivities) + "?unit=" + kCommunity);
  EXPECT_EQ(listed.json()["items"][0]["organisation"]["id"], team_id) << listed.body;
  const auto outside = activity(*county, "620102001002", team_id, "x");
  ASSERT_EQ(outside.status, 400) << outside.body;
  std::vector<std::string> fields;
  const Json outside_body = outside.json();
  for (const Json& d : outside_body["details"]) fields.push_back(d["field"]);
  EXPECT_EQ(fields, (std::vector<std::string>{"title", "organisation"})) << outside.body;
  const auto unread =
      activity(*community, kCommunity, made.json()["id"].get<int64_t>(), "协会活动");
  EXPECT_EQ(unread.status, 400) << unread.body;
  EXPECT_EQ(count("SELECT COUNT(*) FROM volunteer_activity WHERE organisation_id IS NOT NULL"), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, VolunteerApiTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace shequ::testing
