// Runs cases and tells the listeners what happens: one case, or many one after another, each
// as often as asked. Whether a sandbox can be built here the first case of each kind tells
// (gate.hpp): if not, every case of that kind is skipped with the reason (ERROR instead when a
// sandbox is required), never passed. The CLI, the tests and a program embedding rstlab share
// this.
#pragma once

#include <string>
#include <vector>

#include "harness/engine/engine.hpp"
#include "harness/expect/matcher.hpp"
#include "harness/fixture/suite.hpp"
#include "harness/report/listener.hpp"
#include "harness/runner/gate.hpp"

namespace rstlab::runner {

struct options {
  engine::options engine;
  // Runs of each case (--repeat). With more than one, a case whose observations change
  // between runs fails, naming what changed, even when every run passed.
  unsigned repeat = 1;
  // Cases run at once (-j), each in its own sandbox on a thread of its own; the listeners
  // still hear them one at a time, in the order given, with the same verdicts as one at a time.
  unsigned jobs = 1;
  // A case that fails is run again up to this many times (--rerun-failures); one that then
  // passes is FLAKY, counted apart, never PASS. 0: failures are not rerun.
  unsigned rerun_failures = 0;
  // Where each case's packets are written (--pcap), one pcapng file per case variant named
  // "<name>-<variant>.pcap" (write-after-rst-v6.pcap, rst-inside-close-lo-v4.pcap); empty:
  // none. A repeated case's file holds its last run: the first that did not pass, or the last
  // of all when every run passed. A file that cannot be
  // written makes its case ERROR: try the folder first (capture_dir_problem, capture.hpp).
  std::string pcap_dir;
  // A case that finds no sandbox here is ERROR (the harness failed) instead of SKIP
  // (--require-sandbox, RSTLAB_REQUIRE_SANDBOX=1): a CI gate must never pass on skips.
  bool require_sandbox = false;
  // Told as each case begins and ends, on the thread that runs it (a live progress line);
  // null: nobody.
  report::case_watcher* watcher = nullptr;
};

// Every scenario in order; the summary counts the verdicts.
report::summary run_all(const std::vector<fixture::scenario>& scenarios, const options& o,
                        const std::vector<report::listener*>& listeners);

// Every case of a planned suite in order, each read from its file as its turn comes (at most
// a few in memory at once); one whose file no longer loads is an ERROR.
report::summary run_all(const fixture::suite& cases, const options& o,
                        const std::vector<report::listener*>& listeners);

// One scenario as a run of its own (`explain`): skipped, with the reason, when no sandbox can
// be built for it here. Call before the process starts threads.
expect::case_result run_alone(const fixture::scenario& sc, const options& o);

// One scenario unless the gate already knows its kind of sandbox cannot be built here; what its
// first run finds out, the gate learns (gate.hpp).
expect::case_result run_gated(const fixture::scenario& sc, const options& o, sandbox_gate& gate,
                              const std::vector<report::listener*>& listeners = {});

// One scenario, `o.repeat` times, judged; the listeners hear its steps and its end.
expect::case_result run_one(const fixture::scenario& sc, const options& o,
                            const std::vector<report::listener*>& listeners = {});

// The result of a case that could not run: skipped, with the reason.
expect::case_result skipped(const fixture::scenario& sc, const std::string& why);

}  // namespace rstlab::runner
