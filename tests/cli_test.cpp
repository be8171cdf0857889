// The rstlab binary as a user runs it: exit statuses, what the console says about a failure,
// fixture errors that stop everything before anything runs, and the JUnit report.
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <filesystem>
#include <algorithm>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "cases/action.hpp"
#include "tests/support.hpp"

namespace t = rstlab::test;
namespace fs = std::filesystem;

namespace {

using t::cli;
const char* header = t::reset_read_header;
const char* wrong_steps = t::reset_read_wrong_steps;

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

using rstlab::test::sandbox_required;
BOOST_TEST_GLOBAL_FIXTURE(sandbox_required);

BOOST_AUTO_TEST_CASE(run_failing_fixture_exits_1_with_line_expected_actual_and_ladder) {
  t::temp_dir dir{"cli"};
  auto file = dir.write("wrong.toml", std::string(header) + wrong_steps);
  auto r = cli({"run", file});
  BOOST_TEST(r.status == 1);
  BOOST_TEST(has(r.out, "FAIL  reset-read"), r.out);
  BOOST_TEST(has(r.out, file + ":9:"), r.out);
  BOOST_TEST(has(r.out, "expected EPIPE (errno 32), got ECONNRESET (errno 104)"), r.out);
  BOOST_TEST(has(r.out, "RST from server"), r.out);
  BOOST_TEST(has(r.out, "\n0 passed, 2 failed, 0 errors, 0 skipped\n"), r.out);
}

BOOST_AUTO_TEST_CASE(run_passing_fixture_exits_0) {
  t::temp_dir dir{"cli"};
  auto steps = t::reset_read_right_steps();
  auto r = cli({"run", dir.write("right.toml", std::string(header) + steps)});
  BOOST_TEST(r.status == 0, r.out << r.err);
  BOOST_TEST(has(r.out, "PASS  reset-read[v4]"), r.out);
  BOOST_TEST(has(r.out, "PASS  reset-read[v6]"), r.out);
  BOOST_TEST(has(r.out, "\n2 passed, 0 failed, 0 errors, 0 skipped\n"), r.out);
}

BOOST_AUTO_TEST_CASE(family_selects_the_variants_that_run) {
  t::temp_dir dir{"cli"};
  auto steps = t::reset_read_right_steps();
  auto file = dir.write("right.toml", std::string(header) + steps);
  auto v6 = cli({"run", "--family", "6", file});
  BOOST_TEST(v6.status == 0, v6.out << v6.err);
  BOOST_TEST(has(v6.out, "PASS  reset-read[v6]"), v6.out);
  BOOST_TEST(has(v6.out, "\n1 passed, 0 failed"), v6.out);
  auto v4 = cli({"run", "--family", "4", file});
  BOOST_TEST(has(v4.out, "PASS  reset-read[v4]"), v4.out);
  BOOST_TEST(has(v4.out, "\n1 passed, 0 failed"), v4.out);
  auto bad = cli({"run", "--family", "5", file});
  BOOST_TEST(bad.status == 2);
  BOOST_TEST(has(bad.err, "--family must be 4, 6 or both, got '5'"), bad.err);
}

BOOST_AUTO_TEST_CASE(a_pinned_fixture_runs_over_its_family_only) {
  t::temp_dir dir{"cli"};
  auto steps = t::reset_read_right_steps();
  auto file = dir.write("pinned.toml", "family = 6\n" + std::string(header) + steps);
  auto r = cli({"run", file});
  BOOST_TEST(r.status == 0, r.out << r.err);
  BOOST_TEST(has(r.out, "PASS  reset-read[v6]"), r.out);
  BOOST_TEST(!has(r.out, "[v4]"), r.out);
  auto none = cli({"run", "--family", "4", file});
  BOOST_TEST(none.status == 2);
  BOOST_TEST(has(none.err, "no fixture selected runs over --family 4"), none.err);
}

BOOST_AUTO_TEST_CASE(run_with_one_bad_fixture_exits_2_and_runs_nothing) {
  t::temp_dir dir{"cli"};
  dir.write("a-good.toml", std::string(header) + wrong_steps);
  auto bad = dir.write("b-bad.toml", std::string(header) + "stepz = []\n");
  auto r = cli({"run", dir.path.string()});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(has(r.err, bad + ":4:1: "), r.err);
  BOOST_TEST(!has(r.out, "FAIL"), r.out);
  BOOST_TEST(!has(r.out, "passed"), r.out);
}

BOOST_AUTO_TEST_CASE(run_with_a_filter_that_matches_nothing_exits_2) {
  auto r = cli({"run", "--filter", "no-such-fixture-*"});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(has(r.err, "no fixture matches"), r.err);
}

BOOST_AUTO_TEST_CASE(run_with_a_filter_runs_only_the_matches) {
  auto r = cli({"run", "--filter", "read-after-*"});
  BOOST_TEST(r.status == 0, r.out << r.err);
  BOOST_TEST(has(r.out, "\n4 passed, 0 failed, 0 errors, 0 skipped\n"), r.out);
}

BOOST_AUTO_TEST_CASE(junit_report_names_each_case_and_carries_the_failure) {
  t::temp_dir dir{"cli"};
  auto file = dir.write("wrong.toml", std::string(header) + wrong_steps);
  auto xml = (dir.path / "report.xml").string();
  auto r = cli({"run", "--junit", xml, file});
  BOOST_TEST(r.status == 1);
  std::ifstream in(xml);
  std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // A file given by itself belongs to the suite named after its folder (reports_cli_test has
  // the rest of the reports).
  auto folder = dir.path.filename().string();
  BOOST_TEST(has(doc, "<testsuites name=\"rstlab\" tests=\"2\" failures=\"2\""), doc);
  BOOST_TEST(has(doc, "<testsuite name=\"" + folder + "\" tests=\"2\" failures=\"2\""), doc);
  for (const char* variant : {"v4", "v6"})
    BOOST_TEST(has(doc, "<testcase name=\"reset-read[" + std::string(variant) + "]\" classname=\"" +
                            folder + ".wrong\" file=\"" + folder + "/wrong.toml\" line=\"9\""),
               doc);
  BOOST_TEST(has(doc, "<failure message=\"step 5 (client read): expected EPIPE"), doc);
}

BOOST_AUTO_TEST_CASE(check_reports_every_bad_file_and_exits_2) {
  t::temp_dir dir{"cli"};
  auto bad = dir.write("bad.toml", std::string(header) + "steps = [ { clinet = \"read\" } ]\n[client]\n");
  auto r = cli({"check", bad});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(has(r.err, bad + ":4:"), r.err);
  BOOST_TEST(has(r.err, "client"), r.err);
}

BOOST_AUTO_TEST_CASE(check_and_list_accept_the_bundled_fixtures) {
  auto c = cli({"check", RSTLAB_FIXTURE_DIR});
  BOOST_TEST(c.status == 0, c.err);
  auto l = cli({"list"});
  BOOST_TEST(l.status == 0, l.err);
  BOOST_TEST(has(l.out, "close-with-unread-data"), l.out);
}

BOOST_AUTO_TEST_CASE(explain_prints_every_step_and_the_ladder) {
  auto r = cli({"explain", std::string(RSTLAB_FIXTURE_DIR) + "/unread-data/close-with-unread-data.toml"});
  BOOST_TEST(r.status == 0, r.out << r.err);
  BOOST_TEST(has(r.out, "expected ECONNRESET (errno 104)"), r.out);
  BOOST_TEST(has(r.out, "RST from server"), r.out);
  BOOST_TEST(has(r.out, "TCPAbortOnClose 1"), r.out);
}

// The time on the PASS line of `name`, in milliseconds.
double case_ms(const std::string& out, const std::string& name) {
  auto at = out.find("PASS  " + name);
  if (at == std::string::npos) return -1;
  auto line = out.substr(at, out.find('\n', at) - at);
  return std::stod(line.substr(line.find_last_of(' ', line.size() - 4) + 1));
}

const char* waiting = R"(name = "waits"
summary = "s"
refs = ["r"]
steps = [
  { server = "listen" },
  { server = "accept", timeout_ms = 50, expect = "timeout" },
]
[server]
)";

