// rstlab: run TCP RST scenarios on real kernel sockets and check what the socket API said.
#include <boost/program_options.hpp>
#include <sched.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <random>

#include "harness/cli/commands.hpp"
#include "harness/fixture/variants.hpp"

namespace po = boost::program_options;

namespace {

constexpr const char* usage_text =
    "usage: rstlab <command> [options] [PATH...]\n"
    "\n"
    "commands:\n"
    "  run [PATH...]      run fixtures (files or folders; default: the bundled fixtures)\n"
    "  check PATH...      load and validate fixtures without running them\n"
    "  list [PATH...]     list fixtures with their summaries\n"
    "  explain FIXTURE    run one fixture and show every step and the wire ladder\n"
    "  actions            list every action a step can name, its parameters and outcomes\n"
    "\n"
    "exit status: 0 all passed, 1 a case failed, 2 usage or fixture error (nothing ran),\n"
    "             3 the harness failed in a case (ERROR), 77 nothing failed but cases were\n"
    "             skipped (no sandbox here; 3 instead with --require-sandbox)\n"
    "\n"
    "environment: RSTLAB_REQUIRE_SANDBOX=1 is --require-sandbox (0 or unset: not required)\n";

po::options_description option_list(rstlab::cli::settings& s) {
  po::options_description opts("options");
  opts.add_options()("help,h", "show this help")("version", "print rstlab's version")(
      "filter,f", po::value(&s.filter),
      "run only fixtures whose name or path (as found, or relative to here) matches this glob")(
      "tag", po::value(&s.tags)->composing()->value_name("TAG"),
      "run only fixtures with this tag (`tags = [...]` in the fixture; repeat for any of several)")(
      "junit", po::value(&s.junit)->value_name("FILE"),
      "also write JUnit XML to FILE: a testsuite per fixture folder, a testcase per variant "
      "(e.g. --junit rstlab.xml)")(
      "tap", po::value(&s.tap)->value_name("FILE"),
      "also write TAP version 13 to FILE (e.g. --tap rstlab.tap)")(
      "json", po::value(&s.json)->value_name("FILE"),
      "also write every case's observations as JSON to FILE (e.g. --json rstlab.json)")(
      "html", po::value(&s.html)->value_name("FILE"),
      "also write one self-contained HTML page to FILE: a table of the cases, and per case its "
      "steps beside the wire drawn as a sequence diagram (e.g. --html rstlab.html); reports "
      "are written whole or not at all, any of them together")(
      "pcap", po::value(&s.pcap),
      "write each case's packets to DIR/<name>-v4.pcap (pcapng; DIR is created if missing)")(
      "verbose,v", po::bool_switch(&s.verbose), "show steps and the wire for passing cases too")(
      "timeout-scale", po::value(&s.timeout_scale)->default_value(1.0),
      "multiply every step and case deadline (e.g. 3 on a slow machine; 0.001 to 1000)")(
      "jobs,j", po::value(&s.jobs)->default_value(s.jobs),
      "cases to run at once, each in its own sandbox (default: the cores this process may "
      "use); reports keep the fixtures' order")(
      "shard", po::value(&s.shard)->value_name("I/N"),
      "run only shard I of N (from 0): case k of the suite is in shard k mod N, so N machines "
      "running 0/N .. N-1/N run the suite once (default: GTEST_SHARD_INDEX/GTEST_TOTAL_SHARDS, "
      "TEST_SHARD_INDEX/TEST_TOTAL_SHARDS or CI_NODE_INDEX/CI_NODE_TOTAL when set)")(
      "rerun-failures", po::value(&s.rerun_failures)->default_value(0)->value_name("K"),
      "run a failing case again up to K times; one that then passes is reported FLAKY (with "
      "the failed run's details, counted apart), never PASS (default 0: no reruns)")(
      "repeat", po::value(&s.repeat)->default_value(1),
      "run each case this many times; a case whose observations change between runs fails")(
      "family", po::value(&s.family)->default_value("both"),
      "address families to run each fixture over: 4, 6 or both (a fixture may pin one)")(
      "topology", po::value(&s.topology)->default_value("hosts"),
      "where fixtures that pin none run: hosts (two namespaces and the wire), loopback (one "
      "namespace, 127.0.0.1 / ::1; fixtures that need the wire to act are left out) or both")(
      "seed", po::value<std::string>(),
      "seed of the random draws of rules with a probability (0 to 2^64-1; default: a random "
      "one, printed with each failure of a case that draws)")(
      "program-path", po::value(&s.program_path)->composing()->value_name("DIR"),
      "look for a fixture's program named without a '/' in DIR first (repeatable; then "
      "RSTLAB_PROGRAM_PATH, the bundled example programs, PATH), e.g. --program-path build/bin")(
      "tun-device", po::value(&s.tun_node)->default_value("/dev/net/tun"),
      "TUN device node the wire opens")(
      "require-sandbox", po::bool_switch(&s.require_sandbox),
      "a case that finds no sandbox here is ERROR (exit 3) instead of SKIP (exit 77): for CI, "
      "which must never pass on skips; also RSTLAB_REQUIRE_SANDBOX=1");
  return opts;
}

// --seed as written, or a fresh one: a run that draws can always be replayed from the seed its
// failures print.
std::optional<std::uint64_t> seed_of(const po::variables_map& vm) {
  if (!vm.count("seed")) {
    std::random_device rd;
    return std::uint64_t{rd()} << 32 | rd();
  }
  const auto& text = vm["seed"].as<std::string>();
  std::uint64_t seed = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seed);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return seed;
}

