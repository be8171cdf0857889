// How the runner learns whether sandboxes can be built here: from the first case of each kind,
// never from a trial sandbox of its own. The first case's failure is a skip for its whole kind;
// a sandbox that fails after one of its kind was built is the harness failing.
#include <boost/test/unit_test.hpp>

#include <atomic>

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
