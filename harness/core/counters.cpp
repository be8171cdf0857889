#include "harness/core/counters.hpp"

#include <charconv>
#include <stdexcept>
#include <vector>

namespace rstlab::core {
namespace {

std::vector<std::string_view> words(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && line[i] == ' ') ++i;
    std::size_t start = i;
    while (i < line.size() && line[i] != ' ') ++i;
    if (i > start) out.push_back(line.substr(start, i - start));
  }
  return out;
}

std::vector<std::string_view> lines(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    auto nl = text.find('\n');
    auto line = text.substr(0, nl);
    if (!line.empty()) out.push_back(line);
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return out;
}

std::int64_t number(std::string_view w, std::string_view section) {
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(w.data(), w.data() + w.size(), v);
  if (ec != std::errc{} || end != w.data() + w.size())
    throw std::runtime_error("counters: '" + std::string(w) + "' in section " +
                             std::string(section) + " is not a number");
  return v;
}

// One "Name: a b c" header line and its "Name: 1 2 3" value line.
void read_pair(std::string_view head, std::string_view values, counter_map& out) {
  auto names = words(head), nums = words(values);
  if (names.empty() || names[0].back() != ':' || nums.empty() || nums[0] != names[0])
    throw std::runtime_error("counters: expected a header line and a value line for '" +
                             std::string(names.empty() ? head : names[0]) + "'");
  if (names.size() != nums.size())
    throw std::runtime_error("counters: section " + std::string(names[0]) + " has " +
                             std::to_string(names.size() - 1) + " names but " +
                             std::to_string(nums.size() - 1) + " values");
  if (names[0] != "Tcp:" && names[0] != "TcpExt:") return;
  for (std::size_t i = 1; i < names.size(); ++i)
    out[std::string(names[i])] = number(nums[i], names[0]);
}

}  // namespace

counter_map parse_counters(std::string_view text) {
  auto all = lines(text);
  if (all.size() % 2 != 0)
    throw std::runtime_error("counters: odd number of lines; expected header/value pairs");
  counter_map out;
  for (std::size_t i = 0; i < all.size(); i += 2) read_pair(all[i], all[i + 1], out);
  return out;
}

namespace {

// Tokens of one line, one at a time, without building a list of them.
struct word_cursor {
  std::string_view line;
  std::string_view next() {
    std::size_t i = 0;
    while (i < line.size() && line[i] == ' ') ++i;
    std::size_t j = i;
    while (j < line.size() && line[j] != ' ') ++j;
    auto word = line.substr(i, j - i);
    line.remove_prefix(j);
    return word;
  }
};

// The next non-empty line of `text`, taken off its front; empty at the end.
std::string_view take_line(std::string_view& text) {
  for (;;) {
    if (text.empty()) return {};
    auto nl = text.find('\n');
    auto line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (!line.empty()) return line;
  }
}

// One section's moves into `out`; false when the three lines do not line up.
bool section_delta(std::string_view head, std::string_view was_line, std::string_view now_line,
                   const counter_filter& still, counter_map& out) {
  word_cursor names{head}, was{was_line}, now{now_line};
  auto section = names.next();
  if (was.next() != section || now.next() != section) return false;
  for (auto name = names.next(); !name.empty(); name = names.next()) {
    auto x = was.next(), y = now.next();
    if (x.empty() || y.empty()) return false;
    auto then = number(x, section);
    auto moved = x == y ? 0 : number(y, section) - then;  // most stand still
    if (moved != 0 || !still || still(name)) out.emplace(std::string(name), moved);
  }
  return was.next().empty() && now.next().empty();
}

// Both texts, pair of lines by pair of lines, into `out`; false when their shapes differ.
// Only the Tcp: and TcpExt: sections are read; the others are only matched header by header.
bool delta_in_step(std::string_view a, std::string_view b, const counter_filter& still,
                   counter_map& out) {
  for (;;) {
    auto head = take_line(a), was = take_line(a);
    auto head_b = take_line(b), now = take_line(b);
    if (head.empty() || head_b.empty()) return head.empty() && head_b.empty();
    if (head != head_b || was.empty() || now.empty()) return false;
    auto section = head.substr(0, head.find(' '));
    if (section != "Tcp:" && section != "TcpExt:") continue;
    if (!section_delta(head, was, now, still, out)) return false;
  }
}

}  // namespace

counter_map delta(std::string_view before, std::string_view after, const counter_filter& still) {
  counter_map out;
  if (delta_in_step(before, after, still, out)) return out;
  out = delta(parse_counters(before), parse_counters(after));
  if (still) std::erase_if(out, [&](const auto& kv) { return kv.second == 0 && !still(kv.first); });
  return out;
}

counter_map delta(const counter_map& before, const counter_map& after) {
  counter_map out;
  for (const auto& [name, value] : after) {
    auto it = before.find(name);
    out[name] = value - (it == before.end() ? 0 : it->second);
  }
  return out;
}

}  // namespace rstlab::core
