# Writes a C++ source that holds every migration file as a string, in file-name order.
# Invoked in script mode: cmake -DOUT=... -DFILES="a.sql|b.sql" -P EmbedMigrations.cmake
set(body "// Generated from src/storage/migrations/*.sql by cmake/EmbedMigrations.cmake.\n")
string(APPEND body "#include \"storage/migrations.hpp\"\n\nnamespace shequ::storage {\n\n")
string(APPEND body "const std::vector<Migration>& embedded_migrations() {\n")
string(APPEND body "  static const std::vector<Migration> migrations = {\n")
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
string(APPEND body "  };\n  return migrations;\n}\n\n}  // namespace shequ::storage\n")
file(WRITE "${OUT}.tmp" "${body}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
