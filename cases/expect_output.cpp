// expect-output: wait until the host's program writes a line matching `match` (an ECMAScript
// regular expression, searched within each line as grep does) to `stream` (stdout or stderr).
// Each match moves on: the next expect-output of the stream looks after it, as expect(1) does.
// Placeholders ({server_port}, {server_addr}, ...) in the pattern stand for this run's values,
// matched literally. A program that ends without writing it reports how it ended.
#include <regex>
#include <stdexcept>

#include "cases/catalogue.hpp"
#include "cases/program_support.hpp"
#include "cases/support.hpp"
#include "harness/fixture/placeholders.hpp"

namespace rstlab::cases {
namespace {

using k = core::outcome::kind;

constexpr std::string_view streams[] = {"stdout", "stderr"};

constexpr fixture::param_spec params[] = {
    {"match", fixture::param_type::string, "a regular expression a line must match", {}, true},
    {"stream", fixture::param_type::string, "stdout (default) or stderr", streams},
};

endpoint::stream stream_of(const fixture::step& s) {
  return s.text("stream", "stdout") == "stderr" ? endpoint::stream::err : endpoint::stream::out;
}

// The pattern with every placeholder given some value: it must compile whatever the values.
std::string check(const fixture::step& s) {
  auto pattern = s.text("match", "");
  if (auto why = fixture::placeholder_problem(pattern); !why.empty()) return "'match': " + why;
  fixture::placeholder_values any;
  for (auto name : fixture::placeholder_names()) any.emplace(name, "0");
  try {
    std::regex(fixture::fill(pattern, any), std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    return "'match' is no regular expression (" + std::string(e.what()) +
           "); escape a literal character with \\\\, as in \"port \\\\d+\"";
  }
  return {};
}

core::observation run(context& ctx, const fixture::step& s) {
  auto& p = program_of(ctx);
  std::regex pattern(fixture::fill(s.text("match", ""), *ctx.placeholders, fixture::regex_escaped),
                     std::regex::ECMAScript);
  program_watch watch(ctx);
  if (!watch.ok()) return status_result(-1, errno);
  for (;;) {
    if (p.out().consume_match(stream_of(s), pattern)) return status_result(0, 0);
    if (auto end = end_of(ctx)) {
      p.out().wait_closed();  // the last words may still be in the pipe
      if (p.out().consume_match(stream_of(s), pattern)) return status_result(0, 0);
      return *end;
    }
    if (!watch.wait()) return interrupted();
  }
}

}  // namespace

constexpr action expect_output_action{
    {.name = "expect-output",
     .summary = "wait until the program writes a line matching `match` to `stream`",
     .params = params, .uses_socket = false,
     .produces = {k::ok, k::error, k::timeout, k::exited, k::killed},
     .on = fixture::runs_on::program, .check = &check},
    &run};

}  // namespace rstlab::cases
