// The wire's own steps, carried out by the engine on the wire (no endpoint, no system call):
// partition cuts the wire (both ways, or one) until heal; release lets go of what a hold rule
// kept; enable and disable switch a rule on and off. `{ wire = "partition" }` ... `{ wire =
// "heal" }` is a cable pulled and plugged back: every segment in between is dropped.
#include <string_view>

#include "cases/catalogue.hpp"

namespace rstlab::cases {
namespace {

using k = core::outcome::kind;

constexpr std::string_view directions[] = {"both", "to_server", "to_client"};
constexpr fixture::param_spec cut_params[] = {
    {"direction", fixture::param_type::string, "both (default), to_server or to_client",
     directions},
};
constexpr fixture::param_spec rule_params[] = {
    {"rule", fixture::param_type::string, "the id of a [[wire.rule]]", {}, true},
};

constexpr fixture::action_spec wire_spec(std::string_view name, std::string_view summary,
                                         std::span<const fixture::param_spec> params) {
  return {.name = name, .summary = summary, .params = params, .uses_socket = false,
          .produces = {k::ok}, .on_wire = true};
}

std::optional<core::direction> direction_of(const fixture::step& s) {
  auto d = s.text("direction", "both");
  if (d == "to_server") return core::direction::to_server;
  if (d == "to_client") return core::direction::to_client;
  return std::nullopt;
}

void partition(wire_control& w, const fixture::step& s) { w.partition(direction_of(s)); }
void heal(wire_control& w, const fixture::step& s) { w.heal(direction_of(s)); }
void release(wire_control& w, const fixture::step& s) { w.release(s.text("rule", "")); }
void enable(wire_control& w, const fixture::step& s) { w.set_active(s.text("rule", ""), true); }
void disable(wire_control& w, const fixture::step& s) { w.set_active(s.text("rule", ""), false); }

}  // namespace

constexpr action partition_action{
    wire_spec("partition", "drop every segment (both ways, or `direction`) until heal",
              cut_params),
    nullptr, &partition};
constexpr action heal_action{
    wire_spec("heal", "end a partition (both ways, or `direction`)", cut_params), nullptr, &heal};
constexpr action release_action{
    wire_spec("release", "deliver what the hold rule `rule` kept, in order", rule_params),
    nullptr, &release};
constexpr action enable_action{wire_spec("enable", "switch the rule `rule` on", rule_params),
                               nullptr, &enable};
constexpr action disable_action{wire_spec("disable", "switch the rule `rule` off", rule_params),
                                nullptr, &disable};

}  // namespace rstlab::cases
