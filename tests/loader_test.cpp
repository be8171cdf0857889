// The loader against a small hand-made actions table (not cases/): one test per rule, each
// pinning the exact "file:line:column: message", and happy paths that check every field.
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "harness/fixture/loader.hpp"
#include "harness/fixture/variants.hpp"

namespace fx = rstlab::fixture;
namespace fs = std::filesystem;
using kind = rstlab::core::outcome::kind;

namespace {

constexpr std::string_view hows[] = {"rd", "wr", "rdwr"};
constexpr std::string_view events[] = {"readable", "writable", "reset"};
constexpr fx::param_spec connect_params[] = {
    {"port", fx::param_type::integer, "peer port"},
    {"nonblocking", fx::param_type::boolean, "O_NONBLOCK"}};
constexpr fx::param_spec read_params[] = {{"bytes", fx::param_type::integer, "at most"}};
constexpr fx::param_spec write_params[] = {
    {"bytes", fx::param_type::integer, "how many", {}, true}};
constexpr fx::param_spec poll_params[] = {{"events", fx::param_type::poll_bits, "bits"}};
constexpr fx::param_spec shutdown_params[] = {{"how", fx::param_type::string, "", hows, true}};
constexpr fx::param_spec await_params[] = {{"event", fx::param_type::string, "", events, true}};
constexpr fx::param_spec wait_params[] = {{"ms", fx::param_type::integer, "how long"}};

constexpr fx::action_spec specs[] = {
    {.name = "listen", .summary = "", .default_socket = "listener"},
    {.name = "connect", .summary = "", .params = connect_params},
    {.name = "read", .summary = "", .params = read_params, .expect_required = true},
    {.name = "write", .summary = "", .params = write_params, .expect_required = true},
    {.name = "poll",
     .summary = "",
     .params = poll_params,
     .expects = fx::expect_kind::revents,
     .expect_required = true},
    {.name = "tcp-state",
     .summary = "",
     .expects = fx::expect_kind::state,
     .expect_required = true},
    {.name = "shutdown", .summary = "", .params = shutdown_params},
    {.name = "await", .summary = "", .params = await_params, .uses_socket = true},
    {.name = "wait", .summary = "", .params = wait_params, .uses_socket = false},
};

// Lines 1-3; a fixture built by with_steps() has "steps = [" on line 4 and its steps from 5 on.
constexpr std::string_view header = "name = \"n\"\nsummary = \"s\"\nrefs = [\"r\"]\n";

std::string with_steps(std::string_view steps, std::string_view tables = "[client]\n[server]\n") {
  return std::string(header) + "steps = [\n" + std::string(steps) + "]\n" + std::string(tables);
}

// what() of the load_error the text raises, or "loaded" when it loads.
std::string error_of(const std::string& text) {
  try {
    fx::load_text(text, "f.toml", specs);
  } catch (const fx::load_error& e) {
    return e.what();
  }
  return "loaded";
}

std::string step_error(std::string_view step) {
  return error_of(with_steps("  " + std::string(step) + ",\n"));
}

fx::scenario load(const std::string& text) {
  return fx::load_text(text, "f.toml", specs);
}

bool at(fx::source_pos pos, int line, int column) {
  return pos.line == line && pos.column == column;
}

constexpr std::string_view full_fixture = R"(name = "full"
summary = "every field in place"
refs = ["RFC 9293", "seed 001"]
step_timeout_ms = 250
case_timeout_ms = 5000
steps = [
  { server = "listen" },
  { client = "connect", port = 9000, nonblocking = true, expect = ["ok", "EINPROGRESS"] },
  { client = "poll", events = "OUT", expect = "OUT|ERR|HUP", id = "p" },
  { client = "tcp-state", expect = ["CLOSE_WAIT", "CLOSE"] },
  { client = "write", bytes = 100, expect = [100, "EPIPE"], signal = "SIGPIPE", timeout_ms = 50 },
  { client = "shutdown", how = "wr", socket = "spare", signal = "none" },
]
[client]
[server]
port = 9000
[wire]
rst = { client = 0, server = [1, 2] }
[counters.client]
OutRsts = 1
EstabResets = [-1, 3]
)";

