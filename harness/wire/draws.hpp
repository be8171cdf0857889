// The wire's random choices, made replayable: a probabilistic rule's draw for its n-th match is
// a pure function of the run's seed, the case's name, the rule's place in the file and n. No
// generator state runs from one draw to the next, so a draw depends neither on timing nor on
// which cases ran before, and every run of a case under one seed makes the same draws. Pure.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace rstlab::wire {

// The key of one case's draws: the run's seed mixed with the case's name.
std::uint64_t draw_key(std::uint64_t seed, std::string_view case_name);

// Uniform in [0, 1): the draw for the `match`-th match (1 is the first) of rule `rule` (its
// index in the fixture's rules).
double draw(std::uint64_t key, std::size_t rule, std::uint32_t match);

}  // namespace rstlab::wire
