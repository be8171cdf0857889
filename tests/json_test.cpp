// The JSON report read back by a strict parser: every observation of a case where the README's
// schema says, hostile text escaped so that it reads back as it was (invalid UTF-8 as U+FFFD),
// and a document whose summary counts its cases.
#include <boost/test/unit_test.hpp>

#include <boost/json.hpp>

#include "harness/report/json.hpp"
#include "tests/json_parse.hpp"
#include "tests/report_support.hpp"

using namespace rstlab;
namespace t = rstlab::test;
namespace js = boost::json;

namespace {

js::object case_of(const expect::case_result& r) {
  auto text = report::json_case(r, t::layout().of(r.sc->file));
  BOOST_TEST(text.find('\n') == std::string::npos);  // one line per case
  return t::parse_json(text).as_object();
}

std::string str(const js::value& v) {
  return std::string(v.as_string());
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_case_gives_its_names_place_verdict_and_times) {
  auto sc = t::scenario();
  sc.base_name = "reset-read";
  sc.name = "reset-read[v6]";
  sc.family = core::family::v6;
  auto c = case_of(t::failed(sc));
  BOOST_TEST(str(c.at("name")) == "reset-read[v6]");
  BOOST_TEST(str(c.at("base_name")) == "reset-read");
  BOOST_TEST(js::serialize(c.at("variant")) == R"j({"tag":"v6","family":6,"topology":"hosts"})j");
  BOOST_TEST(str(c.at("suite")) == "fx");
  BOOST_TEST(str(c.at("classname")) == "fx.reset");
  BOOST_TEST(str(c.at("file")) == "fx/reset.toml");
  BOOST_TEST(c.at("line").as_int64() == 9);
  BOOST_TEST(str(c.at("verdict")) == "fail");
  BOOST_TEST(c.at("elapsed_us").as_int64() == 1234);
  BOOST_TEST(c.at("seed").is_null());
  BOOST_TEST(c.at("capture").is_null());
}

// Each phase's own length, the last one up to the case's end; a phase never reached is null,
// and a case with no sandbox has no phases.
BOOST_AUTO_TEST_CASE(a_case_gives_how_long_each_phase_took) {
  using us = std::chrono::microseconds;
  auto sc = t::scenario();
  auto r = t::failed(sc);
  r.record.elapsed = us(3000);
  r.record.phases = {us(1800), us(1950), us(2500), us(2650)};
  BOOST_TEST(js::serialize(case_of(r).at("phases_us")) ==
             R"j({"sandbox":1800,"start":150,"steps":550,"end":150,"teardown":350})j");
  r.record.phases.concluded = us(0);  // the case failed before concluding
  BOOST_TEST(js::serialize(case_of(r).at("phases_us")) ==
             R"j({"sandbox":1800,"start":150,"steps":550,"end":null,"teardown":500})j");
  r.record.phases = {};
  BOOST_TEST(case_of(r).at("phases_us").is_null());
}

BOOST_AUTO_TEST_CASE(each_step_gives_expected_against_actual) {
  auto sc = t::scenario();
  auto rec = t::run({t::k::error, EPIPE});
  rec.steps[0].started = std::chrono::microseconds(40);
  rec.steps[0].obs.elapsed = std::chrono::microseconds(7);
  auto c = case_of(expect::judge(sc, rec));
  const auto& first = c.at("steps").as_array().at(0).as_object();
  BOOST_TEST(first.at("step").as_int64() == 1);
  BOOST_TEST(first.at("line").as_int64() == 9);
  BOOST_TEST(str(first.at("actor")) == "client");
  BOOST_TEST(str(first.at("action")) == "read");
  BOOST_TEST(js::serialize(first.at("expected")) ==
             R"j({"any_of":[{"kind":"error","value":104,"text":"ECONNRESET (errno 104)"}],)j"
             R"j("sigpipe":false,"text":"ECONNRESET (errno 104)"})j");
  BOOST_TEST(first.at("ran").as_bool());
  BOOST_TEST(!first.at("ok").as_bool());
  BOOST_TEST(js::serialize(first.at("actual")) ==
             R"j({"outcome":{"kind":"error","value":32,"text":"EPIPE (errno 32)"},"return":-1,)j"
             R"j("errno":32,"errno_name":"EPIPE","sigpipe":false,"interrupted":false,)j"
             R"j("started_us":40,"elapsed_us":7})j");
  const auto& second = c.at("steps").as_array().at(1).as_object();
  BOOST_TEST(second.at("ok").as_bool());
  BOOST_TEST(second.at("actual").at("sigpipe").as_bool());
}

BOOST_AUTO_TEST_CASE(mismatches_and_the_trace_say_where_and_what) {
  auto sc = t::scenario();
  auto c = case_of(t::failed(sc));
  BOOST_TEST(js::serialize(c.at("mismatches")) ==
             R"j([{"file":"fx/reset.toml","line":9,"column":30,"step":1,"segment":null,)j"
             R"j("message":"step 1 (client read): expected ECONNRESET (errno 104), got EPIPE )j"
             R"j((errno 32)"}])j");
  BOOST_TEST(js::serialize(c.at("trace")) ==
             R"j([{"at_us":250,"sender":"server","direction":"to_client","src":"0.0.0.0",)j"
             R"j("sport":8000,"dst":"0.0.0.0","dport":40000,"flags":"R.","seq":0,"ack":0,)j"
             R"j("window":0,"length":0,"fate":"forwarded","rule":null,"icmp":null}])j");
}

