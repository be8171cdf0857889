// The wire's fault rules and the wire's steps, through the loader: every key read, every
// mistake refused with its position.
#include "tests/loader_support.hpp"

using namespace rstlab::test;

namespace {

constexpr param_spec rule_params[] = {{"rule", param_type::string, "", {}, true}};
constexpr std::string_view icmp_codes[] = {"port", "protocol"};
constexpr param_spec icmp_params[] = {{"code", param_type::string, "", icmp_codes}};
std::optional<fx::family_need> only_v4_protocol(const fx::step& s) {
  if (s.text("code", "port") != "protocol") return std::nullopt;
  return fx::family_need{rstlab::core::family::v4, "only IPv4 has it"};
}
constexpr param_spec forge_params[] = {{"flags", param_type::tcp_flags, ""}};
// clang-format off
const fx::action_spec wire_specs[] = {
    {.name = "connect", .summary = "", .produces = {kind::ok, kind::error},
     .effect = fx::socket_effect::creates_if_missing},
    {.name = "close", .summary = "", .produces = {kind::ok, kind::error}},
    {.name = "wait", .summary = "", .params = wait_params, .uses_socket = false, .waits = true},
    {.name = "partition", .summary = "", .uses_socket = false, .produces = {kind::ok},
     .on_wire = true},
    {.name = "release", .summary = "", .params = rule_params, .uses_socket = false,
     .produces = {kind::ok}, .on_wire = true},
    {.name = "icmp", .summary = "", .params = icmp_params, .uses_socket = false,
     .produces = {kind::ok}, .on_wire = true, .on_lo = true, .needs_family = &only_v4_protocol},
    {.name = "forge", .summary = "", .params = forge_params, .uses_socket = false,
     .produces = {kind::ok}, .on_wire = true},
};
// clang-format on

fx::scenario load_wire(std::string_view text) { return fx::load_text(text, "f.toml", wire_specs); }
std::string wire_error(std::string_view text) { return error_text(text, wire_specs); }

const char* held_synack = R"(
[[wire.rule]]
id = "synack"
from = "server"
flags = "S."
action = "hold"
until = "gave-up"
)";

std::string with_rules(std::string_view steps, std::string_view rules) {
  return fixture_text(steps, "[client]\n[server]\n" + std::string(rules));
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_hold_rule_loads_with_its_step_resolved) {
  auto sc = load_wire(with_rules("  { client = \"connect\" },\n"
                                 "  { client = \"close\", id = \"gave-up\" },\n",
                                 held_synack));
  BOOST_TEST_REQUIRE(sc.wire_rules.size() == 1u);
  const auto& r = sc.wire_rules[0];
  BOOST_TEST(r.id == "synack");
  BOOST_TEST((r.from == fx::host::server));
  BOOST_TEST(r.flags.value() == 0x12);
  BOOST_TEST((r.action == fx::wire_rule::act::hold));
  BOOST_TEST(r.until.value() == 1u);
  BOOST_TEST(r.nth == 0u);
}

BOOST_AUTO_TEST_CASE(every_rule_key_is_read) {
  auto sc = load_wire(with_rules("  { client = \"connect\" },\n",
                                 "[[wire.rule]]\nfrom = \"client\"\nflags = \"P.\"\n"
                                 "payload = \"data\"\nwhich = 2\ntimes = 3\naction = \"delay\"\n"
                                 "delay_ms = 20\nactive = false\n"));
  const auto& r = sc.wire_rules.at(0);
  BOOST_TEST((r.payload == fx::wire_rule::payload_kind::data));
  BOOST_TEST(r.nth == 2u);
  BOOST_TEST(r.times == 3u);
  BOOST_TEST(r.delay.count() == 20);
  BOOST_TEST(!r.active);
}

