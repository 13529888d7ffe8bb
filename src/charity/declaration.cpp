#include "charity/declaration.hpp"

namespace shequ::charity {

const kit::ModuleDeclaration& declaration() {
  // The street and the community keep a fund's books; the levels above grant those roles, and
  // nobody grants a permission they do not hold, so they hold the same.
  static const std::vector<std::string_view> kKeeper{kEntryRead, kEntryWrite, kDonorReveal};
  static const kit::ModuleDeclaration module{
      .name = "charity",
      .label = {"公益慈善", "Charity"},
      .permissions = {{kEntryRead, {"查看慈善基金台账", "View charity ledgers"}},
                      {kEntryWrite,
                       {"登记慈善收支和冲正", "Record charity income and outgoings, reverse"}},
                      {kDonorReveal, {"查看捐赠人信息", "See who gave"}}},
      .grants = {{"province_admin", kKeeper},
                 {"city_admin", kKeeper},
                 {"county_admin", kKeeper},
                 {"township_admin", kKeeper},
                 {"community_worker", kKeeper}},
      .migrations = migrations(),
      // Literal codes (the console's label test reads them here).
      .audit_actions = {{"charity.entry.create", {"登记慈善收支", "Record a charity entry"}},
                        {"charity.entry.correct", {"冲正慈善收支", "Reverse a charity entry"}},
                        {"charity.donor.reveal", {"查看捐赠人信息", "See a donor"}}},
      .sealed_fields = {{kDonorContext,
                         "charity_entry",
                         "id",
                         "donor_sealed",
                         kit::Masking::name,
                         {"捐赠人姓名", "Name of a donor"}},
                        {kDonorPhoneContext,
                         "charity_entry",
                         "id",
                         "donor_phone_sealed",
                         kit::Masking::mobile,
                         {"捐赠人电话", "Phone of a donor"}}},
  };
  return module;
}

}  // namespace shequ::charity