// RSTLAB_REQUIRE_SANDBOX: 1 requires a sandbox, 0 or empty or unset does not; nullopt for
// anything else, which is refused rather than guessed at.
std::optional<bool> sandbox_required_by_environment() {
  const char* v = std::getenv("RSTLAB_REQUIRE_SANDBOX");
  std::string text = v ? v : "";
  if (text == "1") return true;
  if (text.empty() || text == "0") return false;
  return std::nullopt;
}

int dispatch(const std::string& command, const rstlab::cli::settings& s) {
  using namespace rstlab::cli;
  if (command == "run") return run(s, std::cout, std::cerr);
  if (command == "check") return check(s, std::cout, std::cerr);
  if (command == "list") return list(s, std::cout, std::cerr);
  if (command == "explain") return explain(s, std::cout, std::cerr);
  if (command == "actions") return actions(s, std::cout, std::cerr);
  std::cerr << "rstlab: unknown command '" << command
            << "' (run, check, list, explain or actions)\n";
  return exit_usage;
}

// The terminal's width in columns, for the progress line (80 when it does not say).
std::size_t terminal_columns() {
  winsize ws{};
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0 || ws.ws_col == 0) return 80;
  return ws.ws_col;
}

// The cores this process may run on (its affinity mask, which taskset or a cpuset narrows),
// not the machine's count.
unsigned usable_cores() {
  cpu_set_t set;
  if (::sched_getaffinity(0, sizeof set, &set) != 0) return 1;
  return static_cast<unsigned>(std::max(1, CPU_COUNT(&set)));
}

}  // namespace

int main(int argc, char** argv) {
  rstlab::cli::settings s;
  s.jobs = usable_cores();
  s.stdout_is_terminal = ::isatty(STDOUT_FILENO) == 1;
  if (s.stdout_is_terminal) s.terminal_width = terminal_columns();
  std::string command;
  auto opts = option_list(s);
  po::options_description all;
  all.add(opts).add_options()("command", po::value(&command))(
      "paths", po::value(&s.paths)->composing());
  po::positional_options_description positional;
  positional.add("command", 1).add("paths", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "rstlab: " << e.what() << "\n" << usage_text;
    return rstlab::cli::exit_usage;
  }
  if (vm.count("version")) {
    std::cout << "rstlab " << RSTLAB_VERSION << "\n";
    return 0;
  }
  if (vm.count("help") || command.empty()) {
    (command.empty() && !vm.count("help") ? std::cerr : std::cout) << usage_text << "\n" << opts;
    return vm.count("help") ? 0 : rstlab::cli::exit_usage;
  }
  if (!(s.timeout_scale >= 0.001 && s.timeout_scale <= 1000)) {  // also refuses nan
    std::cerr << "rstlab: --timeout-scale must be a number from 0.001 to 1000, got "
              << s.timeout_scale << "\n";
    return rstlab::cli::exit_usage;
  }
  if (!rstlab::fixture::parse_families(s.family)) {
    std::cerr << "rstlab: --family must be 4, 6 or both, got '" << s.family << "'\n";
    return rstlab::cli::exit_usage;
  }
  if (!rstlab::fixture::parse_topologies(s.topology)) {
    std::cerr << "rstlab: --topology must be hosts, loopback or both, got '" << s.topology
              << "'\n";
    return rstlab::cli::exit_usage;
  }
  if (s.jobs < 1 || s.jobs > 1024) {
    std::cerr << "rstlab: --jobs must be from 1 to 1024, got " << s.jobs << "\n";
    return rstlab::cli::exit_usage;
  }
  if (s.rerun_failures > 100) {
    std::cerr << "rstlab: --rerun-failures must be from 0 to 100, got " << s.rerun_failures << "\n";
    return rstlab::cli::exit_usage;
  }
  if (s.repeat < 1 || s.repeat > 100000) {
    std::cerr << "rstlab: --repeat must be from 1 to 100000, got " << s.repeat << "\n";
    return rstlab::cli::exit_usage;
  }
  auto seed = seed_of(vm);
  if (!seed) {
    std::cerr << "rstlab: --seed must be a whole number from 0 to 18446744073709551615, got '"
              << vm["seed"].as<std::string>() << "'\n";
    return rstlab::cli::exit_usage;
  }
  s.seed = *seed;
  auto required = sandbox_required_by_environment();
  if (!required) {
    std::cerr << "rstlab: RSTLAB_REQUIRE_SANDBOX must be 1 or 0, got '"
              << std::getenv("RSTLAB_REQUIRE_SANDBOX") << "'\n";
    return rstlab::cli::exit_usage;
  }
  s.require_sandbox = s.require_sandbox || *required;
  // A closed stdout (`rstlab run | head`) makes writes fail with EPIPE instead of killing the
  // run; the exit status still says what the cases did. Workers block SIGPIPE, and a blocked
  // signal is never discarded, so steps still see the ones their writes raise.
  std::signal(SIGPIPE, SIG_IGN);
  rstlab::cli::use_program_path(s);
  return dispatch(command, s);
}
