// What the integration tests share: running fixture text through the real pipeline (loader,
// engine, matcher), running the rstlab binary, and skipping (exit 77, which ctest reports as
// skipped) on a machine where no sandbox can be built.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "harness/engine/engine.hpp"
#include "harness/expect/matcher.hpp"
#include "harness/fixture/model.hpp"

namespace rstlab::test {

// Loads `toml` as a fixture named `file` and keeps it alive for the result's pointer.
const fixture::scenario& load(const std::string& toml, const std::string& file = "inline.toml");

// Runs a loaded scenario in a fresh sandbox and judges it (with the engine's default
// options, or with a seed for the random draws).
expect::case_result run(const fixture::scenario& sc);
expect::case_result run(const fixture::scenario& sc, std::uint64_t seed);
expect::case_result run(const fixture::scenario& sc, const engine::options& o);
// The engine's default options, but every counter of both hosts recorded, asserted or not.
engine::options all_counters();
expect::case_result run_toml(const std::string& toml);

// Every mismatch of a result, one per line (for test failure messages).
std::string explain(const expect::case_result& r);

// Exits the test program with status 77 (skipped) when no sandbox can be built here.
void require_sandbox();
// The same as a global fixture: BOOST_TEST_GLOBAL_FIXTURE(rstlab::test::sandbox_required).
struct sandbox_required {
  sandbox_required() { require_sandbox(); }
};

// A fresh directory under /tmp (rstlab-<tag>-XXXXXX), removed with everything in it.
struct temp_dir {
  std::filesystem::path path;
  explicit temp_dir(const std::string& tag = "test");
  ~temp_dir();
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  // Writes `text` to `file` in the directory; its path.
  std::string write(const std::string& file, const std::string& text) const;
};

struct process_result {
  int status = -1;  // exit status, or 128 + signal
  std::string out, err;
};
process_result run_process(const std::vector<std::string>& argv);
// The same, with the child's stdout a pipe nobody reads any more (as in `rstlab run | true`):
// every write to it fails with EPIPE. Only stderr is captured.
process_result run_with_closed_stdout(const std::vector<std::string>& argv);

// The CLI tests' fixture: a reset read. Its steps start at line 4 of the file (after
// reset_read_header), and line 9 expects the wrong error: the read after an RST reports
// ECONNRESET, not EPIPE. reset_read_right_steps() expects the right one.
inline constexpr const char* reset_read_header =
    "name = \"reset-read\"\nsummary = \"s\"\nrefs = [\"r\"]\n";
inline constexpr const char* reset_read_wrong_steps = R"(steps = [
  { server = "listen" },
  { client = "connect", expect = "ok" },
  { server = "accept", expect = "ok" },
  { server = "abort" },
  { client = "read", expect = "EPIPE" },
]
[client]
[server]
)";
inline std::string reset_read_right_steps() {
  std::string steps = reset_read_wrong_steps;
  return steps.replace(steps.find("EPIPE"), 5, "ECONNRESET");
}

#ifdef RSTLAB_BINARY
// The rstlab binary of this build, run with `args`.
inline process_result cli(std::vector<std::string> args) {
  args.insert(args.begin(), RSTLAB_BINARY);
  return run_process(args);
}
#endif

}  // namespace rstlab::test