// A fresh folder under /tmp, removed when the test ends.
struct temp_dir {
  fs::path path = fs::temp_directory_path() / ("loader_test." + std::to_string(::getpid()));
  temp_dir() { fs::create_directories(path); }
  ~temp_dir() { fs::remove_all(path); }
  void write(const std::string& name, const std::string& text) const {
    fs::create_directories((path / name).parent_path());
    std::ofstream(path / name) << text;
  }
};

}  // namespace

BOOST_AUTO_TEST_CASE(load_error_what_reads_file_line_column_message) {
  fx::load_error e("a.toml", {3, 7}, "bad");
  BOOST_TEST(e.what() == "a.toml:3:7: bad");
  BOOST_TEST(e.file() == "a.toml");
  BOOST_TEST(e.pos().line == 3);
  BOOST_TEST(e.message() == "bad");
}

BOOST_AUTO_TEST_CASE(load_bad_toml_syntax_reports_parser_position) {
  BOOST_TEST(step_error("{ client = \"listen\",\n    expect = \"ok\" }") ==
             "f.toml:5:23: invalid TOML in inline table: expected key or closing '}', saw '\\n'; "
             "an inline table must fit on one line, with no trailing comma");
}

BOOST_AUTO_TEST_CASE(load_unknown_top_level_key_suggests_closest) {
  BOOST_TEST(error_of("nmae = \"n\"\n" + with_steps("  { client = \"listen\" },\n")) ==
             "f.toml:1:1: unknown key 'nmae'; did you mean 'name'?");
}

BOOST_AUTO_TEST_CASE(load_unknown_top_level_key_without_match_lists_keys) {
  BOOST_TEST(error_of(with_steps("  { client = \"listen\" },\n") + "[frobnicate]\n") ==
             "f.toml:9:2: unknown key 'frobnicate'; valid keys: name, summary, refs, tags, "
             "family, topology, step_timeout_ms, case_timeout_ms, client, server, steps, wire, counters, sysctl");
}

BOOST_AUTO_TEST_CASE(load_name_of_wrong_type_reports_type) {
  BOOST_TEST(error_of("name = 3\nsummary = \"s\"\nrefs = [\"r\"]\nsteps = [{ client = \"listen\" "
                      "}]\n[client]\n") == "f.toml:1:8: expected a string for 'name', got integer");
}

BOOST_AUTO_TEST_CASE(load_steps_of_wrong_type_reports_type) {
  BOOST_TEST(error_of(std::string(header) + "steps = \"x\"\n") ==
             "f.toml:4:9: expected an array for 'steps', got string");
}

BOOST_AUTO_TEST_CASE(load_expect_of_wrong_type_reports_type) {
  BOOST_TEST(step_error("{ client = \"read\", expect = true }") ==
             "f.toml:5:31: expected a string or an integer for 'expect', got boolean");
}

BOOST_AUTO_TEST_CASE(load_missing_name_asks_for_it) {
  BOOST_TEST(
      error_of("summary = \"s\"\nrefs = [\"r\"]\nsteps = [{ client = \"listen\" }]\n[client]\n") ==
      "f.toml:1:1: missing required key 'name'; add name = \"...\"");
}

BOOST_AUTO_TEST_CASE(load_missing_summary_asks_for_it) {
  BOOST_TEST(
      error_of("name = \"n\"\nrefs = [\"r\"]\nsteps = [{ client = \"listen\" }]\n[client]\n") ==
      "f.toml:1:1: missing required key 'summary'; add summary = \"...\"");
}

BOOST_AUTO_TEST_CASE(load_missing_refs_asks_for_it) {
  BOOST_TEST(
      error_of("name = \"n\"\nsummary = \"s\"\nsteps = [{ client = \"listen\" }]\n[client]\n") ==
      "f.toml:1:1: missing required key 'refs'; add refs = [\"...\"]");
}

// This fixture also lacks its steps: every problem of a file is reported, in file order.
BOOST_AUTO_TEST_CASE(load_empty_name_is_rejected) {
  BOOST_TEST(error_of("name = \"\"\nsummary = \"s\"\nrefs = [\"r\"]\n") ==
             "f.toml:1:1: missing required key 'steps'; add steps = [{ client = \"...\" }]\n"
             "f.toml:1:8: 'name' is empty; write name = \"...\"");
}

