// How the runner learns whether sandboxes can be built here: from the first case of each kind,
// never from a trial sandbox of its own. The first case's failure is a skip for its whole kind;
// a sandbox that fails after one of its kind was built is the harness failing.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <thread>

#include "cases/action.hpp"
#include "harness/fixture/loader.hpp"
#include "harness/fixture/suite.hpp"
#include "harness/fixture/variants.hpp"
#include "harness/report/text.hpp"
#include "harness/runner/gate.hpp"
#include "harness/runner/runner.hpp"
#include "harness/sandbox/netns.hpp"
#include "tests/support.hpp"

using rstlab::expect::verdict;
namespace t = rstlab::test;
namespace runner = rstlab::runner;
using rstlab::core::family;

namespace {

const char* connects = R"(name = "t"
summary = "t"
refs = ["test"]
steps = [
  { server = "listen" },
  { client = "connect", expect = "ok" },
]
[client]
[server]
)";

// A case's first run, as the engine reports it: built a sandbox, or found none.
rstlab::expect::case_result first_run(const rstlab::fixture::scenario& sc, std::string why = {}) {
  rstlab::expect::case_result r;
  r.sc = &sc;
  r.outcome = why.empty() ? verdict::pass : verdict::error;
  r.note = why.empty() ? "" : "harness error: the sandbox failed: " + why;
  r.record.no_sandbox = why;
  return r;
}

std::atomic<int> namespaces_made{0};
void count_namespace(int) { ++namespaces_made; }

}  // namespace

BOOST_AUTO_TEST_CASE(the_first_case_without_a_sandbox_skips_its_kind_and_no_other) {
  auto sc = t::load(connects), v6 = sc;
  v6.family = family::v6;
  runner::sandbox_gate gate;
  auto r = first_run(sc, "no TUN here");
  gate.learn(sc, r);
  BOOST_TEST((r.outcome == verdict::skip));
  BOOST_TEST(r.note == "no sandbox: no TUN here");
  BOOST_TEST(gate.problem(sc) == "no TUN here");
  BOOST_TEST(gate.problem(v6).empty());
}

BOOST_AUTO_TEST_CASE(a_sandbox_that_fails_once_one_of_its_kind_was_built_is_an_error) {
  const auto& sc = t::load(connects);
  runner::sandbox_gate gate;
  auto built = first_run(sc);
  gate.learn(sc, built);
  auto r = first_run(sc, "out of memory");
  gate.learn(sc, r);
  BOOST_TEST((r.outcome == verdict::error));
  BOOST_TEST(gate.problem(sc).empty());
}

BOOST_AUTO_TEST_CASE(a_process_that_cannot_create_namespaces_skips_every_case) {
  const auto& sc = t::load(connects);
  runner::sandbox_gate gate{"cannot enter a user namespace"};
  BOOST_TEST(gate.problem(sc) == "cannot enter a user namespace");
}

// Through the real engine: the first case tries and is skipped, the next is not tried at all.
BOOST_AUTO_TEST_CASE(cases_after_the_first_without_a_sandbox_are_skipped_untried) {
  const auto& sc = t::load(connects);
  runner::options o;
  o.engine.sandbox.tun_node = "/nonexistent/tun";
  runner::sandbox_gate gate;
  auto first = runner::run_gated(sc, o, gate);
  auto second = runner::run_gated(sc, o, gate);
  BOOST_TEST((first.outcome == verdict::skip));
  BOOST_TEST(first.note.find("no sandbox: open /nonexistent/tun") == 0, first.note);
  BOOST_TEST(first.record.elapsed.count() > 0);  // it tried
  BOOST_TEST((second.outcome == verdict::skip));
  BOOST_TEST(second.note == first.note);
  BOOST_TEST(second.record.elapsed.count() == 0);  // it did not
}

