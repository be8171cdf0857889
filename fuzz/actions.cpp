// Mirrors the catalogue of cases/ closely enough that the bundled fixtures load against it, and
// adds the spec features the loader checks (ranges, rules, producible outcomes, effects).
#include "fuzz/actions.hpp"

namespace rstlab::fuzz {
namespace {

using namespace fixture;
using kind = core::outcome::kind;
using rule = param_rule::kind;

constexpr std::string_view hows[] = {"rd", "wr", "rdwr"};
constexpr std::string_view events[] = {"readable", "writable", "eof",  "reset",
                                       "hup",      "queued",   "state"};
constexpr std::string_view states[] = {"ESTABLISHED", "SYN_SENT",  "SYN_RECV", "FIN_WAIT1",
                                       "FIN_WAIT2",   "TIME_WAIT", "CLOSE",    "CLOSE_WAIT",
                                       "LAST_ACK",    "LISTEN",    "CLOSING"};
constexpr std::string_view set_options[] = {
    "SO_LINGER",    "SO_RCVTIMEO",   "SO_SNDTIMEO", "SO_KEEPALIVE",     "SO_REUSEADDR",
    "TCP_KEEPIDLE", "TCP_KEEPINTVL", "TCP_KEEPCNT", "TCP_USER_TIMEOUT", "TCP_NODELAY"};
constexpr std::string_view get_options[] = {"SO_ERROR", "SO_LINGER", "TCP_USER_TIMEOUT"};

constexpr param_spec socket_params[] = {{"nonblocking", param_type::boolean, ""}};
constexpr param_spec bind_params[] = {{"port", param_type::integer, "", {}, true, 0, 65535}};
constexpr param_spec listen_params[] = {{"port", param_type::integer, "", {}, false, 0, 65535},
                                        {"backlog", param_type::integer, "", {}, false, 0, int_max},
                                        {"reuseaddr", param_type::boolean, ""}};
constexpr param_spec connect_params[] = {{"port", param_type::integer, "", {}, false, 0, 65535},
                                         {"nonblocking", param_type::boolean, ""}};
constexpr param_spec accept_params[] = {{"as", param_type::string, "accepted socket"}};
constexpr param_spec read_params[] = {{"bytes", param_type::integer, "", {}, false, 1, int_max},
                                      {"exact", param_type::boolean, ""},
                                      {"nonblocking", param_type::boolean, ""}};
constexpr param_spec write_params[] = {{"bytes", param_type::integer, "", {}, true, 0, int_max}};
constexpr param_spec send_params[] = {{"bytes", param_type::integer, "", {}, true, 0, int_max},
                                      {"nosignal", param_type::boolean, ""},
                                      {"nonblocking", param_type::boolean, ""}};
constexpr param_spec shutdown_params[] = {{"how", param_type::string, "", hows, true}};
constexpr param_spec poll_params[] = {{"events", param_type::poll_bits, ""}};
constexpr param_spec await_params[] = {{"event", param_type::string, "", events, true},
                                       {"bytes", param_type::integer, "", {}, false, 1, int_max},
                                       {"state", param_type::string, "", states}};
constexpr param_rule await_rules[] = {{rule::needs, "state", "event", "state"},
                                      {rule::only_with, "state", "event", "state"},
                                      {rule::only_with, "bytes", "event", "queued"}};
constexpr param_spec setsockopt_params[] = {
    {"option", param_type::string, "", set_options, true},
    {"value", param_type::integer, "", {}, true, int_min, int_max}};
constexpr param_rule setsockopt_rules[] = {
    {rule::range, "value", "option", "SO_LINGER", 0, 65535},
    {rule::range, "value", "option", "SO_RCVTIMEO", 0, 86'400'000},
    {rule::range, "value", "option", "TCP_KEEPCNT", 1, 127}};
constexpr param_spec getsockopt_params[] = {{"option", param_type::string, "", get_options, true}};
constexpr param_spec wait_params[] = {{"step", param_type::string, "background step", {}, true}};

constexpr outcome_set status{kind::ok, kind::error, kind::timeout};
constexpr outcome_set transfer{kind::count, kind::eof, kind::error, kind::timeout};
constexpr outcome_set plain{kind::ok, kind::error};

// clang-format off
constexpr action_spec table[] = {
    {.name = "socket", .summary = "", .params = socket_params, .produces = plain,
     .effect = socket_effect::creates},
    {.name = "bind", .summary = "", .params = bind_params, .produces = plain,
     .effect = socket_effect::creates_if_missing},
    {.name = "listen", .summary = "", .params = listen_params, .default_socket = "listener",
     .produces = plain, .effect = socket_effect::creates_if_missing},
    {.name = "connect", .summary = "", .params = connect_params, .produces = status,
     .effect = socket_effect::creates_if_missing},
    {.name = "accept", .summary = "", .params = accept_params, .expect_required = true,
     .default_socket = "listener", .produces = status, .creates_param = "as",
     .creates_default = "conn"},
    {.name = "read", .summary = "", .params = read_params, .expect_required = true,
     .produces = transfer},
    {.name = "drain", .summary = "", .produces = transfer},
    {.name = "write", .summary = "", .params = write_params, .expect_required = true,
     .produces = transfer},
    {.name = "send", .summary = "", .params = send_params, .expect_required = true,
     .produces = transfer},
    {.name = "close", .summary = "", .produces = plain},
    {.name = "abort", .summary = "", .produces = plain},
    {.name = "forget", .summary = "", .produces = plain},
    {.name = "shutdown", .summary = "", .params = shutdown_params, .produces = plain},
    {.name = "poll", .summary = "", .params = poll_params, .expects = expect_kind::revents,
     .expect_required = true, .produces = {kind::revents, kind::error}},
    {.name = "tcp-state", .summary = "", .expects = expect_kind::state, .expect_required = true,
     .produces = {kind::state, kind::error}},
    {.name = "await", .summary = "", .params = await_params, .rules = await_rules,
     .produces = {kind::ok, kind::timeout, kind::error}},
    {.name = "setsockopt", .summary = "", .params = setsockopt_params, .rules = setsockopt_rules,
     .produces = plain},
    {.name = "getsockopt", .summary = "", .params = getsockopt_params,
     .expects = expect_kind::value, .produces = {kind::value, kind::error}},
    {.name = "wait", .summary = "", .params = wait_params, .uses_socket = false, .waits = true},
};
// clang-format on

}  // namespace

std::span<const fixture::action_spec> actions() {
  return table;
}

}  // namespace rstlab::fuzz
