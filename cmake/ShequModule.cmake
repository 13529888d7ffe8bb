# shequ_embed_migrations(TARGET NAMESPACE FILE...): compiles a module's numbered .sql migrations
# (paths relative to the module's folder)
# into TARGET as NAMESPACE::migrations(), which its declaration lists. Versions are one sequence
# across all modules (the registry refuses a version declared twice).
function(shequ_embed_migrations target namespace)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/${target}_migrations.cpp)
  set(files ${ARGN})
  list(TRANSFORM files PREPEND ${CMAKE_CURRENT_SOURCE_DIR}/)
  # A ';' would split the command line; the script takes the files separated by '|'.
  string(REPLACE ";" "|" files_arg "${files}")
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DNAMESPACE=${namespace} "-DFILES=${files_arg}"
            -P ${PROJECT_SOURCE_DIR}/cmake/EmbedMigrations.cmake
    DEPENDS ${files} ${PROJECT_SOURCE_DIR}/cmake/EmbedMigrations.cmake
    COMMENT "Embedding the migrations of ${target}"
    VERBATIM)
  target_sources(${target} PRIVATE ${out})
endfunction()

# shequ_embed_file(SOURCE MACRO FILE): lets SOURCE (a .cpp of the current folder using
# SHEQU_EMBED_FILE, src/common/embed.hpp) name FILE as MACRO, and compiles it again when FILE
# changes.
function(shequ_embed_file source macro file)
  set_source_files_properties(${source} PROPERTIES
    COMPILE_DEFINITIONS "${macro}=${file}"
    OBJECT_DEPENDS ${file})
endfunction()
