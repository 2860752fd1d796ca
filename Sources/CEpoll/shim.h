// Linux interfaces that Swift's Glibc module does not expose: epoll, eventfd, and accept4 (which glibc
// only declares under _GNU_SOURCE; it saves two fcntl calls per accepted connection).
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>

extern int accept4(int fd, struct sockaddr *addr, socklen_t *addrlen, int flags);
