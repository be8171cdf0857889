// wait: the timeline's own step. It waits for the background step named by `step` (on the
// same endpoint) to return, and its `expect` and `signal` are that call's: a server blocked in
// read() while the client aborts is `{ server = "read", background = true, id = "r" }`, the
// abort, then `{ server = "wait", step = "r", expect = "ECONNRESET" }`. The engine runs it; it
// has no system call of its own.
#include "cases/catalogue.hpp"

namespace rstlab::cases {
namespace {

constexpr fixture::param_spec params[] = {
    {"step", fixture::param_type::string, "the id of the background step", {}, true},
};

}  // namespace

constexpr action wait_action{
    {.name = "wait", .summary = "wait for a background step and check its outcome",
     .params = params, .uses_socket = false, .waits = true,
     .on = fixture::runs_on::either},
    nullptr};

}  // namespace rstlab::cases
