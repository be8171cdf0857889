// The reports as a CI system reads them, from the real binary: JUnit valid against
// tests/junit.xsd (xmllint, Debian's libxml2-utils: a machine without it fails this test, it
// never skips it), with counts that match its testcases; TAP and JSON that say what the console
// said, case by case; hostile names that still make valid documents; and report files that
// appear whole or not at all: an unwritable folder stops the run before any case, a full disk
// or a killed run leaves the previous reports as they were.
#include <boost/test/unit_test.hpp>

#include <sched.h>
#include <sys/mount.h>

#include <boost/json.hpp>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "tests/json_parse.hpp"
#include "tests/report_support.hpp"
#include "tests/support.hpp"

namespace t = rstlab::test;
namespace fs = std::filesystem;
using t::has;
using verdicts = std::map<std::string, std::string>;  // case name -> PASS, FAIL, SKIP, ERROR

namespace {

const char* schema = RSTLAB_SOURCE_DIR "/tests/junit.xsd";

const std::string header = t::reset_read_header;
const char* wrong_steps = t::reset_read_wrong_steps;
using t::cli;

// A suite of two fixtures in the folder `resets`: one fails at line 9, one passes.
struct suite {
  t::temp_dir dir{"reports"};
  fs::path root = dir.path / "suite";
  suite() {
    fs::create_directories(root / "resets");
    t::write_file((root / "resets/wrong.toml").string(), header + std::string(wrong_steps));
    t::write_file((root / "resets/right.toml").string(),
                  "name = \"reset-read-right\"\nsummary = \"s\"\nrefs = [\"r\"]\n" + t::reset_read_right_steps());
  }
  std::string report(const std::string& name) const { return (dir.path / name).string(); }
};

// What xmllint says of `xml` against tests/junit.xsd; fails the test when there is no xmllint.
t::process_result validate(const std::string& xml) {
  auto r = t::run_process({"xmllint", "--noout", "--schema", schema, xml});
  BOOST_TEST_REQUIRE(r.status != -1, "xmllint cannot be run: install Debian's libxml2-utils");
  return r;
}

// The value of an XPath expression over `xml`, its trailing newline dropped.
std::string xpath(const std::string& xml, const std::string& expression) {
  auto out = t::run_process({"xmllint", "--xpath", expression, xml}).out;
  return out.ends_with('\n') ? out.substr(0, out.size() - 1) : out;
}

// "name PASS, name FAIL": a map as a failed check prints it.
std::string text(const verdicts& v) {
  std::string out;
  for (const auto& [name, word] : v)
    out += (out.empty() ? "" : ", ") + name + " " + word;
  return out;
}

// The console's case lines ("PASS  name  3.1 ms"): the only lines that start with a verdict.
verdicts console_verdicts(const std::string& out) {
  verdicts v;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    auto word = line.substr(0, line.find(' '));
    if (word == "PASS" || word == "FAIL" || word == "SKIP" || word == "ERROR") {
      std::istringstream fields(line.substr(word.size()));
      std::string name;
      fields >> name;
      v[name] = word;
    }
  }
  return v;
}

verdicts json_verdicts(const std::string& path) {
  const std::map<std::string, std::string> word{
      {"pass", "PASS"}, {"fail", "FAIL"}, {"skip", "SKIP"}, {"error", "ERROR"}};
  verdicts v;
  auto doc = t::parse_json(t::read_file(path));
  for (const auto& c : doc.at("cases").as_array())
    v[std::string(c.at("name").as_string())] = word.at(std::string(c.at("verdict").as_string()));
  return v;
}

// ok / not ok per test point; the plan last.
verdicts tap_verdicts(const std::string& path, std::string& plan) {
  verdicts v;
  std::istringstream in(t::read_file(path));
  std::string line;
  while (std::getline(in, line)) {
    plan = line;
    bool ok = line.starts_with("ok "), not_ok = line.starts_with("not ok ");
    if (!ok && !not_ok) continue;
    auto name = line.substr(line.find(" - ") + 3);
    bool skip = has(name, " # SKIP ");
    v[name.substr(0, name.find(" # SKIP "))] = skip ? "SKIP" : ok ? "PASS" : "FAIL";
  }
  return v;
}

}  // namespace

