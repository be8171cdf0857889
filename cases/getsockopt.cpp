// getsockopt: read an option back, in the unit setsockopt takes it (SO_LINGER: seconds, -1
// when off; SO_RCVTIMEO / SO_SNDTIMEO: ms; SO_RCVBUF / SO_SNDBUF: what the kernel made of the
// request, doubled and clamped), so a fixture can prove an option took effect. SO_ERROR reports
// the socket's pending error as the outcome (`ok` when there is none); reading it consumes it
// (sock_error() clears sk_err): a non-blocking connect refused by RST reports ECONNREFUSED once,
// then ok. Seed 000 case 1.
#include <sys/socket.h>

#include <cerrno>
#include <string_view>

#include "cases/catalogue.hpp"
#include "cases/options.hpp"
#include "cases/support.hpp"

namespace rstlab::cases {
namespace {

using k = core::outcome::kind;

constexpr std::string_view names[] = {
    "SO_ERROR",    "SO_LINGER",    "SO_RCVTIMEO",      "SO_SNDTIMEO", "SO_KEEPALIVE",
    "SO_REUSEADDR", "SO_RCVBUF",   "SO_SNDBUF",        "TCP_KEEPIDLE", "TCP_KEEPINTVL",
    "TCP_KEEPCNT", "TCP_USER_TIMEOUT", "TCP_NODELAY", "TCP_LINGER2", "TCP_DEFER_ACCEPT",
    "IP_RECVERR", "IPV6_RECVERR"};
constexpr fixture::param_spec params[] = {
    {"option", fixture::param_type::string, "which option", names, true},
};

core::observation pending_error(int fd) {
  int pending = 0;
  socklen_t len = sizeof pending;
  if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &pending, &len) < 0) return status_result(-1, errno);
  auto obs = status_result(0, 0);
  if (pending != 0) obs.actual = {k::error, pending};
  obs.err = pending;
  return obs;
}

core::observation run(context& ctx, const fixture::step& s) {
  int fd = find_socket(ctx, s);
  if (fd < 0) return no_such_socket();
  auto name = s.text("option", "SO_ERROR");
  if (name == "SO_ERROR") return pending_error(fd);
  const auto* def = find_option(name);
  if (!def) return status_result(-1, ENOPROTOOPT);
  auto value = get_option(fd, *def);
  return value ? value_result(*value) : status_result(-1, errno);
}

}  // namespace

constexpr action getsockopt_action{
    {.name = "getsockopt", .summary = "read an option back (SO_ERROR: consumes the pending error)",
     .params = params, .expects = fixture::expect_kind::value, .expect_required = true,
     .produces = {k::ok, k::error, k::value}, .needs_family = &option_family},
    &run};

}  // namespace rstlab::cases
