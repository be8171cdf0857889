// A fixture's program endpoints as the loader reads them, against the real actions table:
// where the executable is found (relative to the fixture, the program folders, PATH), every
// way a command can be wrong, placeholders, and which steps a program's host may take. Each
// problem names its line and column and says what to do; nothing here starts a process.
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>

#include <csignal>

#include <filesystem>
#include <fstream>

#include "cases/action.hpp"
#include "harness/fixture/loader.hpp"
#include "harness/fixture/placeholders.hpp"
#include "harness/fixture/programs.hpp"

namespace fx = rstlab::fixture;
namespace fs = std::filesystem;

namespace {

struct folder {
  fs::path path = fs::temp_directory_path() / ("program_loader." + std::to_string(::getpid()));
  folder() { fs::create_directories(path); }
  ~folder() { fs::remove_all(path); }
  std::string file(const std::string& name, const std::string& text, int mode = 0755) const {
    std::ofstream(path / name) << text;
    ::chmod((path / name).c_str(), static_cast<mode_t>(mode));
    return (path / name).string();
  }
};

// Line 4 holds the steps' first line; the [server] table starts at line 6 + steps.
std::string fixture(const std::string& server, const std::string& steps = "  { server = \"await-exit\", expect = \"exit 0\" },\n") {
  return "name = \"t\"\nsummary = \"s\"\nrefs = [\"r\"]\nsteps = [\n" + steps + "]\n[client]\n[server]\n" + server;
}

fx::scenario load(const std::string& text, const std::string& file = "f.toml") {
  return fx::load_text(text, file, rstlab::cases::specs());
}

std::string error_of(const std::string& text, const std::string& file = "f.toml") {
  try {
    load(text, file);
  } catch (const fx::load_error& e) {
    return e.what();
  }
  return "(it loaded)";
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(an_absolute_command_is_taken_as_it_is) {
  auto sc = load(fixture("program = [\"/bin/true\", \"{server_port}\"]\n"));
  BOOST_REQUIRE(sc.programs[1].has_value());
  BOOST_TEST(sc.programs[1]->executable == "/bin/true");
  BOOST_TEST(sc.programs[1]->argv.size() == 2u);
  BOOST_TEST(!sc.programs[0].has_value());
  BOOST_TEST(sc.programs[1]->pos.line == 9);
}

BOOST_AUTO_TEST_CASE(a_relative_command_is_relative_to_the_fixture_not_to_here) {
  folder dir;
  dir.file("serve.sh", "#!/bin/sh\n");
  auto file = (dir.path / "case.toml").string();
  auto sc = load(fixture("program = [\"./serve.sh\"]\n"), file);
  BOOST_TEST(sc.programs[1]->executable == (dir.path / "serve.sh").string());
  BOOST_TEST(sc.programs[1]->cwd == dir.path.string());  // it runs there too
}

BOOST_AUTO_TEST_CASE(a_bare_name_is_looked_for_in_the_program_folders_first) {
  folder dir;
  dir.file("true", "#!/bin/sh\n");
  fx::set_program_dirs({dir.path.string()});
  auto sc = load(fixture("program = [\"true\"]\n"));
  fx::set_program_dirs({});
  BOOST_TEST(sc.programs[1]->executable == (dir.path / "true").string());
  BOOST_TEST(load(fixture("program = [\"true\"]\n")).programs[1]->executable != (dir.path / "true").string());
}

BOOST_AUTO_TEST_CASE(a_command_that_does_not_exist_names_where_it_looked) {
  auto e = error_of(fixture("program = [\"no-such-program-here\"]\n"));
  BOOST_TEST(has(e, "f.toml:9:12: no program named 'no-such-program-here' in then PATH; write a "
                    "path relative to the fixture (./no-such-program-here) or add its folder with "
                    "--program-path DIR"), e);
  folder dir;
  auto missing = error_of(fixture("program = [\"./gone\"]\n"), (dir.path / "c.toml").string());
  BOOST_TEST(has(missing, ":9:12: program " + (dir.path / "gone").string() +
                          " does not exist (a path with a '/' is relative to the fixture's folder)"),
             missing);
}

BOOST_AUTO_TEST_CASE(a_command_that_cannot_be_run_says_why) {
  folder dir;
  dir.file("plain", "data", 0644);
  auto file = (dir.path / "c.toml").string();
  auto e = error_of(fixture("program = [\"./plain\"]\n"), file);
  BOOST_TEST(has(e, "is not executable (chmod +x it)"), e);
  auto d = error_of(fixture("program = [\"/tmp\"]\n"));
  BOOST_TEST(has(d, "f.toml:9:12: program /tmp is not a regular file"), d);
  auto empty = error_of(fixture("program = []\n"));
  BOOST_TEST(has(empty, "f.toml:9:11: 'program' is empty; write program = [\"./server\", \"{server_port}\"]"), empty);
}

BOOST_AUTO_TEST_CASE(placeholders_are_checked_with_a_suggestion) {
  auto e = error_of(fixture("program = [\"/bin/true\", \"{server_adr}\"]\n"));
  BOOST_TEST(has(e, "f.toml:9:25: unknown placeholder {server_adr}; did you mean {server_addr}?"), e);
  auto far = error_of(fixture("program = [\"/bin/true\", \"{ip}\"]\n"));
  BOOST_TEST(has(far, "unknown placeholder {ip}; known: {server_addr} {server_port} {client_addr} "
                      "{family} {fixture_dir}"), far);
  auto open = error_of(fixture("program = [\"/bin/true\", \"{server_port\"]\n"));
  BOOST_TEST(has(open, "'{' at character 1 is not closed; write {{ for a brace"), open);
  BOOST_TEST(has(error_of(fixture("program = [\"/bin/true\"]\nenv = { A = \"{nope}\" }\n")),
                 "f.toml:10:13: unknown placeholder {nope}"));
  BOOST_TEST(error_of(fixture("program = [\"/bin/true\", \"{{literal}}\"]\n")) == "(it loaded)");
}

BOOST_AUTO_TEST_CASE(env_and_cwd_need_a_program) {
  auto e = error_of(fixture("env = { A = \"1\" }\n"));
  BOOST_TEST(has(e, "f.toml:9:7: 'env' is about a program; add program = [...] to [server] or remove it"), e);
  auto cwd = error_of(fixture("program = [\"/bin/true\"]\ncwd = \"no/such/folder\"\n"));
  BOOST_TEST(has(cwd, "f.toml:10:7: 'cwd' "), cwd);
  BOOST_TEST(has(cwd, "is no folder (it is relative to the fixture's)"), cwd);
}

BOOST_AUTO_TEST_CASE(a_program_host_takes_program_steps_and_rstlab_s_own_takes_socket_steps) {
  auto socket_step = error_of(fixture("program = [\"/bin/true\"]\n", "  { server = \"listen\" },\n"));
  BOOST_TEST(has(socket_step, "f.toml:5:14: the server is a program: 'listen' is one of rstlab's own "
                              "socket calls, which a program makes itself"), socket_step);
  auto program_step = error_of(fixture("", "  { server = \"await-listening\" },\n"));
  BOOST_TEST(has(program_step, "f.toml:5:14: 'await-listening' is about a program, and the server "
                               "is rstlab's own endpoint; give [server] a program = [...]"), program_step);
  // Either kind may have its sockets killed from outside, and wait for a background step.
  BOOST_TEST(error_of(fixture("", "  { server = \"kill-socket\", expect = 0 },\n")) == "(it loaded)");
}

BOOST_AUTO_TEST_CASE(how_a_program_ended_is_written_exit_n_or_the_signal) {
  auto sc = load(fixture("program = [\"/bin/true\"]\n",
                         "  { server = \"await-exit\", expect = [\"exit 0\", \"SIGPIPE\", \"killed by SIGTERM\"] },\n"));
  using kind = rstlab::core::outcome::kind;
  BOOST_TEST((sc.steps[0].expect == std::vector<rstlab::core::outcome>{
                                        {kind::exited, 0}, {kind::killed, SIGPIPE}, {kind::killed, SIGTERM}}));
  auto typo = error_of(fixture("program = [\"/bin/true\"]\n", "  { server = \"await-exit\", expect = \"SIGPIEP\" },\n"));
  BOOST_TEST(has(typo, "unknown end 'SIGPIEP'; did you mean 'SIGPIPE'?"), typo);
  auto big = error_of(fixture("program = [\"/bin/true\"]\n", "  { server = \"await-exit\", expect = \"exit 256\" },\n"));
  BOOST_TEST(has(big, "expected \"exit N\" (0 to 255)"), big);
  auto none = error_of(fixture("program = [\"/bin/true\"]\n", "  { server = \"await-exit\" },\n"));
  BOOST_TEST(has(none, "requires 'expect'; add expect = \"exit 0\" or a signal such as \"SIGPIPE\""), none);
}

BOOST_AUTO_TEST_CASE(patterns_signals_and_states_are_checked_when_loading) {
  auto regex = error_of(fixture("program = [\"/bin/true\"]\n", "  { server = \"expect-output\", match = \"(unclosed\" },\n"));
  BOOST_TEST(has(regex, "f.toml:5:3: 'match' is no regular expression"), regex);
  auto placeholder = error_of(fixture("program = [\"/bin/true\"]\n", "  { server = \"expect-output\", match = \"{port}\" },\n"));
  BOOST_TEST(has(placeholder, "'match': unknown placeholder {port}"), placeholder);
  auto sig = error_of(fixture("program = [\"/bin/true\"]\n", "  { server = \"signal\", name = \"SIGTREM\" },\n"));
  BOOST_TEST(has(sig, "unknown signal 'SIGTREM'; did you mean 'SIGTERM'?"), sig);
  auto state = error_of(fixture("", "  { server = \"kill-socket\", state = \"OPEN\", expect = 1 },\n"));
  BOOST_TEST(has(state, "unknown TCP state 'OPEN' for 'state'"), state);
}

BOOST_AUTO_TEST_CASE(placeholders_are_filled_and_quoted_for_patterns) {
  fx::placeholder_values v{{"server_addr", "198.18.0.2"}, {"server_port", "8000"}};
  BOOST_TEST(fx::fill("{server_addr}:{server_port} {{x}}", v) == "198.18.0.2:8000 {x}");
  BOOST_TEST(fx::fill("at {server_addr}", v, fx::regex_escaped) == "at 198\\.18\\.0\\.2");
  BOOST_CHECK_THROW(fx::fill("{client_addr}", v), std::invalid_argument);  // no value this run
  BOOST_CHECK_THROW(fx::fill("{server_addr", v), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(code_marks_an_endpoint_as_cpp_code_and_goes_alone) {
  auto sc = load(fixture("code = true\n"));
  BOOST_TEST(sc.programs[1]->code);
  BOOST_TEST(sc.programs[1]->argv.empty());
  auto both = error_of(fixture("code = true\nprogram = [\"/bin/true\"]\n"));
  BOOST_TEST(has(both, "f.toml:10:11: 'program' cannot go with code = true in [server]"), both);
  auto no = error_of(fixture("code = false\n"));
  BOOST_TEST(has(no, "'code' can only be true"), no);
}

BOOST_AUTO_TEST_CASE(a_path_list_splits_at_colons_and_an_empty_entry_is_here) {
  BOOST_TEST((fx::split_path_list("/a:/b::c") == std::vector<std::string>{"/a", "/b", ".", "c"}));
  BOOST_TEST(fx::split_path_list("").empty());
}