using rstlab::test::sandbox_required;
BOOST_TEST_GLOBAL_FIXTURE(sandbox_required);

BOOST_AUTO_TEST_CASE(junit_tap_and_json_in_one_run_say_what_the_console_says) {
  suite s;
  auto xml = s.report("r.xml"), tap = s.report("r.tap"), json = s.report("r.json");
  auto r = cli({"run", "--junit", xml, "--tap", tap, "--json", json, s.root.string()});
  BOOST_TEST(r.status == 1, r.out << r.err);
  auto console = console_verdicts(r.out);
  BOOST_TEST(console.size() == 4u, r.out);
  auto lint = validate(xml);
  BOOST_TEST(lint.status == 0, lint.err);
  BOOST_TEST(xpath(xml, "count(//testcase)") == "4");
  BOOST_TEST(xpath(xml, "string(/testsuites/@tests)") == "4");
  BOOST_TEST(xpath(xml, "count(//testcase[failure])") == "2");
  BOOST_TEST(xpath(xml, "string(/testsuites/testsuite[@name='resets']/@failures)") == "2");
  BOOST_TEST(text(json_verdicts(json)) == text(console));
  std::string plan;
  BOOST_TEST(text(tap_verdicts(tap, plan)) == text(console));
  BOOST_TEST(plan == "1..4");
}

BOOST_AUTO_TEST_CASE(a_failing_case_names_its_folder_file_and_line_in_every_format) {
  suite s;
  auto xml = s.report("r.xml"), tap = s.report("r.tap"), json = s.report("r.json");
  cli({"run", "--junit", xml, "--tap", tap, "--json", json, s.root.string()});
  auto doc = t::read_file(xml);
  BOOST_TEST(has(doc,
                 "<testsuite name=\"resets\" tests=\"4\" failures=\"2\" errors=\"0\" "
                 "skipped=\"0\""),
             doc);
  BOOST_TEST(has(doc,
                 "<testcase name=\"reset-read[v6]\" classname=\"resets.wrong\" "
                 "file=\"suite/resets/wrong.toml\" line=\"9\" time=\""),
             doc);
  BOOST_TEST(has(doc,
                 "<failure message=\"step 5 (client read): expected EPIPE (errno 32), got "
                 "ECONNRESET (errno 104)\" type=\"mismatch\">"),
             doc);
  auto text = t::read_file(tap);
  BOOST_TEST(has(text,
                 "not ok 3 - reset-read[v4]\n  ---\n  message: \"step 5 (client read): "
                 "expected EPIPE (errno 32), got ECONNRESET (errno 104)\"\n"),
             text);
  BOOST_TEST(has(text, "\n  file: \"suite/resets/wrong.toml\"\n  line: 9\n"), text);
  auto cases = t::parse_json(t::read_file(json)).at("cases").as_array();
  const auto& failing = cases.at(2).as_object();
  BOOST_TEST(failing.at("classname").as_string() == "resets.wrong");
  BOOST_TEST(failing.at("line").as_int64() == 9);
  BOOST_TEST(failing.at("mismatches").as_array().at(0).at("line").as_int64() == 9);
  BOOST_TEST(failing.at("trace").as_array().size() >= 4u);  // the handshake and the RST
}

BOOST_AUTO_TEST_CASE(bundled_fixtures_are_named_from_their_folder_under_the_suite) {
  t::temp_dir dir{"reports"};
  auto xml = (dir.path / "r.xml").string(), json = (dir.path / "r.json").string();
  auto r = cli({"run", "--filter", "read-after-*", "--junit", xml, "--json", json});
  BOOST_TEST(r.status == 0, r.out << r.err);
  BOOST_TEST(validate(xml).status == 0);
  auto doc = t::read_file(xml);
  BOOST_TEST(has(doc, "<testsuite name=\"fin-vs-rst\" tests=\"4\""), doc);
  BOOST_TEST(has(doc,
                 "<testcase name=\"read-after-rst[v4]\" classname=\"fin-vs-rst.read-after-"
                 "rst\" file=\"fixtures/fin-vs-rst/read-after-rst.toml\" line=\"1\""),
             doc);
  BOOST_TEST(text(json_verdicts(json)) == text(console_verdicts(r.out)));
}

