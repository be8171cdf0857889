// Reporters are listeners: the runner tells them what happens, each prints it its own way.
#pragma once

#include <chrono>
#include <cstddef>

#include "harness/expect/matcher.hpp"

namespace rstlab::report {

struct summary {
  std::size_t passed = 0, failed = 0, errors = 0, skipped = 0, flaky = 0;
  std::chrono::microseconds wall{0};
  std::size_t total() const { return passed + failed + errors + skipped + flaky; }
};

class listener {
 public:
  virtual ~listener() = default;
  virtual void run_started(std::size_t /*cases*/) {}
  virtual void case_started(const fixture::scenario&) {}
  // As each step's result is known (the first run only, when a case is repeated).
  virtual void step_finished(const fixture::scenario&, std::size_t /*step*/,
                             const expect::step_record&) {}
  virtual void case_finished(const expect::case_result&) {}
  virtual void run_finished(const summary&) {}
};

// Hears each case begin and end on the thread that runs it (with -j, a thread of the pool),
// before the listeners hear the case in its turn: what a live view of the run needs. `index` is
// the case's place in the run. Must be safe to call from several threads at once.
class case_watcher {
 public:
  virtual ~case_watcher() = default;
  virtual void case_began(std::size_t index, const fixture::scenario&) = 0;
  virtual void case_ended(std::size_t index) = 0;
};

}  // namespace rstlab::report