BOOST_AUTO_TEST_CASE(load_multiline_summary_is_rejected) {
  BOOST_TEST(error_of("name = \"n\"\nsummary = \"\"\"a\nb\"\"\"\nrefs = [\"r\"]\n") ==
             "f.toml:1:1: missing required key 'steps'; add steps = [{ client = \"...\" }]\n"
             "f.toml:2:11: 'summary' must be one line; move the details to the comment above it");
}

BOOST_AUTO_TEST_CASE(load_empty_refs_is_rejected) {
  BOOST_TEST(error_of("name = \"n\"\nsummary = \"s\"\nrefs = []\n") ==
             "f.toml:1:1: missing required key 'steps'; add steps = [{ client = \"...\" }]\n"
             "f.toml:3:8: 'refs' is empty; cite at least one source (an RFC, a kernel function)");
}

BOOST_AUTO_TEST_CASE(load_missing_steps_asks_for_them) {
  BOOST_TEST(error_of(std::string(header) + "[client]\n") ==
             "f.toml:1:1: missing required key 'steps'; add steps = [{ client = \"...\" }]");
}

BOOST_AUTO_TEST_CASE(load_empty_steps_is_rejected) {
  BOOST_TEST(error_of(std::string(header) + "steps = []\n[client]\n") ==
             "f.toml:4:9: 'steps' is empty; add at least one step");
}

BOOST_AUTO_TEST_CASE(step_naming_no_endpoint_is_rejected) {
  BOOST_TEST(
      step_error("{ expect = \"ok\" }") ==
      "f.toml:5:3: step names no endpoint; add client = \"<action>\", server = \"<action>\" or "
      "wire = \"<action>\"");
}

BOOST_AUTO_TEST_CASE(step_naming_both_endpoints_is_rejected) {
  BOOST_TEST(
      step_error("{ client = \"listen\", server = \"listen\" }") ==
      "f.toml:5:24: step names both endpoints; split it into a client step and a server step");
}

BOOST_AUTO_TEST_CASE(step_for_undeclared_endpoint_asks_for_table) {
  BOOST_TEST(error_of(with_steps("  { server = \"listen\" },\n", "[client]\n")) ==
             "f.toml:5:5: step for undeclared endpoint 'server': add a [server] table");
}

BOOST_AUTO_TEST_CASE(step_unknown_action_suggests_closest) {
  BOOST_TEST(step_error("{ client = \"wirte\", bytes = 1, expect = 1 }") ==
             "f.toml:5:14: unknown action 'wirte'; did you mean 'write'?");
}

BOOST_AUTO_TEST_CASE(step_unknown_action_without_match_lists_actions) {
  BOOST_TEST(step_error("{ client = \"frobnicate\" }") ==
             "f.toml:5:14: unknown action 'frobnicate'; valid actions: listen, connect, read, "
             "write, poll, tcp-state, shutdown, await, wait");
}

BOOST_AUTO_TEST_CASE(expect_unknown_errno_suggests_closest) {
  BOOST_TEST(step_error("{ client = \"read\", expect = \"ECONNRESTE\" }") ==
             "f.toml:5:31: unknown outcome 'ECONNRESTE'; did you mean 'ECONNRESET'?");
}

BOOST_AUTO_TEST_CASE(expect_unknown_word_without_match_lists_kinds) {
  BOOST_TEST(step_error("{ client = \"read\", expect = \"whatever\" }") ==
             "f.toml:5:31: unknown outcome 'whatever'; expected ok, eof, timeout, a byte count or "
             "an errno name");
}

BOOST_AUTO_TEST_CASE(expect_negative_count_is_rejected) {
  BOOST_TEST(step_error("{ client = \"read\", expect = -1 }") ==
             "f.toml:5:31: 'expect' must be >= 0, got -1");
}

BOOST_AUTO_TEST_CASE(expect_empty_array_is_rejected) {
  BOOST_TEST(step_error("{ client = \"read\", expect = [] }") ==
             "f.toml:5:31: 'expect' is empty; list at least one outcome");
}