BOOST_AUTO_TEST_CASE(skipped_cases_are_skips_in_every_format) {
  suite s;
  auto xml = s.report("r.xml"), tap = s.report("r.tap"), json = s.report("r.json");
  auto r = cli({"run", "--tun-device", "/no/such/tun", "--junit", xml, "--tap", tap, "--json", json,
                s.root.string()});
  BOOST_TEST(r.status == 77, r.out << r.err);
  BOOST_TEST(validate(xml).status == 0);
  BOOST_TEST(xpath(xml, "count(//testcase[skipped])") == "4");
  BOOST_TEST(xpath(xml, "string(/testsuites/@skipped)") == "4");
  std::string plan;
  BOOST_TEST(text(tap_verdicts(tap, plan)) == text(console_verdicts(r.out)));
  BOOST_TEST(has(t::read_file(tap), " # SKIP no sandbox: "));
  BOOST_TEST(text(json_verdicts(json)) == text(console_verdicts(r.out)));
}

// A name with control characters (TOML escapes allow them) and a folder whose name is no UTF-8.
BOOST_AUTO_TEST_CASE(control_characters_and_bad_utf8_still_make_valid_reports) {
  t::temp_dir dir{"reports"};
  auto folder = dir.path / "suite" / "bad\xFF\x01";
  fs::create_directories(folder);
  auto fixture = (folder / "x.toml").string();
  t::write_file(fixture,
                "name = \"ctl\\u0001\\u001b[31m\\uFFFE<&>\\\"]]>\"\nsummary = "
                "\"s\\u0007\"\nrefs = [\"r\"]\n" +
                    std::string(wrong_steps));
  auto xml = (dir.path / "r.xml").string(), tap = (dir.path / "r.tap").string(),
       json = (dir.path / "r.json").string();
  auto r = cli({"run", "--family", "4", "--junit", xml, "--tap", tap, "--json", json,
                (dir.path / "suite").string()});
  BOOST_TEST(r.status == 1, r.out << r.err);
  auto lint = validate(xml);
  BOOST_TEST(lint.status == 0, lint.err);
  BOOST_TEST(
      has(t::read_file(xml), "name=\"ctl\\x01\\x1B[31m\xEF\xBF\xBD&lt;&amp;>&quot;]]&gt;[v4]\""));
  auto cases = t::parse_json(t::read_file(json)).at("cases").as_array();
  BOOST_TEST(cases.at(0).at("name").as_string() == "ctl\x01\x1b[31m\xEF\xBF\xBE<&>\"]]>[v4]");
  BOOST_TEST(cases.at(0).at("suite").as_string() == "bad\xEF\xBF\xBD\x01");
  std::istringstream lines(t::read_file(tap));
  std::string line;
  while (std::getline(lines, line))
    BOOST_TEST((line.starts_with("TAP version 13") || line.starts_with("not ok 1 - ctl\\\\x01") ||
                line.starts_with("  ") || line == "1..1"),
               line);
}

BOOST_AUTO_TEST_CASE(a_report_folder_that_cannot_be_written_exits_2_before_any_case_runs) {
  suite s;
  auto plain = s.report("plain");
  t::write_file(plain, "");
  for (const char* option : {"--junit", "--tap", "--json", "--html"}) {
    for (auto bad : {plain + "/r", s.report("missing/r"), s.root.string()}) {
      auto r = cli({"run", option, bad, s.root.string()});
      BOOST_TEST(r.status == 2, option << " " << bad);
      BOOST_TEST(has(r.err, "rstlab: cannot write "), r.err);
      BOOST_TEST(has(r.err, " report " + bad), r.err);
      BOOST_TEST(r.out.empty(), r.out);  // not one case ran
    }
  }
  auto twice = cli({"run", "--junit", s.report("r"), "--json", s.report("./r"), s.root.string()});
  BOOST_TEST(twice.status == 2);
  BOOST_TEST(has(twice.err, "rstlab: --junit and --json name the same file"), twice.err);
  auto html = cli({"run", "--html", s.report("r"), "--tap", s.report("r"), s.root.string()});
  BOOST_TEST(html.status == 2);
  BOOST_TEST(has(html.err, "rstlab: --tap and --html name the same file"), html.err);
}

