// The TCP sockets of the calling thread's network namespace, as the kernel's socket-diag
// netlink interface sees them: how many are left, and destroying them. A case's teardown uses
// it for the rare orphan that outlives the wire (its peer gone, a timer still pending), which
// would otherwise keep its namespace alive for minutes.
#pragma once

#include <linux/inet_diag.h>

#include <cstdint>
#include <optional>
#include <vector>

namespace rstlab::sandbox {

// One TCP socket of the namespace, as socket-diag lists it.
struct tcp_entry {
  std::uint8_t family = 0;  // AF_INET or AF_INET6
  int state = 0;            // TCP_ESTABLISHED ... (the kernel's numbering)
  std::uint16_t local_port = 0, peer_port = 0;
  inet_diag_sockid id{};
};

// The TCP sockets of the calling thread's namespace in the states of `states` (bit 1 << state;
// both families); nullopt with errno set when the kernel will not say. Asking for listeners
// only is cheap; any other state walks the kernel's whole table of connections, which is
// shared by every namespace and sized for the machine (about 2 ms per family here).
std::optional<std::vector<tcp_entry>> tcp_sockets(std::uint32_t states = ~0u);

// Destroys one socket as `ss -K` does (SOCK_DESTROY): its owner's calls fail with
// ECONNABORTED, and its peer gets an RST. 0, or the negative errno the kernel answered.
int destroy_tcp_socket(const tcp_entry& e);

// Destroys every TCP socket of the current namespace (SOCK_DESTROY); returns how many it
// destroyed, or -1 with errno set when the kernel offers no such interface
// (CONFIG_INET_DIAG_DESTROY off) or refuses.
int destroy_tcp_sockets();

}  // namespace rstlab::sandbox