BOOST_AUTO_TEST_CASE(bad_rules_are_refused_each_at_its_place) {
  BOOST_TEST(wire_error(with_rules("  { client = \"connect\" },\n",
                                   "[[wire.rule]]\nflags = \"SX\"\naction = \"hold\"\n"
                                   "until = \"nope\"\nwhich = \"every\"\ntimes = 2\n"
                                   "delay_ms = 5\nspeed = 1\n")) ==
             "f.toml:10:9: invalid flags 'SX': 'X' is no flag letter; write tcpdump's letters, "
             "each once: F S R P . "
             "(ACK) U E W, such as \"S.\" for a SYN/ACK or \"R\" for a bare RST\n"
             "f.toml:12:9: 'until' names step 'nope', but no step has that id; give that step "
             "id = \"nope\"\n"
             "f.toml:14:9: 'times' counts from the match 'which' names; with which = \"every\" "
             "remove it\n"
             "f.toml:15:12: 'delay_ms' applies only to action = \"delay\"; remove it\n"
             "f.toml:16:1: unknown key 'speed' in [[wire.rule]]; valid keys: id, from, flags, "
             "payload, which, times, action, until, delay_ms, active, probability");
}

BOOST_AUTO_TEST_CASE(a_delay_needs_its_time_and_until_belongs_to_a_hold) {
  BOOST_TEST(wire_error(with_rules("  { client = \"connect\", id = \"c\" },\n",
                                   "[[wire.rule]]\naction = \"delay\"\nuntil = \"c\"\n")) ==
             "f.toml:9:1: action \"delay\" needs 'delay_ms'; add delay_ms = 20\n"
             "f.toml:11:9: 'until' applies only to action = \"hold\" or \"reorder\"; remove it");
}

BOOST_AUTO_TEST_CASE(wire_steps_take_wire_actions_and_name_rules_that_exist) {
  BOOST_TEST(wire_error(with_rules("  { wire = \"connect\" },\n"
                                   "  { client = \"partition\" },\n"
                                   "  { wire = \"release\", rule = \"synak\" },\n"
                                   "  { wire = \"partition\", background = true, id = \"p\" },\n"
                                   "  { client = \"close\", id = \"gave-up\" },\n",
                                   held_synack)) ==
             "f.toml:5:12: action 'connect' is an endpoint's, not the wire's; write client = "
             "\"connect\" or server = \"connect\"\n"
             "f.toml:6:14: 'partition' is a wire step; write wire = \"partition\"\n"
             "f.toml:7:30: no [[wire.rule]] has id 'synak'; did you mean 'synack'?\n"
             "f.toml:8:38: a wire step takes no time to run in the background; remove "
             "background = true");
}

BOOST_AUTO_TEST_CASE(release_names_a_hold_or_reorder_rule) {
  BOOST_TEST(wire_error(with_rules("  { wire = \"release\", rule = \"lossy\" },\n",
                                   "[[wire.rule]]\nid = \"lossy\"\naction = \"drop\"\n")) ==
             "f.toml:5:30: rule 'lossy' holds nothing to release: its action is 'drop'; release "
             "lets go of a rule whose action is \"hold\" or \"reorder\"");
  BOOST_TEST(wire_error(with_rules("  { wire = \"release\", rule = \"twice\" },\n"
                                   "  { wire = \"release\", rule = \"swap\" },\n",
                                   "[[wire.rule]]\nid = \"twice\"\naction = \"duplicate\"\n"
                                   "[[wire.rule]]\nid = \"swap\"\naction = \"reorder\"\n")) ==
             "f.toml:5:30: rule 'twice' holds nothing to release: its action is 'duplicate'; "
             "name a rule whose action is \"hold\" or \"reorder\": swap");
}

BOOST_AUTO_TEST_CASE(a_step_naming_two_actors_is_refused) {
  BOOST_TEST(wire_error(fixture_text("  { client = \"connect\", wire = \"partition\" },\n")) ==
             "f.toml:5:25: step names an endpoint and the wire; split it into one step each");
}

