#include "residents/resident_import.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <span>

#include "common/strings.hpp"
#include "residents/checks.hpp"

namespace shequ::residents {

namespace {

enum Column : std::size_t {
  kHousehold,
  kGrid,
  kAddress,
  kType,
  kLon,
  kLat,
  kName,
  kIdNumber,
  kRelation,
  kPhone,
  kEthnicity,
  kRegistration,
  kMovedIn,
  kTags,
  kDisabilityKind,
  kDisabilityGrade,
  kColumnCount
};

// The cells that describe the household rather than the person.
constexpr std::array kHouseholdColumns{kGrid, kAddress, kType, kLon, kLat};

// Words people write for a choice besides its name and key.
struct Alias {
  std::string_view word;
  std::string_view key;
};
constexpr Alias kRegistrationAliases[]{
    {"户籍", "registered"}, {"常住", "resident"}, {"流动", "floating"}};
constexpr Alias kTagAliases[]{{"独居", "living_alone"},
                              {"空巢", "empty_nest"},
                              {"留守", "left_behind_child"},
                              {"低保", "subsistence"},
                              {"严重精神障碍患者", "mental_disorder"},
                              {"社区矫正", "community_correction"}};
constexpr std::string_view kGradeWords[]{"一级", "二级", "三级", "四级"};

template <class Entries>
std::optional<std::string> find_key(const Entries& entries, std::string_view text,
                                    std::span<const Alias> aliases = {}) {
  for (const auto& e : entries) {
    if (e.key == text || e.label.zh == text || e.label.en == text) return std::string(e.key);
  }
  for (const Alias& a : aliases) {
    if (a.word == text) return std::string(a.key);
  }
  return std::nullopt;
}

// A disability's grade as people write it: 1-4, "2级", "二级".
std::optional<char> parse_grade(std::string_view text) {
  if (text.size() == 1 && text[0] >= '1' && text[0] <= '4') return text[0];
  if (text.size() == 4 && text[0] >= '1' && text[0] <= '4' && text.substr(1) == "级") {
    return text[0];
  }
  for (std::size_t i = 0; i < std::size(kGradeWords); ++i) {
    if (text == kGradeWords[i]) return static_cast<char>('1' + i);
  }
  return std::nullopt;
}

// The column a check's field stands on: "tags[2].detail" -> tags.
std::size_t column_of(std::string_view field) {
  const std::string_view name = field.substr(0, field.find_first_of(".["));
  const auto& columns = import_columns();
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].key == name) return i;
  }
  return kColumnCount;
}

}  // namespace

const std::vector<TemplateColumn>& import_columns() {
  static const std::vector<TemplateColumn> columns{
      {"household", {"户编号", "Household no."}, 10},
      {"gridCode", {"网格编码", "Grid code"}, 18},
      {"address", {"住址", "Address"}, 30},
      {"type", {"户类型", "Household type"}, 10},
      {"lon", {"经度", "Longitude"}, 12},
      {"lat", {"纬度", "Latitude"}, 12},
      {"name", {"姓名", "Name"}, 10},
      {"idNumber", {"公民身份号码", "ID number"}, 22},
      {"relation", {"与户主关系", "Relation to head"}, 12},
      {"phone", {"联系电话", "Phone"}, 14},
      {"ethnicity", {"民族", "Ethnicity"}, 8},
      {"registration", {"户籍类型", "Registration"}, 18},
      {"movedIn", {"迁入日期", "Moved in"}, 12},
      {"tags", {"人群标签", "Groups"}, 24},
      {"disabilityKind", {"残疾类别", "Disability kind"}, 12},
      {"disabilityGrade", {"残疾等级", "Disability grade"}, 10},
  };
  return columns;
}

Result<std::string> import_template(Locale locale) {
  return template_workbook({"居民登记", "Residents"}, import_columns(), locale);
}

