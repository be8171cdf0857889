// The JUnit document: a testsuite per fixture folder with its counts, a testcase per variant
// with a classname, file and line, failure, error and skipped told apart, the case told in
// full in system-out, and hostile names that still make well-formed XML. The CLI test
// validates real reports against tests/junit.xsd.
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <sstream>

#include "harness/report/junit.hpp"
#include "tests/report_support.hpp"

using namespace rstlab;
namespace t = rstlab::test;
using t::has;

namespace {

std::string head_of(const std::string& testcase) {
  return testcase.substr(0, testcase.find('\n') + 1);
}

// The elements of the tree, one per line, each cut after its name attribute (text inside an
// element never starts with '<': it is escaped).
std::string skeleton(const std::string& doc) {
  std::string out, line;
  std::istringstream in(doc);
  while (std::getline(in, line)) {
    auto at = line.find_first_not_of(' ');
    if (at == std::string::npos || line[at] != '<' || line[at + 1] == '?') continue;
    auto name = line.find("name=\"");
    auto end = name == std::string::npos ? name : line.find('"', name + 6);
    out += line.substr(0, end == std::string::npos ? end : end + 1) + "\n";
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_failure_gives_classname_file_line_and_the_failure_block) {
  auto sc = t::scenario();
  auto tc = report::junit_testcase(t::failed(sc), t::layout().of(sc.file));
  BOOST_TEST(head_of(tc) ==
             "    <testcase name=\"reset-read\" classname=\"fx.reset\" file=\"fx/reset.toml\" "
             "line=\"9\" time=\"0.001234\">\n");
  BOOST_TEST(has(tc,
                 "      <failure message=\"step 1 (client read): expected ECONNRESET (errno "
                 "104), got EPIPE (errno 32)\" type=\"mismatch\">fx/reset.toml:9:30: step 1"),
             tc);
  BOOST_TEST(has(tc, "client:40000 &lt;-- server:8000   R.  seq 0 ack 0 win 0 len 0   &lt;- RST"),
             tc);
  BOOST_TEST(has(tc, "</failure>\n      <system-out>reset-read (fx/reset.toml)\n"), tc);
  BOOST_TEST(has(tc, "steps (line, endpoint, action), each with when it started"), tc);
  BOOST_TEST(tc.ends_with("FAIL  reset-read  1.234 ms\n</system-out>\n    </testcase>\n"), tc);
}

BOOST_AUTO_TEST_CASE(a_pass_carries_its_steps_and_wire_in_system_out) {
  auto sc = t::scenario();
  auto tc = report::junit_testcase(t::passed(sc), t::layout().of(sc.file));
  BOOST_TEST(head_of(tc) ==
             "    <testcase name=\"reset-read\" classname=\"fx.reset\" file=\"fx/reset.toml\" "
             "line=\"1\" time=\"0.001234\">\n");
  BOOST_TEST(!has(tc, "<failure"), tc);
  BOOST_TEST(has(tc, "\n      <system-out>reset-read (fx/reset.toml)\n"), tc);
  BOOST_TEST(has(tc, "RST from server"), tc);
}

BOOST_AUTO_TEST_CASE(a_skip_gives_its_reason_and_nothing_that_did_not_run) {
  auto sc = t::scenario();
  auto tc = report::junit_testcase(t::skipped(sc, "no <sandbox>"), t::layout().of(sc.file));
  BOOST_TEST(tc ==
             "    <testcase name=\"reset-read\" classname=\"fx.reset\" file=\"fx/reset.toml\" "
             "line=\"1\" time=\"0.000000\">\n"
             "      <skipped message=\"no &lt;sandbox>\"/>\n"
             "    </testcase>\n");
}

BOOST_AUTO_TEST_CASE(a_harness_error_is_an_error_not_a_failure) {
  auto sc = t::scenario();
  auto tc = report::junit_testcase(t::harness_error(sc), t::layout().of(sc.file));
  BOOST_TEST(has(tc,
                 "<error message=\"harness error: a call could not be interrupted\" "
                 "type=\"harness-error\">harness error: a call could not be interrupted\n"),
             tc);
  BOOST_TEST(!has(tc, "<failure"), tc);
}

BOOST_AUTO_TEST_CASE(hostile_names_and_notes_make_well_formed_xml) {
  auto sc = t::scenario();
  sc.name = std::string("bad\x01name\"<&>\xFF\n", 14);
  auto r = t::skipped(sc, std::string("why\0\x1b[31m\r\n", 11));
  auto tc = report::junit_testcase(r, t::layout().of(sc.file));
  BOOST_TEST(has(tc, "name=\"bad\\x01name&quot;&lt;&amp;>\xEF\xBF\xBD&#10;\""), tc);
  BOOST_TEST(has(tc, "message=\"why\\x00\\x1B[31m&#13;&#10;\""), tc);
  for (char c : tc)
    BOOST_TEST((static_cast<unsigned char>(c) >= 0x20 || c == '\n'), tc);
}

BOOST_AUTO_TEST_CASE(the_document_has_a_testsuite_per_folder_with_its_counts) {
  t::scratch_dir dir;
  auto a = t::scenario(), b = t::scenario();
  b.file = "fx/sub/other.toml";
  b.name = "other[v6]";
  auto layout = t::layout();
  {
    report::junit j(dir.file("r.xml"), layout);
    j.case_finished(t::passed(a));
    j.case_finished(t::failed(b));
    j.case_finished(t::skipped(a, "no sandbox"));
    j.run_finished(
        {.passed = 1, .failed = 1, .skipped = 1, .wall = std::chrono::microseconds(2500)});
  }
  auto doc = t::read_file(dir.file("r.xml"));
  BOOST_TEST(skeleton(doc) ==
                 "<testsuites name=\"rstlab\"\n"
                 "  <testsuite name=\"fx\"\n"
                 "    <testcase name=\"reset-read\"\n"
                 "      <system-out>reset-read (fx/reset.toml)\n"
                 "</system-out>\n"
                 "    </testcase>\n"
                 "    <testcase name=\"reset-read\"\n"
                 "      <skipped message=\"no sandbox\"/>\n"
                 "    </testcase>\n"
                 "  </testsuite>\n"
                 "  <testsuite name=\"sub\"\n"
                 "    <testcase name=\"other[v6]\"\n"
                 "      <failure message=\"step 1 (client read): expected ECONNRESET (errno 104), "
                 "got EPIPE (errno 32)\" type=\"mismatch\">fx/sub/other.toml:9:30: step 1 (client "
                 "read): expected ECONNRESET (errno 104), got EPIPE (errno 32)\n"
                 "</failure>\n"
                 "      <system-out>other[v6] (fx/sub/other.toml)\n"
                 "</system-out>\n"
                 "    </testcase>\n"
                 "  </testsuite>\n"
                 "</testsuites>\n",
             skeleton(doc));
  BOOST_TEST(has(doc,
                 "<testsuites name=\"rstlab\" tests=\"3\" failures=\"1\" errors=\"0\" "
                 "skipped=\"1\" time=\"0.002500\">\n"),
             doc);
  BOOST_TEST(has(doc,
                 "<testsuite name=\"fx\" tests=\"2\" failures=\"0\" errors=\"0\" "
                 "skipped=\"1\" time=\"0.001234\">\n"),
             doc);
  BOOST_TEST(doc.ends_with("  </testsuite>\n</testsuites>\n"), doc);
  BOOST_TEST(dir.listing() == "r.xml");  // no temporary or scratch file left
}

// Every kind of case, two suites and hostile text, checked by xmllint against the schema the
// CLI tests use too (reports_cli_test checks real runs): a machine without xmllint fails here.
BOOST_AUTO_TEST_CASE(the_document_is_valid_against_the_junit_schema) {
  t::scratch_dir dir;
  auto a = t::scenario(), b = t::scenario();
  b.file = "fx/sub/other.toml";
  b.name = std::string("ctl\x01\x1b[0m\xEF\xBF\xBE\xFF]]>\"", 16);
  auto layout = t::layout();
  {
    report::junit j(dir.file("r.xml"), layout);
    j.case_finished(t::passed(a));
    j.case_finished(t::failed(b));
    j.case_finished(t::harness_error(a));
    j.case_finished(t::skipped(b, std::string("no\0sandbox\r\n", 12)));
    auto flaky = t::failed(b);
    flaky.outcome = rstlab::expect::verdict::flaky;
    j.case_finished(flaky);
    j.run_finished({.passed = 1, .failed = 1, .errors = 1, .skipped = 1, .flaky = 1});
  }
  auto command = "xmllint --noout --schema " RSTLAB_SOURCE_DIR "/tests/junit.xsd " +
                 dir.file("r.xml") + " > " + dir.file("lint") + " 2>&1";
  int status = std::system(command.c_str());
  BOOST_TEST(status == 0,
             "xmllint (Debian: libxml2-utils) says: " << t::read_file(dir.file("lint")));
  // A flaky case passed in the end: its failed run is a <flakyFailure>, not a <failure>.
  BOOST_TEST(has(t::read_file(dir.file("r.xml")), "<flakyFailure message="));
}

BOOST_AUTO_TEST_CASE(a_run_that_never_finishes_leaves_the_previous_report) {
  t::scratch_dir dir;
  t::write_file(dir.file("r.xml"), "previous");
  auto sc = t::scenario();
  auto layout = t::layout();
  {
    report::junit j(dir.file("r.xml"), layout);
    j.case_finished(t::failed(sc));
  }  // the run was stopped: run_finished never came
  BOOST_TEST(t::read_file(dir.file("r.xml")) == "previous");
  BOOST_TEST(dir.listing() == "r.xml");
}

BOOST_AUTO_TEST_CASE(a_folder_that_cannot_be_written_is_refused_at_once) {
  auto layout = t::layout();
  try {
    report::junit j("/nonexistent-dir/report.xml", layout);
    BOOST_FAIL("no error");
  } catch (const std::runtime_error& e) {
    BOOST_TEST(std::string(e.what()) ==
               "cannot write JUnit report /nonexistent-dir/report.xml (making a file in "
               "/nonexistent-dir): No such file or directory");
  }
}
