// The verdict: compares what a run produced with what its fixture expects, and explains every
// difference with the fixture line that asked for it. Pure: no sockets, no Asio.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "harness/expect/record.hpp"
#include "harness/fixture/model.hpp"

namespace rstlab::expect {

struct mismatch {
  mismatch(fixture::source_pos p, std::optional<std::size_t> s, std::string m,
           std::optional<std::size_t> seg = {})
      : pos(p), step(s), message(std::move(m)), segment(seg) {}

  fixture::source_pos pos;             // the fixture line that asked for what did not happen
  std::optional<std::size_t> step;     // index of the step, when a step is at fault
  std::string message;                 // "step 9 (client read): expected ..., got ..."
  std::optional<std::size_t> segment;  // index in the trace, when a segment is at fault
};

// error: the harness itself failed (no sandbox after the start, a broken wire, an action that
// threw); the case proves nothing either way. skip: no sandbox can be built on this machine.
// flaky: failed, then passed when run again (--rerun-failures); the result is the failed run's.
enum class verdict { pass, fail, skip, error, flaky };

struct case_result {
  const fixture::scenario* sc = nullptr;
  verdict outcome = verdict::skip;
  run_record record;
  std::vector<mismatch> mismatches;
  std::string note;  // why it was skipped, or what broke (verdict error)
  std::string capture;  // the pcapng file holding the case's packets (--pcap), if written
};

// True when `actual` is one of `expected` (an expected `ok` also accepts a positive count).
bool matches(const std::vector<core::outcome>& expected, const core::outcome& actual);

// Every difference between the run and the fixture, steps first in file order.
std::vector<mismatch> check(const fixture::scenario& sc, const run_record& run);

// Judges a run: error when the harness failed, else pass when nothing differs.
case_result judge(const fixture::scenario& sc, run_record run);

// "any of ok, eof": how an expected set reads in a message.
std::string describe_expected(const std::vector<core::outcome>& expected);

// "step 9 (client read)": how a step is named in messages.
std::string step_label(const fixture::scenario& sc, std::size_t index);

}  // namespace rstlab::expect
