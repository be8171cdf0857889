// The HTML report's pieces, from hand-built results: a case's section (verdict, mismatches,
// steps expected against actual), its wire as arrows drawn by what the wire did, hostile text
// escaped, and the page written whole at the end with its totals and table first.
#include <boost/test/unit_test.hpp>

#include "harness/report/html.hpp"
#include "harness/report/html_case.hpp"
#include "harness/report/html_wire.hpp"
#include "tests/report_support.hpp"

using namespace rstlab;
namespace t = rstlab::test;
using t::has;

namespace {

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1))
    ++n;
  return n;
}

std::string section(const expect::case_result& r) {
  return report::html_case(r, t::layout().of(r.sc->file), 3);
}

// The case's one segment, from the server to the client, as the wire treated it.
std::string drawn(core::fate what) {
  static auto sc = t::scenario();
  auto rec = t::run({t::k::error, ECONNRESET});
  rec.trace[0].what = what;
  rec.trace[0].rule = 0;
  sc.wire_rules.resize(1);
  sc.wire_rules[0].id = "r";
  return report::sequence_diagram(expect::judge(sc, rec));
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_failed_case_shows_its_verdict_mismatch_and_steps) {
  auto sc = t::scenario();
  auto html = section(t::failed(sc));
  BOOST_TEST(has(html,
                 "<section class=\"case fail\" id=\"case-3\" data-name=\"reset-read\" "
                 "data-verdict=\"fail\">"),
             html);
  BOOST_TEST(has(html, "<span class=\"verdict fail\">FAIL</span>"), html);
  BOOST_TEST(has(html,
                 "<li>fx/reset.toml:9:30: step 1 (client read): expected ECONNRESET (errno "
                 "104), got EPIPE (errno 32)</li>"),
             html);
  BOOST_TEST(has(html, "<tr class=\"step fail\" data-step=\"1\" data-result=\"fail\">"), html);
  BOOST_TEST(has(html, "<td>ECONNRESET (errno 104)</td><td>EPIPE (errno 32)</td>"), html);
  BOOST_TEST(has(html, "<tr class=\"step ok\" data-step=\"2\" data-result=\"ok\">"), html);
  BOOST_TEST(has(html, "<td>EPIPE (errno 32) + SIGPIPE</td>"), html);
  BOOST_TEST(count(html, "<td class=\"result\">") == 2u);
}

BOOST_AUTO_TEST_CASE(a_skipped_case_shows_why_and_no_steps) {
  auto sc = t::scenario();
  auto html = section(t::skipped(sc, "no sandbox: no TUN"));
  BOOST_TEST(has(html, "<span class=\"verdict skip\">SKIP</span>"), html);
  BOOST_TEST(has(html, "<p class=\"note\">no sandbox: no TUN</p>"), html);
  BOOST_TEST(!has(html, "<table"), html);
}

BOOST_AUTO_TEST_CASE(an_rst_is_a_red_arrow_marked_rst_from_its_sender_to_its_receiver) {
  auto svg = drawn(core::fate::forwarded);
  BOOST_TEST(count(svg, "<g class=\"segment") == 1u);
  BOOST_TEST(has(svg,
                 "<g class=\"segment forwarded rst\" data-index=\"0\" data-fate=\"forwarded\" "
                 "data-sender=\"server\" data-rst=\"1\">"),
             svg);
  BOOST_TEST(has(svg, "<line x1=\"530\" y1=\"46\" x2=\"90\" y2=\"54\" class=\"shaft\"/>"), svg);
  BOOST_TEST(has(svg, ">RST</text>"), svg);
  BOOST_TEST(has(svg, ">R. seq 0 ack 0 len 0</text>"), svg);
  BOOST_TEST(has(svg, ">0.250 ms</text>"), svg);
  BOOST_TEST(!has(svg, "class=\"fate\""), svg);
}

