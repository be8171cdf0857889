// await-exit: wait until the host's program ends, and report how: "exit N" for exit(N), or the
// signal that killed it ("SIGPIPE": a write to a connection the peer reset, with SIGPIPE at its
// default action, ends the process before write() returns; seed 001 §2, signal(7)). The wait is
// on the process's pidfd; the process is not reaped until the case ends, so its group can
// still be killed then.
#include "cases/catalogue.hpp"
#include "cases/program_support.hpp"
#include "cases/support.hpp"

namespace rstlab::cases {
namespace {

using k = core::outcome::kind;

core::observation run(context& ctx, const fixture::step&) {
  program_watch watch(ctx);
  if (!watch.ok()) return status_result(-1, errno);
  for (;;) {
    if (auto end = end_of(ctx)) return *end;
    if (!program_of(ctx).started()) return status_result(-1, ESRCH);
    if (!watch.wait()) return interrupted();
  }
}

}  // namespace

constexpr action await_exit_action{
    {.name = "await-exit", .summary = "wait until the program ends: \"exit N\" or the signal that "
                                      "killed it",
     .expects = fixture::expect_kind::exit, .expect_required = true, .uses_socket = false,
     .produces = {k::exited, k::killed, k::timeout, k::error}, .on = fixture::runs_on::program},
    &run};

}  // namespace rstlab::cases
