// Kernel TCP counters of one host: the Tcp: rows of /proc/net/snmp and the TcpExt: rows of
// /proc/net/netstat, parsed from their text. Reading the files is the sandbox's job.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace rstlab::core {

using counter_map = std::map<std::string, std::int64_t, std::less<>>;

// Parses the header/value line pairs; keeps only the "Tcp:" and "TcpExt:" sections, merged.
// Throws std::runtime_error on text that does not have that shape.
counter_map parse_counters(std::string_view text);

// after - before, for every name in `after` (a name missing from `before` counts from 0).
counter_map delta(const counter_map& before, const counter_map& after);

// Which names a delta keeps though they did not move (the ones a fixture asserts).
using counter_filter = std::function<bool(std::string_view name)>;

// The same from the two texts, read in one pass: the kernel prints the same names in the same
// order each time, so only the moves are built, and the other sections are only matched
// header by header (a text of another shape is parsed in full, and refused if malformed).
// With `still`, only the names that moved and those `still` accepts are kept: most of the two
// hundred counters stand still in a case, and the engine records what was looked at.
counter_map delta(std::string_view before, std::string_view after,
                  const counter_filter& still = {});

}  // namespace rstlab::core