BOOST_AUTO_TEST_CASE(timeout_scale_multiplies_step_deadlines) {
  t::temp_dir dir{"cli"};
  auto file = dir.write("waits.toml", waiting);
  auto plain = cli({"run", file});
  BOOST_TEST(plain.status == 0, plain.out << plain.err);
  BOOST_TEST(case_ms(plain.out, "waits") >= 50.0, plain.out);
  auto scaled = cli({"run", "--timeout-scale", "4", file});
  BOOST_TEST(scaled.status == 0, scaled.out << scaled.err);
  BOOST_TEST(case_ms(scaled.out, "waits") >= 200.0, scaled.out);  // a deadline never fires early
}

BOOST_AUTO_TEST_CASE(verbose_shows_the_steps_of_passing_cases) {
  t::temp_dir dir{"cli"};
  auto file = dir.write("waits.toml", waiting);
  BOOST_TEST(!has(cli({"run", file}).out, "steps (line, endpoint, action):"));
  auto r = cli({"run", "--verbose", file});
  BOOST_TEST(has(r.out, "steps (line, endpoint, action):"), r.out);
  BOOST_TEST(has(r.out, "(no segments crossed the wire)"), r.out);
}

BOOST_AUTO_TEST_CASE(unwritable_junit_path_exits_2_before_any_case_runs) {
  auto r = cli({"run", "--junit", "/no/such/dir/report.xml"});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(has(r.err, "cannot write JUnit report /no/such/dir/report.xml"), r.err);
  BOOST_TEST(!has(r.out, "PASS"), r.out);
}

