// rstlab's C++ API. Two ways to test from C++ (any test framework; the examples use Boost.Test):
//
//   - run a fixture file and get its verdict and messages: rstlab::run_fixture("x.toml");
//   - run your own C++ code as one endpoint of a scenario (or both), against rstlab's
//     misbehaving peer, with the wire recorded and asserted: rstlab::lab. The scenario is
//     written in the fixture format, with `code = true` in the table of each endpoint that is
//     your code; its steps script the other endpoint (listen, accept, read, abort, forget, ...)
//     and watch yours (await-connect, await-reconnect, await-exit, expect-output).
//
// Your code runs on a thread of its own inside its host's network namespace: sockets it opens
// (plain or Asio's) live there, and reach the other host at host::peer_address only through
// rstlab's wire. Its return value is its exit status; an exception that escapes it is exit 1,
// with what() on its stderr. SIGPIPE is blocked on its thread (a write that raises it reports
// EPIPE, and its stderr says the signal was raised). When the case ends, the host's sockets are
// destroyed, which wakes a call of the code blocked on one with ECONNABORTED; code that still
// does not return within 2 s makes the case an ERROR.
//
// A sandbox needs root, or an unprivileged user namespace entered while the process is still
// single-threaded: the first call of either function does it, so make it before the test
// starts threads of its own. Where none can be built, the result is a skip, never a pass.
#pragma once

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace rstlab {

enum class side { client, server };

// Where your code runs, as it starts.
struct host {
  std::string address;       // this host's: "198.18.0.1", "2001:db8::1", ...
  std::string peer_address;  // the other host's
  std::uint16_t port = 0;    // the scenario's service port: the server listens on it
  int family = 4;            // 4 or 6
  std::ostream& out;         // its stdout and stderr: what expect-output reads, failures show
  std::ostream& err;
};

// Your code: its return value is its exit status (`await-exit` with `expect = "exit 0"`).
using code = std::function<int(host&)>;

// A fixture (or lab) that does not load: every problem, one "file:line:column: message" a line.
class load_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What a run found.
struct result {
  std::string verdict;                // "pass", "fail", "error" (the harness failed), "skip"
  std::vector<std::string> failures;  // every mismatch, "file:line:column: [v4] message"
  std::string details;                // the failure report: steps, programs, wire ladder
  std::string note;                   // why it was skipped, or what broke

  bool passed() const { return verdict == "pass"; }
  bool skipped() const { return verdict == "skip"; }
};

struct run_options {
  std::vector<int> families{4, 6};         // the variants to run (a fixture may pin one)
  double timeout_scale = 1.0;              // multiplies every deadline
  std::vector<std::string> program_path;   // where programs named without a '/' are found first
};

// Every variant of the fixture file, each in a fresh sandbox, judged: the verdict is the worst
// of them (error, then fail, then skip, then pass). Throws load_error.
result run_fixture(const std::string& path, const run_options& options = {});

class lab {
 public:
  // `fixture_text` in the fixture format; `name` is the file name its messages give. Throws
  // load_error.
  explicit lab(const std::string& fixture_text, std::string name = "lab.toml");
  ~lab();
  lab(lab&&) noexcept;
  lab& operator=(lab&&) noexcept;

  // The code that is this endpoint (its table says `code = true`).
  lab& code(side s, rstlab::code fn);
  // One run over `family` (4 or 6), in a fresh sandbox; run it again for another.
  result run(int family = 4, double timeout_scale = 1.0);

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace rstlab
