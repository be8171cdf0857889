// What one run of a case produced, as plain values: the engine fills it in, the matcher judges
// it, the reporters print it.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "harness/core/counters.hpp"
#include "harness/core/outcome.hpp"
#include "harness/wire/codec.hpp"

namespace rstlab::expect {

struct step_record {
  bool ran = false;
  core::observation obs;
  std::chrono::microseconds started{0};  // since the case began
};

// A program endpoint, as the case saw it: what ran, how it ended, what it wrote.
struct program_record {
  std::string command;  // its arguments as run (placeholders filled in), joined by spaces
  int pid = 0;          // of its last start
  unsigned starts = 0;  // how often it was started (a `start` step starts it again)
  // How its last start ended by itself; nullopt when it still ran as the case ended, and
  // rstlab killed its process group.
  std::optional<core::outcome> end;
  std::string out, err;  // its stdout and stderr, the first output::default_cap bytes of each
  std::size_t out_dropped = 0, err_dropped = 0;  // bytes past that, not kept
};

// Where a case's time went: the moment (since the case began) each phase ended; zero for a
// phase the case never reached. The sandbox built; the engine ready (settings applied,
// counters read, the wire running); the steps over; the case concluded (wire settled,
// counters read again). Teardown runs from then to `elapsed`.
struct phase_marks {
  std::chrono::microseconds built{0}, ready{0}, ran{0}, concluded{0};
};

struct run_record {
  std::vector<step_record> steps;             // one per step of the scenario, in file order
  std::vector<wire::segment> trace;           // every TCP segment that crossed the wire
  // The bytes of each trace entry, by the same index, when the run kept them
  // (engine::options::keep_packets); else empty.
  std::vector<std::vector<std::uint8_t>> packets;
  std::array<core::counter_map, 2> counters;  // per host: how much each counter moved
  std::array<std::optional<program_record>, 2> programs;  // per host that is a program
  // Per host, the TCP settings in force (only when the run asked for them: `explain`).
  std::array<std::map<std::string, std::string>, 2> settings;
  std::string aborted;  // why the case stopped early (its deadline passed); empty if it did not
  std::string error;    // a harness failure that ended the case: the verdict is ERROR
  // Why no sandbox could be built for the case (error says so too); empty once one was.
  std::string no_sandbox;
  // The seed the case's random draws came from; none when no rule draws.
  std::optional<std::uint64_t> seed;
  std::chrono::microseconds elapsed{0};
  phase_marks phases;
  // When the case began, on the wall clock: the moment trace and step times count from.
  std::chrono::system_clock::time_point started;
};

}  // namespace rstlab::expect
