# The pure modules' sources, relative to harness/: the main build and the fuzz build (fuzz/,
# clang) compile the same lists.
set(rstlab_core_sources
  core/names.cpp
  core/sysctls.cpp
  core/outcome.cpp
  core/counters.cpp
  core/address.cpp)

set(rstlab_fixture_sources
  fixture/model.cpp
  fixture/loader.cpp
  fixture/reading.cpp
  fixture/steps.cpp
  fixture/diagnostics.cpp
  fixture/files.cpp
  fixture/outcomes.cpp
  fixture/params.cpp
  fixture/rules.cpp
  fixture/scanner.cpp
  fixture/scanner_strings.cpp
  fixture/scanner_values.cpp
  fixture/sequence.cpp
  fixture/tables.cpp
  fixture/suite.cpp
  fixture/variants.cpp
  fixture/placeholders.cpp
  fixture/programs.cpp)
