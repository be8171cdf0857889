#include "harness/runner/runner.hpp"

#include <filesystem>
#include <functional>
#include <memory>

#include "harness/expect/stability.hpp"
#include "harness/fixture/variants.hpp"
#include "harness/runner/capture.hpp"
#include "harness/runner/ordered.hpp"
#include "harness/runner/rerun.hpp"
#include "harness/sandbox/netns.hpp"
#include "harness/sandbox/reaper.hpp"

namespace rstlab::runner {
namespace {

void count(report::summary& sum, expect::verdict v) {
  if (v == expect::verdict::pass) ++sum.passed;
  if (v == expect::verdict::fail) ++sum.failed;
  if (v == expect::verdict::error) ++sum.errors;
  if (v == expect::verdict::skip) ++sum.skipped;
  if (v == expect::verdict::flaky) ++sum.flaky;
}

engine::step_observer observer(const fixture::scenario& sc,
                               const std::vector<report::listener*>& listeners) {
  if (listeners.empty()) return {};
  return [&sc, &listeners](std::size_t i, const expect::step_record& rec) {
    for (auto* l : listeners) l->step_finished(sc, i, rec);
  };
}

engine::options engine_options(const options& o) {
  auto e = o.engine;
  e.keep_packets = e.keep_packets || !o.pcap_dir.empty();
  return e;
}

// A capture that cannot be written is the harness failing: the case proves nothing it was
// asked to show.
void capture(const fixture::scenario& sc, const options& o, expect::case_result& r) {
  const auto& name = sc.base_name.empty() ? sc.name : sc.base_name;
  auto tag = fixture::variant_tag(sc.family, sc.loopback);
  auto path = std::filesystem::path(o.pcap_dir) / capture_file_name(name, tag);
  try {
    write_capture(path.string(), sc, r.record);
    r.capture = path.string();
  } catch (const std::exception& e) {
    r.outcome = expect::verdict::error;
    r.note += (r.note.empty() ? "" : "; ") + std::string("harness error: ") + e.what();
  }
}

// One run, judged, and its packets written when asked (each run of a repeated case replaces
// the file of the one before).
expect::case_result run_once(const fixture::scenario& sc, const options& o,
                             const engine::step_observer& on_step = {}) {
  auto r = expect::judge(sc, engine::run_case(sc, engine_options(o), on_step));
  if (!o.pcap_dir.empty()) capture(sc, o, r);
  return r;
}

// Runs 2..N of a repeated case: the first that does not pass is the case's result; if all
// pass, what changed between them (if anything) fails it.
expect::case_result repeated(const fixture::scenario& sc, const options& o,
                             expect::case_result first) {
  std::vector<expect::run_record> runs{first.record};
  for (unsigned n = 1; n < o.repeat; ++n) {
    auto r = run_once(sc, o);
    if (r.outcome != expect::verdict::pass) {
      r.note += (r.note.empty() ? "" : "; ") + std::string("run ") + std::to_string(n + 1) +
                " of " + std::to_string(o.repeat);
      return r;
    }
    r.record.packets = {};  // written already; N runs need not keep N captures
    runs.push_back(std::move(r.record));
  }
  first.mismatches = expect::instability(sc, runs);
  if (!first.mismatches.empty()) {
    first.outcome = expect::verdict::fail;
    first.note = "unstable across " + std::to_string(o.repeat) + " runs";
  }
  return first;
}

// Where a sandbox is required, a case that found none is the harness failing: ERROR with the
// reason, never a skip (no sandbox is the only reason a case is ever skipped).
expect::case_result unless_required(expect::case_result r, const options& o) {
  if (!o.require_sandbox || r.outcome != expect::verdict::skip) return r;
  const std::string prefix = "no sandbox: ";
  auto why = r.note.starts_with(prefix) ? r.note.substr(prefix.size()) : r.note;
  r.outcome = expect::verdict::error;
  r.note = "harness error: no sandbox, and one is required (--require-sandbox or "
           "RSTLAB_REQUIRE_SANDBOX=1): ";
  r.note += why;
  return r;
}

}  // namespace

expect::case_result skipped(const fixture::scenario& sc, const std::string& why) {
  expect::case_result r;
  r.sc = &sc;
  r.outcome = expect::verdict::skip;
  r.record.steps.resize(sc.steps.size());
  r.note = why;
  return r;
}

expect::case_result run_one(const fixture::scenario& sc, const options& o,
                            const std::vector<report::listener*>& listeners) {
  auto first = run_once(sc, o, observer(sc, listeners));
  if (o.repeat <= 1 || first.outcome != expect::verdict::pass) return first;
  return repeated(sc, o, std::move(first));
}

expect::case_result run_gated(const fixture::scenario& sc, const options& o, sandbox_gate& gate,
                              const std::vector<report::listener*>& listeners) {
  auto problem = gate.problem(sc);
  if (!problem.empty()) return unless_required(skipped(sc, "no sandbox: " + problem), o);
  auto r = run_one(sc, o, listeners);
  gate.learn(sc, r);
  rerun_failed(r, o.rerun_failures, [&] { return run_one(sc, o).outcome; });
  return unless_required(std::move(r), o);
}

expect::case_result run_alone(const fixture::scenario& sc, const options& o) {
  sandbox_gate gate{sandbox::prepare_privileges()};
  return run_gated(sc, o, gate, {});
}

namespace {

// A case as its turn comes: the scenario, or (for a fixture read again that no longer loads) a
// stand-in named after its file and why it is the harness failing.
struct sourced_case {
  std::shared_ptr<const fixture::scenario> sc;
  std::string error;
};
using case_source = std::function<sourced_case(std::size_t)>;

expect::case_result errored(const fixture::scenario& sc, const std::string& why) {
  auto r = skipped(sc, "harness error: " + why);
  r.outcome = expect::verdict::error;
  return r;
}

expect::case_result run_sourced(const sourced_case& c, const options& o, sandbox_gate& gate,
                                const std::vector<report::listener*>& listeners) {
  if (!c.error.empty()) return errored(*c.sc, c.error);
  return run_gated(*c.sc, o, gate, listeners);
}

// The same, the watcher told as it begins and ends.
expect::case_result run_watched(std::size_t i, const sourced_case& c, const options& o,
                                sandbox_gate& gate,
                                const std::vector<report::listener*>& listeners) {
  if (o.watcher) o.watcher->case_began(i, *c.sc);
  auto r = run_sourced(c, o, gate, listeners);
  if (o.watcher) o.watcher->case_ended(i);
  return r;
}

// A case run on a thread of the pool: its result and, in the order they came, its steps, which
// the listeners hear on the calling thread once it is the case's turn.
struct pooled_case {
  std::shared_ptr<const fixture::scenario> sc;
  expect::case_result result;
  std::vector<std::pair<std::size_t, expect::step_record>> steps;
};

struct step_keeper : report::listener {
  std::vector<std::pair<std::size_t, expect::step_record>>& steps;
  explicit step_keeper(std::vector<std::pair<std::size_t, expect::step_record>>& s) : steps(s) {}
  void step_finished(const fixture::scenario&, std::size_t i, const expect::step_record& rec) override {
    steps.emplace_back(i, rec);
  }
};

void tell_finished(const std::vector<report::listener*>& listeners, report::summary& sum,
                   const expect::case_result& r) {
  count(sum, r.outcome);
  for (auto* l : listeners) l->case_finished(r);
}

void run_in_turn(std::size_t n, const case_source& at, const options& o, sandbox_gate& gate,
                 const std::vector<report::listener*>& listeners, report::summary& sum) {
  for (std::size_t i = 0; i < n; ++i) {
    auto c = at(i);
    for (auto* l : listeners) l->case_started(*c.sc);
    tell_finished(listeners, sum, run_watched(i, c, o, gate, listeners));
  }
}

// Cases on `o.jobs` threads, each in its own sandbox; the listeners hear them in the order
// given, every event of one case together.
void run_pooled(std::size_t n, const case_source& at, const options& o, sandbox_gate& gate,
                const std::vector<report::listener*>& listeners, report::summary& sum) {
  auto work = [&](std::size_t i) {
    auto c = at(i);
    pooled_case p{c.sc, {}, {}};
    step_keeper keeper{p.steps};
    p.result = run_watched(i, c, o, gate, {&keeper});
    return p;
  };
  auto take = [&](std::size_t, pooled_case& p) {
    for (auto* l : listeners) l->case_started(*p.sc);
    for (const auto& [step, rec] : p.steps)
      for (auto* l : listeners) l->step_finished(*p.sc, step, rec);
    tell_finished(listeners, sum, p.result);
  };
  run_ordered<pooled_case>(n, o.jobs, 4 * o.jobs + 16, work, take);
}

report::summary run_source(std::size_t n, const case_source& at, const options& o,
                           const std::vector<report::listener*>& listeners) {
  auto began = std::chrono::steady_clock::now();
  sandbox_gate gate{sandbox::prepare_privileges()};
  report::summary sum;
  for (auto* l : listeners) l->run_started(n);
  if (o.jobs <= 1 || n <= 1)
    run_in_turn(n, at, o, gate, listeners, sum);
  else
    run_pooled(n, at, o, gate, listeners, sum);
  sandbox::finish_closing();
  sum.wall = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - began);
  for (auto* l : listeners) l->run_finished(sum);
  return sum;
}

// What a case of a suite stands in for when its file no longer loads: the file, by name.
std::shared_ptr<fixture::scenario> stand_in(const std::string& file) {
  auto sc = std::make_shared<fixture::scenario>();
  sc->file = file;
  sc->name = sc->base_name = std::filesystem::path(file).stem().string();
  return sc;
}

}  // namespace

report::summary run_all(const std::vector<fixture::scenario>& scenarios, const options& o,
                        const std::vector<report::listener*>& listeners) {
  auto at = [&](std::size_t i) {
    // Not owned: the caller's scenarios outlive the run.
    return sourced_case{std::shared_ptr<const fixture::scenario>(std::shared_ptr<void>{}, &scenarios[i]), {}};
  };
  return run_source(scenarios.size(), at, o, listeners);
}

report::summary run_all(const fixture::suite& cases, const options& o,
                        const std::vector<report::listener*>& listeners) {
  auto at = [&](std::size_t i) {
    try {
      return sourced_case{std::make_shared<const fixture::scenario>(cases.load(i)), {}};
    } catch (const fixture::load_error& e) {
      return sourced_case{stand_in(cases.file_of(i)),
                          std::string("the fixture no longer loads: ") + e.what()};
    }
  };
  return run_source(cases.size(), at, o, listeners);
}

}  // namespace rstlab::runner
