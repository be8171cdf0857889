// The actions table the fuzz target loads fixtures against: the kinds of spec cases/ has (a
// read-like action with ranges, poll bits, a TCP state, a reported value, rules tying
// parameters together, socket effects, an accept that makes a second socket, the timeline's
// wait), so that every path of the loader is reachable without linking cases/.
#pragma once

#include <span>

#include "harness/fixture/action_spec.hpp"

namespace rstlab::fuzz {

std::span<const fixture::action_spec> actions();

}  // namespace rstlab::fuzz
