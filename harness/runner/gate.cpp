#include "harness/runner/gate.hpp"

namespace rstlab::runner {

std::string sandbox_gate::problem(const fixture::scenario& sc) const {
  if (!privileges_.empty()) return privileges_;
  std::lock_guard lock{mutex_};
  auto it = unavailable_.find(kind_of(sc));
  return it == unavailable_.end() ? std::string{} : it->second;
}

void sandbox_gate::learn(const fixture::scenario& sc, expect::case_result& r) {
  std::lock_guard lock{mutex_};
  auto k = kind_of(sc);
  if (r.record.no_sandbox.empty()) {
    built_[k] = true;
    return;
  }
  if (built_.contains(k)) return;  // one was built before: this is the harness failing
  unavailable_.emplace(k, r.record.no_sandbox);
  r.outcome = expect::verdict::skip;
  r.mismatches.clear();
  r.note = "no sandbox: " + r.record.no_sandbox;
}

}  // namespace rstlab::runner