BOOST_AUTO_TEST_CASE(expect_bad_poll_bit_suggests_closest) {
  BOOST_TEST(step_error("{ client = \"poll\", expect = \"OUT|ERRR\" }") ==
             "f.toml:5:31: unknown poll bit 'ERRR' in 'OUT|ERRR'; did you mean 'ERR'?");
}

BOOST_AUTO_TEST_CASE(expect_empty_poll_bit_lists_bits) {
  BOOST_TEST(step_error("{ client = \"poll\", expect = \"OUT|\" }") ==
             "f.toml:5:31: missing poll bit in 'OUT|'; valid bits: IN, OUT, ERR, HUP, RDHUP, PRI, "
             "NVAL, joined by '|'");
}

BOOST_AUTO_TEST_CASE(param_bad_poll_bit_suggests_closest) {
  BOOST_TEST(step_error("{ client = \"poll\", events = \"INN\", expect = \"0\" }") ==
             "f.toml:5:31: unknown poll bit 'INN' in 'INN'; did you mean 'IN'?");
}

BOOST_AUTO_TEST_CASE(expect_errno_for_a_state_action_is_an_error_outcome) {
  auto sc = load(with_steps("  { client = \"tcp-state\", expect = \"EBADF\" },\n"));
  BOOST_TEST((sc.steps.at(0).expect.at(0).what == rstlab::core::outcome::kind::error));
}

BOOST_AUTO_TEST_CASE(expect_bad_tcp_state_suggests_closest) {
  BOOST_TEST(step_error("{ client = \"tcp-state\", expect = \"CLOSE_WIAT\" }") ==
             "f.toml:5:36: unknown TCP state 'CLOSE_WIAT'; did you mean 'CLOSE_WAIT'?");
}

BOOST_AUTO_TEST_CASE(expect_missing_when_required_asks_for_it) {
  BOOST_TEST(step_error("{ client = \"read\" }") ==
             "f.toml:5:3: action 'read' requires 'expect'; add expect = \"ok\", \"eof\", "
             "\"timeout\", a byte count or an errno name");
}

BOOST_AUTO_TEST_CASE(expect_missing_revents_when_required_gives_example) {
  BOOST_TEST(step_error("{ client = \"poll\" }") ==
             "f.toml:5:3: action 'poll' requires 'expect'; add expect = poll bits such as "
             "\"OUT|ERR|HUP\"");
}

BOOST_AUTO_TEST_CASE(param_unknown_suggests_closest) {
  BOOST_TEST(step_error("{ client = \"write\", byte = 1, expect = 1 }") ==
             "f.toml:5:23: unknown parameter 'byte' for action 'write'; did you mean 'bytes'?");
}

// 'zzz' is no misspelt 'bytes', so the missing 'bytes' is a problem of its own.
BOOST_AUTO_TEST_CASE(param_unknown_without_match_lists_parameters) {
  BOOST_TEST(step_error("{ client = \"write\", zzz = 1, expect = 1 }") ==
             "f.toml:5:3: action 'write' requires parameter 'bytes'; add bytes = <integer>\n"
             "f.toml:5:23: unknown parameter 'zzz' for action 'write'; valid parameters: bytes");
}

BOOST_AUTO_TEST_CASE(param_unknown_on_action_without_parameters_says_so) {
  BOOST_TEST(
      step_error("{ server = \"listen\", backlog = 1 }") ==
      "f.toml:5:24: unknown parameter 'backlog' for action 'listen'; it takes no parameters");
}

BOOST_AUTO_TEST_CASE(param_of_wrong_type_reports_type) {
  BOOST_TEST(step_error("{ client = \"write\", bytes = \"10\", expect = 10 }") ==
             "f.toml:5:31: expected an integer for 'bytes', got string");
}

BOOST_AUTO_TEST_CASE(param_bad_string_choice_lists_choices) {
  BOOST_TEST(step_error("{ client = \"shutdown\", how = \"both\" }") ==
             "f.toml:5:32: invalid value 'both' for 'how'; expected one of: rd, wr, rdwr");
}

BOOST_AUTO_TEST_CASE(param_near_string_choice_suggests_closest) {
  BOOST_TEST(step_error("{ client = \"shutdown\", how = \"rdwrr\" }") ==
             "f.toml:5:32: invalid value 'rdwrr' for 'how'; did you mean 'rdwr'?");
}

