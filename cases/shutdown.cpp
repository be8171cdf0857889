// shutdown: half-close. SHUT_WR sends FIN but keeps reading; SHUT_RD sends nothing (Linux
// keeps accepting data and only makes reads return 0); SHUT_RDWR does both.
#include <sys/socket.h>

#include <cerrno>
#include <string_view>

#include "cases/catalogue.hpp"
#include "cases/support.hpp"

namespace rstlab::cases {
namespace {

constexpr std::string_view hows[] = {"rd", "wr", "rdwr"};
constexpr fixture::param_spec params[] = {
    {"how", fixture::param_type::string, "rd, wr or rdwr", hows, true},
};

attempt run(endpoint_state& ep, const fixture::step& s, step_state&) {
  auto* slot = target(ep, s);
  if (!slot) return no_such_socket();
  auto how = s.text("how", "wr");
  int h = how == "rd" ? SHUT_RD : how == "wr" ? SHUT_WR : SHUT_RDWR;
  long r = ::shutdown(slot->fd, h);
  return status_result(r, errno);
}

}  // namespace

constexpr action shutdown_action{
    {.name = "shutdown", .summary = "shutdown(2): rd, wr or rdwr", .params = params}, &run};

}  // namespace rstlab::cases
