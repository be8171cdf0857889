// setsockopt: the options that shape how a connection ends. SO_LINGER {1, N} (N = 0 makes
// close() abortive), SO_RCVTIMEO / SO_SNDTIMEO in milliseconds (a blocking connect that runs
// out of SO_SNDTIMEO returns EINPROGRESS, seed 001), SO_KEEPALIVE with TCP_KEEPIDLE /
// TCP_KEEPINTVL / TCP_KEEPCNT in seconds (a half-open peer is found by keepalive probes,
// seed 003 §3.5.3), TCP_USER_TIMEOUT in milliseconds, TCP_NODELAY, SO_REUSEADDR, SO_RCVBUF /
// SO_SNDBUF in bytes (the kernel doubles them), TCP_LINGER2 in seconds (-1: close in FIN_WAIT2
// resets), TCP_DEFER_ACCEPT in seconds (a listener makes the connection only when data comes,
// so the handshake's last ACK and the child's creation come apart), TCP_QUICKACK 1 (an ACK the
// kernel is holding back goes out at once: the ACK of a FIN waits 40 ms otherwise, since the
// FIN puts the socket in delayed-ACK mode, tcp_fin(); measured: at once when the data was read
// after the FIN came, still 40 ms when read before), IP_RECVERR / IPV6_RECVERR
// (an ICMP error on an established connection becomes the socket's error at once instead of
// waiting for a timeout). Values the kernel refuses come back as EINVAL; values that do not fit
// the call's argument are refused by the loader.
#include <cerrno>

#include "cases/catalogue.hpp"
#include "cases/options.hpp"
#include "cases/support.hpp"

namespace rstlab::cases {
namespace {

using k = core::outcome::kind;
using rule = fixture::param_rule;

constexpr fixture::param_spec params[] = {
    {"option", fixture::param_type::string, "which option", socket_option_names, true},
    {"value", fixture::param_type::integer,
     "linger and keepalive seconds, timeouts in ms, buffer bytes, counts, or 0/1", {}, true,
     fixture::int_min, fixture::int_max},
};
// A negative linger or timeout has no meaning here; a count must fit the call's int.
constexpr rule rules[] = {
    {rule::kind::range, "value", "option", "SO_LINGER", 0, fixture::int_max},
    {rule::kind::range, "value", "option", "SO_RCVTIMEO", 0, fixture::int_max},
    {rule::kind::range, "value", "option", "SO_SNDTIMEO", 0, fixture::int_max},
};

core::observation run(context& ctx, const fixture::step& s) {
  int fd = find_socket(ctx, s);
  if (fd < 0) return no_such_socket();
  const auto* def = find_option(s.text("option", ""));
  if (!def) return status_result(-1, ENOPROTOOPT);
  long r = set_option(fd, *def, static_cast<long>(s.integer("value", 0)));
  return status_result(r, errno);
}

}  // namespace

constexpr action setsockopt_action{
    {.name = "setsockopt", .summary = "set a socket option", .params = params, .rules = rules,
     .produces = {k::ok, k::error}, .needs_family = &option_family},
    &run};

}  // namespace rstlab::cases