BOOST_AUTO_TEST_CASE(what_the_wire_did_is_drawn_where_it_did_it) {
  auto dropped = drawn(core::fate::dropped);  // stops at the wire, on a cross
  BOOST_TEST(has(dropped, "<line x1=\"530\" y1=\"46\" x2=\"310\" y2=\"54\" class=\"shaft\"/>"),
             dropped);
  BOOST_TEST(count(dropped, "class=\"cross\"") == 2u);
  BOOST_TEST(!has(dropped, "class=\"head\""), dropped);
  BOOST_TEST(has(dropped, ">dropped by rule 'r'</text>"), dropped);
  auto held = drawn(core::fate::held);  // stops at the wire, in a box
  BOOST_TEST(has(held, "<rect class=\"kept\""), held);
  BOOST_TEST(has(held, ">held by rule 'r'</text>"), held);
  auto injected = drawn(core::fate::injected);  // starts at the wire
  BOOST_TEST(has(injected, "<line x1=\"310\" y1=\"46\" x2=\"90\" y2=\"54\" class=\"shaft\"/>"),
             injected);
  BOOST_TEST(has(injected, "class=\"head\""), injected);
  BOOST_TEST(has(injected, ">forged by the wire</text>"), injected);
}

BOOST_AUTO_TEST_CASE(an_empty_wire_says_so) {
  auto sc = t::scenario();
  auto rec = t::run({t::k::error, ECONNRESET});
  rec.trace.clear();
  BOOST_TEST(report::sequence_diagram(expect::judge(sc, rec)) ==
             "<p class=\"no-wire\">No segment crossed the wire.</p>\n");
}

BOOST_AUTO_TEST_CASE(hostile_text_is_escaped_everywhere) {
  auto sc = t::scenario();
  sc.name = "<script>alert(1)</script>&\"\x01";
  sc.summary = "</p><img src=x>";
  auto r = t::failed(sc);
  auto html = section(r) + report::html_row(r, t::layout().of(sc.file), 1);
  BOOST_TEST(!has(html, "<script"), html);
  BOOST_TEST(!has(html, "<img"), html);
  // No tag can open ('>' alone starts nothing); a control character shows as \xNN.
  BOOST_TEST(has(html, "<span class=\"name\">&lt;script>alert(1)&lt;/script>&amp;\"\\x01</span>"),
             html);
  BOOST_TEST(has(html, "data-name=\"&lt;script>alert(1)&lt;/script>&amp;&quot;\\x01\""), html);
}

BOOST_AUTO_TEST_CASE(the_page_is_written_whole_at_the_end_totals_and_table_first) {
  t::scratch_dir dir;
  auto sc = t::scenario();
  auto layout = t::layout();
  {
    report::html h(dir.file("r.html"), layout);
    h.case_finished(t::passed(sc));
    h.case_finished(t::failed(sc));
    BOOST_TEST(!std::filesystem::exists(dir.file("r.html")));
    h.run_finished({.passed = 1, .failed = 1, .wall = std::chrono::microseconds(1500)});
  }
  auto page = t::read_file(dir.file("r.html"));
  BOOST_TEST(page.rfind("<!DOCTYPE html>\n", 0) == 0u);
  BOOST_TEST(
      has(page, "<p class=\"totals\">1 passed, 1 failed, 0 errors, 0 skipped in 1.500 ms</p>"),
      page);
  auto table = page.find("<table class=\"summary\">"), first = page.find("id=\"case-1\"");
  BOOST_TEST((table < first && first < page.find("id=\"case-2\"")), page);
  BOOST_TEST(has(page,
                 "<tr class=\"fail\"><td><span class=\"verdict fail\">FAIL</span></td><td><a "
                 "href=\"#case-2\">reset-read</a></td>"),
             page);
  BOOST_TEST(!has(page, "<script"), page);
  BOOST_TEST(!has(page, "http"), page);  // nothing fetched: no URL at all
  BOOST_TEST(page.substr(page.size() - 15) == "</body></html>\n");
  BOOST_TEST(dir.listing() == "r.html");
}
