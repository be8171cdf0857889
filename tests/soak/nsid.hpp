// Network namespaces followed to their end from outside the process that made them: each one
// seen is given an id of ours in this process's namespace (RTM_NEWNSID, from a range no one
// else allocates from), and the kernel takes the id away when the namespace's last reference
// goes, so the ids of ours still listed (RTM_GETNSID) are exactly the namespaces seen that the
// kernel has not freed yet.
#pragma once

#include <cstddef>
#include <cstdint>

namespace rstlab::soak {

class nsid_tags {
 public:
  nsid_tags();
  ~nsid_tags();
  nsid_tags(const nsid_tags&) = delete;
  nsid_tags& operator=(const nsid_tags&) = delete;

  // Gives the namespace of `ns_fd` the next id of ours; false when the kernel refused (it has
  // an id already, or it is this process's own namespace).
  bool tag(int ns_fd);
  // How many of our ids are still listed; -1 on a netlink error.
  long listed();
  std::size_t tagged() const { return next_ - first; }

 private:
  static constexpr std::int32_t first = 1 << 24;  // the kernel hands out ids from 0 up
  int nl_;
  std::int32_t next_ = first;
};

}  // namespace rstlab::soak
