// Proof that the harness can fail. For every bundled fixture: it passes as written; then, one
// at a time, each step's expected outcome is changed to a neighbouring wrong one (ECONNRESET
// for EPIPE, eof for ECONNRESET, one byte more, ...), each step's signal expectation is
// flipped, and each wire and counter expectation is moved off by one. Every such fixture is
// run again for real and must FAIL with a message that names the step (or the line) changed.
#include <boost/test/unit_test.hpp>
#include <boost/test/data/test_case.hpp>

#include <cerrno>
#include <functional>

#include "cases/action.hpp"
#include "harness/core/names.hpp"
#include "harness/fixture/loader.hpp"
#include "tests/support.hpp"

namespace t = rstlab::test;
using rstlab::core::outcome;
using rstlab::expect::verdict;
using rstlab::fixture::scenario;

namespace {

std::vector<std::string> bundled() {
  std::vector<std::string> files;
  for (const auto& p : rstlab::fixture::collect(std::vector<std::string>{RSTLAB_FIXTURE_DIR}))
    files.push_back(p.string());
  return files;
}

// The wrong outcome a careless fixture author might have written instead of `actual`.
outcome neighbour(const outcome& actual) {
  using k = outcome::kind;
  switch (actual.what) {
    case k::ok: return {k::error, ECONNREFUSED};
    case k::count: return {k::count, actual.value + 1};
    case k::eof: return {k::error, ECONNRESET};
    case k::timeout: return {k::ok, 0};
    case k::revents: return {k::revents, actual.value ^ 0x8};  // toggle ERR
    case k::state: return {k::state, actual.value == 7 ? 8 : 7};  // CLOSE <-> CLOSE_WAIT
    case k::value: return {k::value, actual.value + 1};
    case k::exited: return {k::exited, actual.value == 0 ? 1 : 0};
    case k::killed: return {k::exited, 0};
    case k::early: return {k::ok, 0};
    case k::error: break;
  }
  if (actual.value == ECONNRESET) return {k::error, EPIPE};
  if (actual.value == EPIPE) return {k::error, ECONNRESET};
  return {k::ok, 0};
}

void expect_failure(const scenario& mutated, int line, const std::string& what) {
  auto r = t::run(mutated);
  BOOST_TEST_INFO(mutated.file << ": " << what);
  BOOST_TEST((r.outcome == verdict::fail));
  bool named = std::any_of(r.mismatches.begin(), r.mismatches.end(),
                           [&](const auto& m) { return m.pos.line == line; });
  BOOST_TEST(named, "no mismatch points at line " << line << ":\n" << t::explain(r));
}

void mutate_steps(const scenario& sc, const rstlab::expect::case_result& original) {
  for (std::size_t i = 0; i < sc.steps.size(); ++i) {
    if (sc.steps[i].background) continue;  // its wait carries its expectations
    auto label = "step " + std::to_string(i + 1) + " (";
    scenario wrong = sc;
    wrong.steps[i].expect = {neighbour(original.record.steps[i].obs.actual)};
    expect_failure(wrong, wrong.steps[i].expect_pos.line, label + "outcome)");
    scenario flipped = sc;
    flipped.steps[i].expect_sigpipe = !flipped.steps[i].expect_sigpipe;
    expect_failure(flipped, flipped.steps[i].pos.line, label + "signal)");
  }
}

void mutate_totals(const scenario& sc) {
  for (std::size_t h = 0; h < 2; ++h) {
    if (sc.wire_rst[h]) {
      scenario wrong = sc;
      wrong.wire_rst[h]->min = wrong.wire_rst[h]->max = sc.wire_rst[h]->max + 1;
      expect_failure(wrong, sc.wire_rst[h]->pos.line, "wire rst");
    }
    if (sc.wire_bytes[h]) {
      scenario wrong = sc;
      wrong.wire_bytes[h]->min = wrong.wire_bytes[h]->max = sc.wire_bytes[h]->max + 1;
      expect_failure(wrong, sc.wire_bytes[h]->pos.line, "wire bytes");
    }
    for (const auto& [name, range] : sc.counters[h]) {
      scenario wrong = sc;
      wrong.counters[h][name].min = wrong.counters[h][name].max = range.max + 1;
      expect_failure(wrong, range.pos.line, "counter " + name);
    }
  }
}

}  // namespace

using rstlab::test::sandbox_required;
BOOST_TEST_GLOBAL_FIXTURE(sandbox_required);

BOOST_DATA_TEST_CASE(every_changed_expectation_makes_the_case_fail,
                     boost::unit_test::data::make(bundled()), file) {
  auto sc = rstlab::fixture::load_file(file, rstlab::cases::specs());
  auto original = t::run(sc);
  BOOST_TEST_REQUIRE((original.outcome == verdict::pass), t::explain(original));
  mutate_steps(sc, original);
  mutate_totals(sc);
}