BOOST_AUTO_TEST_CASE(wire_sequence_and_never_name_segments_by_sender_flags_and_fate) {
  auto sc = load_wire(with_rules("  { client = \"connect\" },\n",
                                 "[wire]\nsequence = [\"client S\", \"server S. held\", "
                                 "\"client R\"]\nnever = [\"server R.\"]\n"));
  BOOST_TEST_REQUIRE(sc.wire_sequence.size() == 3u);
  BOOST_TEST((sc.wire_sequence[1].from == fx::host::server));
  BOOST_TEST(sc.wire_sequence[1].flags == 0x12);
  BOOST_TEST((sc.wire_sequence[1].fate == rstlab::core::fate::held));
  BOOST_TEST(!sc.wire_sequence[0].fate);
  BOOST_TEST(sc.wire_never.at(0).flags == 0x14);
}

BOOST_AUTO_TEST_CASE(a_segment_pattern_that_does_not_read_is_refused) {
  const std::string fates =
      "forwarded, dropped, held, delayed, released, delivered, injected, duplicated, reordered, "
      "corrupted";
  BOOST_TEST(wire_error(with_rules("  { client = \"connect\" },\n",
                                   "[wire]\nsequence = [\"router S\", \"client SS\", "
                                   "\"client S lost\"]\n")) ==
             "f.toml:10:13: invalid segment 'router S' in 'sequence'; write who sent it and its "
             "flags, then what the wire did with it if it matters: \"server S.\", \"client R "
             "dropped\" (" + fates + ")\n"
             "f.toml:10:25: invalid segment 'client SS' in 'sequence'; write who sent it and its "
             "flags, then what the wire did with it if it matters: \"server S.\", \"client R "
             "dropped\" (" + fates + ")\n"
             "f.toml:10:38: invalid segment 'client S lost' in 'sequence'; write who sent it and "
             "its flags, then what the wire did with it if it matters: \"server S.\", \"client R "
             "dropped\" (" + fates + ")");
}

BOOST_AUTO_TEST_CASE(the_new_actions_load_and_a_reorder_may_wait_for_a_step) {
  auto sc = load_wire(with_rules("  { client = \"connect\", id = \"c\" },\n",
                                 "[[wire.rule]]\naction = \"duplicate\"\n"
                                 "[[wire.rule]]\naction = \"reorder\"\nuntil = \"c\"\n"
                                 "[[wire.rule]]\naction = \"corrupt\"\nprobability = 0.25\n"
                                 "[[wire.rule]]\naction = \"drop\"\nprobability = 1\n"));
  BOOST_TEST_REQUIRE(sc.wire_rules.size() == 4u);
  using act = fx::wire_rule::act;
  BOOST_TEST((sc.wire_rules[0].action == act::duplicate));
  BOOST_TEST((sc.wire_rules[1].action == act::reorder));
  BOOST_TEST(sc.wire_rules[1].until.value() == 0u);
  BOOST_TEST((sc.wire_rules[2].action == act::corrupt));
  BOOST_TEST(sc.wire_rules[2].probability.value() == 0.25);
  BOOST_TEST(sc.wire_rules[3].probability.value() == 1.0);  // an integer 1 reads as certain
  BOOST_TEST(!sc.wire_rules[0].probability);
  BOOST_TEST(sc.draws_at_random());
}

BOOST_AUTO_TEST_CASE(a_misspelt_action_gets_the_nearest_name) {
  BOOST_TEST(wire_error(with_rules("  { client = \"connect\" },\n",
                                   "[[wire.rule]]\naction = \"dupilcate\"\n"
                                   "[[wire.rule]]\naction = \"reoder\"\n"
                                   "[[wire.rule]]\naction = \"corupt\"\n"
                                   "[[wire.rule]]\naction = \"mangle\"\n")) ==
             "f.toml:10:10: invalid value 'dupilcate' for 'action'; did you mean 'duplicate'?\n"
             "f.toml:12:10: invalid value 'reoder' for 'action'; did you mean 'reorder'?\n"
             "f.toml:14:10: invalid value 'corupt' for 'action'; did you mean 'corrupt'?\n"
             "f.toml:16:10: invalid value 'mangle' for 'action'; expected one of: drop, hold, "
             "delay, duplicate, reorder, corrupt");
}

