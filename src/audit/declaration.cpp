#include "audit/declaration.hpp"

namespace shequ::audit {

const kit::ModuleDeclaration& declaration() {
  static const kit::ModuleDeclaration module{
      .name = "audit",
      .label = {"审计", "Audit"},
      .permissions = {{kLogRead, {"查看审计日志", "Read the audit log"}}},
      // Only the audit administrator reads it (MLPS separation of duties).
      .grants = {{"audit_admin", {kLogRead}}},
      .migrations = migrations(),
      .audit_actions = {{"audit.purge", {"清理审计日志", "Purge the audit log"}},
                        // Every list's Excel download (app/list_export.hpp): a bulk read.
                        {"audit.list.export", {"导出列表", "Export a list"}}},
  };
  return module;
}

}  // namespace shequ::audit
