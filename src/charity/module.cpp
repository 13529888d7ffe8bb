#include "charity/module.hpp"

#include <chrono>

#include "app/app.hpp"
#include "charity/charity_service.hpp"
#include "charity/declaration.hpp"
#include "charity/routes.hpp"

namespace shequ::charity {

namespace {

constexpr const char* kDemoCommunity = "620102001001";  // 畅家巷社区

class Runtime final : public app::ModuleRuntime {
 public:
  explicit Runtime(app::Services& services)
      : services_(services),
        service_(services.org(), services.database(), services.audit(), services.clock(),
                 services.keyring()) {}
  void add_routes(http::Router& router, const app::RouteOptions&) override {
    charity::add_routes(router, service_);
  }
  void* service(const std::type_info& type) override {
    return type == typeid(CharityService) ? &service_ : nullptr;
  }
  // 畅家巷社区's fund over the last three weeks: a company's, an anonymous and a party members'
  // donation, rice from a hospital stationed nearby, the winter visit to families in hardship
  // paid and handed out from it, and a mistyped amount reversed.
  Result<Text> add_demo_data(uint64_t) override {
    if (!services_.org().tree().find(kDemoCommunity)) return Text{};
    auto worker = services_.demo_actor("changjiaxiang", "community_worker", kDemoCommunity);
    if (!worker) return Text{};
    const auto days_ago = [&](int days) {
      return china_date(services_.clock().now() - std::chrono::hours(24 * days));
    };
    const auto money_in = [&](int64_t fen, std::string donor, std::string phone, std::string shown,
                              std::string purpose, int days) {
      return EntryInput{kDemoCommunity,
                        std::string(kIncome),
                        std::string(kMoney),
                        fen,
                        "",
                        0,
                        "",
                        std::move(donor),
                        std::move(phone),
                        std::move(shown),
                        std::move(purpose),
                        "",
                        days_ago(days)};
    };
    const std::vector<EntryInput> entries{
        money_in(5'000'000, "兰州惠民商贸有限公司", "", "兰州惠民商贸有限公司", "社区困难群众帮扶",
                 20),
        money_in(200'000, "王建国", "13993190011", "", "", 15),
        {kDemoCommunity, std::string(kIncome), std::string(kGoods), 500'000, "大米", 50, "袋",
         "兰州市第二人民医院", "", "兰州市第二人民医院", "冬季慰问", "", days_ago(12)},
        {kDemoCommunity, std::string(kOutgoing), std::string(kMoney), 1'200'000, "", 0, "", "", "",
         "", "冬季慰问困难家庭", "畅家巷社区 24 户低保、特困家庭，每户 500 元", days_ago(8)},
        {kDemoCommunity, std::string(kOutgoing), std::string(kGoods), 300'000, "大米", 30, "袋", "",
         "", "", "冬季慰问", "畅家巷社区 30 户独居、空巢老人，每户 1 袋", days_ago(7)},
        money_in(80'000, "", "", "社区党员", "老年食堂助餐", 3),
    };
    std::vector<int64_t> ids;
    for (const EntryInput& e : entries) {
      SHEQU_ASSIGN_OR_RETURN(const EntryView made, service_.record(*worker, e));
      ids.push_back(made.entry.id);
    }
    SHEQU_TRY(service_.correct(*worker, ids.back(), "金额录入错误，应为 8000 元"));
    SHEQU_TRY(service_.record(*worker, money_in(800'000, "", "", "社区党员", "老年食堂助餐", 3)));
    return Text{
        "慈善台账：畅家巷社区基金 8 笔收支（含 1 笔冲正），结余 48,000.00 元，大米 20 袋",
        "Charity: 8 entries of 畅家巷社区's fund (one reversal), 48,000.00 yuan and 20 bags "
        "of rice in hand"};
  }

 private:
  app::Services& services_;
  CharityService service_;
};

}  // namespace

const app::ModuleEntry& module() {
  static const app::ModuleEntry entry{
      &declaration,
      [](app::Services& services, const std::map<std::string, std::string>&) {
        return std::make_unique<Runtime>(services);
      },
      nullptr};
  return entry;
}

}  // namespace shequ::charity
