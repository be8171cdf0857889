// What each format's escaping makes of hostile text: markup, control characters (XML 1.0
// forbids most of them even as references), characters that are not characters, and bytes
// that are not UTF-8, which must never reach a report as they are.
#include <boost/test/unit_test.hpp>

#include "harness/report/escape.hpp"

using namespace rstlab;

namespace {

const std::string fffd = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

}  // namespace

BOOST_AUTO_TEST_CASE(xml_text_escapes_markup_and_keeps_lines_and_arrows) {
  BOOST_TEST(report::xml_text("a<b & \"c\" -->\n\tx") == "a&lt;b &amp; \"c\" -->\n\tx");
  BOOST_TEST(report::xml_text("x]]>y") == "x]]&gt;y");  // would end a CDATA section
  BOOST_TEST(report::xml_text("a\r\nb") == "a&#13;\nb");
}

BOOST_AUTO_TEST_CASE(xml_attribute_keeps_tabs_and_newlines_as_references) {
  BOOST_TEST(report::xml_attribute("a<b>&\"c\"") == "a&lt;b>&amp;&quot;c&quot;");
  BOOST_TEST(report::xml_attribute("a\tb\nc\rd") == "a&#9;b&#10;c&#13;d");
}

BOOST_AUTO_TEST_CASE(xml_makes_forbidden_control_characters_visible) {
  BOOST_TEST(report::xml_text(std::string("a\x01z\x1b[0m\x7F", 8)) == "a\\x01z\\x1B[0m\\x7F");
  BOOST_TEST(report::xml_attribute(std::string("nul\0!", 5)) == "nul\\x00!");
}

BOOST_AUTO_TEST_CASE(xml_replaces_what_is_no_character_and_what_is_no_utf8) {
  BOOST_TEST(report::xml_text("\xEF\xBF\xBE\xEF\xBF\xBF") == fffd + fffd);  // U+FFFE, U+FFFF
  BOOST_TEST(report::xml_text("a\xFFz") == "a" + fffd + "z");               // never a lead byte
  BOOST_TEST(report::xml_text("\xC0\xAF") == fffd + fffd);                  // overlong '/'
  BOOST_TEST(report::xml_text("\xED\xA0\x80") == fffd + fffd + fffd);       // a surrogate
  BOOST_TEST(report::xml_text("end\xE2\x82") == "end" + fffd + fffd);       // cut short
  BOOST_TEST(report::xml_text("\xF4\x90\x80\x80") == fffd + fffd + fffd + fffd);  // > U+10FFFF
}

BOOST_AUTO_TEST_CASE(valid_utf8_passes_through_every_format) {
  const std::string text = "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xC2\x85";  // é € 😀 NEL
  BOOST_TEST(report::xml_text(text) == text);
  BOOST_TEST(report::json_quoted(text) == "\"" + text + "\"");
  BOOST_TEST(report::yaml_quoted(text) == "\"" + text + "\"");
}

BOOST_AUTO_TEST_CASE(json_escapes_quotes_backslashes_and_every_control_character) {
  BOOST_TEST(report::json_quoted("say \"hi\" \\ now") == "\"say \\\"hi\\\" \\\\ now\"");
  BOOST_TEST(report::json_quoted("\n\r\t\b\f") == "\"\\n\\r\\t\\b\\f\"");
  BOOST_TEST(report::json_quoted(std::string("\x01\x1f\x7f\0", 4)) ==
             "\"\\u0001\\u001f\\u007f\\u0000\"");
  BOOST_TEST(report::json_quoted("\xE2\x80\xA8\xE2\x80\xA9") == "\"\\u2028\\u2029\"");
  BOOST_TEST(report::json_quoted("a\xFFz") == "\"a" + fffd + "z\"");
}

BOOST_AUTO_TEST_CASE(yaml_escapes_what_yaml_cannot_print) {
  BOOST_TEST(report::yaml_quoted("say \"hi\" \\") == "\"say \\\"hi\\\" \\\\\"");
  BOOST_TEST(report::yaml_quoted("a\nb\tc\rd\x01") == "\"a\\nb\\tc\\x0Dd\\x01\"");
  BOOST_TEST(report::yaml_quoted("\xC2\x9B[m") == "\"\\x9B[m\"");  // C1 CSI
  BOOST_TEST(report::yaml_quoted("\xEF\xBF\xBE") == "\"\\uFFFE\"");
  BOOST_TEST(report::yaml_quoted("\xFF") == "\"" + fffd + "\"");
}

BOOST_AUTO_TEST_CASE(printable_is_one_line_whatever_the_input) {
  BOOST_TEST(report::printable("a\nb\r\tc\x1b") == "a\\x0Ab\\x0D\tc\\x1B");
  BOOST_TEST(report::printable("\xC2\x85\xFF") == "\\x85" + fffd);
}