BOOST_AUTO_TEST_CASE(a_probability_outside_zero_to_one_is_refused) {
  const std::string tail = "; it is the chance that the rule acts on each segment it matches, "
                           "such as 0.1 for one in ten";
  BOOST_TEST(wire_error(with_rules("  { client = \"connect\" },\n",
                                   "[[wire.rule]]\nprobability = 0\n"
                                   "[[wire.rule]]\nprobability = 1.5\n"
                                   "[[wire.rule]]\nprobability = -0.1\n"
                                   "[[wire.rule]]\nprobability = nan\n"
                                   "[[wire.rule]]\nprobability = inf\n"
                                   "[[wire.rule]]\nprobability = \"0.5\"\n")) ==
             "f.toml:10:15: 'probability' must be greater than 0 and at most 1, got 0" + tail +
                 "\n"
                 "f.toml:12:15: 'probability' must be greater than 0 and at most 1, got 1.5" +
                 tail + "\n" +
                 "f.toml:14:15: 'probability' must be greater than 0 and at most 1, got -0.1" +
                 tail + "\n" +
                 "f.toml:16:15: 'probability' must be greater than 0 and at most 1, got nan" +
                 tail + "\n" +
                 "f.toml:18:15: 'probability' must be greater than 0 and at most 1, got inf" +
                 tail + "\n" + "f.toml:20:15: expected a number for 'probability', got string");
}

// One coin flip decides whether the fault happens at all: no fixture can expect both.
BOOST_AUTO_TEST_CASE(a_probability_on_a_rule_of_one_match_is_refused) {
  BOOST_TEST(wire_error(with_rules("  { client = \"connect\" },\n",
                                   "[[wire.rule]]\nwhich = \"first\"\nprobability = 0.5\n"
                                   "[[wire.rule]]\nwhich = 3\nprobability = 0.5\n"
                                   "[[wire.rule]]\nwhich = 3\ntimes = 2\nprobability = 0.5\n")) ==
             "f.toml:11:15: 'probability' on a rule that acts on one match only (which = "
             "\"first\") makes its fault happen in some runs and not in others; give it many "
             "matches (which = \"every\", or times = N) or remove 'probability'\n"
             "f.toml:14:15: 'probability' on a rule that acts on one match only (which = 3) "
             "makes its fault happen in some runs and not in others; give it many matches "
             "(which = \"every\", or times = N) or remove 'probability'");
}

BOOST_AUTO_TEST_CASE(a_reorder_until_names_a_step_that_exists) {
  BOOST_TEST(wire_error(with_rules("  { client = \"connect\", id = \"connected\" },\n",
                                   "[[wire.rule]]\naction = \"reorder\"\nuntil = \"conected\"\n"
                                   "[[wire.rule]]\naction = \"corrupt\"\n"
                                   "until = \"connected\"\n")) ==
             "f.toml:11:9: 'until' names step 'conected', but no step has that id; did you mean "
             "'connected'?\n"
             "f.toml:14:9: 'until' applies only to action = \"hold\" or \"reorder\"; remove it");
}

BOOST_AUTO_TEST_CASE(flag_letters_are_refused_naming_the_wrong_one) {
  BOOST_TEST(wire_error(with_rules("  { client = \"connect\" },\n",
                                   "[[wire.rule]]\nflags = \"SA\"\n"
                                   "[[wire.rule]]\nflags = \"S.S\"\n"
                                   "[[wire.rule]]\nflags = \"\"\n")) ==
             "f.toml:10:9: invalid flags 'SA': 'A' is no flag letter (tcpdump writes the ACK as "
             "'.'); write tcpdump's letters, each once: F S R P . (ACK) U E W, such as \"S.\" "
             "for a SYN/ACK or \"R\" for a bare RST\n"
             "f.toml:12:9: invalid flags 'S.S': 'S' is written twice; write tcpdump's letters, "
             "each once: F S R P . (ACK) U E W, such as \"S.\" for a SYN/ACK or \"R\" for a "
             "bare RST\n"
             "f.toml:14:9: invalid flags '': no flag letters; write tcpdump's letters, each "
             "once: F S R P . (ACK) U E W, such as \"S.\" for a SYN/ACK or \"R\" for a bare RST");
}

