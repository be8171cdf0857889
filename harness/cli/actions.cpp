// `rstlab actions`: every action of the registry with its parameters and what it can report,
// from the same table the loader checks fixtures against.
#include <cstdint>
#include <limits>
#include <ostream>
#include <string>

#include "cases/action.hpp"
#include "harness/cli/commands.hpp"

namespace rstlab::cli {
namespace {

const char* type_word(fixture::param_type t) {
  switch (t) {
    case fixture::param_type::integer: return "integer";
    case fixture::param_type::string: return "string";
    case fixture::param_type::boolean: return "boolean";
    case fixture::param_type::poll_bits: return "poll bits";
    case fixture::param_type::tcp_flags: return "TCP flags";
  }
  return "?";
}

std::string values_of(const fixture::param_spec& p) {
  std::string text;
  for (auto c : p.choices) text += (text.empty() ? "" : "|") + std::string(c);
  constexpr auto lowest = std::numeric_limits<std::int64_t>::min();
  constexpr auto highest = std::numeric_limits<std::int64_t>::max();
  if (text.empty() && p.type == fixture::param_type::integer && (p.min != lowest || p.max != highest))
    text = std::to_string(p.min) + ".." + std::to_string(p.max);
  return text;
}

std::string reports(const fixture::action_spec& a) {
  using k = core::outcome::kind;
  static constexpr std::pair<k, const char*> words[] = {
      {k::ok, "ok"},         {k::count, "a byte count"}, {k::eof, "eof"},
      {k::error, "an errno"}, {k::timeout, "timeout"},   {k::revents, "poll bits"},
      {k::state, "a TCP state"}, {k::value, "a value"}};
  if (a.produces.empty()) return "not restricted";
  std::string text;
  for (auto [kind, word] : words)
    if (a.produces.has(kind)) text += (text.empty() ? "" : ", ") + std::string(word);
  return text;
}

void describe(const fixture::action_spec& a, std::ostream& out) {
  out << (a.on_wire ? "wire = " : "") << a.name << "\n    " << a.summary << "\n";
  for (const auto& p : a.params) {
    out << "    " << p.name << " (" << type_word(p.type) << (p.required ? ", required" : "");
    if (auto v = values_of(p); !v.empty()) out << ", " << v;
    out << ")" << (p.help.empty() ? "" : ": ") << p.help << "\n";
  }
  out << "    reports: " << reports(a) << "\n";
}

}  // namespace

int actions(const settings&, std::ostream& out, std::ostream&) {
  for (const auto& a : cases::specs()) describe(a, out);
  return exit_passed;
}

}  // namespace rstlab::cli
