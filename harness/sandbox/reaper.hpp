// Descriptors whose close() is slow for no reason a case cares about (a packet socket's close
// waits out an RCU grace period, ≈ 10-15 ms) are closed on a thread of their own, so a case's
// time is its own. The thread starts with the first such descriptor and runs until
// finish_closing(), which a run calls once its cases are over (and the process at exit).
#pragma once

#include "harness/sandbox/unique_fd.hpp"

namespace rstlab::sandbox {

void close_later(unique_fd fd);

// Returns once every descriptor handed to close_later() is closed and the thread has ended.
void finish_closing();

}  // namespace rstlab::sandbox