BOOST_AUTO_TEST_CASE(param_missing_when_required_asks_for_it) {
  BOOST_TEST(step_error("{ client = \"write\", expect = 1 }") ==
             "f.toml:5:3: action 'write' requires parameter 'bytes'; add bytes = <integer>");
}

BOOST_AUTO_TEST_CASE(param_missing_choice_lists_choices) {
  BOOST_TEST(step_error("{ client = \"shutdown\" }") ==
             "f.toml:5:3: action 'shutdown' requires parameter 'how'; add how = \"...\" (one of: "
             "rd, wr, rdwr)");
}

BOOST_AUTO_TEST_CASE(step_bad_signal_suggests_closest) {
  BOOST_TEST(step_error("{ client = \"read\", expect = \"eof\", signal = \"SIGPIP\" }") ==
             "f.toml:5:47: invalid value 'SIGPIP' for 'signal'; did you mean 'SIGPIPE'?");
}

BOOST_AUTO_TEST_CASE(step_duplicate_id_points_at_first) {
  BOOST_TEST(
      error_of(with_steps(
          "  { server = \"listen\", id = \"a\" },\n  { client = \"connect\", id = \"a\" },\n")) ==
      "f.toml:6:30: duplicate step id 'a', first used at 5:29; give each step its own id");
}

BOOST_AUTO_TEST_CASE(step_timeout_zero_is_rejected) {
  BOOST_TEST(step_error("{ client = \"connect\", timeout_ms = 0 }") ==
             "f.toml:5:38: 'timeout_ms' must be a positive number of milliseconds, got 0");
}

BOOST_AUTO_TEST_CASE(load_step_timeout_negative_is_rejected) {
  BOOST_TEST(error_of("step_timeout_ms = -5\n" + with_steps("  { client = \"listen\" },\n")) ==
             "f.toml:1:19: 'step_timeout_ms' must be a positive number of milliseconds, got -5");
}

BOOST_AUTO_TEST_CASE(counter_unknown_name_suggests_closest) {
  BOOST_TEST(error_of(with_steps("  { client = \"listen\" },\n",
                                 "[client]\n[counters.client]\nOutRst = 1\n")) ==
             "f.toml:9:1: unknown counter 'OutRst'; did you mean 'OutRsts'?");
}

BOOST_AUTO_TEST_CASE(counter_range_reversed_is_rejected) {
  BOOST_TEST(error_of(with_steps("  { client = \"listen\" },\n",
                                 "[client]\n[counters.server]\nOutRsts = [5, 1]\n")) ==
             "f.toml:9:11: invalid range [5, 1] for 'OutRsts': min is above max; write [1, 5]");
}

BOOST_AUTO_TEST_CASE(wire_rst_unknown_host_suggests_closest) {
  BOOST_TEST(error_of(with_steps("  { client = \"listen\" },\n",
                                 "[client]\n[wire]\nrst = { clinet = 1 }\n")) ==
             "f.toml:9:9: unknown key 'clinet' in wire.rst; did you mean 'client'?");
}

BOOST_AUTO_TEST_CASE(wire_rst_negative_is_rejected) {
  BOOST_TEST(error_of(with_steps("  { client = \"listen\" },\n",
                                 "[client]\n[wire]\nrst = { client = -1 }\n")) ==
             "f.toml:9:18: 'client' must be >= 0, got -1");
}

BOOST_AUTO_TEST_CASE(wire_rst_range_of_three_is_rejected) {
  BOOST_TEST(error_of(with_steps("  { client = \"listen\" },\n",
                                 "[client]\n[wire]\nrst = { client = [1, 2, 3] }\n")) ==
             "f.toml:9:18: expected [min, max] for 'client', got 3 values");
}

BOOST_AUTO_TEST_CASE(step_socket_on_action_without_sockets_is_rejected) {
  BOOST_TEST(step_error("{ client = \"wait\", socket = \"conn\" }") ==
             "f.toml:5:22: action 'wait' takes no 'socket'; remove it");
}

BOOST_AUTO_TEST_CASE(server_port_out_of_range_is_rejected) {
  BOOST_TEST(error_of(with_steps("  { server = \"listen\" },\n", "[server]\nport = 70000\n")) ==
             "f.toml:8:8: 'port' must be between 1 and 65535, got 70000");
}

