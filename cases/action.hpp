// The shape every action in cases/ shares. An action is a plain function that makes its
// syscalls and either finishes (with the raw result and errno captured at once) or says it is
// blocked; the engine calls it again when the network or a timer has moved. Nothing here knows
// about Asio: the engine owns the waiting.
#pragma once

#include <netinet/in.h>

#include <chrono>
#include <map>
#include <optional>
#include <span>
#include <string>

#include "harness/core/outcome.hpp"
#include "harness/fixture/action_spec.hpp"
#include "harness/fixture/model.hpp"

namespace rstlab::cases {

using clock = std::chrono::steady_clock;

struct socket_slot {
  int fd = -1;
  bool blocking = true;  // emulated: every fd is O_NONBLOCK, the engine does the waiting
};

// One endpoint: the host it runs on and the sockets it holds, by name.
struct endpoint_state {
  fixture::host host = fixture::host::client;
  int netns_fd = -1;   // the host's network namespace: sockets are created inside it
  in_addr self{};      // this host's address
  in_addr peer{};      // the other host's address
  std::uint16_t service_port = 8000;
  std::map<std::string, socket_slot> sockets;

  socket_slot* find(const std::string& name);
  void close_all();
};

// Scratch space of one step across its attempts.
struct step_state {
  clock::time_point started;
  int phase = 0;   // action-defined progress marker
  long moved = 0;  // bytes moved so far by a blocking transfer
  bool timeout_armed = false;                    // SO_RCVTIMEO / SO_SNDTIMEO emulation:
  std::optional<clock::time_point> gives_up_at;  // when the blocked call returns by itself
};

struct attempt {
  std::optional<core::observation> result;   // set once the step has finished
  std::optional<clock::time_point> wake_at;  // when blocked: try again at this time too

  static attempt finished(core::outcome actual, long ret, int err);
  static attempt blocked(std::optional<clock::time_point> wake_at = std::nullopt);
};

using run_fn = attempt (*)(endpoint_state&, const fixture::step&, step_state&);

struct action {
  fixture::action_spec spec;
  run_fn run = nullptr;
};

// The catalogue, in one explicit table (cases/registry.cpp).
std::span<const action> registry();
std::span<const fixture::action_spec> specs();
const action* find(std::string_view name);

}  // namespace rstlab::cases
