#include "harness/cli/runner.hpp"

#include "harness/report/text.hpp"
#include "harness/sandbox/netns.hpp"
#include "harness/wire/ladder.hpp"

namespace rstlab::cli {
namespace {

expect::case_result skipped(const fixture::scenario& sc, const std::string& why) {
  expect::case_result r;
  r.sc = &sc;
  r.outcome = expect::verdict::skip;
  r.record.steps.resize(sc.steps.size());
  r.note = why;
  return r;
}

// Why no sandbox can be built here, or empty when one can.
std::string sandbox_problem(const runner_options& o) {
  auto why = sandbox::prepare_privileges();
  if (!why.empty()) return why;
  return sandbox::probe(o.engine.sandbox);
}

void count(report::summary& sum, expect::verdict v) {
  if (v == expect::verdict::pass) ++sum.passed;
  if (v == expect::verdict::fail) ++sum.failed;
  if (v == expect::verdict::skip) ++sum.skipped;
}

}  // namespace

expect::case_result run_one(const fixture::scenario& sc, const runner_options& o) {
  if (auto why = sandbox::prepare_privileges(); !why.empty()) return skipped(sc, "no sandbox: " + why);
  try {
    return expect::judge(sc, engine::run_case(sc, o.engine));
  } catch (const sandbox::unavailable& e) {
    return skipped(sc, std::string("no sandbox: ") + e.what());
  } catch (const std::exception& e) {
    auto r = skipped(sc, std::string("harness error: ") + e.what());
    r.outcome = expect::verdict::fail;
    return r;
  }
}

report::summary run_all(const std::vector<fixture::scenario>& scenarios, const runner_options& o,
                        const std::vector<report::listener*>& listeners) {
  auto began = std::chrono::steady_clock::now();
  auto problem = sandbox_problem(o);
  report::summary sum;
  for (auto* l : listeners) l->run_started(scenarios.size());
  for (const auto& sc : scenarios) {
    for (auto* l : listeners) l->case_started(sc);
    auto r = problem.empty() ? run_one(sc, o) : skipped(sc, "no sandbox: " + problem);
    count(sum, r.outcome);
    for (auto* l : listeners) l->case_finished(r);
  }
  sum.wall = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - began);
  for (auto* l : listeners) l->run_finished(sum);
  return sum;
}

void print_explanation(const expect::case_result& r, std::ostream& out) {
  const auto& sc = *r.sc;
  out << sc.name << " (" << sc.file << ")\n  " << sc.summary << "\n";
  for (const auto& ref : sc.refs) out << "  ref: " << ref << "\n";
  out << "\nsteps (line, endpoint, action), each with how long it took:\n"
      << report::steps_table(r, true);
  out << "\nwire:\n" << wire::ladder(r.record.trace);
  out << "\ncounters that moved:\n";
  for (auto h : fixture::hosts)
    for (const auto& [name, moved] : r.record.counters[static_cast<std::size_t>(h)])
      if (moved != 0) out << "  " << fixture::host_name(h) << " " << name << " " << moved << "\n";
  if (!r.mismatches.empty()) out << "\nmismatches:\n" << report::mismatch_lines(r);
  if (!r.note.empty()) out << "\n" << r.note << "\n";
  const char* words[] = {"PASS", "FAIL", "SKIP"};
  out << "\n" << words[static_cast<int>(r.outcome)] << "  " << sc.name << "  "
      << report::milliseconds(r.record.elapsed) << "\n";
}

}  // namespace rstlab::cli
