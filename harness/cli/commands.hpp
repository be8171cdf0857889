// The CLI's commands, each returning the process exit status:
// 0 all passed, 1 a case failed, 2 usage or fixture error (nothing ran), 3 the harness failed
// in at least one case (verdict ERROR: that case proves nothing; so is a case without a sandbox
// when one is required), 77 nothing failed but cases were skipped (no sandbox could be made
// here; ctest reads 77 as skipped).
#pragma once

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace rstlab::cli {

inline constexpr int exit_passed = 0;
inline constexpr int exit_failed = 1;
inline constexpr int exit_usage = 2;
inline constexpr int exit_error = 3;
inline constexpr int exit_skipped = 77;

struct settings {
  std::vector<std::string> paths;  // empty: the bundled fixtures
  std::string filter;              // glob on the fixture's name or path
  std::vector<std::string> tags;   // --tag, repeatable: fixtures with any of these tags
  bool stdout_is_terminal = false; // main() sets it: colour and progress only on a terminal
  std::size_t terminal_width = 80; // main() sets it from the terminal: the progress line's room
  std::string junit;               // file to write JUnit XML to
  std::string tap;                 // file to write TAP 13 to
  std::string json;                // file to write the JSON report to
  std::string html;                // file to write the HTML report to
  std::string shard;               // --shard I/N; empty: from the environment, if set there
  std::string pcap;                // folder to write each case's packets to (pcapng)
  bool verbose = false;
  double timeout_scale = 1.0;
  unsigned repeat = 1;
  unsigned rerun_failures = 0;  // --rerun-failures K
  unsigned jobs = 1;  // cases at once (-j); main() defaults it to the cores this process may use
  std::uint64_t seed = 0;          // the random draws of rules with a probability (--seed)
  std::string tun_node = "/dev/net/tun";
  std::string family = "both";     // --family: 4, 6 or both
  std::string topology = "hosts";  // --topology: hosts, loopback or both
  bool require_sandbox = false;    // no sandbox is ERROR (--require-sandbox, RSTLAB_REQUIRE_SANDBOX)
  std::vector<std::string> program_path;  // --program-path, repeatable: where programs are found
};

// Where a program endpoint named without a '/' is looked for, in order: --program-path, the
// folders of RSTLAB_PROGRAM_PATH (colon-separated), the bundled example programs; then PATH.
// Sets fixture::set_program_dirs(); call before loading any fixture.
void use_program_path(const settings& s);

int run(const settings& s, std::ostream& out, std::ostream& err);
int check(const settings& s, std::ostream& out, std::ostream& err);
int list(const settings& s, std::ostream& out, std::ostream& err);
// Every action of the registry: parameters (type, range or choices, help) and what it reports.
int actions(const settings& s, std::ostream& out, std::ostream& err);
int explain(const settings& s, std::ostream& out, std::ostream& err);

}  // namespace rstlab::cli
