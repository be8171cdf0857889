// kill-socket: destroy the host's TCP sockets from outside, as `ss -K` does: socket-diag's
// SOCK_DESTROY, which calls tcp_abort(). The owner (rstlab's endpoint or a program's) sees
// ECONNABORTED from its blocked or next call, then 0 from read and EPIPE (with SIGPIPE) from
// write; the kernel sends the peer an RST, so the peer's read gets ECONNRESET. Measured on Linux
// 6.18 with a C program in two namespaces, and with ss -K as an unprivileged user inside a user
// namespace of its own (SOCK_DESTROY asks for CAP_NET_ADMIN over the namespace, which its
// owner has). Which sockets: those in `state` (ESTABLISHED unless told; "any" for all) with
// local port `port` and peer port `peer_port`, when given. Reports how many it destroyed (a
// value: `expect = 1`).
#include <netinet/tcp.h>

#include "cases/catalogue.hpp"
#include "cases/support.hpp"
#include "harness/core/names.hpp"
#include "harness/sandbox/sock_diag.hpp"

namespace rstlab::cases {
namespace {

using k = core::outcome::kind;

constexpr fixture::param_spec params[] = {
    {"state", fixture::param_type::string, "the TCP state of the sockets (ESTABLISHED), or any"},
    {"port", fixture::param_type::integer, "only sockets with this local port", {}, false, 1, 65535},
    {"peer_port", fixture::param_type::integer, "only sockets with this peer port", {}, false, 1,
     65535},
};

std::string check(const fixture::step& s) {
  auto state = s.text("state", "ESTABLISHED");
  if (state == "any" || core::tcp_state_from_name(state)) return {};
  return "unknown TCP state '" + state + "' for 'state'; use a state such as ESTABLISHED, or any";
}

bool wanted(const sandbox::tcp_entry& e, const fixture::step& s) {
  auto state = s.text("state", "ESTABLISHED");
  if (state != "any" && e.state != *core::tcp_state_from_name(state)) return false;
  if (s.param("port") && e.local_port != s.integer("port", 0)) return false;
  return !s.param("peer_port") || e.peer_port == s.integer("peer_port", 0);
}

std::uint32_t states_of(const fixture::step& s) {
  auto state = s.text("state", "ESTABLISHED");
  return state == "any" ? ~0u : 1u << *core::tcp_state_from_name(state);
}

core::observation run(context&, const fixture::step& s) {
  auto table = sandbox::tcp_sockets(states_of(s));
  if (!table) return status_result(-1, errno);
  long destroyed = 0;
  for (const auto& e : *table) {
    if (!wanted(e, s)) continue;
    int r = sandbox::destroy_tcp_socket(e);
    if (r == -ENOENT) continue;  // gone in between
    if (r < 0) return status_result(-1, -r);
    ++destroyed;
  }
  return value_result(destroyed);
}

}  // namespace

constexpr action kill_socket_action{
    {.name = "kill-socket",
     .summary = "destroy the host's sockets from outside (ss -K): the owner gets ECONNABORTED",
     .params = params, .expects = fixture::expect_kind::value, .expect_required = true,
     .uses_socket = false, .produces = {k::value, k::error}, .on = fixture::runs_on::either, .check = &check},
    &run};

}  // namespace rstlab::cases
