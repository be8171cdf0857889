// Descriptors whose close() is slow for no reason a case cares about (a packet socket's close
// waits out an RCU grace period, ≈ 10-15 ms) are closed on a thread of their own, so a case's
// time is its own. The thread drains its queue before the process exits.
#pragma once

#include "harness/sandbox/unique_fd.hpp"

namespace rstlab::sandbox {

void close_later(unique_fd fd);

}  // namespace rstlab::sandbox
