/* waeio.h: direct-style async I/O for guest fibers, on fiber.h and WASI preview1.
 *
 * Every task is a fiber. A call that would block (accept, recv, send, sleep)
 * performs an effect: the fiber yields a wait request (descriptor, interest,
 * deadline) to the scheduler in waeio_main, which resumes it when poll_oneoff
 * reports the descriptor ready or the deadline passed. Code reads as blocking
 * code; there are no callbacks. Uses standard preview1 calls only (sock_accept,
 * sock_recv, sock_send, fd_fdstat_set_flags, fd_close, poll_oneoff,
 * clock_time_get), so a binary runs on any engine with preview1 sockets.
 *
 * Errors are negative WASI errno values (-__WASI_ERRNO_*), plus the two below. */
#ifndef WEFT_WAEIO_H
#define WEFT_WAEIO_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A wait ended by its deadline (-ETIMEDOUT) or by waeio_stop (-ECANCELED). */
#define WAEIO_ETIMEDOUT (-73)
#define WAEIO_ECANCELED (-11)

typedef void (*waeio_fn)(void *arg);

/* Runs entry(arg) as the first task and schedules every task until all have
 * returned. stack_bytes sizes each task's C shadow stack (0 = 32 KiB). An
 * interrupted poll (EINTR: the host asked the program to stop) acts as
 * waeio_stop(). Returns 0, or -1 if tasks wait with nothing to wake them. */
int waeio_main(waeio_fn entry, void *arg, size_t stack_bytes);

/* Starts fn(arg) as a new task; it first runs after the caller next waits
 * (or returns). 0, or -1 when out of memory. */
int waeio_spawn(waeio_fn fn, void *arg);

/* Accepts a connection on listening socket fd; the new descriptor is
 * non-blocking (for waeio). WAEIO_ECANCELED after waeio_stop. After 32
 * accepts in a row it waits for one poll round first, so that a flood of
 * connections cannot starve the tasks already running. */
int waeio_accept(int fd);

/* Receives up to len bytes: the count, 0 at end of stream, WAEIO_ETIMEDOUT if
 * nothing arrived within timeout_ms (< 0: no limit), WAEIO_ECANCELED if it
 * would wait after waeio_stop, or -errno (e.g. -ECONNRESET). */
long waeio_recv(int fd, void *buf, size_t len, int timeout_ms);

/* Waits until fd has data (or end of stream, or an error) to receive, without
 * trying to receive first: for when nothing is expected yet, as a keep-alive
 * connection right after a response (waeio_recv tries first and waits only on
 * EAGAIN). 0, WAEIO_ETIMEDOUT or WAEIO_ECANCELED. */
int waeio_readable(int fd, int timeout_ms);

/* Sends all len bytes (waiting for room as needed, at most timeout_ms at a time;
 * < 0: no limit): len, WAEIO_ETIMEDOUT, or -errno (e.g. -EPIPE). Not cancelled
 * by waeio_stop, so responses in flight are completed. */
long waeio_send(int fd, const void *buf, size_t len, int timeout_ms);

/* Closes fd: 0 or -errno. */
int waeio_close(int fd);

/* Suspends the task for ms milliseconds (returns early, WAEIO_ECANCELED, on
 * waeio_stop); 0 otherwise. */
int waeio_sleep(int ms);

/* Asks the program to wind down: waiting accepts, receives and sleeps return
 * WAEIO_ECANCELED, and later ones too once they would wait; sends go on. */
void waeio_stop(void);

/* Whether waeio_stop was called. */
int waeio_stopping(void);

/* Monotonic time in milliseconds, as the scheduler last read it: once per
 * round, after each poll (so it does not move while tasks run between waits). */
int64_t waeio_now_ms(void);

#ifdef __cplusplus
}
#endif
#endif