BOOST_AUTO_TEST_CASE(pcap_folder_is_made_and_a_failing_case_names_its_capture) {
  t::temp_dir dir{"cli"};
  auto file = dir.write("wrong.toml", std::string(header) + wrong_steps);
  auto caps = (dir.path / "new" / "caps").string();
  auto xml = (dir.path / "report.xml").string();
  auto r = cli({"run", "--pcap", caps, "--junit", xml, file});
  BOOST_TEST(r.status == 1, r.out << r.err);
  auto capture = caps + "/reset-read-v4.pcap";
  BOOST_TEST(has(r.out, "\n      packets: " + capture + "\n"), r.out);
  BOOST_TEST(fs::file_size(capture) > 100u);
  std::ifstream in(xml);
  std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  BOOST_TEST(has(doc, "packets: " + capture + "\n</failure>"), doc);
}

BOOST_AUTO_TEST_CASE(unusable_pcap_folder_exits_2_before_any_case_runs) {
  t::temp_dir dir{"cli"};
  auto file = dir.write("wrong.toml", std::string(header) + wrong_steps);
  for (std::string bad : {file, file + "/sub", std::string("/proc")}) {
    auto r = cli({"run", "--pcap", bad, file});
    BOOST_TEST(r.status == 2, bad);
    BOOST_TEST(has(r.err, "rstlab: --pcap: cannot "), r.err);
    BOOST_TEST(has(r.err, bad), r.err);
    BOOST_TEST(!has(r.out, "reset-read"), r.out);
  }
}

BOOST_AUTO_TEST_CASE(usage_errors_exit_2) {
  BOOST_TEST(cli({}).status == 2);
  BOOST_TEST(cli({"frobnicate"}).status == 2);
  BOOST_TEST(cli({"run", "--no-such-option"}).status == 2);
  BOOST_TEST(cli({"run", "/no/such/path"}).status == 2);
  BOOST_TEST(cli({"explain"}).status == 2);
  BOOST_TEST(cli({"run", "--timeout-scale", "0"}).status == 2);
  BOOST_TEST(cli({"run", "--repeat", "0"}).status == 2);
  auto no_jobs = cli({"run", "-j", "0"});
  BOOST_TEST(no_jobs.status == 2);
  BOOST_TEST(has(no_jobs.err, "--jobs must be from 1 to 1024, got 0"), no_jobs.err);
}

// nan compares false with everything, inf overflows every deadline: both used to fail every
// case with a false "deadline passed".
BOOST_AUTO_TEST_CASE(timeout_scale_that_is_not_a_finite_positive_number_is_refused) {
  for (const char* bad : {"nan", "inf", "-1", "1e9"}) {
    auto r = cli({"run", "--timeout-scale", bad});
    BOOST_TEST(r.status == 2, bad);
    BOOST_TEST(has(r.err, "--timeout-scale must be a number from 0.001 to 1000"), r.err);
  }
}

// The console's own writes failing (its reader went away) change nothing about the verdict
// or the JUnit report: the steps' SIGPIPEs are their threads' own.
BOOST_AUTO_TEST_CASE(a_closed_stdout_changes_no_verdict) {
  t::temp_dir dir{"cli"};
  auto xml = (dir.path / "r.xml").string();
  auto r = t::run_with_closed_stdout({RSTLAB_BINARY, "run", "--junit", xml});
  BOOST_TEST(r.status == 0, r.err);
  std::ifstream in(xml);
  std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  BOOST_TEST(has(doc, "failures=\"0\" errors=\"0\" skipped=\"0\""), doc);
  BOOST_TEST(!has(doc, "<failure"), doc);
  auto failing = t::run_with_closed_stdout(
      {RSTLAB_BINARY, "run", dir.write("wrong.toml", std::string(header) + wrong_steps)});
  BOOST_TEST(failing.status == 1);
}

// The sanitizers' runtime itself needs descriptors (it probes memory through a pipe): out of
// them it reports every virtual call as invalid, so the next test cannot run in that build.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool sanitized = true;
#else
constexpr bool sanitized = false;
#endif

// A case whose harness breaks is ERROR (exit 3), never SKIP: here the process runs out of
// descriptors while the case builds its sandbox or makes a socket. Out of descriptors, a
// machine still can build sandboxes: only a limit too low for the process to start is a skip.
BOOST_AUTO_TEST_CASE(a_harness_that_runs_out_of_descriptors_reports_error_and_exits_3,
                     *boost::unit_test::enable_if<!sanitized>()) {
  t::temp_dir dir{"cli"};
  auto file = dir.write("right.toml", std::string(header) + wrong_steps);
  for (int limit = 16; limit <= 40; ++limit) {  // the first limit a sandbox fits in
    auto n = std::to_string(limit);
    auto r = t::run_process({"prlimit", "--nofile=" + n + ":" + n, RSTLAB_BINARY, "run", file});
    if (has(r.out, "SKIP")) continue;
    BOOST_TEST(r.status == 3, r.out << r.err);
    BOOST_TEST(has(r.out, "ERROR reset-read"), r.out);
    BOOST_TEST(has(r.out, "harness error: "), r.out);
    BOOST_TEST(has(r.out, ": Too many open files"), r.out);
    return;
  }
  BOOST_FAIL("no descriptor limit between 16 and 40 let a sandbox be built");
}

