// Every problem of a file is reported, in file order, up to a cap; and a whole run is loaded at
// once, with every file's problems and the fixtures that share a name.
#include <boost/test/unit_test.hpp>

#include "tests/loader_support.hpp"

using namespace rstlab::test;

namespace {

std::string unknown_action_steps(int count) {
  std::string steps;
  for (int i = 0; i < count; ++i)
    steps += "  { client = \"zz" + std::to_string(i) + "\" },\n";
  return steps;
}

fx::load_error error_of(std::string_view text) {
  try {
    load_rich(text);
  } catch (const fx::load_error& e) {
    return e;
  }
  throw std::runtime_error("the fixture loaded");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(loader_run)

BOOST_AUTO_TEST_CASE(every_problem_of_a_file_is_reported_in_file_order) {
  auto text =
      "name = 3\nsummary = \"s\"\nrefs = [\"r\"]\nstep_timeout_ms = 0\nsteps = [\n"
      "  { client = \"conect\" },\n"
      "  { client = \"connect\", port = -1, timeout_ms = 0 },\n"
      "]\n[client]\n[counters.client]\nOutRst = 1\nEstabResets = [3, 1]\n";
  BOOST_TEST(
      error_text(text) ==
      "f.toml:1:8: expected a string for 'name', got integer\n"
      "f.toml:4:19: 'step_timeout_ms' must be a positive number of milliseconds, got 0\n"
      "f.toml:6:14: unknown action 'conect'; did you mean 'connect'?\n"
      "f.toml:7:32: 'port' must be between 0 and 65535, got -1\n"
      "f.toml:7:49: 'timeout_ms' must be a positive number of milliseconds, got 0\n"
      "f.toml:11:1: unknown counter 'OutRst'; did you mean 'OutRsts'?\n"
      "f.toml:12:15: invalid range [3, 1] for 'EstabResets': min is above max; write [1, 3]");
}

BOOST_AUTO_TEST_CASE(problems_past_twenty_are_counted_not_shown) {
  auto e = error_of(fixture_text(unknown_action_steps(25)));
  std::string expected;
  for (int i = 0; i < 20; ++i)
    expected += "f.toml:" + std::to_string(5 + i) + ":14: unknown action 'zz" + std::to_string(i) +
                "'; valid actions: socket, listen, connect, accept, read, close, poll, await, "
                "setsockopt, getsockopt, wait\n";
  BOOST_TEST(e.what() == expected + "f.toml: 5 more problems not shown");
  BOOST_TEST(e.diagnostics().size() == 20u);
  BOOST_TEST(e.not_shown() == 5u);
  BOOST_TEST(e.total() == 25u);
  BOOST_TEST((e.file() == "f.toml" && e.pos().line == 5 && e.pos().column == 14));
}

BOOST_AUTO_TEST_CASE(one_problem_past_twenty_reads_singular) {
  auto e = error_of(fixture_text(unknown_action_steps(21)));
  std::string_view text = e.what();
  BOOST_TEST(text.substr(text.rfind('\n') + 1) == "f.toml: 1 more problem not shown");
}

BOOST_AUTO_TEST_CASE(thousands_of_problems_stay_capped_and_fast) {
  resource_probe probe;
  auto e = error_of(fixture_text(unknown_action_steps(3000)));
  BOOST_TEST(e.total() == 3000u);
  BOOST_TEST(std::string_view(e.what()).ends_with("f.toml: 2980 more problems not shown"));
  BOOST_TEST(probe.seconds() < 2.0);
  BOOST_TEST_MESSAGE("3000 problems: " << probe.seconds() << " s, peak RSS +" << probe.growth_kb()
                                       << " KiB");
}

BOOST_AUTO_TEST_CASE(syntax_error_is_reported_alone) {
  BOOST_TEST(error_text("name = 3\nsteps = [\n  { client = \"x\" \n") ==
             "f.toml:3:18: invalid TOML in inline table: expected key or closing '}', saw '\\n'; "
             "an inline table must fit on one line, with no trailing comma");
}

BOOST_AUTO_TEST_CASE(prescan_reports_each_of_its_problems) {
  BOOST_TEST(error_text("\xc2\xa7 = 1\nb = 1\xc2\xa0\n") ==
             "f.toml:1:1: non-ASCII character U+00A7 outside a string or comment; keep it inside a "
             "quoted value or a comment\n"
             "f.toml:2:6: non-ASCII character U+00A0 outside a string or comment; keep it inside a "
             "quoted value or a comment");
}

BOOST_AUTO_TEST_CASE(control_characters_in_messages_are_escaped) {
  BOOST_TEST(error_text(fixture_text("  { client = \"a\\nb\\u001b\" },\n")) ==
             "f.toml:5:14: unknown action 'a\\nb\\x1B'; valid actions: socket, listen, connect, "
             "accept, read, close, poll, await, setsockopt, getsockopt, wait");
}

BOOST_AUTO_TEST_CASE(run_refuses_two_fixtures_with_one_name) {
  temp_folder dir;
  auto first = dir.write("f1.toml", fixture_text("  { client = \"connect\" },\n"));
  auto second = dir.write("f2.toml", fixture_text("  { client = \"connect\" },\n"));
  const std::vector<std::string> paths{dir.path.string()};
  auto run = fx::load_run(paths, rich_specs);
  BOOST_TEST(!run.ok());
  BOOST_TEST(run.scenarios.size() == 1u);
  BOOST_TEST(run.scenarios.at(0).file == first);
  BOOST_TEST(run.text() == second + ":1:8: fixture name 'n' is already used by " + first +
                               "; give each fixture its own name");
}

BOOST_AUTO_TEST_CASE(run_reports_every_file_and_loads_the_good_ones) {
  temp_folder dir;
  auto good = dir.write("good.toml", fixture_text("  { client = \"connect\" },\n"));
  auto bad = dir.write("bad.toml", "name = 3\n");
  const std::vector<std::string> paths{"no/such.toml", bad, good};
  auto run = fx::load_run(paths, rich_specs);
  BOOST_TEST(run.errors.size() == 2u);
  BOOST_TEST(run.scenarios.size() == 1u);
  BOOST_TEST(run.text() ==
             "no/such.toml: no such file or folder; give a .toml fixture or a folder of them\n" +
                 bad + ":1:1: missing required key 'summary'; add summary = \"...\"\n" + bad +
                 ":1:1: missing required key 'refs'; add refs = [\"...\"]\n" + bad +
                 ":1:1: missing required key 'steps'; add steps = [{ client = \"...\" }]\n" + bad +
                 ":1:8: expected a string for 'name', got integer");
}

BOOST_AUTO_TEST_CASE(run_of_good_fixtures_is_ok) {
  temp_folder dir;
  dir.write("a.toml", fixture_text("  { client = \"connect\" },\n"));
  dir.write("b.toml",
            "name = \"other\"\nsummary = \"s\"\nrefs = [\"r\"]\n"
            "steps = [{ client = \"connect\" }]\n[client]\n");
  const std::vector<std::string> paths{dir.path.string()};
  auto run = fx::load_run(paths, rich_specs);
  BOOST_TEST(run.ok());
  BOOST_TEST(run.text().empty());
  BOOST_TEST(run.scenarios.size() == 2u);
  BOOST_TEST(run.scenarios.at(1).name == "other");
}

BOOST_AUTO_TEST_SUITE_END()
