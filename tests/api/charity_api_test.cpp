// Charity funds (公益慈善) through the API on both databases: a community's ledger sums to its
// balance and stock, entry by entry; an outgoing beyond the balance or the stock is refused with
// what is left and writes nothing, also when many are sent at once from several connections; a
// mistake is undone by a reversing entry, once; the public page shows the donor only by the name
// they chose; a donor is revealed only with a reason, audited; bad input is refused with every
// reason at once.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "api/small_stack.hpp"
#include "support/xlsx_reader.hpp"

namespace shequ::testing {
namespace {

using Json = nlohmann::json;

constexpr const char* kCommunity = "620102001001";  // 畅家巷社区
constexpr const char* kEntries = "/api/v1/charity/entries";
constexpr const char* kPublic = "/api/v1/public/charity/funds/620102001001";

std::set<std::string> fields_of(const HttpResult& refused) {
  std::set<std::string> fields;
  const Json body = refused.json();  // kept: a range-for over a part of a temporary dangles
  for (const Json& d : body["details"]) fields.insert(d["field"].get<std::string>());
  return fields;
}

Json money(const std::string& direction, int64_t fen) {
  Json entry{{"unit", kCommunity},
             {"direction", direction},
             {"form", "money"},
             {"amountFen", fen},
             {"occurredOn", "2026-11-28"}};
  if (direction == "outgoing") {
    entry["purpose"] = "冬季慰问";
    entry["destination"] = "困难家庭 3 户";
  }
  return entry;
}

Json rice(const std::string& direction, int64_t bags) {
  Json entry = money(direction, bags * 5000);
  entry["form"] = "goods";
  entry["item"] = "大米";
  entry["itemUnit"] = "袋";
  entry["quantity"] = bags;
  return entry;
}

class CharityApiTest : public SmallStackTest {
 protected:
  void SetUp() override {
    SmallStackTest::SetUp();
    if (HasFatalFailure()) return;
    community_ = as("changjiaxiang");
  }
  Json record(const Json& body) {
    const auto made = community_->send_json("POST", kEntries, body.dump());
    EXPECT_EQ(made.status, 201) << made.body;
    return made.status == 201 ? made.json() : Json::object();
  }
  HttpResult correct(int64_t id, const std::string& reason = "金额录入错误") {
    return community_->send_json("POST", fmt::format("{}/{}/correction", kEntries, id),
                                 Json{{"reason", reason}}.dump());
  }
  Json fund() {
    const auto reply = community_->get(std::string("/api/v1/charity/funds/") + kCommunity);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.status == 200 ? reply.json() : Json::object();
  }