// A run of one case builds its case's sandbox and nothing before it.
BOOST_AUTO_TEST_CASE(a_run_builds_no_sandbox_beyond_its_cases) {
  t::require_sandbox();
  const auto& sc = t::load(connects);
  rstlab::sandbox::watch_new_netns(count_namespace);
  namespaces_made = 0;
  auto sum = runner::run_all({sc}, {}, {});
  rstlab::sandbox::watch_new_netns(nullptr);
  BOOST_TEST(sum.passed == 1u);
  BOOST_TEST(namespaces_made == 2);  // the client host and the server host
}

namespace {

// What the listeners heard, one line per event, and on which thread.
struct event_log : rstlab::report::listener {
  std::vector<std::string> events;
  std::thread::id caller = std::this_thread::get_id();
  bool all_on_caller = true;
  void note(std::string e) {
    all_on_caller = all_on_caller && std::this_thread::get_id() == caller;
    events.push_back(std::move(e));
  }
  void case_started(const rstlab::fixture::scenario& sc) override { note("start " + sc.name); }
  void step_finished(const rstlab::fixture::scenario& sc, std::size_t i,
                     const rstlab::expect::step_record&) override {
    note("step " + sc.name + " " + std::to_string(i));
  }
  void case_finished(const rstlab::expect::case_result& r) override {
    note("end " + r.sc->name + " " + rstlab::report::verdict_word(r.outcome));
  }
};

std::vector<rstlab::fixture::scenario> bundled_variants(const std::vector<std::string>& folders) {
  std::vector<rstlab::fixture::scenario> loaded;
  for (const auto& f : folders)
    for (const auto& p : rstlab::fixture::collect(
             std::vector<std::string>{std::string(RSTLAB_FIXTURE_DIR) + "/" + f}))
      loaded.push_back(rstlab::fixture::load_file(p, rstlab::cases::specs()));
  return rstlab::fixture::variants(loaded, {family::v4, family::v6});
}

// The events of a case, cut from the log: everything from its start to its end.
std::vector<std::string> events_of(const event_log& log, const std::string& name) {
  auto from = std::find(log.events.begin(), log.events.end(), "start " + name);
  auto to = std::find_if(from, log.events.end(), [&](const std::string& e) {
    return e.rfind("end " + name + " ", 0) == 0;
  });
  return {from, to == log.events.end() ? to : to + 1};
}

}  // namespace

// Two at a time, the listeners hear the same as one at a time: every case in the order given,
// its steps between its start and its end, all on the calling thread, with the same verdicts.
// (The steps of one case may finish in either order where background steps race; the ones
// compared here are those of cases without background steps, which finish in file order.)
BOOST_AUTO_TEST_CASE(cases_run_two_at_a_time_are_heard_as_if_run_in_turn) {
  t::require_sandbox();
  auto suite = bundled_variants({"fin-vs-rst", "refused", "unread-data", "linger", "blocked"});
  BOOST_TEST_REQUIRE(suite.size() >= 20u);
  runner::options one, two;
  two.jobs = 2;
  event_log in_turn, pooled;
  auto a = runner::run_all(suite, one, {&in_turn});
  auto b = runner::run_all(suite, two, {&pooled});
  BOOST_TEST(a.passed == suite.size());
  BOOST_TEST(b.passed == suite.size());
  BOOST_TEST(pooled.all_on_caller);
  BOOST_TEST(pooled.events.size() == in_turn.events.size());
  for (const auto& sc : suite) {
    auto ours = events_of(pooled, sc.name);
    BOOST_TEST_CONTEXT(sc.name) {
      BOOST_TEST(ours.size() == 2 + sc.steps.size());
      if (std::none_of(sc.steps.begin(), sc.steps.end(), [](const auto& s) { return s.background; }))
        BOOST_TEST(ours == events_of(in_turn, sc.name), boost::test_tools::per_element());
    }
  }
  std::vector<std::string> starts;
  for (const auto& e : pooled.events)
    if (e.rfind("start ", 0) == 0) starts.push_back(e.substr(6));
  std::vector<std::string> names;
  for (const auto& sc : suite) names.push_back(sc.name);
  BOOST_TEST(starts == names, boost::test_tools::per_element());
}

