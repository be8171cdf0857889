#include "harness/core/outcome.hpp"

#include "harness/core/names.hpp"

namespace rstlab::core {
namespace {

// A number without a name (an errno or state the table does not know) still says what it is.
std::string named_or(std::string_view name, const char* what, long value) {
  if (!name.empty()) return std::string(name);
  return std::string(what) + " " + std::to_string(value);
}

std::string error_text(long err) {
  auto name = errno_name(static_cast<int>(err));
  if (name.empty()) return "errno " + std::to_string(err);
  return std::string(name) + " (errno " + std::to_string(err) + ")";
}

}  // namespace

std::string describe(const outcome& o) {
  switch (o.what) {
    case outcome::kind::ok:
      return "ok";
    case outcome::kind::count:
      return std::to_string(o.value) + (o.value == 1 ? " byte" : " bytes");
    case outcome::kind::eof:
      return "eof";
    case outcome::kind::error:
      return error_text(o.value);
    case outcome::kind::timeout:
      return "timeout";
    case outcome::kind::revents:
      return "revents " + poll_bits_name(static_cast<int>(o.value));
    case outcome::kind::state:
      return named_or(tcp_state_name(static_cast<int>(o.value)), "state", o.value);
    case outcome::kind::value:
      return "value " + std::to_string(o.value);
    case outcome::kind::exited:
      return "exit " + std::to_string(o.value);
    case outcome::kind::killed:
      return "killed by " + named_or(signal_name(static_cast<int>(o.value)), "signal", o.value);
    case outcome::kind::early:
      return "a new attempt only " + std::to_string(o.value) + " ms after the last";
  }
  return "outcome " + std::to_string(static_cast<int>(o.what));
}

}  // namespace rstlab::core
