#include "harness/engine/engine.hpp"

#include <exception>

#include "harness/engine/driver.hpp"

namespace rstlab::engine {

expect::run_record run_case(const fixture::scenario& sc, const options& opts,
                            const step_observer& on_step) {
  auto began = std::chrono::steady_clock::now();
  expect::run_record rec;
  try {
    sandbox::sandbox sb{opts.sandbox};
    rec = drive(sb, sc, opts, on_step, began);
  } catch (const std::exception& e) {
    rec.error = std::string("the sandbox failed: ") + e.what();
  }
  rec.steps.resize(sc.steps.size());
  rec.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - began);
  return rec;
}

}  // namespace rstlab::engine
