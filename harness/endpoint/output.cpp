#include "harness/endpoint/output.hpp"

#include <sys/eventfd.h>

#include <cstdint>
#include <system_error>

namespace rstlab::endpoint {

const char* stream_name(stream s) {
  return s == stream::out ? "stdout" : "stderr";
}

output::output(std::size_t cap) : cap_(cap), changes_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
  if (!changes_) throw std::system_error(errno, std::generic_category(), "eventfd for output");
}

void output::append(stream s, std::string_view bytes) {
  {
    std::lock_guard lock(m_);
    auto& b = at(s);
    auto room = cap_ - std::min(cap_, b.kept.size());
    auto kept = std::min(room, bytes.size());
    b.kept.append(bytes.substr(0, kept));
    b.dropped += bytes.size() - kept;
  }
  poke();
}

void output::poke() {
  std::uint64_t one = 1;
  (void)!::write(changes_.get(), &one, sizeof one);
}

// Line by line, as grep matches: a pattern never spans lines, and a long line is looked at
// only in its first max_line bytes (std::regex recurses per character).
void output::mark_closed(stream s) {
  {
    std::lock_guard lock(m_);
    at(s).closed = true;
  }
  closing_.notify_all();
  poke();
}

void output::reopen() {
  std::lock_guard lock(m_);
  bufs_[0].closed = bufs_[1].closed = false;
}

bool output::wait_closed(std::chrono::milliseconds bound) {
  std::unique_lock lock(m_);
  return closing_.wait_for(lock, bound, [&] { return bufs_[0].closed && bufs_[1].closed; });
}

bool output::consume_match(stream s, const std::regex& pattern) {
  std::lock_guard lock(m_);
  auto& b = at(s);
  for (auto start = b.cursor; start < b.kept.size();) {
    auto nl = b.kept.find('\n', start);
    auto end = nl == std::string::npos ? b.kept.size() : nl;
    auto first = b.kept.cbegin() + static_cast<std::ptrdiff_t>(start);
    auto last = first + static_cast<std::ptrdiff_t>(std::min(end - start, max_line));
    std::smatch m;
    if (std::regex_search(first, last, m, pattern)) {
      b.cursor = start + static_cast<std::size_t>(m.position(0) + m.length(0));
      if (m.length(0) == 0) b.cursor = nl == std::string::npos ? end : end + 1;  // move on
      return true;
    }
    start = end + 1;
  }
  return false;
}

std::string output::text(stream s) const {
  std::lock_guard lock(m_);
  return at(s).kept;
}

std::size_t output::dropped(stream s) const {
  std::lock_guard lock(m_);
  return at(s).dropped;
}

}  // namespace rstlab::endpoint
