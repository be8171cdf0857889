// The wire trace drawn as a ladder between the two hosts, one line per segment, with sequence
// numbers relative to each side's first one (as tcpdump prints them) and every RST marked.
#pragma once

#include <map>
#include <span>
#include <string>
#include <vector>

#include "harness/wire/codec.hpp"

namespace rstlab::wire {

// One line per segment event. `rules` names the fault rules a segment's fate refers to (by
// index: each rule's id, or "rule N"); a fate other than forwarded is marked on its line.
// `marks` adds a note to the line of a segment (by its index in the trace).
std::string ladder(std::span<const segment> trace, std::span<const std::string> rules = {},
                   const std::map<std::size_t, std::string>& marks = {});

// Each segment's numbers as the ladder prints them, by index: "seq 1 ack 1" (relative to each
// side's first; a new SYN on the same ports starts again).
std::vector<std::string> relative_numbers(std::span<const segment> trace);

}  // namespace rstlab::wire
