#include "harness/report/placement.hpp"

#include <algorithm>

namespace rstlab::report {
namespace {

namespace fs = std::filesystem;

fs::path absolute_normal(const fs::path& p, const fs::path& cwd) {
  auto out = (p.is_absolute() ? p : cwd / p).lexically_normal();
  return out.has_filename() || out == out.root_path() ? out : out.parent_path();
}

// `p` relative to `base` when it lies under it (or is it: "."), else empty.
fs::path under(const fs::path& p, const fs::path& base) {
  auto rel = p.lexically_relative(base);
  if (rel.empty() || *rel.begin() == "..") return {};
  return rel;
}

std::string undotted(std::string part) {
  std::replace(part.begin(), part.end(), '.', '_');
  return part;
}

std::string folder_name(const fs::path& folder) {
  auto name = folder.filename().string();
  return name.empty() ? "rstlab" : name;  // the root of the file system
}

}  // namespace

suite_layout::suite_layout(const std::vector<std::string>& roots, fs::path cwd)
    : cwd_(std::move(cwd)) {
  for (const auto& r : roots)
    roots_.push_back(absolute_normal(r, cwd_));
}

// The deepest root the file is under; a file given by itself (or under none) counts from its
// own folder.
fs::path suite_layout::root_of(const fs::path& file) const {
  fs::path folder = file.parent_path();
  std::size_t deepest = 0;
  for (const auto& r : roots_)
    if (r != file && !under(file, r).empty() && r.native().size() > deepest) {
      folder = r;
      deepest = r.native().size();
    }
  return folder;
}

place suite_layout::of(const std::string& fixture_file) const {
  auto file = absolute_normal(fixture_file, cwd_);
  auto folder = root_of(file);
  auto rel = under(file, folder);
  place out;
  out.suite = rel.has_parent_path() ? rel.parent_path().generic_string() : folder_name(folder);
  for (const auto& part : fs::path(out.suite))
    out.classname += undotted(part.string()) + ".";
  out.classname += undotted(file.stem().string());
  auto from_cwd = under(file, cwd_);
  out.file = (from_cwd.empty() ? fs::path(folder_name(folder)) / rel : from_cwd).generic_string();
  return out;
}

int report_line(const expect::case_result& r) {
  for (const auto& m : r.mismatches) {
    if (m.pos.line > 0) return m.pos.line;
    if (m.step && *m.step < r.sc->steps.size()) return r.sc->steps[*m.step].pos.line;
  }
  return 1;
}

}  // namespace rstlab::report
