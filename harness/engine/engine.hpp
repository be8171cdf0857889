// Runs one case: builds its sandbox, runs each endpoint's steps as real system calls on worker
// threads inside the hosts, while this thread drives the timeline and the wire forwards and
// records every packet, and returns what happened. Judging it is the matcher's job. No Asio in
// this header.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>

#include "harness/endpoint/code_run.hpp"
#include "harness/expect/record.hpp"
#include "harness/fixture/model.hpp"
#include "harness/sandbox/sandbox.hpp"

namespace rstlab::engine {

struct options {
  double timeout_scale = 1.0;     // multiplies every step and case deadline
  bool capture_settings = false;  // record each host's TCP settings (for `explain`)
  // Record how every counter of both hosts moved; otherwise only those of a host whose
  // fixture asserts some of its counters are read (run_record::counters stays empty for the other).
  bool all_counters = false;
  bool keep_packets = false;      // keep each traced packet's bytes (run_record::packets)
  // With the case's name, decides the draws of rules with a `probability` (wire/draws.hpp).
  std::uint64_t seed = 0;
  sandbox::options sandbox;
  // By host: the C++ code that is the endpoint where the fixture says `code = true` (the C++
  // API's lab); such a case without its code is a harness failure.
  std::array<endpoint::code_fn, 2> code;
};

// Called on the calling thread as each step's result is known, in the order they finish.
using step_observer = std::function<void(std::size_t step, const expect::step_record&)>;

// Never throws for what a case does: a harness failure (no sandbox, a broken wire, an action
// that threw) ends the case at once and is returned in run_record::error with the steps that
// ran. The calling thread's signal mask is left as it was.
expect::run_record run_case(const fixture::scenario& sc, const options& opts,
                            const step_observer& on_step = {});

}  // namespace rstlab::engine
