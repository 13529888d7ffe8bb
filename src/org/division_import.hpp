// Reading a division list (the NBS CSV layout shipped as data/gansu_divisions_nbs2022.csv):
//   code,name,level,level_name,parent_code,unit_type,urban_rural_code,urban_rural_name
// The file is read line by line, never whole; every bad row is reported with its line number
// and every reason at once. Nothing is stored here: OrgService applies a clean result.
#pragma once

#include <functional>
#include <istream>
#include <optional>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "org/model.hpp"

namespace shequ::org {

struct ParsedDivisions {
  std::vector<Unit> units;           // valid rows, in file order
  std::vector<FieldError> problems;  // every problem, with FieldError::line set; empty when clean
  int64_t rows = 0;                  // data rows read (header excluded)
};

// Level of a unit already stored, for parents the file refers to but does not contain.
using KnownUnitLookup = std::function<std::optional<Level>(std::string_view code)>;

// Parses and validates a division CSV. Cross-row rules: codes are unique in the file, and each
// parent is in the file or known to `known`, one level above its child.
ParsedDivisions parse_divisions_csv(std::istream& in, const KnownUnitLookup& known);

}  // namespace shequ::org