Result<std::vector<ImportedHousehold>> RegisterReader::read(
    TableReader& table, const std::function<bool(std::size_t)>& on_row) {
  const auto& columns = import_columns();
  bool header_seen = false;
  std::size_t people = 0;
  for (;;) {
    SHEQU_ASSIGN_OR_RETURN(auto row, table.next());
    if (!row) break;
    for (std::string& cell : row->cells) {
      if (const std::string_view kept = trim(cell); kept.size() != cell.size()) {
        cell = std::string(kept);
      }
    }
    if (!header_seen) {
      header_seen = true;
      SHEQU_TRY(check_header(row->cells, columns, row->line));
      continue;
    }
    if (++people > kMaxImportPeople) {
      return Error::too_large({fmt::format("一次最多导入 {} 人", kMaxImportPeople),
                               fmt::format("at most {} people at a time", kMaxImportPeople)});
    }
    read_row(std::move(*row));
    if (people % 1000 == 0 && !on_row(people)) {
      return Error::conflict({"导入已取消", "the import was cancelled"});
    }
  }
  if (people == 0) return Error::invalid("file", {"文件中没有居民", "the file holds nobody"});
  // One head per household: a second is its own row's problem; none, the household's.
  for (const ImportedHousehold& h : households_) {
    const auto heads = std::count_if(h.members.begin(), h.members.end(),
                                     [](const auto& m) { return m.person.relation == kHead; });
    if (heads == 0) {
      problems_.add(columns[kRelation], h.line,
                    {fmt::format("户编号“{}”的户没有户主", h.label),
                     fmt::format("household \"{}\" has no head", h.label)});
    }
  }
  return std::move(households_);
}