BOOST_AUTO_TEST_CASE(a_forged_segments_flags_are_refused_naming_the_wrong_letter) {
  BOOST_TEST(wire_error(fixture_text("  { wire = \"forge\", flags = \"RA\" },\n")) ==
             "f.toml:5:29: invalid flags 'RA' for 'flags': 'A' is no flag letter (tcpdump writes "
             "the ACK as '.'); write tcpdump's letters, each once: F S R P . (ACK) U E W, such "
             "as \"R\" or \"R.\"");
}

BOOST_AUTO_TEST_CASE(wire_patterns_name_the_new_fates) {
  auto sc = load_wire(with_rules("  { client = \"connect\" },\n",
                                 "[wire]\nsequence = [\"client P. duplicated\", "
                                 "\"client P. reordered\", \"client P. corrupted\"]\n"));
  BOOST_TEST_REQUIRE(sc.wire_sequence.size() == 3u);
  BOOST_TEST((sc.wire_sequence[0].fate == rstlab::core::fate::duplicated));
  BOOST_TEST((sc.wire_sequence[1].fate == rstlab::core::fate::reordered));
  BOOST_TEST((sc.wire_sequence[2].fate == rstlab::core::fate::corrupted));
  BOOST_TEST(!sc.draws_at_random());
}

BOOST_AUTO_TEST_CASE(family_pins_a_fixture_to_ipv4_or_ipv6) {
  auto sc = load_wire("family = 6\n" + fixture_text("  { client = \"connect\" },\n"));
  BOOST_TEST((sc.pinned == rstlab::core::family::v6));
  BOOST_TEST((sc.family == rstlab::core::family::v6));
  BOOST_TEST(!load_wire(fixture_text("  { client = \"connect\" },\n")).pinned.has_value());
  BOOST_TEST(wire_error("family = 5\n" + fixture_text("  { client = \"connect\" },\n")) ==
             "f.toml:1:10: 'family' must be 4 or 6, got 5; leave it out to run over both");
  BOOST_TEST(wire_error("family = \"v6\"\n" + fixture_text("  { client = \"connect\" },\n"))
                 .starts_with("f.toml:1:10: expected an integer for 'family', got string"));
}

BOOST_AUTO_TEST_CASE(a_loopback_fixture_refuses_what_lo_cannot_do) {
  auto sc = load_wire("topology = \"loopback\"\n" + fixture_text("  { client = \"connect\" },\n"));
  BOOST_TEST(sc.loopback);
  BOOST_TEST(wire_error("topology = \"loopback\"\n" +
                        with_rules("  { client = \"connect\" },\n  { wire = \"partition\" },\n",
                                   "")) ==
             "f.toml:1:12: a loopback fixture cannot run as written: it has a wire step "
             "'partition' (lo carries packets the wire cannot stop); use two hosts or keep only "
             "forge and icmp wire steps");
  BOOST_TEST(wire_error("topology = \"lan\"\n" + fixture_text("  { client = \"connect\" },\n"))
                 .starts_with("f.toml:1:12: "));
}

// The mechanism: an action says which family a step needs from its parameters, the loader
// holds the fixture's `family` to it (the catalogue's own rules: actions_test).
BOOST_AUTO_TEST_CASE(a_step_that_needs_one_family_needs_the_fixture_pinned_to_it) {
  std::string steps = "  { client = \"connect\" },\n  { wire = \"icmp\", code = \"protocol\" },\n";
  BOOST_TEST(wire_error(fixture_text(steps)) ==
             "f.toml:6:3: only IPv4 has it; add family = 4 at the top");
  BOOST_TEST(wire_error("family = 6\n" + fixture_text(steps)).starts_with("f.toml:7:3: only"));
  BOOST_TEST(wire_error("family = 4\n" + fixture_text(steps)) == "loaded");
  std::string port = "  { client = \"connect\" },\n  { wire = \"icmp\", code = \"port\" },\n";
  BOOST_TEST(wire_error(fixture_text(port)) == "loaded");
}
