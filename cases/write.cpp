// write: write(2) `bytes` bytes. To a peer host that no longer has the connection, the data
// draws a bare RST (tcp_v4_send_reset() for a segment matching no socket). The first write
// after an RST in ESTABLISHED gets -1 ECONNRESET (the pending error) without SIGPIPE; once the
// error is consumed, or when the RST came in CLOSE_WAIT, writes get -1 EPIPE and raise SIGPIPE
// (sk_stream_error()). Seeds 000 case 2, 002 §4.
#include "cases/catalogue.hpp"
#include "cases/support.hpp"

namespace rstlab::cases {
namespace {

constexpr fixture::param_spec params[] = {
    {"bytes", fixture::param_type::integer, "how many bytes to write", {}, true},
};

attempt run(endpoint_state& ep, const fixture::step& s, step_state& st) {
  return send_bytes(ep, s, st, true, 0);
}

}  // namespace

constexpr action write_action{
    {.name = "write", .summary = "write(2) `bytes` bytes", .params = params,
     .expect_required = true},
    &run};

}  // namespace rstlab::cases