BOOST_AUTO_TEST_CASE(a_segment_a_rule_acted_on_names_the_rule) {
  auto sc = t::scenario();
  sc.wire_rules.resize(2);
  sc.wire_rules[1].id = "synack";
  auto rec = t::run({t::k::error, ECONNRESET});
  rec.trace[0].what = core::fate::held;
  rec.trace[0].rule = 1;
  auto c = case_of(expect::judge(sc, rec));
  const auto& s = c.at("trace").as_array().at(0);
  BOOST_TEST(str(s.at("fate")) == "held");
  BOOST_TEST(js::serialize(s.at("rule")) == R"j({"index":1,"id":"synack"})j");
}

BOOST_AUTO_TEST_CASE(counters_that_moved_or_are_asserted_are_given) {
  auto sc = t::scenario();
  sc.counters[core::index(core::host::server)]["TCPAbortOnData"] = {0, 0, {}};
  auto rec = t::run({t::k::error, ECONNRESET});
  rec.counters[core::index(core::host::server)] = {
      {"TCPAbortOnClose", 1}, {"TCPAbortOnData", 0}, {"TCPAbortOnLinger", 0}};
  rec.counters[core::index(core::host::client)] = {{"InSegs", 4}};
  auto c = case_of(expect::judge(sc, rec));
  BOOST_TEST(js::serialize(c.at("counters")) ==
             R"j({"client":{"InSegs":4},"server":{"TCPAbortOnClose":1,"TCPAbortOnData":0}})j");
}

BOOST_AUTO_TEST_CASE(a_skip_lists_its_steps_as_not_run) {
  auto sc = t::scenario();
  auto c = case_of(t::skipped(sc, "no sandbox"));
  BOOST_TEST(str(c.at("verdict")) == "skip");
  BOOST_TEST(str(c.at("note")) == "no sandbox");
  BOOST_TEST(c.at("started").is_null());
  BOOST_TEST(c.at("steps").as_array().size() == 2u);
  BOOST_TEST(!c.at("steps").as_array().at(1).at("ran").as_bool());
  BOOST_TEST(c.at("steps").as_array().at(1).at("actual").is_null());
}

BOOST_AUTO_TEST_CASE(a_seed_is_a_string_that_keeps_all_64_bits) {
  auto sc = t::scenario();
  auto r = t::failed(sc);
  r.record.seed = 18446744073709551615u;
  BOOST_TEST(str(case_of(r).at("seed")) == "18446744073709551615");
}

BOOST_AUTO_TEST_CASE(hostile_text_reads_back_as_written_and_bad_utf8_as_replacement) {
  auto sc = t::scenario();
  sc.name = std::string("a\x01\"\\\n\x7f\0z", 9);
  sc.file = "fx/\xFFreset.toml";
  auto c = case_of(t::skipped(sc, "\xE2\x80\xA8"));
  BOOST_TEST(str(c.at("name")) == sc.name);
  BOOST_TEST(str(c.at("path")) == "fx/\xEF\xBF\xBDreset.toml");
  BOOST_TEST(str(c.at("note")) == "\xE2\x80\xA8");
}

BOOST_AUTO_TEST_CASE(the_document_has_a_schema_every_case_and_the_summary) {
  t::scratch_dir dir;
  auto sc = t::scenario();
  auto layout = t::layout();
  {
    report::json j(dir.file("r.json"), layout);
    j.case_finished(t::passed(sc));
    j.case_finished(t::failed(sc));
    j.case_finished(t::harness_error(sc));
    j.run_finished({.passed = 1, .failed = 1, .errors = 1, .wall = std::chrono::microseconds(9)});
  }
  auto doc = t::parse_json(t::read_file(dir.file("r.json"))).as_object();
  BOOST_TEST(doc.at("schema").as_int64() == report::json_schema);
  BOOST_TEST(report::json_schema == 1);
  const auto& cases = doc.at("cases").as_array();
  BOOST_TEST(cases.size() == 3u);
  BOOST_TEST(str(cases.at(2).at("verdict")) == "error");
  BOOST_TEST(str(cases.at(2).at("error")) == "a call could not be interrupted");
  BOOST_TEST(js::serialize(doc.at("summary")) ==
             R"j({"tests":3,"passed":1,"failed":1,"errors":1,"skipped":0,"flaky":0,"wall_us":9})j");
  BOOST_TEST(dir.listing() == "r.json");
}
