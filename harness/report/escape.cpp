#include "harness/report/escape.hpp"

#include <cstdint>
#include <cstdio>

namespace rstlab::report {
namespace {

constexpr char32_t replacement = 0xFFFD;

bool continuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

// The second byte's range for a lead byte (overlongs, surrogates and past U+10FFFF refused).
bool second_fits(unsigned char lead, unsigned char c) {
  if (lead == 0xE0) return c >= 0xA0 && c <= 0xBF;
  if (lead == 0xED) return c >= 0x80 && c <= 0x9F;
  if (lead == 0xF0) return c >= 0x90 && c <= 0xBF;
  if (lead == 0xF4) return c >= 0x80 && c <= 0x8F;
  return continuation(c);
}

int length_of(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

// The character at `at`, moving past it; U+FFFD (one byte consumed) for a byte that starts no
// valid sequence.
char32_t next(std::string_view text, std::size_t& at) {
  auto lead = static_cast<unsigned char>(text[at]);
  int n = length_of(lead);
  if (n == 1) return text[at++];
  if (n == 0 || at + n > text.size() ||
      !second_fits(lead, static_cast<unsigned char>(text[at + 1]))) {
    ++at;
    return replacement;
  }
  char32_t c = lead & (0x7F >> n);
  for (int i = 1; i < n; ++i) {
    auto b = static_cast<unsigned char>(text[at + i]);
    if (!continuation(b)) {
      ++at;
      return replacement;
    }
    c = c << 6 | (b & 0x3F);
  }
  at += n;
  return c;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | c >> 6);
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | c >> 12);
    out += static_cast<char>(0x80 | (c >> 6 & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | c >> 18);
    out += static_cast<char>(0x80 | (c >> 12 & 0x3F));
    out += static_cast<char>(0x80 | (c >> 6 & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

std::string hex(const char* format, char32_t c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, format, static_cast<unsigned>(c));
  return buf;
}

bool c0_or_del(char32_t c) {
  return c < 0x20 || c == 0x7F;
}
bool c1(char32_t c) {
  return c >= 0x80 && c <= 0x9F;
}
bool not_a_character(char32_t c) {
  return c == 0xFFFE || c == 0xFFFF;
}

template <class Escape>
std::string each_char(std::string_view text, Escape escape) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    char32_t c = next(text, at);
    if (!escape(c, out)) append_utf8(out, c);
  }
  return out;
}

struct short_escape {
  char32_t c;
  const char* text;
};

constexpr short_escape xml_text_escapes[] = {{'&', "&amp;"}, {'<', "&lt;"}, {'\r', "&#13;"}};
constexpr short_escape xml_attribute_escapes[] = {{'&', "&amp;"},  {'<', "&lt;"},  {'\r', "&#13;"},
                                                  {'"', "&quot;"}, {'\t', "&#9;"}, {'\n', "&#10;"}};
constexpr short_escape json_escapes[] = {{'"', "\\\""}, {'\\', "\\\\"}, {'\n', "\\n"},
                                         {'\r', "\\r"}, {'\t', "\\t"},  {'\b', "\\b"},
                                         {'\f', "\\f"}};
constexpr short_escape yaml_escapes[] = {
    {'"', "\\\""}, {'\\', "\\\\"}, {'\n', "\\n"}, {'\t', "\\t"}};

template <std::size_t N>
bool put_short(const short_escape (&table)[N], char32_t c, std::string& out) {
  for (const auto& e : table)
    if (e.c == c) {
      out += e.text;
      return true;
    }
  return false;
}

// What XML 1.0 cannot carry at all, made visible or replaced; '>' only where it would close
// "]]>", so the ladder's arrows stay readable.
bool xml_rest(char32_t c, std::string& out) {
  if (c == '>' && out.ends_with("]]")) {
    out += "&gt;";
  } else if (c0_or_del(c) && c != '\t' && c != '\n') {
    out += hex("\\x%02X", c);
  } else if (not_a_character(c)) {
    append_utf8(out, replacement);
  } else {
    return false;
  }
  return true;
}

bool xml_text_char(char32_t c, std::string& out) {
  return put_short(xml_text_escapes, c, out) || xml_rest(c, out);
}

bool xml_attribute_char(char32_t c, std::string& out) {
  return put_short(xml_attribute_escapes, c, out) || xml_rest(c, out);
}

bool json_char(char32_t c, std::string& out) {
  if (put_short(json_escapes, c, out)) return true;
  if (!c0_or_del(c) && c != 0x2028 && c != 0x2029) return false;
  out += hex("\\u%04x", c);
  return true;
}

bool yaml_char(char32_t c, std::string& out) {
  if (put_short(yaml_escapes, c, out)) return true;
  if (c0_or_del(c) || (c1(c) && c != 0x85))
    out += hex("\\x%02X", c);
  else if (not_a_character(c))
    out += hex("\\u%04X", c);
  else
    return false;
  return true;
}

bool printable_char(char32_t c, std::string& out) {
  if (c == '\t') return false;
  if (c0_or_del(c) || c1(c))
    out += hex("\\x%02X", c);
  else if (not_a_character(c))
    append_utf8(out, replacement);
  else
    return false;
  return true;
}

}  // namespace

std::string xml_text(std::string_view text) {
  return each_char(text, xml_text_char);
}
std::string xml_attribute(std::string_view text) {
  return each_char(text, xml_attribute_char);
}
std::string json_quoted(std::string_view text) {
  return '"' + each_char(text, json_char) + '"';
}
std::string yaml_quoted(std::string_view text) {
  return '"' + each_char(text, yaml_char) + '"';
}
std::string printable(std::string_view text) {
  return each_char(text, printable_char);
}

}  // namespace rstlab::report
