// await-listening: wait until the host's program listens on its port (`port`, else the
// fixture's service port), as the host's socket table shows it (socket-diag, as ss(8) reads
// it): nothing is sent to the program, so its accept queue and its logs see no probe. The
// kernel announces no listen(), so the table is read again whenever the program writes
// something or the wire moves, and otherwise at most 5 ms apart. A program that ends first
// reports how it ended (exit 1, killed by SIGSEGV), at once: a fixture never waits out its
// deadline for a server that crashed on start-up.
#include <netinet/tcp.h>

#include <algorithm>

#include "cases/catalogue.hpp"
#include "cases/program_support.hpp"
#include "cases/support.hpp"
#include "harness/sandbox/sock_diag.hpp"

namespace rstlab::cases {
namespace {

using k = core::outcome::kind;
using namespace std::chrono_literals;

constexpr fixture::param_spec params[] = {
    {"port", fixture::param_type::integer, "the port it must listen on (default: the fixture's)",
     {}, false, 1, 65535},
};

// -1 when the table cannot be read (errno says why).
int listening(std::uint16_t port) {
  auto table = sandbox::tcp_sockets(1u << TCP_LISTEN);
  if (!table) return -1;
  return std::any_of(table->begin(), table->end(), [&](const sandbox::tcp_entry& e) {
    return e.state == TCP_LISTEN && e.local_port == port;
  });
}

core::observation run(context& ctx, const fixture::step& s) {
  auto port = step_port(ctx, s);
  program_watch watch(ctx);
  if (!watch.ok()) return status_result(-1, errno);
  for (auto pause = 1ms;; pause = std::min(pause * 2, std::chrono::milliseconds(5ms))) {
    int now = listening(port);
    if (now < 0) return status_result(-1, errno);
    if (now > 0) return status_result(0, 0);
    if (auto end = end_of(ctx)) return *end;
    if (!watch.wait(pause)) return interrupted();
  }
}

}  // namespace

constexpr action await_listening_action{
    {.name = "await-listening",
     .summary = "wait until the program listens on its port (seen in the host's socket table)",
     .params = params, .uses_socket = false,
     .produces = {k::ok, k::error, k::timeout, k::exited, k::killed}, .on = fixture::runs_on::program},
    &run};

}  // namespace rstlab::cases
