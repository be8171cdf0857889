// The wire trace drawn as a ladder between the two hosts, one line per segment, with sequence
// numbers relative to each side's first one (as tcpdump prints them) and every RST marked.
#pragma once

#include <span>
#include <string>

#include "harness/wire/codec.hpp"

namespace rstlab::wire {

std::string ladder(std::span<const segment> trace);

}  // namespace rstlab::wire
