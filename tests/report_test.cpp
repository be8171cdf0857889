// The reporters' exact text: the console's PASS/FAIL/SKIP lines, failure block and closing
// count, and the text pieces the other reporters share. The file formats have their own test
// files (junit_test, tap_test, json_test), linked into this program.
#include <boost/test/unit_test.hpp>

#include <sstream>

#include "harness/report/console.hpp"
#include "harness/report/text.hpp"
#include "tests/report_support.hpp"

using namespace rstlab;
using test::k;
using test::run;
using test::scenario;

namespace {

std::string console_text(const expect::case_result& r, bool verbose = false, bool colour = false) {
  std::ostringstream out;
  report::console c(out, verbose, colour);
  c.case_finished(r);
  return out.str();
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_pass_is_one_line) {
  auto sc = scenario();
  auto r = expect::judge(sc, run({k::error, ECONNRESET}));
  BOOST_TEST(console_text(r) == "PASS  reset-read                                 1.234 ms\n");
}

// On a terminal the verdict is coloured (not its padding); never where NO_COLOR is set, for
// TERM=dumb, or off a terminal.
BOOST_AUTO_TEST_CASE(a_verdict_is_coloured_only_on_a_terminal_that_wants_colour) {
  auto sc = scenario();
  auto r = expect::judge(sc, run({k::error, ECONNRESET}));
  BOOST_TEST(console_text(r, false, true) ==
             "\x1b[32mPASS\x1b[0m  reset-read                                 1.234 ms\n");
  BOOST_TEST(report::colour_wanted(true, nullptr, "xterm"));
  BOOST_TEST(report::colour_wanted(true, "", "xterm"));  // empty NO_COLOR: as if unset
  BOOST_TEST(!report::colour_wanted(true, "1", "xterm"));
  BOOST_TEST(!report::colour_wanted(true, nullptr, "dumb"));
  BOOST_TEST(!report::colour_wanted(false, nullptr, "xterm"));
}

BOOST_AUTO_TEST_CASE(a_failure_shows_where_what_and_the_wire) {
  auto sc = scenario();
  auto r = expect::judge(sc, run({k::error, EPIPE}));
  BOOST_TEST(console_text(r) ==
             "FAIL  reset-read                                 1.234 ms\n"
             "      fx/reset.toml:9:30: step 1 (client read): expected ECONNRESET (errno 104), "
             "got EPIPE (errno 32)\n"
             "      steps (line, endpoint, action):\n"
             "        FAIL    9  client read        expected ECONNRESET (errno 104)       "
             "got EPIPE (errno 32)\n"
             "        ok     10  client write       expected EPIPE (errno 32) + SIGPIPE   "
             "got EPIPE (errno 32) + SIGPIPE\n"
             "      wire:\n"
             "            0.250 ms  client:40000 <-- server:8000   R.  seq 0 ack 0 win 0 len 0"
             "   <- RST from server\n");
}

BOOST_AUTO_TEST_CASE(verbose_shows_the_details_of_a_pass_too) {
  auto sc = scenario();
  auto r = expect::judge(sc, run({k::error, ECONNRESET}));
  auto text = console_text(r, true);
  BOOST_TEST(text.find("steps (line, endpoint, action):") != std::string::npos, text);
  BOOST_TEST(text.find("RST from server") != std::string::npos, text);
}

BOOST_AUTO_TEST_CASE(a_skip_gives_its_reason_and_the_count_closes_the_run) {
  auto sc = scenario();
  expect::case_result r;
  r.sc = &sc;
  r.outcome = expect::verdict::skip;
  r.note = "no sandbox: /dev/net/tun is not usable";
  std::ostringstream out;
  report::console c(out, false);
  c.case_finished(r);
  c.case_finished(r);
  c.run_finished({.skipped = 2});
  BOOST_TEST(out.str() ==
             "SKIP  reset-read                                 0.000 ms"
             "  (no sandbox: /dev/net/tun is not usable)\n"
             "SKIP  reset-read                                 0.000 ms"
             "  (same reason as above)\n"
             "0 passed, 0 failed, 0 errors, 2 skipped\n");
}

BOOST_AUTO_TEST_CASE(a_step_that_did_not_run_says_so) {
  auto sc = scenario();
  auto rec = run({k::error, ECONNRESET});
  rec.steps[1] = {};
  rec.aborted = "the case deadline (30 ms) passed during step 1 (read)";
  auto text = console_text(expect::judge(sc, rec));
  BOOST_TEST(text.find("fx/reset.toml:10:3: step 2 (client write): did not run (the case "
                       "deadline (30 ms) passed during step 1 (read))") != std::string::npos,
             text);
  BOOST_TEST(text.find("--     10  client write") != std::string::npos, text);
}

BOOST_AUTO_TEST_CASE(steps_table_with_times_ends_each_step_with_its_duration) {
  auto sc = scenario();
  auto rec = run({k::error, ECONNRESET});
  rec.steps[0].obs.elapsed = std::chrono::microseconds(30185);
  rec.steps[1] = {};
  auto table = report::steps_table(expect::judge(sc, rec), true);
  BOOST_TEST(table ==
             "ok      9  client read        expected ECONNRESET (errno 104)       "
             "got ECONNRESET (errno 104)  (at 0.000 ms, took 30.185 ms)\n"
             "--     10  client write       expected EPIPE (errno 32) + SIGPIPE   did not run\n");
}

BOOST_AUTO_TEST_CASE(a_harness_error_is_its_own_verdict_with_what_broke_and_the_steps_that_ran) {
  auto sc = scenario();
  auto rec = run({k::error, ECONNRESET});
  rec.steps[1] = {};
  rec.error = "the wire failed: write to wire0: Input/output error";
  auto r = expect::judge(sc, rec);
  BOOST_TEST((r.outcome == expect::verdict::error));
  auto text = console_text(r);
  BOOST_TEST(text.find("ERROR reset-read") == 0, text);
  BOOST_TEST(text.find("harness error: the wire failed: write to wire0") != std::string::npos, text);
  BOOST_TEST(text.find("ok      9  client read") != std::string::npos, text);
  BOOST_TEST(text.find("--     10  client write       expected EPIPE (errno 32) + SIGPIPE   did not run") !=
                 std::string::npos,
             text);
  BOOST_TEST(text.find("fx/reset.toml:10") == std::string::npos, text);  // not a finding
}

BOOST_AUTO_TEST_CASE(a_background_step_row_points_at_its_wait) {
  auto sc = scenario();
  sc.steps[0].background = true;
  sc.steps[0].expect.clear();
  auto r = expect::judge(sc, run({k::error, ECONNRESET}));
  BOOST_TEST((r.outcome == expect::verdict::pass));
  auto table = report::steps_table(r);
  BOOST_TEST(table.find("ok      9  client read        expected (see its wait)") == 0, table);
}

// A case whose rules draw at random names its seed and the command that replays its draws;
// one that draws nothing has no seed to give.
BOOST_AUTO_TEST_CASE(a_failure_of_a_case_that_draws_gives_its_seed_and_how_to_replay) {
  auto sc = scenario();
  auto rec = run({k::error, EPIPE});
  rec.seed = 18446744073709551615u;
  auto text = console_text(expect::judge(sc, rec));
  const std::string line =
      "      random draws from seed 18446744073709551615; replay them: rstlab run --seed "
      "18446744073709551615 fx/reset.toml\n";
  auto at = text.find(line);
  BOOST_TEST(at != std::string::npos, text);
  BOOST_TEST(at < text.find("steps (line, endpoint, action)"), text);  // before the details
  BOOST_TEST(console_text(expect::judge(sc, run({k::error, EPIPE}))).find("seed") ==
             std::string::npos);
}
