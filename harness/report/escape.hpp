// Text made safe for each report format. A fixture's name, a note or a path may hold any byte:
// TOML escapes put control characters in names, the kernel's paths need not be UTF-8. Every
// function here reads its input as UTF-8, writes U+FFFD for each byte that does not belong to
// a valid sequence, and writes each control character the format cannot carry as a visible
// `\xNN`, so the output is always valid UTF-8 and valid in its format. Pure.
#pragma once

#include <string>
#include <string_view>

namespace rstlab::report {

// For an XML 1.0 text node: & and < escaped (and > after "]]"), a carriage return as &#13;
// (a parser would make it a newline), the C0 controls XML 1.0 forbids even as references (and
// DEL) as `\xNN`, U+FFFE and U+FFFF as U+FFFD; tab and newline as they are.
std::string xml_text(std::string_view text);
// The same for an attribute value: quotes escaped too, and tab, newline and carriage return as
// character references (a parser would make them spaces).
std::string xml_attribute(std::string_view text);

// A JSON string literal, quotes included: `"` and `\` escaped, \n \r \t \b \f, every other
// control character (and DEL) as \u00XX, U+2028 and U+2029 as \u2028 and \u2029.
std::string json_quoted(std::string_view text);

// A YAML double-quoted scalar, quotes included: `"` and `\` escaped, \t and \n, every other
// character YAML cannot print (C0, DEL, C1 but NEL, U+FFFE, U+FFFF) as \xNN or \uNNNN.
std::string yaml_quoted(std::string_view text);

// One line of text in which every character YAML and a terminal cannot print (newline and
// carriage return among them; tab is kept) is a visible `\xNN` (or U+FFFD).
std::string printable(std::string_view text);

}  // namespace rstlab::report
