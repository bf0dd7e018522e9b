#ifndef C_SYSTEM_SHIMS_H
#define C_SYSTEM_SHIMS_H

// What Glibc does not export to Swift cleanly: epoll, eventfd, accept4, crypt_r; and the CPU's CRC-32C instruction
// and cache prefetch.
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/sendfile.h>
#include <sys/file.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stddef.h>
#include <stdint.h>

/// accept4(2) with SOCK_NONBLOCK | SOCK_CLOEXEC; returns the fd or -1 with errno set.
int csys_accept_nonblocking(int fd, struct sockaddr *addr, socklen_t *len);

/// The epoll_event's data field as a 64-bit integer (the union is awkward from Swift).
uint64_t csys_epoll_event_data(const struct epoll_event *event);
uint32_t csys_epoll_event_events(const struct epoll_event *event);
int csys_epoll_ctl(int epfd, int op, int fd, uint32_t events, uint64_t data);
/// epoll_wait(2) into two plain arrays (the packed epoll_event is awkward from Swift): `data[i]` and `events[i]` for
/// each ready descriptor, at most `maxEvents` (capped at 512). Returns the count or -1 with errno set.
int csys_epoll_wait(int epfd, uint64_t *data, uint32_t *events, int maxEvents, int timeoutMilliseconds);

/// Hashes `phrase` with libcrypt; `setting` is a full salt string from csys_crypt_gensalt. Writes into `out`
/// (at least 512 bytes). Returns 0 on success, -1 on failure.
int csys_crypt(const char *phrase, const char *setting, char *out, int outSize);
/// Makes a yescrypt setting string from `randomBytes` (at least 16). Returns 0 on success.
int csys_crypt_gensalt(const unsigned char *randomBytes, int randomCount, char *out, int outSize);

/// syncfs(2): flushes the file system holding `fd` to disk. Returns 0 or -1 with errno set.
int csys_syncfs(int fd);

/// sync_file_range(2) with SYNC_FILE_RANGE_WRITE: starts writing the dirty pages of `count` bytes from `offset` to
/// disk without waiting for them, so a later fsync has less left to wait for. Returns 0 or -1 with errno set.
int csys_start_writeback(int fd, int64_t offset, int64_t count);

/// Continues a CRC-32C over `count` bytes with the CPU's crc32 instruction (x86-64 SSE 4.2). `state` and
/// `*result` are the running register, not inverted (the caller inverts at the start and the end). Returns 1 with
/// `*result` set, or 0 when the CPU lacks the instruction (the caller then computes it in software).
int csys_crc32c_update(uint32_t state, const void *bytes, size_t count, uint32_t *result);

/// Asks the CPU to bring the cache line at `address` in, for writing, without waiting for it (a hint: an address
/// that is not mapped is ignored). Inline, so a call costs one instruction.
static inline void csys_prefetch_for_writing(const void *address) { __builtin_prefetch(address, 1, 3); }

#endif
