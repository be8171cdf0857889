// setsockopt: the options that shape how a connection ends. SO_LINGER {1, N} (N = 0 makes
// close() abortive), SO_RCVTIMEO / SO_SNDTIMEO in milliseconds (a blocking connect that runs
// out of SO_SNDTIMEO returns EINPROGRESS, seed 001), SO_KEEPALIVE with TCP_KEEPIDLE /
// TCP_KEEPINTVL / TCP_KEEPCNT in seconds (a half-open peer is found by keepalive probes,
// seed 003 §3.5.3), TCP_USER_TIMEOUT in milliseconds, TCP_NODELAY, SO_REUSEADDR.
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <cerrno>
#include <string_view>

#include "cases/catalogue.hpp"
#include "cases/support.hpp"

namespace rstlab::cases {
namespace {

struct option_def {
  std::string_view name;
  int level;
  int option;
};

constexpr option_def options[] = {
    {"SO_LINGER", SOL_SOCKET, SO_LINGER},         {"SO_RCVTIMEO", SOL_SOCKET, SO_RCVTIMEO},
    {"SO_SNDTIMEO", SOL_SOCKET, SO_SNDTIMEO},     {"SO_KEEPALIVE", SOL_SOCKET, SO_KEEPALIVE},
    {"SO_REUSEADDR", SOL_SOCKET, SO_REUSEADDR},   {"TCP_KEEPIDLE", SOL_TCP, TCP_KEEPIDLE},
    {"TCP_KEEPINTVL", SOL_TCP, TCP_KEEPINTVL},    {"TCP_KEEPCNT", SOL_TCP, TCP_KEEPCNT},
    {"TCP_USER_TIMEOUT", SOL_TCP, TCP_USER_TIMEOUT}, {"TCP_NODELAY", SOL_TCP, TCP_NODELAY},
};
constexpr std::string_view option_names[] = {
    "SO_LINGER",     "SO_RCVTIMEO",   "SO_SNDTIMEO", "SO_KEEPALIVE",     "SO_REUSEADDR",
    "TCP_KEEPIDLE",  "TCP_KEEPINTVL", "TCP_KEEPCNT", "TCP_USER_TIMEOUT", "TCP_NODELAY"};
constexpr fixture::param_spec params[] = {
    {"option", fixture::param_type::string, "which option", option_names, true},
    {"value", fixture::param_type::integer,
     "linger seconds, timeouts in ms, keepalive times in s, counts, or 0/1", {}, true},
};

long set(int fd, const option_def& def, long value) {
  if (def.option == SO_LINGER && def.level == SOL_SOCKET) {
    linger lg{1, static_cast<int>(value)};
    return ::setsockopt(fd, def.level, def.option, &lg, sizeof lg);
  }
  if (def.level == SOL_SOCKET && (def.option == SO_RCVTIMEO || def.option == SO_SNDTIMEO)) {
    timeval tv{value / 1000, (value % 1000) * 1000};
    return ::setsockopt(fd, def.level, def.option, &tv, sizeof tv);
  }
  int v = static_cast<int>(value);
  return ::setsockopt(fd, def.level, def.option, &v, sizeof v);
}

attempt run(endpoint_state& ep, const fixture::step& s, step_state&) {
  auto* slot = target(ep, s);
  if (!slot) return no_such_socket();
  auto name = s.text("option", "");
  for (const auto& def : options)
    if (def.name == name) {
      long r = set(slot->fd, def, static_cast<long>(s.integer("value", 0)));
      return status_result(r, errno);
    }
  return status_result(-1, ENOPROTOOPT);
}

}  // namespace

constexpr action setsockopt_action{
    {.name = "setsockopt", .summary = "set a socket option", .params = params}, &run};

}  // namespace rstlab::cases
