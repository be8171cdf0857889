#include "cases/options.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

namespace rstlab::cases {
namespace {

using unit = option_def::unit;

constexpr option_def table[] = {
    {"SO_LINGER", SOL_SOCKET, SO_LINGER, unit::linger_seconds},
    {"SO_RCVTIMEO", SOL_SOCKET, SO_RCVTIMEO, unit::milliseconds},
    {"SO_SNDTIMEO", SOL_SOCKET, SO_SNDTIMEO, unit::milliseconds},
    {"SO_KEEPALIVE", SOL_SOCKET, SO_KEEPALIVE},
    {"SO_REUSEADDR", SOL_SOCKET, SO_REUSEADDR},
    {"SO_RCVBUF", SOL_SOCKET, SO_RCVBUF},
    {"SO_SNDBUF", SOL_SOCKET, SO_SNDBUF},
    {"TCP_KEEPIDLE", SOL_TCP, TCP_KEEPIDLE},
    {"TCP_KEEPINTVL", SOL_TCP, TCP_KEEPINTVL},
    {"TCP_KEEPCNT", SOL_TCP, TCP_KEEPCNT},
    {"TCP_USER_TIMEOUT", SOL_TCP, TCP_USER_TIMEOUT},
    {"TCP_NODELAY", SOL_TCP, TCP_NODELAY},
    {"TCP_LINGER2", SOL_TCP, TCP_LINGER2},
    {"TCP_DEFER_ACCEPT", SOL_TCP, TCP_DEFER_ACCEPT},
    {"TCP_QUICKACK", SOL_TCP, TCP_QUICKACK},
    {"IP_RECVERR", IPPROTO_IP, IP_RECVERR},
    {"IPV6_RECVERR", IPPROTO_IPV6, IPV6_RECVERR},
};

constexpr bool same_order() {
  for (std::size_t i = 0; i < std::size(table); ++i)
    if (table[i].name != socket_option_names[i]) return false;
  return std::size(table) == std::size(socket_option_names);
}
static_assert(same_order());

}  // namespace

std::span<const option_def> socket_options() { return table; }

std::optional<fixture::family_need> option_family(const fixture::step& s) {
  auto option = s.text("option", "");
  bool v6 = option.starts_with("IPV6_");
  if (!v6 && !option.starts_with("IP_")) return std::nullopt;
  return fixture::family_need{v6 ? core::family::v6 : core::family::v4,
                              "option " + option + " belongs to " + (v6 ? "IPv6" : "IPv4") +
                                  " sockets"};
}

const option_def* find_option(std::string_view name) {
  for (const auto& def : table)
    if (def.name == name) return &def;
  return nullptr;
}

long set_option(int fd, const option_def& def, long value) {
  if (def.as == unit::linger_seconds) {
    linger lg{1, static_cast<int>(value)};
    return ::setsockopt(fd, def.level, def.option, &lg, sizeof lg);
  }
  if (def.as == unit::milliseconds) {
    timeval tv{value / 1000, (value % 1000) * 1000};
    return ::setsockopt(fd, def.level, def.option, &tv, sizeof tv);
  }
  int v = static_cast<int>(value);
  return ::setsockopt(fd, def.level, def.option, &v, sizeof v);
}

std::optional<long> get_option(int fd, const option_def& def) {
  if (def.as == unit::linger_seconds) {
    linger lg{};
    socklen_t len = sizeof lg;
    if (::getsockopt(fd, def.level, def.option, &lg, &len) < 0) return std::nullopt;
    return lg.l_onoff ? lg.l_linger : -1;
  }
  if (def.as == unit::milliseconds) {
    timeval tv{};
    socklen_t len = sizeof tv;
    if (::getsockopt(fd, def.level, def.option, &tv, &len) < 0) return std::nullopt;
    return tv.tv_sec * 1000 + tv.tv_usec / 1000;
  }
  int v = 0;
  socklen_t len = sizeof v;
  if (::getsockopt(fd, def.level, def.option, &v, &len) < 0) return std::nullopt;
  return v;
}

}  // namespace rstlab::cases
