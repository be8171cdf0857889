// The HTML report as a browser shows it: a real run's page rendered by headless Chromium
// (Debian's chromium, which ci/setup installs: a machine without it fails this test, it never
// skips it), and the document Chromium built checked, case by case, against the JSON report of
// the same run: the verdict shown, each step's outcome, one arrow per segment of the trace with
// the wire's fate, and an RST mark on each RST.
#include <boost/test/unit_test.hpp>

#include <boost/json.hpp>
#include <regex>
#include <string>

#include "tests/json_parse.hpp"
#include "tests/report_support.hpp"
#include "tests/support.hpp"

namespace t = rstlab::test;
namespace js = boost::json;

namespace {

using t::has;

// The fixtures of the run: a handshake's last ACK dropped, a SYN/ACK held then released, a
// forged RST, an ICMP error the wire makes, and one that fails.
const char* bundled[] = {"handshake/lost-final-ack-completed-by-data.toml",
                         "late-synack/synack-after-nonblocking-connect-gave-up.toml",
                         "forged/forged-exact-rst.toml", "icmp/port-unreachable-answers-syn.toml",
                         "examples/naive-server-dies-of-sigpipe.toml"};

struct rendered {
  js::object report;  // the JSON report
  std::string dom;    // what Chromium made of the HTML one
};

std::string chromium_dom(const t::temp_dir& dir, const std::string& page) {
  auto r = t::run_process({"chromium", "--headless", "--no-sandbox", "--disable-gpu",
                           "--user-data-dir=" + (dir.path / "profile").string(), "--dump-dom",
                           "file://" + page});
  BOOST_TEST_REQUIRE(r.status != -1,
                     "chromium cannot be run: install it with ci/setup "
                     "(Debian's chromium package); this test renders the HTML "
                     "report in it");
  BOOST_TEST_REQUIRE(r.status == 0, r.err);
  return r.out;
}

rendered render(const t::temp_dir& dir) {
  std::vector<std::string> args{"run",
                                "--family",
                                "4",
                                "--json",
                                (dir.path / "r.json").string(),
                                "--html",
                                (dir.path / "r.html").string()};
  for (const char* f : bundled)
    args.push_back(std::string(RSTLAB_FIXTURE_DIR) + "/" + f);
  args.push_back(
      dir.write("wrong.toml", std::string(t::reset_read_header) + t::reset_read_wrong_steps));
  auto run = t::cli(args);
  BOOST_TEST_REQUIRE(run.status == 1, run.out << run.err);
  auto report = t::parse_json(t::read_file((dir.path / "r.json").string())).as_object();
  return {report, chromium_dom(dir, (dir.path / "r.html").string())};
}

// The section of case number n (from 1), as Chromium serialised it.
std::string section(const std::string& dom, std::size_t n) {
  auto at = dom.find(" id=\"case-" + std::to_string(n) + "\"");
  BOOST_TEST_REQUIRE(at != std::string::npos, "no section for case " << n);
  auto start = dom.rfind("<section", at);
  return dom.substr(start, dom.find("</section>", at) - start);
}

std::vector<std::string> all(const std::string& text, const std::string& pattern) {
  std::vector<std::string> out;
  std::regex re(pattern);
  for (std::sregex_iterator m(text.begin(), text.end(), re), end; m != end; ++m)
    out.push_back(m->size() > 1 ? (*m)[1].str() : m->str());
  return out;
}

std::string str(const js::value& v) {
  return std::string(v.as_string());
}

// What the step did, as the page says it: ok, FAIL, or -- for a step that did not run.
std::vector<std::string> step_words(const js::array& steps) {
  std::vector<std::string> out;
  for (const auto& s : steps) {
    const auto& step = s.as_object();
    out.push_back(!step.at("ran").as_bool() ? "--" : step.at("ok").as_bool() ? "ok" : "FAIL");
  }
  return out;
}

struct wire_counts {
  std::vector<std::string> fates;
  std::size_t rsts = 0, not_forwarded = 0;
};

wire_counts counts(const js::array& trace) {
  wire_counts c;
  for (const auto& s : trace) {
    const auto& seg = s.as_object();
    c.fates.push_back(str(seg.at("fate")));
    c.rsts += seg.at("icmp").is_null() && has(str(seg.at("flags")), "R");
    c.not_forwarded += c.fates.back() != "forwarded";
  }
  return c;
}

void check_case(const js::object& c, const std::string& html) {
  auto verdict = str(c.at("verdict"));
  BOOST_TEST(has(html, "data-verdict=\"" + verdict + "\""), html);
  auto word = verdict == "pass" ? "PASS" : verdict == "fail" ? "FAIL" : "?";
  BOOST_TEST(has(html, "<span class=\"verdict " + verdict + "\">" + word + "</span>"), html);
  BOOST_TEST(all(html, "<td class=\"result\">([^<]*)</td>") ==
             step_words(c.at("steps").as_array()));
  auto wire = counts(c.at("trace").as_array());
  BOOST_TEST(all(html, "<g class=\"segment[^\"]*\"[^>]* data-fate=\"([a-z]+)\"") == wire.fates);
  BOOST_TEST(all(html, "<text[^>]*class=\"rst-mark\"[^>]*>RST</text>").size() == wire.rsts);
  BOOST_TEST(all(html, "<text[^>]*class=\"fate\"").size() == wire.not_forwarded);
  for (const auto& [side, program] : c.at("programs").as_object()) {
    if (program.is_null()) continue;
    const auto& p = program.as_object();
    auto end = p.at("end").is_null() ? std::string("still running at the end; killed")
                                     : str(p.at("end").as_object().at("text"));
    BOOST_TEST(has(html, std::string(side) + " program: " + str(p.at("command"))), html);
    BOOST_TEST(has(html, "): " + end + "\n"), html);
  }
}

}  // namespace

using rstlab::test::sandbox_required;
BOOST_TEST_GLOBAL_FIXTURE(sandbox_required);

BOOST_AUTO_TEST_CASE(chromium_shows_each_case_as_the_json_report_tells_it,
                     *boost::unit_test::timeout(120)) {
  t::temp_dir dir{"html"};
  auto [report, dom] = render(dir);
  const auto& cases = report.at("cases").as_array();
  BOOST_TEST_REQUIRE(cases.size() == std::size(bundled) + 1);
  std::string fates;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    BOOST_TEST_CONTEXT("case " << i + 1 << " " << cases[i].at("name")) {
      auto html = section(dom, i + 1);
      BOOST_TEST(has(html, "data-name=\"" + str(cases[i].at("name")) + "\""), html);
      check_case(cases[i].as_object(), html);
      for (const auto& f : counts(cases[i].at("trace").as_array()).fates)
        fates += f + " ";
    }
  }
  // The run shows the wire's every way of drawing a segment (its own totals too).
  for (const char* fate : {"dropped ", "held ", "released ", "injected ", "forwarded "})
    BOOST_TEST(has(fates, fate), fates);
  BOOST_TEST(has(dom, "<p class=\"totals\">5 passed, 1 failed, 0 errors, 0 skipped in "), dom);
  BOOST_TEST(all(dom, "<tr class=\"(pass|fail)\"><td><span").size() == cases.size());
}
