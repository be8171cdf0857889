// A case's wire as a sequence diagram, in SVG for the HTML report: the two hosts as vertical
// lines with the wire between them, time going down, one arrow per segment from its sender to
// its receiver, labelled with its flags and relative numbers. An RST is red and marked "RST";
// a segment the wire dropped, held, delayed or reordered stops at the wire (a cross for a
// drop, a box for the others); one the wire let go later, made or copied, and an ICMP error
// it made, starts there. Pure.
#pragma once

#include <string>

#include "harness/expect/matcher.hpp"

namespace rstlab::report {

// <svg ...>...</svg>, one <g class="segment ..."> per trace entry in order (data-fate,
// data-sender, data-rst), or a line saying no segment crossed the wire.
std::string sequence_diagram(const expect::case_result& r);

}  // namespace rstlab::report
