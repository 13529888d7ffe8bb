#include "modules/modules.hpp"

#include <vector>

#include "access/module.hpp"
#include "audit/module.hpp"
#include "auth/module.hpp"
#include "org/module.hpp"

namespace shequ::modules {

std::span<const app::ModuleEntry> all() {
  static const std::vector<app::ModuleEntry> modules{
      org::module(),
      auth::module(),
      audit::module(),
      access::module(),
  };
  return modules;
}

}  // namespace shequ::modules
