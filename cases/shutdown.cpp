// shutdown: half-close. SHUT_WR sends FIN but keeps reading; SHUT_RD sends nothing (Linux
// keeps accepting data and only makes reads return 0); SHUT_RDWR does both.
#include <sys/socket.h>

#include <cerrno>
#include <string_view>

#include "cases/catalogue.hpp"
#include "cases/support.hpp"

namespace rstlab::cases {
namespace {

using k = core::outcome::kind;

constexpr std::string_view hows[] = {"rd", "wr", "rdwr"};
constexpr fixture::param_spec params[] = {
    {"how", fixture::param_type::string, "rd, wr or rdwr", hows, true},
};

core::observation run(context& ctx, const fixture::step& s) {
  int fd = find_socket(ctx, s);
  if (fd < 0) return no_such_socket();
  auto how = s.text("how", "wr");
  int h = how == "rd" ? SHUT_RD : how == "wr" ? SHUT_WR : SHUT_RDWR;
  long r = ::shutdown(fd, h);
  return status_result(r, errno);
}

}  // namespace

constexpr action shutdown_action{{.name = "shutdown", .summary = "shutdown(2): rd, wr or rdwr",
                                  .params = params, .produces = {k::ok, k::error}},
                                 &run};

}  // namespace rstlab::cases