// "No sandbox here", faked by a TUN node that does not exist, run through `env` so that the
// test decides RSTLAB_REQUIRE_SANDBOX whatever the environment it runs in holds.
t::process_result run_without_sandbox(std::vector<std::string> env, const std::string& path,
                                      const std::string& xml, bool flag = false) {
  env.insert(env.begin(), "env");
  std::vector<std::string> run{RSTLAB_BINARY, "run", "--tun-device", "/nonexistent/tun",
                               "--junit", xml, path};
  if (flag) run.push_back("--require-sandbox");
  env.insert(env.end(), run.begin(), run.end());
  return t::run_process(env);
}

// Two fixtures, so that each kind of sandbox (v4, v6) is first tried by one case and then
// known to be missing for the next.
std::string two_fixtures(const t::temp_dir& dir) {
  dir.write("a.toml", std::string(header) + wrong_steps);
  std::string other = header;
  other.replace(other.find("reset-read"), 10, "reset-read-again");
  dir.write("b.toml", other + wrong_steps);
  return dir.path.string();
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

BOOST_AUTO_TEST_CASE(no_sandbox_skips_every_case_and_exits_77) {
  t::temp_dir dir{"cli"}, out{"cli"};
  auto xml = (out.path / "report.xml").string();
  auto r = run_without_sandbox({"-u", "RSTLAB_REQUIRE_SANDBOX"}, two_fixtures(dir), xml);
  BOOST_TEST(r.status == 77, r.out << r.err);
  BOOST_TEST(has(r.out, "SKIP  reset-read[v4]"), r.out);
  BOOST_TEST(has(r.out, "SKIP  reset-read-again[v6]"), r.out);
  BOOST_TEST(has(r.out, "(no sandbox: open /nonexistent/tun: "), r.out);
  BOOST_TEST(has(r.out, "\n0 passed, 0 failed, 0 errors, 4 skipped\n"), r.out);
  BOOST_TEST(has(read_file(xml), "<skipped message=\"no sandbox: open /nonexistent/tun"));
}

// A CI gate must never pass on skips: with RSTLAB_REQUIRE_SANDBOX=1 or --require-sandbox the
// same cases are the harness failing (ERROR, exit 3), with the reason in console and JUnit.
BOOST_AUTO_TEST_CASE(a_required_sandbox_that_cannot_be_built_is_an_error_and_exits_3) {
  t::temp_dir dir{"cli"}, out{"cli"};
  auto fixtures = two_fixtures(dir);
  auto xml = (out.path / "report.xml").string();
  auto by_env = run_without_sandbox({"RSTLAB_REQUIRE_SANDBOX=1"}, fixtures, xml);
  auto by_flag = run_without_sandbox({"-u", "RSTLAB_REQUIRE_SANDBOX"}, fixtures, xml, true);
  for (const auto& r : {by_env, by_flag}) {
    BOOST_TEST(r.status == 3, r.out << r.err);
    BOOST_TEST(has(r.out, "ERROR reset-read[v4]"), r.out);
    BOOST_TEST(has(r.out, "ERROR reset-read-again[v6]"), r.out);
    BOOST_TEST(has(r.out, "harness error: no sandbox, and one is required"), r.out);
    BOOST_TEST(has(r.out, "open /nonexistent/tun: "), r.out);
    BOOST_TEST(!has(r.out, "SKIP"), r.out);
    BOOST_TEST(has(r.out, "\n0 passed, 0 failed, 4 errors, 0 skipped\n"), r.out);
  }
  auto doc = read_file(xml);  // the flag's run, written last
  BOOST_TEST(has(doc, "errors=\"4\" skipped=\"0\""), doc);
  BOOST_TEST(has(doc, "<error message=\"harness error: no sandbox, and one is required"), doc);
  BOOST_TEST(!has(doc, "<skipped"), doc);
}

BOOST_AUTO_TEST_CASE(a_require_sandbox_variable_other_than_0_or_1_is_refused) {
  t::temp_dir dir{"cli"}, out{"cli"};
  auto fixtures = two_fixtures(dir);
  auto xml = (out.path / "report.xml").string();
  auto r = run_without_sandbox({"RSTLAB_REQUIRE_SANDBOX=yes"}, fixtures, xml);
  BOOST_TEST(r.status == 2, r.out << r.err);
  BOOST_TEST(has(r.err, "RSTLAB_REQUIRE_SANDBOX must be 1 or 0, got 'yes'"), r.err);
  BOOST_TEST(!has(r.out, "reset-read"), r.out);
  auto off = run_without_sandbox({"RSTLAB_REQUIRE_SANDBOX=0"}, fixtures, xml);
  BOOST_TEST(off.status == 77, off.out << off.err);
}

BOOST_AUTO_TEST_CASE(repeat_runs_each_case_and_a_stable_one_passes) {
  auto r = cli({"run", "--repeat", "5", "--filter", "read-after-*"});
  BOOST_TEST(r.status == 0, r.out << r.err);
  BOOST_TEST(has(r.out, "\n4 passed, 0 failed, 0 errors, 0 skipped\n"), r.out);
}

BOOST_AUTO_TEST_CASE(explain_shows_each_hosts_tcp_settings) {
  auto r = cli({"explain", std::string(RSTLAB_FIXTURE_DIR) + "/fin-vs-rst/read-after-fin.toml"});
  BOOST_TEST(r.status == 0, r.out << r.err);
  BOOST_TEST(has(r.out, "TCP settings of the server host (all as a new namespace starts):"), r.out);
  BOOST_TEST(has(r.out, "  tcp_fin_timeout = 60\n"), r.out);
  BOOST_TEST(has(r.out, "  somaxconn = "), r.out);
}

// The loopback topology: both endpoints on 127.0.0.1 / ::1 in one namespace. The wire only
// watches lo, yet can still forge: an exact RST put on lo resets the client.
BOOST_AUTO_TEST_CASE(a_loopback_fixture_runs_on_lo_and_the_wire_still_forges) {
  t::temp_dir dir{"cli"};
  auto file = dir.write("lo.toml", std::string("topology = \"loopback\"\n") + header + R"(steps = [
  { server = "listen" },
  { client = "connect", expect = "ok" },
  { server = "accept", expect = "ok" },
  { wire = "forge", to = "client", flags = "R", seq = "exact" },
  { client = "read", nonblocking = true, expect = "ECONNRESET" },
  { client = "tcp-state", expect = "CLOSE" },
  { server = "tcp-state", expect = "ESTABLISHED" },
]
[client]
[server]
[wire]
sequence = ["client S", "server S.", "client ."]
rst = { client = 0, server = 0 }
)");
  auto r = cli({"run", "--verbose", file});
  BOOST_TEST(r.status == 0, r.out << r.err);
  BOOST_TEST(has(r.out, "PASS  reset-read[lo-v4]"), r.out);
  BOOST_TEST(has(r.out, "PASS  reset-read[lo-v6]"), r.out);
  BOOST_TEST(has(r.out, "[forged by the wire]"), r.out);
  BOOST_TEST(!has(r.out, "reset-read[v4]"), r.out);
  auto bad = cli({"run", "--topology", "tun", file});
  BOOST_TEST(bad.status == 2);
  BOOST_TEST(has(bad.err, "--topology must be hosts, loopback or both, got 'tun'"), bad.err);
}

