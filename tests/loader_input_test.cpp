// Hostile text: whatever is handed to the loader ends in a clear "file:line:column" error within
// a second and a few MB, and nothing large is built first. The pre-scan keeps from toml++ 3.3.0
// what overflows its stack (long dotted keys), nests deep, or reaches its undefined behaviour
// (non-ASCII where it tests for whitespace, issue 295) or its assertions. Time and memory are
// bounded generously: machines are noisy. Special and large files: loader_files_test.cpp.
#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "harness/core/names.hpp"
#include "harness/fixture/prescan.hpp"
#include "tests/loader_support.hpp"

using namespace rstlab::test;

namespace {

std::string bounded_text(const char* what, const std::string& text) {
  return bounded(what, [&] { load_rich(text); });
}

std::string repeated(std::string_view part, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i)
    out += part;
  return out;
}

constexpr std::string_view outside =
    " outside a string or comment; keep it inside a quoted value or a comment";

}  // namespace

BOOST_AUTO_TEST_SUITE(loader_input)

BOOST_AUTO_TEST_CASE(dotted_key_of_31000_parts_is_refused_fast) {
  auto text = "a" + repeated(".a", 31'000) + " = 1\n";
  BOOST_TEST(text.size() > 62'000u);
  BOOST_TEST(
      bounded_text("dotted key, 31,000 parts", text) ==
      "f.toml:1:33: dotted key with more than 16 parts; a fixture's keys have at most a few");
}

BOOST_AUTO_TEST_CASE(dotted_table_header_of_17_parts_is_refused) {
  BOOST_TEST(
      error_text("[a" + repeated(".a", 16) + "]\n") ==
      "f.toml:1:34: dotted key with more than 16 parts; a fixture's keys have at most a few");
}

BOOST_AUTO_TEST_CASE(dotted_key_of_16_parts_passes_the_prescan) {
  BOOST_TEST(
      error_text("a" + repeated(".a", 15) + " = 1\n").starts_with("f.toml:1:1: unknown key 'a'"));
}

BOOST_AUTO_TEST_CASE(brackets_nested_17_deep_are_refused) {
  BOOST_TEST(error_text("a = " + repeated("[", 17) + repeated("]", 17) + "\n") ==
             "f.toml:1:21: arrays and inline tables nested more than 16 deep; flatten the value");
  BOOST_TEST(error_text("a = " + repeated("{ b = ", 17) + "1" + repeated(" }", 17) + "\n") ==
             "f.toml:1:101: arrays and inline tables nested more than 16 deep; flatten the value");
}

BOOST_AUTO_TEST_CASE(brackets_nested_100000_deep_are_refused_fast) {
  BOOST_TEST(bounded_text("100,000 '['", "a = " + repeated("[", 100'000) + "\n") ==
             "f.toml:1:21: arrays and inline tables nested more than 16 deep; flatten the value");
}

BOOST_AUTO_TEST_CASE(more_than_ten_thousand_values_are_refused_fast) {
  BOOST_TEST(bounded_text("10,001 values", "a = [" + repeated("1,", 10'000) + "]\n") ==
             "f.toml:1:20004: more than 10000 values and tables; split the fixture into smaller "
             "ones");
}

BOOST_AUTO_TEST_CASE(key_longer_than_64_characters_is_refused) {
  BOOST_TEST(error_text(repeated("k", 65) + " = 1\n") ==
             "f.toml:1:1: key of 65 characters, more than 64; fixture keys are short names such as "
             "'expect'");
  BOOST_TEST(error_text("\"" + repeated("k", 100) + "\" = 1\n") ==
             "f.toml:1:1: key of 100 characters, more than 64; fixture keys are short names such "
             "as 'expect'");
}

BOOST_AUTO_TEST_CASE(non_ascii_at_the_start_of_a_line_is_refused) {
  BOOST_TEST(error_text("\xc2\xa7 = 1\n") ==
             "f.toml:1:1: non-ASCII character U+00A7" + std::string(outside));
}

BOOST_AUTO_TEST_CASE(non_ascii_after_a_value_is_refused) {
  BOOST_TEST(error_text("name = \"n\"\xc2\xa0\n") ==
             "f.toml:1:11: non-ASCII character U+00A0" + std::string(outside));
  BOOST_TEST(error_text("a = 1\xe2\xb1\xae\n") ==
             "f.toml:1:6: non-ASCII character U+2C6E" + std::string(outside));
}

BOOST_AUTO_TEST_CASE(non_ascii_inside_a_value_token_is_refused) {
  BOOST_TEST(error_text("s = 5X\"\xc2\xa7\"\n") ==
             "f.toml:1:8: non-ASCII character U+00A7" + std::string(outside));
}

BOOST_AUTO_TEST_CASE(non_ascii_in_keys_and_headers_is_refused) {
  BOOST_TEST(error_text("k\xef\xac\xa6 = 1\n") ==
             "f.toml:1:2: non-ASCII character U+FB26" + std::string(outside));
  BOOST_TEST(error_text("[t\xc2\xa1]\n") ==
             "f.toml:1:3: non-ASCII character U+00A1" + std::string(outside));
  BOOST_TEST(error_text("\"k\xc3\xa9\" = 1\n") ==
             "f.toml:1:3: non-ASCII character U+00E9 in a key; keys are ASCII names such as "
             "'expect'");
}

BOOST_AUTO_TEST_CASE(non_ascii_after_a_line_ending_backslash_is_refused) {
  BOOST_TEST(error_text("s = \"\"\"\\\n\xc2\xa7\"\"\"\n") ==
             "f.toml:2:1: non-ASCII character U+00A7 right after a line-ending backslash in a "
             "multi-line string; start the continued line with an ASCII character, or write it as "
             "\\u00A7");
  BOOST_TEST(error_text("s = \"\"\"a\\  \n   \n  \xf0\x9f\x98\x80\"\"\"\n") ==
             "f.toml:3:3: non-ASCII character U+1F600 right after a line-ending backslash in a "
             "multi-line string; start the continued line with an ASCII character, or write it as "
             "\\U0001F600");
}

BOOST_AUTO_TEST_CASE(non_ascii_right_after_a_backslash_is_refused) {
  BOOST_TEST(error_text("s = \"\"\"\\\xe2\xb1\xae\"\"\"\n") ==
             "f.toml:1:9: non-ASCII character U+2C6E right after '\\' in a multi-line string; "
             "write it as \\u2C6E");
}

BOOST_AUTO_TEST_CASE(byte_that_is_not_utf8_is_refused) {
  BOOST_TEST(error_text("a = 1 \xff\n") ==
             "f.toml:1:7: byte 0xFF (not UTF-8)" + std::string(outside));
}

BOOST_AUTO_TEST_CASE(non_ascii_in_string_values_and_comments_loads) {
  auto sc = load_rich(
      "# Seed 002 \xc2\xa7"
      "3: caf\xc3\xa9 \xe2\xb1\xae\n"
      "name = \"caf\xc3\xa9\"\n"
      "summary = 'sum \xc2\xa7'\n"
      "refs = [\"seed 002 \xc2\xa7"
      "3\", '''\xc2\xa1lit''', \"\"\"a \\\\\xc2\xa7 "
      "\\\n  b \xc2\xa7\"\"\", \"\\u00e9\"]  # \xef\xac\xa6\n"
      "steps = [{ client = \"connect\" }]  # \xc2\xa0\n[client]\n");
  BOOST_TEST(sc.name == "caf\xc3\xa9");
  BOOST_TEST(sc.refs.size() == 4u);
  BOOST_TEST(sc.refs.at(0) ==
             "seed 002 \xc2\xa7"
             "3");
  BOOST_TEST(sc.refs.at(2) == "a \\\xc2\xa7 b \xc2\xa7");
}

BOOST_AUTO_TEST_CASE(every_bundled_fixture_passes_the_prescan) {
  int seen = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(RSTLAB_FIXTURE_DIR)) {
    if (e.path().extension() != ".toml") continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    fx::problem_list problems;
    fx::prescan(text, problems);
    BOOST_TEST(problems.empty(), e.path().string());
    ++seen;
  }
  BOOST_TEST(seen > 10);
}

BOOST_AUTO_TEST_CASE(table_header_without_a_name_is_refused) {
  BOOST_TEST(error_text("[=]\n") ==
             "f.toml:1:2: table header without a name; write [name] or [[name]]");
  BOOST_TEST(error_text("[[ \x01x]]\n") ==
             "f.toml:1:4: table header without a name; write [name] or [[name]]");
}

BOOST_AUTO_TEST_CASE(closing_brace_where_an_array_value_belongs_is_refused) {
  BOOST_TEST(error_text("a = [1, }]\n") ==
             "f.toml:1:9: '}' inside an array, where a value belongs; close the array with ']'");
}

BOOST_AUTO_TEST_CASE(date_time_without_a_time_is_refused) {
  BOOST_TEST(error_text("d = 1979-05-27Tx2:00Z\n") ==
             "f.toml:1:16: date-time without a time after 'T'; write it as 1979-05-27T07:32:00");
  BOOST_TEST(error_text("d = 1979-05-27t\n") ==
             "f.toml:1:16: date-time without a time after 'T'; write it as 1979-05-27T07:32:00");
  BOOST_TEST(
      error_text("d = [1979-05-27 6]\n") ==
      "f.toml:1:17: date followed by a lone digit; write a date-time as 1979-05-27 07:32:00");
  BOOST_TEST(  // toml++ takes any ten characters with '-' fifth and eighth for a date here
      error_text("f = 19\x11"
                 "9-05-2_7 6\n") ==
      "f.toml:1:17: date followed by a lone digit; write a date-time as 1979-05-27 07:32:00");
  BOOST_TEST(error_text("d = 1979-05-27T07:32:00Z\ne = 1979-05-27 07:32:00\n")
                 .starts_with("f.toml:1:1: unknown key 'd'"));
}

BOOST_AUTO_TEST_CASE(text_over_the_size_limit_is_refused_whole) {
  auto text = "[counters.client]\n" + repeated("Z", 1u << 20) + " = 1\n";
  BOOST_TEST(bounded_text("1 MiB unknown counter name", text) ==
             "f.toml: the fixture is 1048599 bytes, more than the 262144 a fixture may have; split "
             "it into smaller ones");
}

BOOST_AUTO_TEST_CASE(closest_to_a_1_mib_word_finishes_fast) {
  auto word = repeated("TCPAbortOnClose", (1u << 20) / 15);
  resource_probe probe;
  BOOST_TEST(!rstlab::core::closest(word, rstlab::core::counter_names()).has_value());
  BOOST_TEST(probe.seconds() < 2.0);
  BOOST_TEST_MESSAGE("closest() of a 1 MiB word: " << probe.seconds() * 1000 << " ms");
}

BOOST_AUTO_TEST_CASE(unknown_action_of_200_kib_is_quoted_short) {
  auto name = repeated("x", 200u << 10);
  BOOST_TEST(
      bounded_text("200 KiB unknown action", fixture_text("  { client = \"" + name + "\" },\n")) ==
      "f.toml:5:14: unknown action '" + repeated("x", 64) +
          "...' (204800 characters); valid actions: socket, listen, connect, accept, read, "
          "close, poll, await, setsockopt, getsockopt, wait");
}

BOOST_AUTO_TEST_CASE(long_word_is_cut_between_characters) {
  BOOST_TEST(error_text(fixture_text("  { client = \"" + repeated("\xc3\xa9", 100) + "\" },\n")) ==
             "f.toml:5:14: unknown action '" + repeated("\xc3\xa9", 32) +
                 "...' (100 characters); valid actions: socket, listen, connect, accept, read, "
                 "close, poll, await, setsockopt, getsockopt, wait");
}

BOOST_AUTO_TEST_SUITE_END()
