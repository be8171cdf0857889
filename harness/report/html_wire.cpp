#include "harness/report/html_wire.hpp"

#include <algorithm>
#include <cstdio>
#include <set>
#include <sstream>

#include "harness/report/escape.hpp"
#include "harness/report/text.hpp"
#include "harness/wire/ladder.hpp"
#include "harness/wire/notes.hpp"

namespace rstlab::report {
namespace {

using core::fate;

// The drawing's geometry, in pixels.
constexpr int client_x = 90, wire_x = 310, server_x = 530, width = 620;
constexpr int top = 46, row = 26, slant = 8;

int host_x(core::host h) {
  return h == core::host::client ? client_x : server_x;
}

// Where a segment's arrow starts and ends: a host, or the wire that kept it or made it.
struct span {
  int from, to;
  bool arrives;  // it reaches a host (an arrowhead); else it stops at the wire
};

span span_of(const wire::segment& s) {
  int sender = host_x(wire::sender(s.dir)), receiver = host_x(core::receiver(s.dir));
  if (s.icmp_code) return {wire_x, receiver, true};
  switch (s.what) {
    case fate::dropped:
    case fate::held:
    case fate::delayed:
    case fate::reordered:
      return {sender, wire_x, false};
    case fate::released:
    case fate::delivered:
    case fate::injected:
    case fate::duplicated:
      return {wire_x, receiver, true};
    case fate::forwarded:
    case fate::corrupted:
      break;
  }
  return {sender, receiver, true};
}

std::string number(const char* format, double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, format, value);
  return buf;
}

std::string attr(const char* name, const std::string& value) {
  return std::string(" ") + name + "=\"" + xml_attribute(value) + "\"";
}

std::string attr(const char* name, int value) {
  return attr(name, std::to_string(value));
}

std::string text_at(int x, int y, const char* cls, const char* anchor, const std::string& text) {
  return "<text" + attr("x", x) + attr("y", y) + attr("class", cls) + attr("text-anchor", anchor) +
         ">" + xml_text(text) + "</text>";
}

std::string line_at(int x1, int y1, int x2, int y2, const std::string& cls) {
  return "<line" + attr("x1", x1) + attr("y1", y1) + attr("x2", x2) + attr("y2", y2) +
         attr("class", cls) + "/>";
}

// An arrowhead at (x, y) for an arrow going right (dir 1) or left (-1).
std::string head(int x, int y, int dir) {
  std::ostringstream p;
  p << x << "," << y << " " << x - dir * 8 << "," << y - 4 << " " << x - dir * 8 << "," << y + 2;
  return "<polygon class=\"head\" points=\"" + p.str() + "\"/>";
}

// Where the wire stopped it: a cross for a drop, a box for one it keeps.
std::string stop_mark(const wire::segment& s, int y) {
  if (s.what == fate::dropped)
    return line_at(wire_x - 5, y - 5, wire_x + 5, y + 5, "cross") +
           line_at(wire_x - 5, y + 5, wire_x + 5, y - 5, "cross");
  return "<rect class=\"kept\"" + attr("x", wire_x - 5) + attr("y", y - 5) + attr("width", 10) +
         attr("height", 10) + "/>";
}

std::string label(const wire::segment& s, const std::string& numbers) {
  if (s.icmp_code) {  // the whole sentence is the arrow's title
    bool v4 = s.dst.fam == core::family::v4;
    return std::string(v4 ? "ICMP" : "ICMPv6") + " unreachable (" +
           wire::unreachable_name(s.dst.fam, *s.icmp_code) + ")";
  }
  return wire::flags_text(s.flags) + " " + numbers + " len " + std::to_string(s.payload);
}

// What the wire did, written in the half of the drawing the arrow leaves free (for a whole
// arrow, after its label).
std::string fate_label(const wire::segment& s, const span& sp, int y,
                       std::span<const std::string> rules) {
  auto text = wire::fate_text(s, rules);
  if (text.empty()) return "";
  if (sp.from != wire_x && sp.to != wire_x)
    return text_at(server_x + 8, y + 4, "fate", "start",
                   s.what == fate::corrupted ? "corrupted" : text);
  bool left = std::min(sp.from, sp.to) < wire_x;
  return text_at(left ? wire_x + 10 : wire_x - 10, y + 8, "fate", left ? "start" : "end", text);
}

std::string classes(const wire::segment& s, bool asserted) {
  std::string c = "segment " + std::string(core::fate_names[static_cast<std::size_t>(s.what)]);
  if (s.icmp_code) c += " icmp";
  if (s.has(wire::flag::rst) && !s.icmp_code) c += " rst";
  if (asserted) c += " asserted";
  return c;
}

struct drawing_context {
  const expect::case_result& r;
  std::vector<std::string> numbers, ladder_lines, rules;
  std::set<std::size_t> asserted;  // segments a failed wire assertion marks
};

// The segment's group, which says what it is, with the ladder's line as its tooltip.
std::string group(const drawing_context& c, std::size_t i, bool rst) {
  const auto& s = c.r.record.trace[i];
  auto fate = std::string(core::fate_names[static_cast<std::size_t>(s.what)]);
  return "<g" + attr("class", classes(s, c.asserted.count(i) > 0)) +
         attr("data-index", static_cast<int>(i)) + attr("data-fate", fate) +
         attr("data-sender", core::host_name(wire::sender(s.dir))) + attr("data-rst", rst ? 1 : 0) +
         "><title>" + xml_text(i < c.ladder_lines.size() ? c.ladder_lines[i] : "") + "</title>";
}

std::string arrow(const drawing_context& c, std::size_t i) {
  const auto& s = c.r.record.trace[i];
  auto sp = span_of(s);
  int y = top + static_cast<int>(i) * row, dir = sp.to > sp.from ? 1 : -1;
  bool rst = s.has(wire::flag::rst) && !s.icmp_code;
  auto g = group(c, i, rst);
  g += text_at(4, y + 6, "time", "start",
               number("%.3f ms", static_cast<double>(s.at.count()) / 1000.0));
  g += line_at(sp.from, y, sp.to, y + slant, "shaft");
  g += sp.arrives ? head(sp.to, y + slant, dir) : stop_mark(s, y + slant);
  g += text_at((sp.from + sp.to) / 2, y - 3, "label", "middle", label(s, c.numbers[i]));
  if (rst)
    g += text_at(sp.to - dir * 14, y + slant + 11, "rst-mark", dir > 0 ? "end" : "start", "RST");
  g += fate_label(s, sp, y, c.rules);
  return g + "</g>\n";
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    out.push_back(line);
  return out;
}

// The loopback topology has no wire between the hosts: the middle line is lo.
std::string hosts(int height, bool loopback) {
  return text_at(client_x, 16, "host", "middle", "client") +
         text_at(wire_x, 16, "wire-name", "middle", loopback ? "lo" : "wire") +
         text_at(server_x, 16, "host", "middle", "server") +
         line_at(client_x, 24, client_x, height - 6, "lifeline") +
         line_at(wire_x, 24, wire_x, height - 6, "wireline") +
         line_at(server_x, 24, server_x, height - 6, "lifeline") + "\n";
}

}  // namespace

std::string sequence_diagram(const expect::case_result& r) {
  const auto& trace = r.record.trace;
  if (trace.empty()) return "<p class=\"no-wire\">No segment crossed the wire.</p>\n";
  drawing_context c{r, wire::relative_numbers(trace), lines_of(wire_ladder(r)), {}, {}};
  for (const auto& rule : r.sc->wire_rules)
    c.rules.push_back(rule.id);
  for (const auto& m : r.mismatches)
    if (m.segment) c.asserted.insert(*m.segment);
  int height = top + static_cast<int>(trace.size()) * row;
  std::string svg = "<svg class=\"wire\"" + attr("width", width) + attr("height", height) +
                    attr("viewBox", "0 0 " + std::to_string(width) + " " + std::to_string(height)) +
                    " role=\"img\"" +
                    attr("aria-label", "the wire: " + std::to_string(trace.size()) + " segments") +
                    ">\n";
  svg += hosts(height, r.sc->loopback);
  for (std::size_t i = 0; i < trace.size(); ++i)
    svg += arrow(c, i);
  return svg + "</svg>\n";
}

}  // namespace rstlab::report
