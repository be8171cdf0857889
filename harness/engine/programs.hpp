// How the engine turns a fixture's program endpoint into a process to start: this run's
// placeholder values, the command with them filled in, and when it starts.
#pragma once

#include <string>

#include "harness/endpoint/process.hpp"
#include "harness/fixture/model.hpp"
#include "harness/fixture/placeholders.hpp"
#include "harness/sandbox/sandbox.hpp"

namespace rstlab::engine {

// {server_addr}, {server_port}, {client_addr}, {family} and {fixture_dir} of this run.
fixture::placeholder_values placeholders_of(const fixture::scenario& sc, const sandbox::sandbox& sb);
// Whether either endpoint is a program or C++ code: only they use the placeholders (building
// them costs a case more than most steps do).
bool with_programs(const fixture::scenario& sc);

// The program's argv and environment (rstlab's own, with the fixture's `env` on top), filled in.
endpoint::launch launch_of(const fixture::program& p, const fixture::placeholder_values& values);

// A program whose fixture has a `start` step starts there; any other with the case.
bool starts_by_step(const fixture::scenario& sc, fixture::host h);

// "fixture.toml:12:11: the server program ./echo could not start: Exec format error".
std::string start_failure(const fixture::scenario& sc, fixture::host h, int err);

}  // namespace rstlab::engine
