// The shape every action in cases/ shares. An action is a plain function that makes its real
// system calls on a worker thread already inside its host's network namespace, blocking as the
// kernel blocks, and returns the raw result with errno captured at once. The engine owns the
// deadlines (a call still blocked at its step's deadline is interrupted: see perform()).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "harness/core/address.hpp"
#include "harness/core/host.hpp"
#include "harness/core/outcome.hpp"
#include "harness/endpoint/socket_table.hpp"
#include "harness/fixture/action_spec.hpp"
#include "harness/fixture/model.hpp"
#include "harness/fixture/placeholders.hpp"
#include "harness/wire/attempts.hpp"
#include "harness/wire/flows.hpp"

namespace rstlab::endpoint {
class program;
}

namespace rstlab::cases {

// What an action may use: where it runs and the endpoint's sockets.
struct context {
  core::host host = core::host::client;
  core::ip_address self;  // this host's address
  core::ip_address peer;  // the other host's address
  std::uint16_t service_port = 8000;
  endpoint::socket_table& sockets;
  // An eventfd the wire signals after every batch of packets it forwards: a wait on a condition
  // no socket wake-up announces (a window the peer closed, say) watches it too. -1: none.
  int wire_ticks = -1;
  // The host's program, when the fixture makes it one (program steps act on it); else null.
  endpoint::program* program = nullptr;
  // Every connection attempt the wire has seen, and when the case began (attempt times count
  // from then).
  const wire::attempt_log* attempts = nullptr;
  std::chrono::steady_clock::time_point began{};
  // This run's values of {server_port}, {server_addr}, ...
  const fixture::placeholder_values* placeholders = nullptr;
};

using run_fn = core::observation (*)(context&, const fixture::step&);

// What a wire step may do to the wire; the engine's wire implements it.
class wire_control {
 public:
  virtual ~wire_control() = default;
  virtual void partition(std::optional<core::direction> d) = 0;  // nullopt: both ways
  virtual void heal(std::optional<core::direction> d) = 0;
  virtual void release(const std::string& rule) = 0;
  virtual void set_active(const std::string& rule, bool on) = 0;
  // A segment `to` receives as if its peer had sent it, on the connection with this client
  // port (the latest when not given); false when the wire has seen no such connection.
  virtual bool forge(core::host to, std::uint8_t flags, wire::seq_choice at,
                     std::optional<std::uint16_t> client_port) = 0;
  // ICMP (or ICMPv6) destination unreachable for `why` to `to`, quoting the last packet it
  // sent; false when it has sent nothing yet. Throws when the case's family has no such code.
  virtual bool unreachable(core::host to, wire::unreachable why) = 0;
};
// Throws std::runtime_error when the wire cannot do it (nothing to forge against).
using wire_fn = void (*)(wire_control&, const fixture::step&);

struct action {
  fixture::action_spec spec;
  run_fn run = nullptr;       // an endpoint's call; nullptr for a wait or a wire step
  wire_fn on_wire = nullptr;  // a wire step's effect on the wire
};

// The catalogue, in one explicit table (cases/registry.cpp).
std::span<const action> registry();
std::span<const fixture::action_spec> specs();
const action* find(std::string_view name);

// Runs one step's action on the calling worker thread the way every step runs: pending
// SIGPIPE and interrupts cleared first, the interrupt signal let through only during the call,
// and the SIGPIPE the call raised (if any) taken afterwards. An exception escapes: it is a
// harness failure, not an outcome.
core::observation perform(const action& a, context& ctx, const fixture::step& s);

}  // namespace rstlab::cases