  std::unique_ptr<HttpClient> community_;
};

TEST_P(CharityApiTest, TheLedgerSumsToTheBalanceAndThePublicSeesOnlyChosenNames) {
  Json named = money("income", 100'000);
  named["donorName"] = "慈捐甲";
  named["donorPhone"] = "13993170001";
  named["donorPublic"] = "某爱心企业";
  named["purpose"] = "助老";
  const Json first = record(named);
  EXPECT_EQ(first["seq"], 1);
  EXPECT_EQ(first["donorMasked"], "慈*甲");
  EXPECT_EQ(first["hasDonorPhone"], true);
  record(money("income", 50'000));
  record(rice("income", 10));
  const Json paid = record(money("outgoing", 120'000));
  EXPECT_EQ(paid["seq"], 4);
  EXPECT_EQ(paid["balanceAfterFen"], 30'000);
  const Json given = record(rice("outgoing", 4));
  EXPECT_EQ(given["stockAfter"], 6);
  EXPECT_EQ(given["balanceAfterFen"], 30'000) << "goods leave the money as it is";

  const Json f = fund();
  EXPECT_EQ(f["fund"]["balanceFen"], 30'000);
  EXPECT_EQ(f["fund"]["incomeFen"], 150'000);
  EXPECT_EQ(f["fund"]["outgoingFen"], 120'000);
  EXPECT_EQ(f["fund"]["entries"], 5);
  ASSERT_EQ(f["stock"].size(), 1u);
  EXPECT_EQ(f["stock"][0]["quantity"], 6);

  const auto page = as("")->get(kPublic);
  ASSERT_EQ(page.status, 200) << page.body;
  const Json ledger = page.json();
  EXPECT_EQ(ledger["fund"]["balanceFen"], 30'000);
  ASSERT_EQ(ledger["entries"]["total"], 5);
  int64_t sum = 0;
  std::vector<std::string> donors;
  for (const Json& e : ledger["entries"]["items"]) {
    if (e["form"] == "money")
      sum += (e["direction"] == "income" ? 1 : -1) * e["amountFen"].get<int64_t>();
    if (e["direction"] == "income") donors.push_back(e["donorPublic"]);
  }
  EXPECT_EQ(sum, ledger["fund"]["balanceFen"].get<int64_t>()) << "the public ledger sums to it";
  EXPECT_EQ(donors, (std::vector<std::string>{"匿名", "匿名", "某爱心企业"}));
  EXPECT_EQ(page.body.find("慈捐甲"), std::string::npos);
  EXPECT_EQ(page.body.find("13993170001"), std::string::npos);
  EXPECT_EQ(page.body.find("changjiaxiang"), std::string::npos) << "no staff names either";
  EXPECT_TRUE(files_holding({"慈捐甲", "13993170001"}).empty());

  const auto funds = as("")->get("/api/v1/public/charity/funds?unit=620102000000");
  ASSERT_EQ(funds.status, 200) << funds.body;
  ASSERT_EQ(funds.json()["items"].size(), 1u);
  EXPECT_EQ(funds.json()["items"][0]["unit"], kCommunity);
  const auto empty = as("")->get("/api/v1/public/charity/funds/620102001002");
  ASSERT_EQ(empty.status, 200) << "a community that recorded nothing: " << empty.body;
  EXPECT_EQ(empty.json()["fund"]["balanceFen"], 0);
  EXPECT_EQ(empty.json()["entries"]["total"], 0);
  EXPECT_EQ(as("")->get("/api/v1/public/charity/funds/620102000000").status, 404)
      << "a county keeps no fund";
  // A page at a time: the street's second community keeps a fund too.
  Json neighbour = money("income", 1'000);
  neighbour["unit"] = "620102001002";
  ASSERT_EQ(as("jiuquanlu")->send_json("POST", kEntries, neighbour.dump()).status, 201);
  const auto second =
      as("")->get("/api/v1/public/charity/funds?unit=620102000000&pageSize=1&page=2");
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(second.json()["total"], 2);
  ASSERT_EQ(second.json()["items"].size(), 1u);
  EXPECT_EQ(second.json()["items"][0]["unit"], "620102001002");
}

TEST_P(CharityApiTest, TheLedgerDownloadsInYuan) {
  record(money("income", 123'450));
  const auto download = community_->get(std::string(kEntries) + ".xlsx?fund=" + kCommunity);
  ASSERT_EQ(download.status, 200) << download.body;
  const auto sheet = read_first_sheet(download.body);
  ASSERT_TRUE(sheet);
  std::size_t header = 0;
  while (header < sheet->size() && (*sheet)[header].size() < 2) ++header;
  ASSERT_LT(header + 1, sheet->size());
  const auto& names = (*sheet)[header];
  const auto amount = std::ranges::find(names, "金额（元）");
  const auto balance = std::ranges::find(names, "结余（元）");
  ASSERT_NE(amount, names.end());
  ASSERT_NE(balance, names.end());
  const auto& row = (*sheet)[header + 1];
  EXPECT_EQ(row[amount - names.begin()], "1234.5") << "the cell holds yuan; Excel shows 1234.50";
  EXPECT_EQ(row[balance - names.begin()], "1234.5");
}

TEST_P(CharityApiTest, AnOverdraftIsRefusedWithWhatIsLeftAndWritesNothing) {
  record(money("income", 30'000));
  record(rice("income", 6));
  const auto too_much = community_->send_json("POST", kEntries, money("outgoing", 40'000).dump());
  EXPECT_EQ(too_much.status, 400) << too_much.body;
  EXPECT_EQ(fields_of(too_much), std::set<std::string>{"amountFen"});
  EXPECT_NE(too_much.body.find("300.00"), std::string::npos) << too_much.body;
  const auto too_many = community_->send_json("POST", kEntries, rice("outgoing", 7).dump());
  EXPECT_EQ(too_many.status, 400) << too_many.body;
  EXPECT_EQ(fields_of(too_many), std::set<std::string>{"quantity"});
  Json flour = rice("outgoing", 1);
  flour["item"] = "面粉";
  EXPECT_EQ(community_->send_json("POST", kEntries, flour.dump()).status, 400)
      << "goods never given are not given out";
  EXPECT_EQ(count("SELECT COUNT(*) FROM charity_entry"), 2);
  EXPECT_EQ(fund()["fund"]["entries"], 2);
  EXPECT_EQ(fund()["fund"]["balanceFen"], 30'000);

  // Ten outgoings of 100 yuan at once from ten connections of one session: exactly three fit.
  std::vector<std::unique_ptr<HttpClient>> connections;
  for (int i = 0; i < 10; ++i) {
    connections.push_back(as(""));
    connections.back()->share_session_of(*community_);
  }
  std::atomic<int> made{0}, refused{0};
  {
    std::vector<std::jthread> senders;
    for (auto& connection : connections) {
      senders.emplace_back([&] {
        const auto reply =
            connection->send_json("POST", kEntries, money("outgoing", 10'000).dump());
        (reply.status == 201 ? made : refused)++;
      });
    }
  }
  EXPECT_EQ(made.load(), 3);
  EXPECT_EQ(refused.load(), 7);
  EXPECT_EQ(fund()["fund"]["balanceFen"], 0);
  EXPECT_EQ(count("SELECT COUNT(DISTINCT seq) FROM charity_entry"), 5) << "numbers without gaps";
  EXPECT_EQ(count("SELECT MAX(seq) FROM charity_entry"), 5);
}

TEST_P(CharityApiTest, AMistakeIsReversedOnceAndNeverEdited) {
  const Json gift = record(money("income", 80'000));
  const Json spent = record(money("outgoing", 50'000));
  const auto income_spent = correct(gift["id"]);
  EXPECT_EQ(income_spent.status, 400)
      << "reversing it would take the balance below zero: " << income_spent.body;
  const auto undone = correct(spent["id"]);
  ASSERT_EQ(undone.status, 201) << undone.body;
  const Json reversal = undone.json();
  EXPECT_EQ(reversal["direction"], "income");
  EXPECT_EQ(reversal["correctsId"], spent["id"]);
  EXPECT_EQ(reversal["note"], "金额录入错误");
  EXPECT_EQ(reversal["balanceAfterFen"], 80'000);
  EXPECT_EQ(reversal["correctsSeq"], 2);
  EXPECT_EQ(correct(spent["id"]).status, 409) << "reversed once";
  EXPECT_EQ(correct(reversal["id"]).status, 409) << "a reversal is not reversed";
  EXPECT_EQ(correct(gift["id"], "x").status, 400) << "a reason of two characters at least";
  const auto shown = community_->get(fmt::format("{}/{}", kEntries, spent["id"].get<int64_t>()));
  EXPECT_EQ(shown.json()["correctedBy"], reversal["id"]);
  EXPECT_EQ(shown.json()["correctedBySeq"], 3);
  const auto page = as("")->get(kPublic);
  EXPECT_EQ(page.json()["entries"]["items"][0]["correctsSeq"], 2);
}

TEST_P(CharityApiTest, ADonorIsRevealedForAReasonToTheKeepersOnly) {
  Json named = money("income", 10'000);
  named["donorName"] = "慈捐乙";
  named["donorPhone"] = "13993170002";
  const int64_t id = record(named)["id"];
  const std::string path = fmt::format("{}/{}/donor", kEntries, id);
  const auto street = as("jiuquanlu");
  EXPECT_EQ(street->send_json("POST", path, R"({"reason":""})").status, 400);
  const auto seen = street->send_json("POST", path, R"({"reason":"寄送感谢信"})");
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_EQ(seen.json()["name"], "慈捐乙");
  EXPECT_EQ(seen.json()["phone"], "13993170002");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'charity.donor.reveal'"), 1);
  const auto grid_worker = as("wangge1");
  EXPECT_EQ(grid_worker->send_json("POST", path, R"({"reason":"寄送感谢信"})").status, 403)
      << "a grid worker keeps no fund";
  EXPECT_EQ(grid_worker->get(kEntries).status, 403);
  EXPECT_EQ(grid_worker->send_json("POST", kEntries, money("income", 100).dump()).status, 403);
  EXPECT_EQ(as("audit")->get(kEntries).status, 403) << "nor does the audit administrator";
}

TEST_P(CharityApiTest, BadInputIsRefusedWithEveryReasonAndNothingIsWritten) {
  Json bad = money("outgoing", 0);
  bad["unit"] = "620102000000";
  bad["item"] = "大米";
  bad["destination"] = "";
  bad["purpose"] = "请联系 13993170003";
  bad["donorName"] = "某人";
  bad["occurredOn"] = "2026-12-01";
  const auto refused = as("jiuquanlu")->send_json("POST", kEntries, bad.dump());
  EXPECT_EQ(refused.status, 404) << "城关区 is above the street: " << refused.body;
  const auto every = community_->send_json("POST", kEntries, [&] {
    Json b = bad;
    b["unit"] = "620102001001001";  // a grid
    return b.dump();
  }());
  EXPECT_EQ(every.status, 400) << every.body;
  EXPECT_EQ(fields_of(every), (std::set<std::string>{"unit", "amountFen", "item", "purpose",
                                                     "destination", "donorName", "occurredOn"}));
  Json phone = money("income", 100);
  phone["donorPhone"] = "1399317000";
  phone["donorPublic"] = "身份证 11010519491231002X";
  const auto wrong = community_->send_json("POST", kEntries, phone.dump());
  EXPECT_EQ(wrong.status, 400) << wrong.body;
  EXPECT_EQ(fields_of(wrong), (std::set<std::string>{"donorPhone", "donorPublic"}));
  EXPECT_EQ(count("SELECT COUNT(*) FROM charity_entry"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM charity_fund"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, CharityApiTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace shequ::testing
