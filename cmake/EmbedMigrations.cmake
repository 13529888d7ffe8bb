# Writes a C++ source that holds a module's migration files as strings, in file-name order, as
# NAMESPACE::migrations(). Invoked in script mode:
#   cmake -DOUT=... -DNAMESPACE=shequ::org -DFILES="a.sql|b.sql" -P EmbedMigrations.cmake
set(body "// Generated from the module's migrations/*.sql by cmake/EmbedMigrations.cmake.\n")
string(APPEND body "#include \"storage/migrations.hpp\"\n\nnamespace ${NAMESPACE} {\n\n")
string(APPEND body "const std::vector<storage::Migration>& migrations() {\n")
string(APPEND body "  static const std::vector<storage::Migration> migrations = {\n")
string(REPLACE "|" ";" FILES "${FILES}")
list(SORT FILES)
foreach(file IN LISTS FILES)
  get_filename_component(name "${file}" NAME_WE)
  string(REGEX MATCH "^[0-9]+" number "${name}")
  # "0008" would be an octal literal in C++ (and invalid); the version is the decimal number.
  math(EXPR number "${number} + 0")
  file(READ "${file}" sql)
  string(APPEND body "      {${number}, \"${name}\", R\"shequ_sql(${sql})shequ_sql\"},\n")
endforeach()
string(APPEND body "  };\n  return migrations;\n}\n\n}  // namespace ${NAMESPACE}\n")
file(WRITE "${OUT}.tmp" "${body}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
