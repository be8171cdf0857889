// The engine's shell around the timeline's decisions: one io_context on the calling thread
// runs the wire and carries out what the sequencer says (start a step on a worker, interrupt
// it, settle the wire, watch a background call fall asleep, wait), while the workers make the
// calls. No Asio in this header.
#pragma once

#include <chrono>

#include "harness/engine/engine.hpp"

namespace rstlab::engine {

// The time since `t`, in the microseconds a record counts in.
inline std::chrono::microseconds since(std::chrono::steady_clock::time_point t) {
  using namespace std::chrono;
  return duration_cast<microseconds>(steady_clock::now() - t);
}

// Runs the case's steps in `sb` and returns the record: steps, trace, counters, and any
// harness failure. Every call has returned and every socket is gone when it returns.
expect::run_record drive(sandbox::sandbox& sb, const fixture::scenario& sc, const options& opts,
                         const step_observer& on_step,
                         std::chrono::steady_clock::time_point began);

}  // namespace rstlab::engine