BOOST_AUTO_TEST_CASE(topology_loopback_runs_the_fixtures_lo_can_carry) {
  t::temp_dir dir{"cli"};
  auto steps = t::reset_read_right_steps();
  auto file = dir.write("right.toml", std::string(header) + steps);
  auto r = cli({"run", "--topology", "both", "--family", "4", file});
  BOOST_TEST(r.status == 0, r.out << r.err);
  BOOST_TEST(has(r.out, "PASS  reset-read[v4]"), r.out);
  BOOST_TEST(has(r.out, "PASS  reset-read[lo-v4]"), r.out);
}

namespace {

// The failing fixture with a rule that draws (it never matches: the client sends no FIN).
std::string drawing_fixture() {
  return std::string(header) + wrong_steps +
         "[[wire.rule]]\nfrom = \"client\"\nflags = \"F.\"\naction = \"drop\"\n"
         "probability = 0.5\n";
}

// The seed a failure block names, or "" when it names none.
std::string seed_in(const std::string& out) {
  const std::string lead = "random draws from seed ";
  auto at = out.find(lead);
  if (at == std::string::npos) return "";
  at += lead.size();
  return out.substr(at, out.find(';', at) - at);
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_failure_of_a_case_that_draws_names_the_seed_and_the_replay) {
  t::temp_dir dir{"cli"};
  auto file = dir.write("drawing.toml", drawing_fixture());
  auto r = cli({"run", "--seed", "42", file});
  BOOST_TEST(r.status == 1);
  BOOST_TEST(has(r.out, "      random draws from seed 42; replay them: rstlab run --seed 42 " +
                            file + "\n"),
             r.out);
  auto first = seed_in(cli({"run", file}).out), second = seed_in(cli({"run", file}).out);
  BOOST_TEST(!first.empty());
  BOOST_TEST(first.find_first_not_of("0123456789") == std::string::npos, first);
  BOOST_TEST(first != second);  // a fresh seed for each run without --seed
  auto plain = cli({"run", "--seed", "42", dir.write("plain.toml", std::string(header) +
                                                                      wrong_steps)});
  BOOST_TEST(plain.status == 1);
  BOOST_TEST(seed_in(plain.out).empty(), plain.out);  // nothing drawn, no seed to give
}

BOOST_AUTO_TEST_CASE(a_seed_that_is_not_a_64_bit_whole_number_is_refused) {
  for (const char* bad : {"abc", "-1", "18446744073709551616", "1.5", "", " 7"}) {
    auto r = cli({"run", "--seed", bad});
    BOOST_TEST(r.status == 2, bad);
    BOOST_TEST(has(r.err, "--seed must be a whole number from 0 to 18446744073709551615"),
               bad << ": " << r.err);
  }
  BOOST_TEST(cli({"check", "--seed", "18446744073709551615", RSTLAB_FIXTURE_DIR}).status == 0);
}

// The catalogue's own family rules, through `check`: an ICMP code only IPv4 has and an option
// of one IP version need the fixture pinned to that family.
BOOST_AUTO_TEST_CASE(check_holds_a_step_to_the_family_it_needs) {
  t::temp_dir dir{"cli"};
  auto fixture_with = [&](const std::string& pin, const std::string& step) {
    return dir.write("f.toml", pin + header + "steps = [\n  { server = \"listen\" },\n"
                     "  { client = \"connect\", expect = \"ok\" },\n  " + step + ",\n]\n"
                     "[client]\n[server]\n");
  };
  auto icmp = fixture_with("", "{ wire = \"icmp\", to = \"client\", code = \"protocol\" }");
  auto r = cli({"check", icmp});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(has(r.err, icmp + ":7:3: ICMPv6 has no protocol unreachable (IPv6 reports an "
                        "unknown protocol as a parameter problem); add family = 4 at the top"),
             r.err);
  auto v4 = fixture_with("", "{ client = \"setsockopt\", option = \"IP_RECVERR\", value = 1 }");
  r = cli({"check", v4});
  BOOST_TEST(has(r.err, ":7:3: option IP_RECVERR belongs to IPv4 sockets; add family = 4 at the "
                        "top"),
             r.err);
  auto v6 = fixture_with("family = 4\n",
                         "{ client = \"getsockopt\", option = \"IPV6_RECVERR\", expect = 0 }");
  r = cli({"check", v6});
  BOOST_TEST(has(r.err, ":8:3: option IPV6_RECVERR belongs to IPv6 sockets; add family = 6 at "
                        "the top"),
             r.err);
  auto ok = fixture_with("family = 6\n",
                         "{ client = \"setsockopt\", option = \"IPV6_RECVERR\", value = 1 }");
  BOOST_TEST(cli({"check", ok}).status == 0);
}

namespace {

// The case names of a run's console lines, in order.
std::vector<std::string> cases_run(const std::string& out) {
  std::vector<std::string> names;
  std::istringstream lines(out);
  for (std::string verdict, name, rest; lines >> verdict >> name && std::getline(lines, rest);)
    if (verdict == "PASS" || verdict == "FAIL" || verdict == "ERROR" || verdict == "SKIP")
      names.push_back(name);
  return names;
}

}  // namespace

// N processes running shards 0/N .. N-1/N run the suite once between them, each case in one
// shard only, whether the shard comes from the flag or from a CI system's variables.
BOOST_AUTO_TEST_CASE(the_shards_of_a_suite_together_run_it_exactly_once) {
  const std::string folder = std::string(RSTLAB_FIXTURE_DIR) + "/fin-vs-rst";
  auto whole = cli({"run", folder});
  BOOST_TEST_REQUIRE(whole.status == 0, whole.out << whole.err);
  auto everything = cases_run(whole.out);
  BOOST_TEST_REQUIRE(everything.size() >= 6u);
  std::vector<std::string> union_of_shards;
  for (int i = 0; i < 3; ++i) {
    auto part = i == 1 ? t::run_process({"env", "GTEST_SHARD_INDEX=1", "GTEST_TOTAL_SHARDS=3",
                                         RSTLAB_BINARY, "run", folder})
                       : cli({"run", "--shard", std::to_string(i) + "/3", folder});
    BOOST_TEST(part.status == 0, part.out << part.err);
    BOOST_TEST(has(part.err, "rstlab: shard " + std::to_string(i) + "/3"), part.err);
    auto names = cases_run(part.out);
    BOOST_TEST(!names.empty());
    union_of_shards.insert(union_of_shards.end(), names.begin(), names.end());
  }
  std::sort(union_of_shards.begin(), union_of_shards.end());
  std::sort(everything.begin(), everything.end());
  BOOST_TEST(union_of_shards == everything, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_shard_that_makes_no_sense_is_a_usage_error) {
  auto r = cli({"run", "--shard", "3/3"});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(has(r.err, "--shard: expected a shard index from 0 to N-1"), r.err);
  BOOST_TEST(!has(r.out, "PASS"), r.out);
}

// Under `bazel test`: the JUnit report goes to XML_OUTPUT_FILE, the captures under
// TEST_UNDECLARED_OUTPUTS_DIR, and a run that found no sandbox says so in
// TEST_INFRASTRUCTURE_FAILURE_FILE (a run that passed writes nothing there).
BOOST_AUTO_TEST_CASE(bazel_s_environment_says_where_reports_go_and_what_was_infrastructure) {
  t::temp_dir dir{"bazel"};
  auto steps = t::reset_read_right_steps();
  auto file = dir.write("right.toml", std::string(header) + steps);
  auto d = dir.path.string();
  auto env = [&](const std::vector<std::string>& args) {
    std::vector<std::string> argv{"env", "XML_OUTPUT_FILE=" + d + "/test.xml",
                                  "TEST_UNDECLARED_OUTPUTS_DIR=" + d,
                                  "TEST_INFRASTRUCTURE_FAILURE_FILE=" + d + "/infra", RSTLAB_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    return t::run_process(argv);
  };
  auto passed = env(std::vector<std::string>{"run", "--family", "4", file});
  BOOST_TEST(passed.status == 0, passed.out << passed.err);
  BOOST_TEST(std::filesystem::exists(d + "/test.xml"));
  BOOST_TEST(std::filesystem::exists(d + "/pcaps/reset-read-v4.pcap"));
  BOOST_TEST(!std::filesystem::exists(d + "/infra"));
  auto skipped =
      env(std::vector<std::string>{"run", "--family", "4", "--tun-device", "/nonexistent/tun", file});
  BOOST_TEST(skipped.status == 77, skipped.out << skipped.err);
  BOOST_TEST(has(read_file(d + "/infra"), "1 were skipped (no sandbox here)"), read_file(d + "/infra"));
}

namespace {

// The action names in the first column of the README's tables: "| `a`, `b` | ...".
std::set<std::string> readme_actions() {
  std::ifstream in(std::filesystem::path(RSTLAB_FIXTURE_DIR).parent_path() / "README.md");
  std::set<std::string> names;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("| `", 0) != 0) continue;
    auto cell = line.substr(2, line.find(" |", 2) - 2);
    for (std::size_t at = 0; (at = cell.find('`', at)) != std::string::npos;) {
      auto end = cell.find('`', at + 1);
      names.insert(cell.substr(at + 1, end - at - 1));
      at = end + 1;
    }
  }
  return names;
}

}  // namespace

// `rstlab actions` lists the registry, the same table the loader checks steps against, and the
// README's action tables name every one of them.
BOOST_AUTO_TEST_CASE(actions_lists_the_registry_and_the_readme_names_every_action) {
  auto r = cli({"actions"});
  BOOST_TEST(r.status == 0);
  auto documented = readme_actions();
  for (const auto& a : rstlab::cases::specs()) {
    std::string name{a.name};
    BOOST_TEST(has(r.out, (a.on_wire ? "wire = " : "") + name + "\n    "), name);
    BOOST_TEST(documented.count(name) == 1u, "the README's tables do not name " << name);
  }
  BOOST_TEST(has(r.out, "    port (integer, required, 0..65535): "), r.out);
  auto version = cli({"--version"});
  BOOST_TEST(version.status == 0);
  BOOST_TEST(version.out.rfind("rstlab ", 0) == 0, version.out);
}

// A case that fails every time stays FAIL with its reruns said; the verdict words and the
// flaky count are the runner's (runner_rules_test decides FLAKY without sockets).
BOOST_AUTO_TEST_CASE(a_failure_rerun_and_failing_again_stays_a_failure) {
  t::temp_dir dir{"cli"};
  auto file = dir.write("wrong.toml", std::string(header) + wrong_steps);
  auto r = cli({"run", "--family", "4", "--rerun-failures", "2", file});
  BOOST_TEST(r.status == 1, r.out << r.err);
  BOOST_TEST(has(r.out, "FAIL  reset-read[v4]"), r.out);
  BOOST_TEST(has(r.out, "failed on all 2 reruns too"), r.out);
  BOOST_TEST(cli({"run", "--rerun-failures", "101", file}).status == 2);
}

// Fixtures are selected by tag, and --filter matches a path relative to the working directory.
BOOST_AUTO_TEST_CASE(fixtures_are_selected_by_tag_and_by_relative_path) {
  auto slow = cli({"list", "--tag", "slow"});
  BOOST_TEST(slow.status == 0, slow.err);
  BOOST_TEST(std::count(slow.out.begin(), slow.out.end(), '\n') == 6 * 4, slow.out);  // 4 lines each
  BOOST_TEST(has(slow.out, "blocked-reader-found-by-keepalive\n"), slow.out);
  BOOST_TEST(has(slow.out, "    tags: slow\n"), slow.out);
  auto none = cli({"run", "--tag", "no-such-tag"});
  BOOST_TEST(none.status == 2);
  BOOST_TEST(has(none.err, "no fixture matches --tag no-such-tag"), none.err);
  auto here = t::run_process({"env", "-C", RSTLAB_FIXTURE_DIR, RSTLAB_BINARY, "list", "-f", "refused/*"});
  BOOST_TEST(here.status == 0, here.err);
  BOOST_TEST(has(here.out, "connect-no-listener\n"), here.out);
  BOOST_TEST(!has(here.out, "read-after-rst"), here.out);
}

// On a terminal (script(1) gives the run one) verdicts are coloured; NO_COLOR turns it off.
BOOST_AUTO_TEST_CASE(a_terminal_gets_colour_unless_no_color_is_set) {
  const std::string run = std::string(RSTLAB_BINARY) + " run --family 4 " + RSTLAB_FIXTURE_DIR +
                          "/refused/connect-no-listener.toml";
  auto tty = t::run_process({"env", "-u", "NO_COLOR", "TERM=xterm", "script", "-qc", run, "/dev/null"});
  BOOST_TEST(has(tty.out, "\x1b[32mPASS\x1b[0m  connect-no-listener[v4]"), tty.out);
  auto plain = t::run_process({"env", "NO_COLOR=1", "TERM=xterm", "script", "-qc", run, "/dev/null"});
  BOOST_TEST(has(plain.out, "PASS  connect-no-listener[v4]"), plain.out);
  BOOST_TEST(!has(plain.out, "\x1b["), plain.out);
}

namespace {

// What script(1) recorded, less every progress line drawn or erased ("\r...\x1b[K"), with the
// terminal's line endings made plain and every duration made "T".
std::string without_progress(const std::string& tty) {
  auto text = std::regex_replace(tty, std::regex("\r[^\r\n\x1b]*\x1b\\[K"), "");
  text = std::regex_replace(text, std::regex("\r\n"), "\n");
  return std::regex_replace(text, std::regex(" +[0-9.]+ ms"), " T");  // its padding too
}

// How many distinct times the progress line gave `name` ("... running NAME 0.3 s").
std::size_t progress_times(const std::string& tty, const std::string& name) {
  std::set<std::string> times;
  std::regex drawn("\r\\[[0-9]+/2\\] running " + name + " ([0-9.]+) s");
  for (std::sregex_iterator m(tty.begin(), tty.end(), drawn), end; m != end; ++m)
    times.insert((*m)[1]);
  return times.size();
}

}  // namespace

// On a terminal a live line says which case runs and for how long, and is erased before each
// console line, so that what remains is what a pipe gets; TERM=dumb and a pipe get no such line.
BOOST_AUTO_TEST_CASE(a_terminal_gets_a_live_progress_line_that_leaves_the_lines_as_they_are) {
  const std::string fixtures = RSTLAB_FIXTURE_DIR;
  const std::vector<std::string> args = {
      "run", "--family", "4", "-j", "2", fixtures + "/half-open/blocked-reader-found-by-keepalive.toml",
      fixtures + "/refused/connect-no-listener.toml"};
  std::string run = RSTLAB_BINARY;
  for (const auto& a : args) run += " " + a;
  auto tty = t::run_process({"env", "NO_COLOR=1", "TERM=xterm", "script", "-qc", run, "/dev/null"});
  auto piped = cli(args);
  BOOST_TEST_REQUIRE(piped.status == 0, piped.out << piped.err);
  // The keepalive case runs for about a second: the line is redrawn as it goes.
  BOOST_TEST(progress_times(tty.out, "blocked-reader-found-by-keepalive\\[v4\\]") >= 3, tty.out);
  // A drawn line is always followed by a redraw or an erasure, never by a console line.
  BOOST_TEST(!std::regex_search(tty.out, std::regex("\r[^\r\n\x1b]+\x1b\\[K[^\r]")), tty.out);
  BOOST_TEST(without_progress(tty.out) == without_progress(piped.out));
  BOOST_TEST(!has(piped.out, "running"), piped.out);
  BOOST_TEST(!has(piped.out, "\r"), piped.out);
  auto dumb = t::run_process({"env", "NO_COLOR=1", "TERM=dumb", "script", "-qc", run, "/dev/null"});
  BOOST_TEST(has(dumb.out, "PASS  blocked-reader-found-by-keepalive[v4]"), dumb.out);
  BOOST_TEST(!has(dumb.out, "running"), dumb.out);
  BOOST_TEST(!has(dumb.out, "\x1b[K"), dumb.out);
}
