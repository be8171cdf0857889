// The wire's own steps, carried out by the engine on the wire (no endpoint, no system call):
// partition cuts the wire (both ways, or one) until heal; release lets go of what a hold rule
// kept; enable and disable switch a rule on and off. `{ wire = "partition" }` ... `{ wire =
// "heal" }` is a cable pulled and plugged back: every segment in between is dropped.
// forge sends a host a segment as if its peer had sent it, its sequence number chosen against
// what the host expects next: exactly that (an RST then resets: RFC 5961 §3.2), inside the
// window but not exact (a challenge ACK instead), or far outside it (ignored); to both hosts at
// once it is a middlebox's reset. icmp sends a host a destination-unreachable quoting the last
// packet it sent (port unreachable during connect: ECONNREFUSED with no RST on the wire).
#include <stdexcept>
#include <string>
#include <string_view>

#include "cases/catalogue.hpp"
#include "harness/core/names.hpp"

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
constexpr std::string_view receivers[] = {"client", "server", "both"};
constexpr std::string_view seqs[] = {"exact", "in-window", "out-of-window"};
constexpr fixture::param_spec forge_params[] = {
    {"to", fixture::param_type::string, "client, server or both", receivers, true},
    {"flags", fixture::param_type::tcp_flags, "tcpdump's letters (default \"R\")"},
    {"seq", fixture::param_type::string, "exact (default), in-window or out-of-window", seqs},
    {"port", fixture::param_type::integer, "the connection's client port (default: the latest)",
     {}, false, 1, 65535},
};
constexpr std::string_view hosts[] = {"client", "server"};
constexpr std::string_view codes[] = {"net", "host", "protocol", "port", "admin-prohibited"};
constexpr fixture::param_spec icmp_params[] = {
    {"to", fixture::param_type::string, "client or server", hosts, true},
    {"code", fixture::param_type::string, "port (default), host, net, protocol or "
                                          "admin-prohibited", codes},
};

constexpr fixture::action_spec wire_spec(std::string_view name, std::string_view summary,
                                         std::span<const fixture::param_spec> params) {
  return {.name = name, .summary = summary, .params = params, .uses_socket = false,
          .produces = {k::ok}, .on_wire = true};
}

// A wire step that puts a packet on the wire, which lo can carry too.
constexpr fixture::action_spec sending_spec(std::string_view name, std::string_view summary,
                                            std::span<const fixture::param_spec> params,
                                            std::optional<fixture::family_need> (*needs)(
                                                const fixture::step&) = nullptr) {
  auto spec = wire_spec(name, summary, params);
  spec.on_lo = true;
  spec.needs_family = needs;
  return spec;
}

std::optional<fixture::family_need> icmp_family(const fixture::step& s) {
  if (s.text("code", "port") != "protocol") return std::nullopt;
  return fixture::family_need{core::family::v4,
                              "ICMPv6 has no protocol unreachable (IPv6 reports an unknown "
                              "protocol as a parameter problem)"};
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

wire::seq_choice seq_of(const fixture::step& s) {
  auto at = s.text("seq", "exact");
  if (at == "in-window") return wire::seq_choice::in_window;
  if (at == "out-of-window") return wire::seq_choice::out_of_window;
  return wire::seq_choice::exact;
}

void forge(wire_control& w, const fixture::step& s) {
  auto to = s.text("to", "client");
  auto flags = core::tcp_flags_from_letters(s.text("flags", "R")).value_or(0x04);
  std::optional<std::uint16_t> port;
  if (s.param("port")) port = static_cast<std::uint16_t>(s.integer("port", 0));
  for (auto h : core::hosts)
    if ((to == "both" || to == core::host_name(h)) && !w.forge(h, flags, seq_of(s), port))
      throw std::runtime_error("forge: the wire has carried no segment of that connection from "
                               "the " + std::string(core::host_name(core::other(h))) + " yet");
}

void icmp(wire_control& w, const fixture::step& s) {
  using u = wire::unreachable;
  auto code = s.text("code", "port");
  auto why = code == "net" ? u::net : code == "host" ? u::host : code == "protocol" ? u::protocol
           : code == "admin-prohibited" ? u::admin_prohibited : u::port;
  auto to = s.text("to", "client") == "server" ? core::host::server : core::host::client;
  if (!w.unreachable(to, why))
    throw std::runtime_error("icmp: the " + std::string(core::host_name(to)) +
                             " host has sent nothing an ICMP error could answer");
}

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
constexpr action forge_action{
    sending_spec("forge", "send a host a segment as if its peer had (an RST by default)",
              forge_params),
    nullptr, &forge};
constexpr action icmp_action{
    sending_spec("icmp", "send a host an ICMP destination unreachable", icmp_params,
                 &icmp_family),
    nullptr, &icmp};

}  // namespace rstlab::cases
