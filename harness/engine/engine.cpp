#include "harness/engine/engine.hpp"

#include <exception>
#include <optional>

#include "harness/sandbox/affinity.hpp"
#include "harness/engine/driver.hpp"

namespace rstlab::engine {

expect::run_record run_case(const fixture::scenario& sc, const options& opts,
                            const step_observer& on_step) {
  sandbox::case_cpu one_cpu;  // the case's threads share it (see affinity.hpp)
  auto began = std::chrono::steady_clock::now();
  auto wall = std::chrono::system_clock::now();
  expect::run_record rec;
  std::optional<sandbox::sandbox> sb;
  try {
    auto so = opts.sandbox;
    so.family = sc.family;
    so.loopback = sc.loopback;
    sb.emplace(so);
  } catch (const sandbox::unavailable& e) {
    rec.no_sandbox = e.what();
    rec.error = std::string("the sandbox failed: ") + e.what();
  } catch (const std::exception& e) {
    rec.error = std::string("the sandbox failed: ") + e.what();
  }
  auto built = since(began);
  try {
    if (sb) rec = drive(*sb, sc, opts, on_step, began);
  } catch (const std::exception& e) {
    rec.error = std::string("the engine failed: ") + e.what();
  }
  if (sb) rec.phases.built = built;
  sb.reset();  // its teardown is part of the case's time
  rec.steps.resize(sc.steps.size());
  rec.started = wall;
  if (sc.draws_at_random()) rec.seed = opts.seed;
  rec.elapsed = since(began);
  return rec;
}

}  // namespace rstlab::engine
