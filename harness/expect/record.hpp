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

struct run_record {
  std::vector<step_record> steps;             // one per step of the scenario, in file order
  std::vector<wire::segment> trace;           // every TCP segment that crossed the wire
  // The bytes of each trace entry, by the same index, when the run kept them
  // (engine::options::keep_packets); else empty.
  std::vector<std::vector<std::uint8_t>> packets;
  std::array<core::counter_map, 2> counters;  // per host: how much each counter moved
  // Per host, the TCP settings in force (only when the run asked for them: `explain`).
  std::array<std::map<std::string, std::string>, 2> settings;
  std::string aborted;  // why the case stopped early (its deadline passed); empty if it did not
  std::string error;    // a harness failure that ended the case: the verdict is ERROR
  // Why no sandbox could be built for the case (error says so too); empty once one was.
  std::string no_sandbox;
  // The seed the case's random draws came from; none when no rule draws.
  std::optional<std::uint64_t> seed;
  std::chrono::microseconds elapsed{0};
  // When the case began, on the wall clock: the moment trace and step times count from.
  std::chrono::system_clock::time_point started;
};

}  // namespace rstlab::expect
