#include "plan/module.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "app/app.hpp"
#include "indicator/indicator_service.hpp"
#include "plan/declaration.hpp"
#include "plan/plan_service.hpp"
#include "plan/routes.hpp"
#include "requests/module.hpp"

namespace shequ::plan {

namespace {

// Evidence is kept with the requests' photos: one folder of content-named files per deployment
// (serve --photos), shared by every server.
std::string files_folder(const std::map<std::string, std::string>& settings) {
  const auto set = settings.find(std::string(requests::kPhotosSetting));
  return set != settings.end() && !set->second.empty()
             ? set->second
             : std::string(requests::kDefaultPhotosFolder);
}

class Runtime final : public app::ModuleRuntime {
 public:
  Runtime(app::Services& services, const std::map<std::string, std::string>& settings)
      : services_(services),
        files_(files_folder(settings)),
        service_(services.org(), services.database(), services.audit(), services.clock(), files_,
                 &services.service<indicator::IndicatorService>()) {}
  void add_routes(http::Router& router, const app::RouteOptions&) override {
    plan::add_routes(router, service_);
  }
  void* service(const std::type_info& type) override {
    return type == typeid(PlanService) ? &service_ : nullptr;
  }
  Result<int64_t> count_todo(std::string_view code, const Actor& actor) const override {
    if (code == kTodoLate) return service_.count_late(actor);
    if (code == kTodoAtRisk) return service_.count_at_risk(actor);
    if (code == kTodoPending) return service_.count_pending(actor);
    return app::ModuleRuntime::count_todo(code, actor);
  }
  // This year's task tree for the demo city: the province issues the facilities task (专栏 4)
  // to 兰州市, which breaks it down for 城关区, which breaks it down for two streets. 酒泉路街道
  // reported 60 % (approved) and then 90 % (waiting for 城关区); 张掖路街道's deadline passed
  // with nothing reported. The province's digital task to 兰州市 is due within the fortnight.
  Result<Text> add_demo_data(uint64_t) override {
    auto& tree = services_.org().tree();
    for (const char* code : {"620100000000", "620102000000", "620102001000", "620102002000"}) {
      if (!tree.find(code)) return Text{};
    }
    auto province = services_.demo_actor("admin", "province_admin", "620000000000");
    auto city = services_.demo_actor("lanzhou", "city_admin", "620100000000");
    auto county = services_.demo_actor("chengguan", "county_admin", "620102000000");
    auto street = services_.demo_actor("jiuquanlu", "township_admin", "620102001000");
    if (!province || !city || !county || !street) return Text{};
    const auto now = services_.clock().now();
    const int year = china_year(now);
    const std::string first_day = fmt::format("{}-01-01", year);
    const std::string last_day = fmt::format("{}-12-31", year);
    // Within this year, whatever day it is.
    const auto in_year = [&](int64_t days_from_today) {
      return std::clamp(china_date(now + std::chrono::days(days_from_today)), first_day, last_day);
    };
    TaskInput facilities{"620100000000",
                         year,
                         "column4",
                         "新建改造城乡社区综合服务设施",
                         "全市新建改造城乡社区综合服务设施 30 个",
                         30,
                         "个",
                         std::nullopt,
                         last_day,
                         "兰州市民政局 李敏",
                         std::nullopt};
    SHEQU_ASSIGN_OR_RETURN(const TaskView city_task, service_.issue(*province, facilities));
    TaskInput county_part = facilities;
    county_part.unit = "620102000000";
    county_part.title = "城关区新建改造社区综合服务设施";
    county_part.target_text = "城关区新建改造社区综合服务设施 8 个";
    county_part.target_value = 8;
    county_part.deadline = in_year(20);
    county_part.responsible_name = "城关区民政局 王强";
    county_part.parent_id = city_task.task.id;
    SHEQU_ASSIGN_OR_RETURN(const TaskView county_task, service_.issue(*city, county_part));
    TaskInput street_part = county_part;
    street_part.unit = "620102001000";
    street_part.title = "酒泉路街道社区服务站改造";
    street_part.target_text = "完成畅家巷、雁园、中街子 3 个社区服务站改造";
    street_part.target_value = 3;
    street_part.deadline = in_year(10);
    street_part.responsible_name = "酒泉路街道办事处 刘洋";
    street_part.parent_id = county_task.task.id;
    SHEQU_ASSIGN_OR_RETURN(const TaskView street_task, service_.issue(*county, street_part));
    TaskInput late_part = street_part;
    late_part.unit = "620102002000";
    late_part.title = "张掖路街道社区服务站新建";
    late_part.target_text = "新建陇西路社区服务站 1 个";
    late_part.target_value = 1;
    late_part.deadline = in_year(-3);
    late_part.responsible_name = "张掖路街道办事处";
    SHEQU_TRY(service_.issue(*county, late_part));
    SHEQU_ASSIGN_OR_RETURN(
        const ReportView first,
        service_.report(*street, street_task.task.id,
                        "畅家巷、雁园社区服务站改造主体工程完工，中街子社区服务站完成设计招标",
                        60));
    SHEQU_TRY(service_.decide(*county, first.report.id, first.report.version, true,
                              "进度属实，请按期完成中街子社区服务站改造"));
    SHEQU_TRY(service_.report(*street, street_task.task.id,
                              "中街子社区服务站完成主体施工，正在进行室内装修", 90));
    TaskInput digital{"620100000000",
                      year,
                      "column5",
                      "智慧社区试点建设",
                      "确定智慧社区试点 5 个并上线社区服务应用",
                      5,
                      "个",
                      std::nullopt,
                      in_year(10),
                      "兰州市民政局 李敏",
                      std::nullopt};
    SHEQU_TRY(service_.issue(*province, digital));
    return Text{
        fmt::format("{} 年任务台账：省级下达兰州市 2 项任务，逐级分解至城关区及酒泉路、张掖路"
                    "街道（1 项已逾期，1 份进展待城关区审核）",
                    year),
        fmt::format("{} plan tasks: 2 issued by the province to 兰州市, broken down to "
                    "城关区 and two streets (one late, one progress report waiting for "
                    "城关区)",
                    year)};
  }

 private:
  app::Services& services_;
  storage::FileStore files_;
  PlanService service_;
};

}  // namespace

const app::ModuleEntry& module() {
  static const app::ModuleEntry entry{
      &declaration,
      [](app::Services& services, const std::map<std::string, std::string>& settings) {
        return std::make_unique<Runtime>(services, settings);
      },
      nullptr};
  return entry;
}

}  // namespace shequ::plan
