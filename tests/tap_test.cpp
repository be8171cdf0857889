// TAP 13: a test point per case, `# SKIP` with the reason, a YAML block for a failure or a
// harness error (message, severity, file, line, the failure text), the plan at the end, and
// names that can never break a line or start a directive.
#include <boost/test/unit_test.hpp>

#include "harness/report/tap.hpp"
#include "tests/report_support.hpp"

using namespace rstlab;
namespace t = rstlab::test;
using t::has;

BOOST_AUTO_TEST_CASE(a_pass_is_one_ok_line) {
  auto sc = t::scenario();
  BOOST_TEST(report::tap_point(t::passed(sc), 1, t::layout().of(sc.file)) == "ok 1 - reset-read\n");
}

BOOST_AUTO_TEST_CASE(a_skip_is_ok_with_the_skip_directive_and_its_reason) {
  auto sc = t::scenario();
  auto point =
      report::tap_point(t::skipped(sc, "no sandbox: /dev/net/tun #2"), 3, t::layout().of(sc.file));
  BOOST_TEST(point == "ok 3 - reset-read # SKIP no sandbox: /dev/net/tun \\#2\n");
}

BOOST_AUTO_TEST_CASE(a_failure_is_not_ok_with_a_yaml_block) {
  auto sc = t::scenario();
  auto point = report::tap_point(t::failed(sc), 2, t::layout().of(sc.file));
  const std::string head =
      "not ok 2 - reset-read\n"
      "  ---\n"
      "  message: \"step 1 (client read): expected ECONNRESET (errno 104), got EPIPE (errno "
      "32)\"\n"
      "  severity: fail\n"
      "  suite: \"fx\"\n"
      "  classname: \"fx.reset\"\n"
      "  file: \"fx/reset.toml\"\n"
      "  line: 9\n"
      "  duration_ms: 1.234\n"
      "  failure: |\n"
      "    fx/reset.toml:9:30: step 1 (client read): expected ECONNRESET (errno 104), got EPIPE "
      "(errno 32)\n"
      "    steps (line, endpoint, action):\n"
      "      FAIL    9  client read ";
  BOOST_TEST(point.substr(0, head.size()) == head, point);
  BOOST_TEST(has(point, "\n    wire:\n          0.250 ms  client:40000 <-- server:8000"), point);
  BOOST_TEST(point.ends_with("   <- RST from server\n  ...\n"), point);
}

BOOST_AUTO_TEST_CASE(a_harness_error_is_not_ok_with_severity_error) {
  auto sc = t::scenario();
  auto point = report::tap_point(t::harness_error(sc), 4, t::layout().of(sc.file));
  BOOST_TEST(point.starts_with("not ok 4 - reset-read\n  ---\n  message: \"harness error: a call "
                               "could not be interrupted\"\n  severity: error\n"),
             point);
}

BOOST_AUTO_TEST_CASE(a_case_that_draws_and_was_captured_gives_its_seed_and_capture) {
  auto sc = t::scenario();
  auto r = t::failed(sc);
  r.record.seed = 18446744073709551615u;
  r.capture = "caps/reset-read-v4.pcap";
  auto point = report::tap_point(r, 1, t::layout().of(sc.file));
  BOOST_TEST(has(point, "\n  seed: \"18446744073709551615\"\n"), point);
  BOOST_TEST(has(point, "\n  capture: \"caps/reset-read-v4.pcap\"\n"), point);
}

BOOST_AUTO_TEST_CASE(names_with_newlines_and_hashes_stay_on_their_line) {
  auto sc = t::scenario();
  sc.name = "two\nlines # not a directive \\ \x1b[0m";
  auto point = report::tap_point(t::skipped(sc, "a\nb"), 1, t::layout().of(sc.file));
  BOOST_TEST(point ==
             "ok 1 - two\\\\x0Alines \\# not a directive \\\\ \\\\x1B[0m # SKIP a\\\\x0Ab\n");
}

BOOST_AUTO_TEST_CASE(the_stream_opens_with_the_version_and_closes_with_the_plan) {
  t::scratch_dir dir;
  auto sc = t::scenario();
  auto layout = t::layout();
  {
    report::tap tap(dir.file("r.tap"), layout);
    tap.case_finished(t::passed(sc));
    tap.case_finished(t::skipped(sc, "no sandbox"));
    tap.run_finished({.passed = 1, .skipped = 1});
  }
  BOOST_TEST(t::read_file(dir.file("r.tap")) ==
             "TAP version 13\n"
             "ok 1 - reset-read\n"
             "ok 2 - reset-read # SKIP no sandbox\n"
             "1..2\n");
  BOOST_TEST(dir.listing() == "r.tap");
}
