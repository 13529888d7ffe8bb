// Helpers for suites that run the whole service layer on a test database.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "access/module.hpp"
#include "app/app.hpp"
#include "modules/modules.hpp"
#include "requests/module.hpp"
#include "storage/database.hpp"
#include "support/test_database.hpp"

namespace shequ::testing {

// A small slice of the hierarchy: province > Lanzhou > Chengguan > two streets > three
// communities, plus Jiayuguan as another branch, as a division CSV.
inline const char* kSmallDivisions =
    "code,name,level,level_name,parent_code,unit_type,urban_rural_code,urban_rural_name\n"
    "620000000000,甘肃省,1,省,,省,,\n"
    "620100000000,兰州市,2,地级,620000000000,地级市,,\n"
    "620200000000,嘉峪关市,2,地级,620000000000,地级市,,\n"
    "620102000000,城关区,3,县级,620100000000,市辖区,,\n"
    "620201000000,嘉峪关市辖区,3,县级,620200000000,市辖区,,\n"
    "620102001000,酒泉路街道,4,乡级,620102000000,街道,,\n"
    "620102002000,张掖路街道,4,乡级,620102000000,街道,,\n"
    "620201001000,雄关街道,4,乡级,620201000000,街道,,\n"
    "620102001001,畅家巷社区居委会,5,村级,620102001000,居委会,111,主城区\n"
    "620102001002,雁园社区居委会,5,村级,620102001000,居委会,111,主城区\n"
    "620102002001,张掖路社区居委会,5,村级,620102002000,居委会,111,主城区\n"
    "620201001001,雄关社区居委会,5,村级,620201001000,居委会,111,主城区\n";

// Services over `url` with a personal-data key file and audit checkpoint file of their own in a
// private temporary folder. Unless `cheap_passwords` is false, passwords are hashed at the
// cheapest Argon2id cost, so that logins take microseconds.
inline std::unique_ptr<app::Services> open_test_services(
    const std::string& url, const Clock& clock, auth::AuthOptions auth_options = {},
    bool cheap_passwords = true, std::map<std::string, std::string> settings = {}) {
  const auto folder = private_temp_folder("shequ-keys-");
  if (cheap_passwords) auth_options.password_cost = auth::minimal_password_cost();
  app::ServiceOptions options{.auth = auth_options,
                              .keys_file = (folder / "personal-data.keys").string(),
                              .create_keys = true,
                              .audit_checkpoints = (folder / "checkpoints.log").string(),
                              .settings = std::move(settings)};
  // No walking network unless a test gives one (never the working copy's var/ file).
  options.settings.emplace(access::kNetworkSetting, (folder / "no-network.graph").string());
  options.settings.emplace(requests::kPhotosSetting, (folder / "photos").string());
  auto services = app::Services::open(url, clock, options, modules::all());
  EXPECT_TRUE(services) << (services ? "" : services.error().internal_detail);
  return services ? std::move(services).value() : nullptr;
}

// The integer in the first column of the first row of one query; -1 (and a failure) on error.
inline int64_t scalar(storage::Database& db, const std::string& sql,
                      const std::vector<storage::Value>& params = {}) {
  auto result = db.read_value<int64_t>([&](storage::Session& s) -> Result<int64_t> {
    SHEQU_ASSIGN_OR_RETURN(auto row, s.query_one(sql, params));
    if (!row) return Error::not_found({"无结果", "no row"});
    return row->integer(0);
  });
  EXPECT_TRUE(result) << sql;
  return result ? *result : -1;
}

}  // namespace shequ::testing