BOOST_AUTO_TEST_CASE(client_table_with_keys_is_rejected) {
  BOOST_TEST(error_of(with_steps("  { client = \"listen\" },\n", "[client]\nport = 1\n")) ==
             "f.toml:8:1: unknown key 'port' in [client]; valid keys: program, env, cwd, code");
}

BOOST_AUTO_TEST_CASE(step_of_wrong_type_reports_type) {
  BOOST_TEST(step_error("\"listen\"") == "f.toml:5:3: expected a table for 'steps', got string");
}

BOOST_AUTO_TEST_CASE(load_full_fixture_fills_header_and_tables) {
  auto sc = load(std::string(full_fixture));
  BOOST_TEST(sc.file == "f.toml");
  BOOST_TEST(sc.name == "full");
  BOOST_TEST(sc.summary == "every field in place");
  BOOST_TEST((sc.refs == std::vector<std::string>{"RFC 9293", "seed 001"}));
  BOOST_TEST(sc.step_timeout.count() == 250);
  BOOST_TEST(sc.case_timeout.count() == 5000);
  BOOST_TEST((sc.declares(fx::host::client) && sc.declares(fx::host::server)));
  BOOST_TEST(sc.port == 9000);
  BOOST_TEST(sc.steps.size() == 6u);
}

BOOST_AUTO_TEST_CASE(load_full_fixture_fills_ranges_with_positions) {
  auto sc = load(std::string(full_fixture));
  const auto& client_rst = sc.wire_rst[0].value();
  const auto& server_rst = sc.wire_rst[1].value();
  BOOST_TEST((client_rst.min == 0 && client_rst.max == 0 && at(client_rst.pos, 18, 18)));
  BOOST_TEST((server_rst.min == 1 && server_rst.max == 2 && at(server_rst.pos, 18, 30)));
  const auto& counters = sc.counters[0];
  BOOST_TEST(counters.size() == 2u);
  BOOST_TEST((counters.at("OutRsts").min == 1 && counters.at("OutRsts").max == 1));
  BOOST_TEST((counters.at("EstabResets").min == -1 && counters.at("EstabResets").max == 3));
  BOOST_TEST(at(counters.at("EstabResets").pos, 21, 15));
  BOOST_TEST(sc.counters[1].empty());
}

BOOST_AUTO_TEST_CASE(load_full_fixture_fills_steps) {
  auto sc = load(std::string(full_fixture));
  const auto& listen = sc.steps[0];
  BOOST_TEST((listen.endpoint == fx::host::server && listen.action == "listen"));
  BOOST_TEST(at(listen.pos, 7, 3));
  BOOST_TEST(listen.socket == "listener");
  BOOST_TEST((listen.expect == std::vector<rstlab::core::outcome>{{kind::ok}}));
  BOOST_TEST(at(listen.expect_pos, 7, 3));
  const auto& connect = sc.steps[1];
  BOOST_TEST(connect.integer("port", 0) == 9000);
  BOOST_TEST(connect.flag("nonblocking", false));
  BOOST_TEST(connect.socket == "conn");
  BOOST_TEST((connect.expect ==
              std::vector<rstlab::core::outcome>{{kind::ok}, {kind::error, EINPROGRESS}}));
  BOOST_TEST(at(connect.expect_pos, 8, 67));
  BOOST_TEST(!connect.timeout.has_value());
}

BOOST_AUTO_TEST_CASE(load_full_fixture_fills_expect_kinds) {
  auto sc = load(std::string(full_fixture));
  const auto& poll = sc.steps[2];
  BOOST_TEST(poll.text("events", "") == "OUT");
  BOOST_TEST(poll.id == "p");
  BOOST_TEST((poll.expect == std::vector<rstlab::core::outcome>{{kind::revents, 0x1c}}));
  BOOST_TEST((sc.steps[3].expect ==
              std::vector<rstlab::core::outcome>{{kind::state, 8}, {kind::state, 7}}));
  const auto& write = sc.steps[4];
  BOOST_TEST((write.expect ==
              std::vector<rstlab::core::outcome>{{kind::count, 100}, {kind::error, EPIPE}}));
  BOOST_TEST(write.expect_sigpipe);
  BOOST_TEST(write.timeout.value().count() == 50);
  const auto& shutdown = sc.steps[5];
  BOOST_TEST((shutdown.text("how", "") == "wr" && shutdown.socket == "spare"));
  BOOST_TEST(!shutdown.expect_sigpipe);
}

