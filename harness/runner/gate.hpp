// Whether this machine can build each kind of sandbox (family, and loopback or not), learned
// from the first case of that kind rather than from a trial sandbox built first: a case whose
// sandbox could not be built before any of its kind was is skipped, with the reason, and so is
// every later case of that kind, untried. Once one was built, a sandbox that cannot be built is
// the harness failing (ERROR), never a skip. Safe to share between threads.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "harness/expect/matcher.hpp"

namespace rstlab::runner {

class sandbox_gate {
 public:
  // `privileges`: why this process cannot create namespaces at all (empty when it can).
  explicit sandbox_gate(std::string privileges = {}) : privileges_(std::move(privileges)) {}

  // Why cases like `sc` cannot run here, once known; empty when they may be tried.
  std::string problem(const fixture::scenario& sc) const;
  // Learns from a case's first run, and makes it a skip if it was the first of its kind
  // and found no sandbox.
  void learn(const fixture::scenario& sc, expect::case_result& r);

 private:
  using kind = std::pair<core::family, bool>;
  static kind kind_of(const fixture::scenario& sc) { return {sc.family, sc.loopback}; }

  std::string privileges_;
  mutable std::mutex mutex_;
  std::map<kind, std::string> unavailable_;  // why, for kinds whose first sandbox failed
  std::map<kind, bool> built_;               // kinds of which one sandbox was built
};

}  // namespace rstlab::runner