void RegisterReader::read_row(TableRow row) {
  const auto& columns = import_columns();
  std::vector<std::string> cells = std::move(row.cells);
  if (cells.size() > kColumnCount) {
    problems_.add({"file",
                   {fmt::format("多出 {} 列", cells.size() - kColumnCount),
                    fmt::format("{} columns too many", cells.size() - kColumnCount)},
                   row.line});
  }
  cells.resize(kColumnCount);
  std::vector<std::size_t> unreadable;
  const auto problem = [&](std::size_t column, Text reason) {
    unreadable.push_back(column);
    problems_.add(columns[column], row.line, std::move(reason));
  };

  // The household: a new one at its first row; later rows repeat its cells or leave them empty.
  const std::string& label = cells[kHousehold];
  if (label.empty() || utf8_length(label) > kMaxHouseholdLabel) {
    problem(kHousehold, {fmt::format("应为 1 至 {} 个字", kMaxHouseholdLabel),
                         fmt::format("must be 1 to {} characters", kMaxHouseholdLabel)});
    return;
  }
  auto [at, first] = by_label_.try_emplace(label, households_.size());
  if (first) {
    ImportedHousehold h;
    h.line = row.line;
    h.label = label;
    h.household.grid = cells[kGrid];
    h.household.address = cells[kAddress];
    if (auto type = find_key(household_types(), cells[kType])) {
      h.household.type = *type;
    } else {
      problem(kType, {"应为家庭户或集体户", "must be 家庭户 or 集体户"});
    }
    for (const auto& [column, target] :
         {std::pair{kLon, &h.household.lon}, std::pair{kLat, &h.household.lat}}) {
      if (cells[column].empty()) continue;
      *target = parse_number(cells[column]);
      if (!*target) problem(column, {"应为以度为单位的数字", "must be a number of degrees"});
    }
    if (cells[kGrid].empty()) problem(kGrid, {"不能为空", "must not be empty"});
    std::vector<FieldError> errors;
    check_household(errors, h.household);
    for (FieldError& e : errors) {
      const std::size_t column = column_of(e.field);
      if (std::find(unreadable.begin(), unreadable.end(), column) != unreadable.end()) continue;
      problem(column == kColumnCount ? kAddress : column, std::move(e.reason));
    }
    households_.push_back(std::move(h));
  } else {
    const ImportedHousehold& h = households_[at->second];
    for (const std::size_t column : kHouseholdColumns) {
      if (cells[column].empty()) continue;
      // Compared with the household as its first row gave it: a type by its key, a point by
      // its value, so that 家庭户 and family agree.
      const bool same = [&] {
        switch (column) {
          case kGrid:
            return cells[column] == h.household.grid;
          case kAddress:
            return cells[column] == h.household.address;
          case kType:
            return find_key(household_types(), cells[column]) == h.household.type;
          case kLon:
            return parse_number(cells[column]) == h.household.lon;
          case kLat:
            return parse_number(cells[column]) == h.household.lat;
          default:
            return true;
        }
      }();
      if (!same) {
        problem(column, {fmt::format("与本户第 {} 行不一致", h.line),
                         fmt::format("differs from the household's line {}", h.line)});
      }
    }
  }
  ImportedHousehold& household = households_[at->second];

  // The person.
  NewPerson p;
  p.name = cells[kName];
  p.id_number = cells[kIdNumber];
  // Excel's "x" and "X" are the same check character.
  if (!p.id_number.empty() && p.id_number.back() == 'x') p.id_number.back() = 'X';
  p.phone = cells[kPhone];
  p.ethnicity = cells[kEthnicity];
  if (auto relation = find_key(relations(), cells[kRelation])) {
    p.relation = *relation;
  } else {
    problem(kRelation, {"应为户主、配偶、子女、父母、孙子女、祖父母、兄弟姐妹或其他",
                        "must be 户主, 配偶, 子女, 父母, 孙子女, 祖父母, 兄弟姐妹 or 其他"});
  }
  if (auto registration = find_key(registrations(), cells[kRegistration], kRegistrationAliases)) {
    p.registration = *registration;
  } else {
    problem(kRegistration, {"应为户籍人口、常住人口（户籍在外）或流动人口",
                            "must be 户籍人口, 常住人口（户籍在外） or 流动人口"});
  }
  if (cells[kMovedIn].empty()) {
    problem(kMovedIn, {"不能为空", "must not be empty"});
  } else if (auto day = parse_day(cells[kMovedIn])) {
    p.moved_in = *day;
  } else {
    problem(kMovedIn, {"应为“2021-06-01”这样的日期", "must be a date like 2021-06-01"});
  }
  for (const std::string& word : split_list(cells[kTags])) {
    auto key = find_key(tag_kinds(), word, kTagAliases);
    if (!key) {
      // Not echoed: a cell in the wrong column may hold a name, and problems are kept.
      problem(kTags, {"人群标签应为特困老人、独居老人、空巢老人、留守儿童、低保对象等名称",
                      "groups must be named as in the template, as 特困老人 or 独居老人"});
    } else if (*key == kDisability) {
      if (cells[kDisabilityKind].empty()) {
        problem(kDisabilityKind,
                {"残疾人应填写残疾类别和等级", "give the kind and grade of the disability"});
      }
    } else if (std::none_of(p.tags.begin(), p.tags.end(),
                            [&](const Tag& t) { return t.key == *key; })) {
      p.tags.push_back({*key, ""});
    }
  }
  if (!cells[kDisabilityKind].empty() || !cells[kDisabilityGrade].empty()) {
    const auto kind = find_key(disability_kinds(), cells[kDisabilityKind]);
    const auto short_kind = find_key(disability_kinds(), cells[kDisabilityKind] + "残疾");
    const auto grade = parse_grade(cells[kDisabilityGrade]);
    if (!kind && !short_kind) {
      problem(kDisabilityKind, {"应为视力、听力、言语、肢体、智力、精神或多重残疾",
                                "must be one of the seven kinds, as 肢体残疾"});
    }
    if (!grade) problem(kDisabilityGrade, {"应为一级至四级", "must be a grade 1 to 4"});
    if ((kind || short_kind) && grade) {
      p.tags.push_back(
          {std::string(kDisability), fmt::format("{}:{}", kind ? *kind : *short_kind, *grade)});
    }
  }
  std::vector<FieldError> errors;
  std::string birth = check_person(errors, p, rules_.today, rules_.may_set_sensitive);
  for (FieldError& e : errors) {
    const std::size_t column = column_of(e.field);
    if (std::find(unreadable.begin(), unreadable.end(), column) != unreadable.end()) continue;
    if (column == kIdNumber && p.id_number.find_first_of(".E+") != std::string::npos) {
      // 620102194103129000 typed into a number cell comes back as 6.20102194103129E+17.
      e.reason = {"身份证号被 Excel 存成了数字，请把该列设为文本后重新填写",
                  "Excel stored the ID number as a number; format the column as text and "
                  "type it again"};
    }
    problems_.add(columns[column == kColumnCount ? kName : column], row.line, std::move(e.reason));
  }
  if (p.relation == kHead) {
    for (const ImportedPerson& m : household.members) {
      if (m.person.relation == kHead) {
        problems_.add(columns[kRelation], row.line,
                      {fmt::format("本户已有户主（第 {} 行）", m.line),
                       fmt::format("the household has a head (line {})", m.line)});
        break;
      }
    }
  }
  if (!p.id_number.empty()) {
    auto [seen, fresh] = id_lines_.try_emplace(p.id_number, row.line);
    if (!fresh) {
      problems_.add(
          columns[kIdNumber], row.line,
          {fmt::format("与第 {} 行是同一公民身份号码：同一人不能登记在两户", seen->second),
           fmt::format("the same ID number as line {}: one person cannot be in two "
                       "households",
                       seen->second)});
    }
  }
  household.members.push_back({row.line, std::move(p), std::move(birth)});
}

}  // namespace shequ::residents
