// Runs one case: builds its sandbox, runs the endpoints' steps in file order on one
// single-threaded io_context while the wire forwards and records every packet, and returns
// what happened. Judging it is the matcher's job. No Asio in this header.
#pragma once

#include "harness/expect/record.hpp"
#include "harness/fixture/model.hpp"
#include "harness/sandbox/sandbox.hpp"

namespace rstlab::engine {

struct options {
  double timeout_scale = 1.0;  // multiplies every step and case deadline
  sandbox::options sandbox;
};

// Blocks SIGPIPE in the calling thread, so steps can observe it instead of dying of it.
void block_sigpipe();

// Throws sandbox::unavailable when no sandbox can be built; other exceptions are harness bugs.
expect::run_record run_case(const fixture::scenario& sc, const options& opts);

}  // namespace rstlab::engine
