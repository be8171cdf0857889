// The steps that act on a program rather than wait for it: `start` (again, after it ended: a
// server restarting; a program whose fixture has a start step is not started before it),
// `write-stdin` (write(2) to its stdin pipe: a program that closed its stdin makes it EPIPE and
// raises SIGPIPE, which the step reports like any other), `close-stdin` (its next read of
// stdin returns 0), and `signal` (kill(2) with `name`, to its process; see await-exit for how
// it ended).
#include <cerrno>

#include "cases/catalogue.hpp"
#include "cases/program_support.hpp"
#include "cases/support.hpp"
#include "harness/core/names.hpp"

namespace rstlab::cases {
namespace {

using k = core::outcome::kind;

constexpr fixture::param_spec stdin_params[] = {
    {"text", fixture::param_type::string, "what to write; placeholders are filled in", {}, true},
};

std::span<const std::string_view> signal_choices() {
  return core::signal_names();
}

// The choices of a param_spec must be constant; the signal names are checked here instead.
std::string check_signal(const fixture::step& s) {
  auto name = s.text("name", "");
  if (core::signal_from_name(name)) return {};
  std::string known;
  for (auto n : signal_choices()) known += (known.empty() ? "" : ", ") + std::string(n);
  auto near = core::closest(name, signal_choices());
  return "unknown signal '" + name + "'" +
         (near ? "; did you mean '" + std::string(*near) + "'?" : "; known: " + known);
}

constexpr fixture::param_spec signal_params[] = {
    {"name", fixture::param_type::string, "the signal, such as SIGTERM", {}, true},
};

core::observation start_run(context& ctx, const fixture::step&) {
  int err = program_of(ctx).start();
  return status_result(err ? -1 : 0, err);
}

core::observation write_stdin_run(context& ctx, const fixture::step& s) {
  auto& p = program_of(ctx);
  auto text = fixture::fill(s.text("text", ""), *ctx.placeholders);
  long r = p.write_stdin(text);
  return write_result(r, errno);
}

core::observation close_stdin_run(context& ctx, const fixture::step&) {
  int r = program_of(ctx).close_stdin();
  return status_result(r, errno);
}

core::observation signal_run(context& ctx, const fixture::step& s) {
  int r = program_of(ctx).signal(*core::signal_from_name(s.text("name", "")));
  return status_result(r, errno);
}

std::string check_text(const fixture::step& s) {
  auto why = fixture::placeholder_problem(s.text("text", ""));
  return why.empty() ? why : "'text': " + why;
}

}  // namespace

constexpr action start_action{
    {.name = "start", .summary = "start the program (again, once it has ended)",
     .uses_socket = false, .produces = {k::ok, k::error, k::timeout},
     .on = fixture::runs_on::program},
    &start_run};

constexpr action write_stdin_action{
    {.name = "write-stdin", .summary = "write `text` to the program's stdin",
     .params = stdin_params, .uses_socket = false,
     .produces = {k::count, k::error, k::timeout}, .on = fixture::runs_on::program,
     .check = &check_text},
    &write_stdin_run};

constexpr action close_stdin_action{
    {.name = "close-stdin", .summary = "close the program's stdin: its next read returns 0",
     .uses_socket = false, .produces = {k::ok, k::error}, .on = fixture::runs_on::program},
    &close_stdin_run};

constexpr action signal_action{
    {.name = "signal", .summary = "send the program the signal `name`", .params = signal_params,
     .uses_socket = false, .produces = {k::ok, k::error}, .on = fixture::runs_on::program,
     .check = &check_signal},
    &signal_run};

}  // namespace rstlab::cases
