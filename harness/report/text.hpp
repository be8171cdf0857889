// Plain-text pieces shared by the console reporter and `rstlab explain`.
#pragma once

#include <string>

#include "harness/expect/matcher.hpp"

namespace rstlab::report {

// One line per step: where it is, what it expected, what it got; steps that did not run too.
// With times, each step that ran ends with how long it took.
std::string steps_table(const expect::case_result& r, bool with_times = false);

// Every mismatch as "file:line:column: message", one per line.
std::string mismatch_lines(const expect::case_result& r);

// For a case whose rules draw at random: the seed and the command that makes the same draws
// ("random draws from seed 7; replay them: rstlab run --seed 7 FILE"); else empty.
std::string replay_line(const expect::case_result& r);

// The failure block: mismatches, the seed of a case that draws, the steps, the wire ladder and
// where the case's packets were written (with --pcap), each line indented.
std::string failure_block(const expect::case_result& r, const std::string& indent);

// Each program endpoint: its command, how it ended (or that it still ran at the end), and the
// last lines it wrote to stderr and stdout (with how much was past the cap); empty with none.
std::string programs_block(const expect::case_result& r, std::size_t lines = 10);

// The case's wire ladder, each fault rule named by its id (by its number without one).
std::string wire_ladder(const expect::case_result& r);

// "3.142 ms"
std::string milliseconds(std::chrono::microseconds us);

// The step ran and did what the fixture expects (a background step: it ran; its wait step
// carries the expectation).
bool step_ok(const fixture::step& s, const expect::step_record& rec);

// PASS, FAIL, SKIP, ERROR
const char* verdict_word(expect::verdict v);

}  // namespace rstlab::report