BOOST_AUTO_TEST_CASE(load_minimal_fixture_fills_defaults) {
  auto sc = load(with_steps("  { client = \"connect\" },\n", "[client]\n"));
  BOOST_TEST(sc.step_timeout.count() == 1000);
  BOOST_TEST(sc.case_timeout.count() == 10000);
  BOOST_TEST(sc.port == 8000);
  BOOST_TEST((sc.declares(fx::host::client) && !sc.declares(fx::host::server)));
  BOOST_TEST((!sc.wire_rst[0] && !sc.wire_rst[1]));
  BOOST_TEST((sc.counters[0].empty() && sc.counters[1].empty()));
  const auto& connect = sc.steps.at(0);
  BOOST_TEST((connect.params.empty() && connect.id.empty()));
  BOOST_TEST(connect.integer("port", 8000) == 8000);
  BOOST_TEST((connect.expect == std::vector<rstlab::core::outcome>{{kind::ok}}));
}

BOOST_AUTO_TEST_CASE(load_steps_as_array_of_tables_points_at_headers) {
  auto sc = load(std::string(header) +
                 "[client]\n"
                 "[[steps]]\n"
                 "client = \"connect\"\n"
                 "[[steps]]\n"
                 "client = \"read\"\n"
                 "expect = \"EWOULDBLOCK\"\n");
  BOOST_TEST(sc.steps.size() == 2u);
  BOOST_TEST(at(sc.steps[0].pos, 5, 1));
  BOOST_TEST(at(sc.steps[1].pos, 7, 1));
  BOOST_TEST(at(sc.steps[1].expect_pos, 9, 10));
  BOOST_TEST((sc.steps[1].expect == std::vector<rstlab::core::outcome>{{kind::error, EAGAIN}}));
}

BOOST_AUTO_TEST_CASE(load_file_reads_fixture_and_keeps_its_path) {
  temp_dir dir;
  dir.write("a.toml", with_steps("  { client = \"connect\" },\n", "[client]\n"));
  auto sc = fx::load_file(dir.path / "a.toml", specs);
  BOOST_TEST(sc.file == (dir.path / "a.toml").string());
  BOOST_TEST(sc.steps.size() == 1u);
}

BOOST_AUTO_TEST_CASE(load_file_missing_reports_line_zero) {
  temp_dir dir;
  auto path = (dir.path / "nope.toml").string();
  BOOST_CHECK_EXCEPTION(fx::load_file(path, specs), fx::load_error, [&](const fx::load_error& e) {
    return e.what() ==
           path + ": cannot read the file (No such file or directory); check the path";
  });
}

BOOST_AUTO_TEST_CASE(load_file_error_names_the_file) {
  temp_dir dir;
  dir.write("bad.toml", "name = 3\n");
  auto path = (dir.path / "bad.toml").string();
  BOOST_CHECK_EXCEPTION(fx::load_file(path, specs), fx::load_error, [&](const fx::load_error& e) {
    return e.what() ==
           path + ":1:1: missing required key 'summary'; add summary = \"...\"\n" + path +
               ":1:1: missing required key 'refs'; add refs = [\"...\"]\n" + path +
               ":1:1: missing required key 'steps'; add steps = [{ client = \"...\" }]\n" + path +
               ":1:8: expected a string for 'name', got integer";
  });
}

BOOST_AUTO_TEST_CASE(collect_folder_finds_toml_files_recursively_sorted) {
  temp_dir dir;
  for (auto name : {"b.toml", "a/z.toml", "a/c.toml", "notes.txt", "a/deep/d.toml"})
    dir.write(name, "");
  const std::vector<std::string> given{(dir.path / "b.toml").string(), dir.path.string()};
  auto found = fx::collect(given);
  const std::vector<fs::path> expected{dir.path / "b.toml", dir.path / "a/c.toml",
                                       dir.path / "a/deep/d.toml", dir.path / "a/z.toml",
                                       dir.path / "b.toml"};
  BOOST_TEST((found == expected));
}