// A planned suite keeps no more than the last few fixtures it read, and a run longer than
// that reads each case from its file as its turn comes: a file that no longer loads by then
// (even the last planned) is that case's harness failing, the others unaffected.
BOOST_AUTO_TEST_CASE(a_suite_reads_each_case_at_its_turn_and_a_changed_file_is_an_error) {
  t::require_sandbox();
  t::temp_dir dir{"suite"};
  const int files = 10;  // more than the suite keeps
  std::vector<std::string> written;
  for (int f = 0; f < files; ++f) {
    auto text = std::string(connects);
    written.push_back(dir.write("f" + std::to_string(f) + ".toml",
                                text.replace(text.find("\"t\""), 3, "\"t" + std::to_string(f) + "\"")));
  }
  std::vector<std::string> paths{dir.path.string()};
  auto plan = rstlab::fixture::planned_run::plan(
      paths, rstlab::cases::specs(), [](const auto&) { return true; }, {family::v4}, {});
  BOOST_TEST_REQUIRE(plan.ok(), plan.text());
  BOOST_TEST_REQUIRE(plan.cases.size() == std::size_t(files));
  std::ofstream{written.back()} << "name = \"u\"\nsteps = [\n";  // broken after planning
  event_log log;
  auto sum = runner::run_all(plan.cases, {}, {&log});
  BOOST_TEST(sum.passed == std::size_t(files - 1));
  BOOST_TEST(sum.errors == 1u);
  BOOST_TEST(log.events.back().rfind("end f9 ERROR", 0) == 0, log.events.back());
}

// A run of one file reads it once: its case is planning's reading, even with the file gone.
BOOST_AUTO_TEST_CASE(a_run_of_one_file_reads_it_once) {
  t::temp_dir dir{"suite-one"};
  auto file = dir.write("one.toml", connects);
  std::vector<std::string> paths{file};
  auto plan = rstlab::fixture::planned_run::plan(
      paths, rstlab::cases::specs(), [](const auto&) { return true; }, {family::v4, family::v6},
      {});
  BOOST_TEST_REQUIRE(plan.ok(), plan.text());
  BOOST_TEST_REQUIRE(plan.cases.size() == 2u);
  std::filesystem::remove(file);
  BOOST_TEST(plan.cases.load(0).name == "t[v4]");
  BOOST_TEST(plan.cases.load(1).name == "t[v6]");
}

// A fixture's variants are next to each other and share one reading of its file; several
// threads loading cases at once (as -j does) each get their own case, of the right fixture
// and family.
BOOST_AUTO_TEST_CASE(threads_loading_a_suite_at_once_each_get_the_right_variant) {
  t::temp_dir dir{"suite-threads"};
  const int files = 20;
  for (int f = 0; f < files; ++f) {
    auto text = std::string(connects);
    dir.write("f" + std::to_string(f) + ".toml",
              text.replace(text.find("\"t\""), 3, "\"t" + std::to_string(f) + "\""));
  }
  std::vector<std::string> paths{dir.path.string()};
  auto plan = rstlab::fixture::planned_run::plan(
      paths, rstlab::cases::specs(), [](const auto&) { return true; },
      {family::v4, family::v6}, {});
  BOOST_TEST_REQUIRE(plan.ok(), plan.text());
  BOOST_TEST_REQUIRE(plan.cases.size() == std::size_t(2 * files));
  std::vector<std::string> got(plan.cases.size());
  std::atomic<std::size_t> next{0};
  auto loader = [&] {
    for (std::size_t i; (i = next++) < got.size();) {
      auto sc = plan.cases.load(i);
      got[i] = sc.base_name + (sc.family == family::v4 ? " v4" : " v6");
    }
  };
  std::vector<std::thread> threads;
  for (int k = 0; k < 4; ++k) threads.emplace_back(loader);
  for (auto& th : threads) th.join();
  for (std::size_t i = 0; i < got.size(); ++i) {
    auto stem = std::filesystem::path(plan.cases.file_of(i)).stem().string();  // "f<N>"
    BOOST_TEST(got[i] == "t" + stem.substr(1) + (i % 2 == 0 ? " v4" : " v6"));
  }
}
