// What a step did (observation) and what a fixture allows it to do (outcome). Plain values:
// the loader produces outcomes, the actions produce observations, the matcher compares them.
#pragma once

#include <chrono>
#include <string>

namespace rstlab::core {

struct outcome {
  enum class kind {
    ok,       // the call succeeded (expected `ok` also accepts any positive byte count)
    count,    // the call returned this many bytes
    eof,      // read returned 0
    error,    // the call returned -1 with this errno (or SO_ERROR held it)
    timeout,  // still blocked when the step's deadline passed
    revents,  // poll reported exactly these bits
    state,    // the socket was in this TCP state
    value,    // the call reported this integer (an option's value, in the kernel's units)
    exited,   // a program ended by exit() with this status
    killed,   // a program was ended by this signal
    early,    // a program tried again this many milliseconds after its last attempt: too soon
  };
  kind what = kind::ok;
  // count: bytes; error: errno; revents: bits; state: TCP state; value: itself; exited: the
  // exit status; killed: the signal number; early: milliseconds
  long value = 0;

  friend bool operator==(const outcome&, const outcome&) = default;
};

std::string describe(const outcome& o);  // "ok", "5000", "eof", "ECONNRESET (errno 104)", ...

struct observation {
  outcome actual;         // the action's reading of the result below
  long ret = 0;           // raw syscall result
  int err = 0;            // errno captured right after the syscall (0 when it succeeded)
  bool sigpipe = false;   // SIGPIPE was raised while the step ran
  bool interrupted = false;  // still blocked at its deadline: interrupted; ret/err are what the
                             // interrupted call returned (EINTR, or the bytes it had moved)
  std::chrono::microseconds elapsed{0};
};

}  // namespace rstlab::core