BOOST_AUTO_TEST_CASE(collect_missing_path_reports_position_zero) {
  const std::vector<std::string> given{"no/such/place"};
  BOOST_CHECK_EXCEPTION(fx::collect(given), fx::load_error, [](const fx::load_error& e) {
    return e.what() == std::string(
                           "no/such/place: no such file or folder; give a .toml "
                           "fixture or a folder of them");
  });
}

BOOST_AUTO_TEST_CASE(variants_run_each_fixture_over_each_family_asked_unless_pinned) {
  using rstlab::core::family;
  fx::scenario a, b;
  a.name = "a";
  b.name = "b";
  b.pinned = family::v6;
  b.family = family::v6;
  auto both = fx::variants({a, b}, *fx::parse_families("both"));
  BOOST_TEST_REQUIRE(both.size() == 3u);
  BOOST_TEST(both[0].name == "a[v4]");
  BOOST_TEST((both[0].family == family::v4));
  BOOST_TEST(both[1].name == "a[v6]");
  BOOST_TEST((both[1].family == family::v6));
  BOOST_TEST(both[2].name == "b[v6]");
  auto v4 = fx::variants({a, b}, *fx::parse_families("4"));
  BOOST_TEST_REQUIRE(v4.size() == 1u);
  BOOST_TEST(v4[0].name == "a[v4]");
  BOOST_TEST(!fx::parse_families("v6").has_value());
  BOOST_TEST(!fx::parse_families("").has_value());
}

BOOST_AUTO_TEST_CASE(variants_on_loopback_only_where_nothing_needs_two_hosts) {
  fx::scenario plain, with_rule, on_lo, counted;
  plain.name = "plain";
  with_rule.name = "rule";
  with_rule.wire_rules.emplace_back();
  on_lo.name = "lo";
  on_lo.pinned_loopback = true;
  on_lo.loopback = true;
  counted.name = "counted";
  counted.counters[0]["OutRsts"] = {};
  auto v4 = *fx::parse_families("4");
  auto both = fx::variants({plain, with_rule, on_lo, counted}, v4, *fx::parse_topologies("both"));
  std::vector<std::string> names;
  for (const auto& v : both) names.push_back(v.name + (v.loopback ? "+lo" : ""));
  BOOST_TEST(names == (std::vector<std::string>{"plain[v4]", "plain[lo-v4]+lo", "rule[v4]",
                                                "lo[lo-v4]+lo", "counted[v4]"}),
             boost::test_tools::per_element());
  auto hosts = fx::variants({plain, on_lo}, v4);  // the default: two hosts, lo only if pinned
  BOOST_TEST_REQUIRE(hosts.size() == 2u);
  BOOST_TEST(hosts[1].name == "lo[lo-v4]");
  BOOST_TEST(fx::loopback_blocker(with_rule) == "it has [[wire.rule]] rules");
  BOOST_TEST(fx::loopback_blocker(counted) == "it asserts per-host counters");
  BOOST_TEST(!fx::parse_topologies("tun").has_value());
}

// `tags` select fixtures (--tag): plain words, each once, every problem reported.
BOOST_AUTO_TEST_CASE(tags_are_plain_words_each_given_once) {
  auto steps = with_steps("  { client = \"listen\" },\n");
  auto sc = load("tags = [\"slow\", \"icmp-6\"]\n" + steps);
  BOOST_TEST((sc.tags == std::vector<std::string>{"slow", "icmp-6"}));
  BOOST_TEST(load(steps).tags.empty());
  BOOST_TEST(error_of("tags = [\"Slow\", \"a b\", 3]\n" + steps) ==
             "f.toml:1:9: tag 'Slow' must be lower-case letters, digits and '-', such as \"slow\"\n"
             "f.toml:1:17: tag 'a b' must be lower-case letters, digits and '-', such as \"slow\"\n"
             "f.toml:1:24: expected a string for 'tags', got integer");
  BOOST_TEST(error_of("tags = [\"slow\", \"slow\"]\n" + steps) ==
             "f.toml:1:17: tag 'slow' is given twice");
}
