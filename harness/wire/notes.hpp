// What the wire did with a packet, in words: the ladder marks its lines with them and a
// capture file carries them as packet comments, so both say the same thing the same way.
// Pure.
#pragma once

#include <span>
#include <string>

#include "harness/wire/codec.hpp"

namespace rstlab::wire {

// "dropped by rule 'lose-synack'", "held by rule 2" (a rule without an id, by its number),
// "dropped by the partition", "released by rule 'synack'", "delivered late by rule 1",
// "forged by the wire"; empty for a segment simply forwarded. `rules` holds each fault
// rule's id by index (empty for a rule without one).
std::string fate_text(const segment& s, std::span<const std::string> rules);

// An ICMP error the wire made, who it went to and why: "ICMP unreachable (port) to the
// client host", "ICMPv6 unreachable (admin-prohibited) to the server host".
std::string icmp_text(const segment& s);

}  // namespace rstlab::wire