namespace {

// A 64 KiB tmpfs on `dir`, in a mount namespace of this test's own (nothing is seen outside).
struct tiny_disk {
  std::string dir;
  explicit tiny_disk(std::string where) : dir(std::move(where)) {
    fs::create_directories(dir);
    BOOST_TEST_REQUIRE(::unshare(CLONE_NEWNS) == 0, "unshare: " << std::strerror(errno));
    BOOST_TEST_REQUIRE(::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0);
    BOOST_TEST_REQUIRE(::mount("tmpfs", dir.c_str(), "tmpfs", 0, "size=64k") == 0,
                       "mount: " << std::strerror(errno));
  }
  ~tiny_disk() { ::umount2(dir.c_str(), MNT_DETACH); }
  // Writes zeros until the disk is full.
  void fill() const {
    std::ofstream out(dir + "/filler", std::ios::binary);
    std::string block(4096, '\0');
    for (int i = 0; i < 64 && out.write(block.data(), block.size()); ++i)
      out.flush();
  }
};

}  // namespace

BOOST_AUTO_TEST_CASE(a_full_disk_keeps_the_previous_reports_and_says_why) {
  suite s;
  tiny_disk disk(s.report("disk"));
  std::vector<std::string> reports{disk.dir + "/r.xml", disk.dir + "/r.tap", disk.dir + "/r.json",
                                   disk.dir + "/r.html"};
  for (const auto& path : reports)
    t::write_file(path, "previous " + path);
  disk.fill();
  auto r = cli({"run", "--junit", reports[0], "--tap", reports[1], "--json", reports[2], "--html",
                reports[3], s.root.string()});
  BOOST_TEST(r.status == 2, r.out << r.err);
  BOOST_TEST(has(r.out, "2 passed, 2 failed"), r.out);  // the cases ran and the console said so
  BOOST_TEST(has(r.err, "rstlab: cannot write JUnit report " + reports[0]), r.err);
  BOOST_TEST(has(r.err, "\ncannot write TAP report " + reports[1] + ": No space left on device"),
             r.err);
  BOOST_TEST(has(r.err, "\ncannot write JSON report " + reports[2] + ": No space left on device"),
             r.err);
  BOOST_TEST(has(r.err, "\ncannot write HTML report " + reports[3]), r.err);
  for (const auto& path : reports)
    BOOST_TEST(t::read_file(path) == "previous " + path);
  std::string left;
  for (const auto& e : fs::directory_iterator(disk.dir))
    left += e.path().filename().string() + " ";
  BOOST_TEST(left.size() == std::string("filler r.html r.json r.tap r.xml ").size(), left);
}

// The process is killed (SIGXFSZ: the report grew past the file size limit) in the middle of
// writing its report: the previous report is whole, only a hidden temporary file remains.
BOOST_AUTO_TEST_CASE(a_run_killed_while_writing_its_report_leaves_the_previous_one) {
  suite s;
  auto json = s.report("r.json");
  t::write_file(json, "previous");
  auto r = t::run_process(
      {"prlimit", "--fsize=3000", RSTLAB_BINARY, "run", "--json", json, s.root.string()});
  BOOST_TEST(r.status == 128 + SIGXFSZ, r.out << r.err);
  BOOST_TEST(t::read_file(json) == "previous");
  for (const auto& e : fs::directory_iterator(s.dir.path))
    if (e.path() != json && e.path() != s.root)
      BOOST_TEST(e.path().filename().string().starts_with(".r.json.tmp-"), e.path());
}
