#define _GNU_SOURCE
#include "CSystemShims.h"
#include <crypt.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

int csys_accept_nonblocking(int fd, struct sockaddr *addr, socklen_t *len) {
    return accept4(fd, addr, len, SOCK_NONBLOCK | SOCK_CLOEXEC);
}

uint64_t csys_epoll_event_data(const struct epoll_event *event) { return event->data.u64; }
uint32_t csys_epoll_event_events(const struct epoll_event *event) { return event->events; }

int csys_epoll_ctl(int epfd, int op, int fd, uint32_t events, uint64_t data) {
    struct epoll_event ev;
    memset(&ev, 0, sizeof ev);
    ev.events = events;
    ev.data.u64 = data;
    return epoll_ctl(epfd, op, fd, &ev);
}

int csys_epoll_wait(int epfd, uint64_t *data, uint32_t *events, int maxEvents, int timeoutMilliseconds) {
    struct epoll_event ready[512];
    if (maxEvents > 512) maxEvents = 512;
    int count = epoll_wait(epfd, ready, maxEvents, timeoutMilliseconds);
    for (int i = 0; i < count; i++) {
        data[i] = ready[i].data.u64;
        events[i] = ready[i].events;
    }
    return count;
}

int csys_crypt(const char *phrase, const char *setting, char *out, int outSize) {
    struct crypt_data data;
    memset(&data, 0, sizeof data);
    char *result = crypt_r(phrase, setting, &data);
    if (result == NULL || result[0] == '*') return -1;
    size_t n = strlen(result);
    if ((int)n + 1 > outSize) return -1;
    memcpy(out, result, n + 1);
    return 0;
}

int csys_crypt_gensalt(const unsigned char *randomBytes, int randomCount, char *out, int outSize) {
    char *result = crypt_gensalt_rn("$y$", 0, (const char *)randomBytes, randomCount, out, outSize);
    return result == NULL ? -1 : 0;
}

int csys_syncfs(int fd) { return syncfs(fd); }

int csys_start_writeback(int fd, int64_t offset, int64_t count) {
    return sync_file_range(fd, offset, count, SYNC_FILE_RANGE_WRITE);
}

#if defined(__x86_64__)
#include <nmmintrin.h>

__attribute__((target("sse4.2"))) static uint32_t csys_crc32c_sse42(uint32_t state, const unsigned char *p, size_t n) {
    uint64_t crc = state;
    while (n >= 8) {
        uint64_t word;
        memcpy(&word, p, 8);  // unaligned load
        crc = _mm_crc32_u64(crc, word);
        p += 8;
        n -= 8;
    }
    uint32_t crc32 = (uint32_t)crc;
    while (n > 0) {
        crc32 = _mm_crc32_u8(crc32, *p);
        p++;
        n--;
    }
    return crc32;
}
#endif

int csys_crc32c_update(uint32_t state, const void *bytes, size_t count, uint32_t *result) {
#if defined(__x86_64__)
    // Decided once; a benign race at worst computes the same answer twice.
    static int hasSSE42 = -1;
    if (hasSSE42 < 0) hasSSE42 = __builtin_cpu_supports("sse4.2") ? 1 : 0;
    if (hasSSE42) {
        *result = csys_crc32c_sse42(state, (const unsigned char *)bytes, count);
        return 1;
    }
#endif
    (void)state;
    (void)bytes;
    (void)count;
    (void)result;
    return 0;
}
