// What the loader's test files share: an actions table that describes itself the way cases/
// does (ranges, rules, producible outcomes, socket effects, a wait), fixture text built around
// a few steps, the text of the error a fixture raises, a temporary folder, and a probe of time
// and peak memory for the hostile-input tests.
#pragma once

#include <sys/resource.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <span>
#include <string>
#include <string_view>

#include "harness/fixture/loader.hpp"

namespace rstlab::test {

namespace fx = fixture;
using fx::param_rule;
using fx::param_spec;
using fx::param_type;
using kind = core::outcome::kind;

inline constexpr std::string_view events[] = {"readable", "queued", "state"};
inline constexpr std::string_view states[] = {"ESTABLISHED", "CLOSE_WAIT", "CLOSE"};
inline constexpr std::string_view options[] = {"SO_LINGER", "SO_RCVTIMEO", "IP_RECVERR", "IPV6_RECVERR"};

inline constexpr param_spec connect_params[] = {
    {"port", param_type::integer, "peer port", {}, false, 0, 65535}};
inline constexpr param_spec accept_params[] = {{"as", param_type::string, "accepted socket"}};
inline constexpr param_spec read_params[] = {
    {"bytes", param_type::integer, "at most", {}, false, 1, fx::int_max}};
inline constexpr param_spec await_params[] = {
    {"event", param_type::string, "", events, true},
    {"bytes", param_type::integer, "queued", {}, false, 1, fx::int_max},
    {"state", param_type::string, "", states}};
inline constexpr param_rule await_rules[] = {
    {param_rule::kind::needs, "state", "event", "state"},
    {param_rule::kind::only_with, "state", "event", "state"},
    {param_rule::kind::only_with, "bytes", "event", "queued"}};
inline constexpr param_spec sockopt_params[] = {
    {"option", param_type::string, "", options, true},
    {"value", param_type::integer, "", {}, true, fx::int_min, fx::int_max}};
inline constexpr param_rule sockopt_rules[] = {
    {param_rule::kind::range, "value", "option", "SO_LINGER", 0, 65535},
    {param_rule::kind::range, "value", "option", "SO_RCVTIMEO", 0, 86'400'000}};
inline constexpr param_spec getsockopt_params[] = {
    {"option", param_type::string, "", options, true}};
inline constexpr param_spec wait_params[] = {{"step", param_type::string, "", {}, true}};


inline constexpr fx::outcome_set plain{kind::ok, kind::error};
inline constexpr fx::outcome_set transfer{kind::count, kind::eof, kind::error, kind::timeout};

// clang-format off
inline constexpr fx::action_spec rich_specs[] = {
    {.name = "socket", .summary = "", .produces = plain, .effect = fx::socket_effect::creates},
    {.name = "listen", .summary = "", .default_socket = "listener", .produces = plain,
     .effect = fx::socket_effect::creates},
    {.name = "connect", .summary = "", .params = connect_params, .produces = plain,
     .effect = fx::socket_effect::creates_if_missing},
    {.name = "accept", .summary = "", .params = accept_params, .default_socket = "listener",
     .produces = plain, .creates_param = "as", .creates_default = "conn"},
    {.name = "read", .summary = "", .params = read_params, .expect_required = true,
     .produces = transfer},
    {.name = "close", .summary = "", .produces = plain},
    {.name = "poll", .summary = "", .expects = fx::expect_kind::revents,
     .expect_required = true, .produces = {kind::revents, kind::error}},
    {.name = "await", .summary = "", .params = await_params, .rules = await_rules,
     .produces = {kind::ok, kind::timeout}},
    {.name = "setsockopt", .summary = "", .params = sockopt_params, .rules = sockopt_rules,
     .produces = plain},
    {.name = "getsockopt", .summary = "", .params = getsockopt_params,
     .expects = fx::expect_kind::value, .produces = {kind::value, kind::error}},
    {.name = "wait", .summary = "", .params = wait_params, .uses_socket = false, .waits = true},
};
// clang-format on

// Lines 1-3 are the header, line 4 opens the steps, which start on line 5.
inline std::string fixture_text(std::string_view steps,
                                std::string_view tables = "[client]\n[server]\n") {
  return "name = \"n\"\nsummary = \"s\"\nrefs = [\"r\"]\nsteps = [\n" + std::string(steps) + "]\n" +
         std::string(tables);
}

// what() of the load_error the text raises, or "loaded".
inline std::string error_text(std::string_view text,
                              std::span<const fx::action_spec> specs = rich_specs) {
  try {
    fx::load_text(text, "f.toml", specs);
  } catch (const fx::load_error& e) {
    return e.what();
  }
  return "loaded";
}

inline fx::scenario load_rich(std::string_view text) {
  return fx::load_text(text, "f.toml", rich_specs);
}

// A fresh folder under /tmp, removed when the test ends.
struct temp_folder {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("loader_test." + std::to_string(::getpid()) + ".d");
  temp_folder() { std::filesystem::create_directories(path); }
  ~temp_folder() { std::filesystem::remove_all(path); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name, std::ios::binary) << text;
    return (path / name).string();
  }
};

// Elapsed time and growth of the peak resident set since construction. Machines are noisy:
// tests compare these with generous bounds only.
struct resource_probe {
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  long peak_kb_before = peak_kb();

  static long peak_kb() {
    rusage u{};
    ::getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
  }
  double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  long growth_kb() const { return peak_kb() - peak_kb_before; }
};

// Runs `load`, returns the text of the load_error it raises ("loaded" if none), and checks and
// reports the time and peak memory it took: under 2 s and 64 MB, generous on purpose.
template <class F>
std::string bounded(const char* what, F load) {
  resource_probe probe;
  std::string text = "loaded";
  try {
    load();
  } catch (const fx::load_error& e) {
    text = e.what();
  }
  BOOST_TEST(probe.seconds() < 2.0);
  BOOST_TEST(probe.growth_kb() < 64 * 1024);
  BOOST_TEST_MESSAGE(what << ": " << probe.seconds() * 1000 << " ms, peak RSS +"
                          << probe.growth_kb() << " KiB");
  return text;
}

}  // namespace rstlab::test
