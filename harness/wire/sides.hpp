// Who sent a packet seen on lo. In the loopback topology both endpoints share 127.0.0.1 (or
// ::1), so addresses cannot tell the client host from the server host: the connection's first
// SYN does. Its sender's port is the client's; a segment of a connection whose SYN was not seen
// (an RST answering a SYN to a closed port is still after that SYN) falls back to the service
// port: whoever sends from it is the server. Pure.
#pragma once

#include <cstdint>
#include <map>
#include <utility>

#include "harness/wire/codec.hpp"

namespace rstlab::wire {

class loopback_sides {
 public:
  explicit loopback_sides(std::uint16_t service_port) : service_port_(service_port) {}

  // The direction of `s` (the client host's sending is to_server), learning from its SYN.
  direction of(const segment& s);

 private:
  std::uint16_t service_port_;
  std::map<std::pair<std::uint16_t, std::uint16_t>, std::uint16_t> client_port_;  // by port pair
};

}  // namespace rstlab::wire
