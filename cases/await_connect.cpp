// await-connect and await-reconnect: wait for the host's program to open a connection, as the
// wire sees it: a SYN without ACK it sent (its retransmissions are the same attempt). Each
// step counts one attempt, in order: the first await-connect the first attempt, the next
// await-reconnect the one after it. A reconnect must come `min_ms` to `max_ms` after the
// attempt before it (a client retrying after ECONNREFUSED or ECONNRESET with its back-off): one
// sooner reports "a new attempt only N ms after the last", none by then times out. A program
// that ends before it tries reports how it ended.
#include <algorithm>

#include "cases/catalogue.hpp"
#include "cases/program_support.hpp"
#include "cases/support.hpp"

namespace rstlab::cases {
namespace {

using k = core::outcome::kind;
using namespace std::chrono;

constexpr fixture::param_spec reconnect_params[] = {
    {"min_ms", fixture::param_type::integer, "the attempt may come this soon after the last (0)",
     {}, false, 0, 86'400'000},
    {"max_ms", fixture::param_type::integer, "and must come by this long after it", {}, false, 1,
     86'400'000},
};

// How long from now until `at_ms` after the case began; nullopt: no limit.
std::optional<milliseconds> until(const context& ctx, std::optional<std::int64_t> at_ms) {
  if (!at_ms) return std::nullopt;
  auto left = ctx.began + milliseconds(*at_ms) - steady_clock::now();
  return std::max(milliseconds(0), duration_cast<milliseconds>(left) + milliseconds(1));
}

// Waits for the host's attempt number `n`, until `by_ms` after the case began.
std::optional<wire::attempt> next_attempt(context& ctx, std::size_t n,
                                          std::optional<std::int64_t> by_ms,
                                          core::observation& failed) {
  program_watch watch(ctx);
  if (!watch.ok()) return failed = status_result(-1, errno), std::nullopt;
  for (;;) {
    if (auto a = ctx.attempts->nth(ctx.host, n)) return a;
    if (auto end = end_of(ctx)) return failed = *end, std::nullopt;
    auto left = until(ctx, by_ms);
    if (left && left->count() == 0) return failed = timed_out(), std::nullopt;
    if (!watch.wait(left)) return failed = interrupted(), std::nullopt;
  }
}

core::observation connect_run(context& ctx, const fixture::step&) {
  auto& seen = program_of(ctx).attempts_seen();
  core::observation failed;
  if (!next_attempt(ctx, seen, std::nullopt, failed)) return failed;
  ++seen;
  return status_result(0, 0);
}

core::observation reconnect_run(context& ctx, const fixture::step& s) {
  auto& seen = program_of(ctx).attempts_seen();
  if (seen == 0) throw std::logic_error("await-reconnect counts from the attempt before it: put an await-connect of the same endpoint first");
  auto last = ctx.attempts->nth(ctx.host, seen - 1);
  auto last_ms = duration_cast<milliseconds>(last->at).count();
  std::optional<std::int64_t> by;
  if (const auto* max = s.param("max_ms")) by = last_ms + std::get<std::int64_t>(*max);
  core::observation failed;
  auto a = next_attempt(ctx, seen, by, failed);
  if (!a) return failed;
  ++seen;
  auto gap = duration_cast<milliseconds>(a->at - last->at).count();
  if (gap < s.integer("min_ms", 0)) return {core::outcome{k::early, static_cast<long>(gap)}, gap};
  return status_result(0, 0);
}

}  // namespace

constexpr action await_connect_action{
    {.name = "await-connect",
     .summary = "wait for the program's next connection attempt (its SYN on the wire)",
     .uses_socket = false, .produces = {k::ok, k::error, k::timeout, k::exited, k::killed},
     .on = fixture::runs_on::program},
    &connect_run};

constexpr action await_reconnect_action{
    {.name = "await-reconnect",
     .summary = "wait for the program's next attempt, `min_ms` to `max_ms` after the last",
     .params = reconnect_params, .uses_socket = false,
     .produces = {k::ok, k::error, k::timeout, k::exited, k::killed, k::early},
     .on = fixture::runs_on::program},
    &reconnect_run};

}  // namespace rstlab::cases
