// The TCP sockets of the calling thread's network namespace, as the kernel's socket-diag
// netlink interface sees them: how many are left, and destroying them. A case's teardown uses
// it for the rare orphan that outlives the wire (its peer gone, a timer still pending), which
// would otherwise keep its namespace alive for minutes.
#pragma once

namespace rstlab::sandbox {

// Destroys every TCP socket of the current namespace (SOCK_DESTROY); returns how many it
// destroyed, or -1 with errno set when the kernel offers no such interface
// (CONFIG_INET_DIAG_DESTROY off) or refuses.
int destroy_tcp_sockets();

}  // namespace rstlab::sandbox
