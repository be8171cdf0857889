#include "harness/wire/sides.hpp"

#include <algorithm>

namespace rstlab::wire {

direction loopback_sides::of(const segment& s) {
  auto key = std::minmax(s.sport, s.dport);
  if (s.has(flag::syn) && !s.has(flag::ack)) client_port_[key] = s.sport;
  auto known = client_port_.find(key);
  if (known != client_port_.end())
    return known->second == s.sport ? direction::to_server : direction::to_client;
  return s.sport == service_port_ ? direction::to_client : direction::to_server;
}

}  // namespace rstlab::wire
