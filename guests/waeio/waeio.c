/* waeio: the scheduler and the blocking-style calls of waeio.h.
 *
 * A task waits by writing its subscription (an fd_read/fd_write subscription
 * for its descriptor, or a clock subscription when it only sleeps) into its
 * slot of the subscription array and yielding (the effect); the scheduler loop
 * in waeio_main runs ready tasks, then hands the array as it stands, plus one
 * clock subscription for the earliest deadline, to one poll_oneoff and makes
 * the tasks it reports ready runnable again. Slots move only when a wait ends
 * (the last one fills the hole), so a round costs work for the tasks that
 * start or end a wait, not for every waiting one. The earliest deadline is a
 * lower bound kept as waits start; only when it passes are all waits scanned
 * for expired deadlines (and the bound made exact again). The clock is read
 * once per round, right after each poll: deadlines set and times read while
 * tasks run use that reading. */
#include "waeio.h"
#include "fiber.h"

#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

#define DEFAULT_STACK_BYTES (32 * 1024)

enum { WAKE_READY = 0, WAKE_TIMEOUT = 1, WAKE_CANCELED = 2 };
enum { WANT_NONE = 0, WANT_READ = 1, WANT_WRITE = 2 };

typedef struct task {
  fiber_t fiber;
  waeio_fn fn;
  void *arg;
  int want;           /* WANT_READ / WANT_WRITE / WANT_NONE */
  int cancelable;     /* waeio_stop ends this wait */
  int64_t deadline;   /* monotonic ns, or -1 */
  int wake;           /* why the wait ended */
  int slot;           /* index in waiters, or -1 */
  struct task *next;  /* run queue link */
} task_t;

static task_t *run_head, *run_tail, *current;
static task_t **waiters;
static int nwaiters, waiters_cap, live, stopping;
static __wasi_subscription_t *subs; /* subs[i] is waiters[i]'s; one more for the earliest deadline */
static __wasi_event_t *events;
static int64_t round_now; /* monotonic ns, read after each poll */
static int64_t earliest = -1; /* no deadline of a waiting task is earlier (-1: none) */

static int64_t read_clock(void) {
  __wasi_timestamp_t t = 0;
  (void)__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &t);
  return (int64_t)t;
}

static int64_t now_ns(void) { return round_now; }

int64_t waeio_now_ms(void) { return now_ns() / 1000000; }

static void enqueue(task_t *t) {
  t->next = NULL;
  if (run_tail) run_tail->next = t; else run_head = t;
  run_tail = t;
}

static void unwait(task_t *t, int why) {
  int i = t->slot;
  waiters[i] = waiters[--nwaiters];
  subs[i] = subs[nwaiters];
  waiters[i]->slot = i;
  t->slot = -1;
  t->wake = why;
  enqueue(t);
}

/* Doubles the room for waiting tasks, their subscriptions and events. */
static int grow_waiters(void) {
  int cap = waiters_cap ? waiters_cap * 2 : 64;
  task_t **w = realloc(waiters, (size_t)cap * sizeof *w);
  if (!w) return -1;
  waiters = w;
  __wasi_subscription_t *s = realloc(subs, (size_t)(cap + 1) * sizeof *s);
  if (!s) return -1;
  subs = s;
  __wasi_event_t *e = realloc(events, (size_t)(cap + 1) * sizeof *e);
  if (!e) return -1;
  events = e;
  waiters_cap = cap;
  return 0;
}

/* The effect: suspend the current task until fd is ready for want, the
 * timeout passes or (if cancelable) waeio_stop. Returns the WAKE_ reason. */
static int wait_for(int fd, int want, int timeout_ms, int cancelable) {
  task_t *t = current;
  if (cancelable && stopping) return WAKE_CANCELED;
  if (nwaiters == waiters_cap && grow_waiters()) return WAKE_CANCELED;
  t->want = want;
  t->cancelable = cancelable;
  t->deadline = timeout_ms < 0 ? -1 : now_ns() + (int64_t)timeout_ms * 1000000;
  if (t->deadline >= 0 && (earliest < 0 || t->deadline < earliest)) earliest = t->deadline;
  t->slot = nwaiters;
  waiters[nwaiters] = t;
  __wasi_subscription_t *s = &subs[nwaiters++];
  if (want == WANT_NONE) { /* a sleep: its own clock; the deadline scan wakes it */
    s->userdata = 0;
    s->u.tag = __WASI_EVENTTYPE_CLOCK;
    s->u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    s->u.u.clock.timeout = (__wasi_timestamp_t)t->deadline;
    s->u.u.clock.precision = 0;
    s->u.u.clock.flags = __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME;
  } else {
    s->userdata = (uintptr_t)t;
    s->u.tag = want == WANT_READ ? __WASI_EVENTTYPE_FD_READ : __WASI_EVENTTYPE_FD_WRITE;
    s->u.u.fd_read.file_descriptor = (__wasi_fd_t)fd; /* fd_write has the same layout */
  }
  fiber_yield(NULL);
  return t->wake;
}

static void *trampoline(void *arg) {
  task_t *t = arg;
  t->fn(t->arg);
  return NULL;
}

int waeio_spawn(waeio_fn fn, void *arg) {
  task_t *t = calloc(1, sizeof *t);
  if (!t) return -1;
  t->fiber = fiber_alloc(trampoline);
  if (!t->fiber) { free(t); return -1; }
  t->fn = fn;
  t->arg = arg;
  t->slot = -1;
  live++;
  enqueue(t);
  return 0;
}

void waeio_stop(void) {
  if (stopping) return;
  stopping = 1;
  for (int i = nwaiters - 1; i >= 0; i--) {
    if (waiters[i]->cancelable) unwait(waiters[i], WAKE_CANCELED);
  }
}

int waeio_stopping(void) { return stopping; }

/* Ends the waits whose deadline passed and makes `earliest` exact again. */
static void expire(void) {
  earliest = -1;
  for (int i = nwaiters - 1; i >= 0; i--) {
    task_t *t = waiters[i];
    if (t->deadline < 0) continue;
    if (t->deadline <= round_now) unwait(t, WAKE_TIMEOUT);
    else if (earliest < 0 || t->deadline < earliest) earliest = t->deadline;
  }
}

/* One poll_oneoff over every waiting task; makes the ready ones runnable. */
static int poll_once(void) {
  if (nwaiters == 0) return -1; /* waiting forever on nothing */
  int n = nwaiters;
  if (earliest >= 0) {
    __wasi_subscription_t *s = &subs[n++];
    s->userdata = 0;
    s->u.tag = __WASI_EVENTTYPE_CLOCK;
    s->u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    s->u.u.clock.timeout = (__wasi_timestamp_t)earliest;
    s->u.u.clock.precision = 0;
    s->u.u.clock.flags = __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME;
  }
  __wasi_size_t got = 0;
  __wasi_errno_t err = __wasi_poll_oneoff(subs, events, (__wasi_size_t)n, &got);
  round_now = read_clock();
  if (err == __WASI_ERRNO_INTR) {
    waeio_stop();
    return 0;
  }
  if (err) return -1;
  for (__wasi_size_t i = 0; i < got; i++) {
    task_t *t = (task_t *)(uintptr_t)events[i].userdata;
    if (t && t->slot >= 0) unwait(t, WAKE_READY); /* an error event wakes it too: the call reports it */
  }
  if (earliest >= 0 && earliest <= round_now) expire();
  return 0;
}

int waeio_main(waeio_fn entry, void *arg, size_t stack_bytes) {
  fiber_init(stack_bytes ? stack_bytes : DEFAULT_STACK_BYTES);
  round_now = read_clock();
  if (waeio_spawn(entry, arg)) return -1;
  int rc = 0;
  while (live > 0) {
    while (run_head) {
      task_t *t = run_head;
      run_head = t->next;
      if (!run_head) run_tail = NULL;
      current = t;
      fiber_result_t st;
      fiber_resume(t->fiber, t, &st);
      current = NULL;
      if (st != FIBER_YIELD) {
        fiber_free(t->fiber);
        free(t);
        live--;
      }
    }
    if (live > 0 && poll_once()) { rc = -1; break; }
  }
  fiber_finalize();
  return rc;
}

static int wait_error(int wake) {
  return wake == WAKE_TIMEOUT ? WAEIO_ETIMEDOUT : WAEIO_ECANCELED;
}

/* Accepts in a row before the acceptor waits for a poll round even though more connections are
 * pending: without the limit, clients that reconnect as fast as they are accepted (or refused)
 * keep the acceptor running forever, and no other task ever sees its socket become ready. */
#define ACCEPT_BURST 32

int waeio_accept(int fd) {
  static int burst;
  if (__wasi_fd_fdstat_set_flags(fd, __WASI_FDFLAGS_NONBLOCK) == __WASI_ERRNO_BADF) return -__WASI_ERRNO_BADF;
  if (++burst > ACCEPT_BURST) {
    burst = 0;
    int wake = wait_for(fd, WANT_READ, -1, 1);
    if (wake != WAKE_READY) return wait_error(wake);
  }
  for (;;) {
    __wasi_fd_t conn;
    __wasi_errno_t err = __wasi_sock_accept(fd, __WASI_FDFLAGS_NONBLOCK, &conn);
    if (!err) return conn;
    burst = 0;
    if (err != __WASI_ERRNO_AGAIN) return -err;
    int wake = wait_for(fd, WANT_READ, -1, 1);
    if (wake != WAKE_READY) return wait_error(wake);
  }
}

long waeio_recv(int fd, void *buf, size_t len, int timeout_ms) {
  for (;;) {
    __wasi_iovec_t iov = {buf, len};
    __wasi_size_t n = 0;
    __wasi_roflags_t flags = 0;
    __wasi_errno_t err = __wasi_sock_recv(fd, &iov, 1, 0, &n, &flags);
    if (!err) return (long)n;
    if (err != __WASI_ERRNO_AGAIN) return -(long)err;
    int wake = wait_for(fd, WANT_READ, timeout_ms, 1);
    if (wake != WAKE_READY) return wait_error(wake);
  }
}

int waeio_readable(int fd, int timeout_ms) {
  int wake = wait_for(fd, WANT_READ, timeout_ms, 1);
  return wake == WAKE_READY ? 0 : wait_error(wake);
}

long waeio_send(int fd, const void *buf, size_t len, int timeout_ms) {
  size_t done = 0;
  while (done < len) {
    __wasi_ciovec_t iov = {(const uint8_t *)buf + done, len - done};
    __wasi_size_t n = 0;
    __wasi_errno_t err = __wasi_sock_send(fd, &iov, 1, 0, &n);
    if (!err) {
      done += n;
      continue;
    }
    if (err != __WASI_ERRNO_AGAIN) return -(long)err;
    int wake = wait_for(fd, WANT_WRITE, timeout_ms, 0);
    if (wake != WAKE_READY) return wait_error(wake);
  }
  return (long)len;
}

int waeio_close(int fd) { return -(int)__wasi_fd_close(fd); }

int waeio_sleep(int ms) {
  int wake = wait_for(-1, WANT_NONE, ms < 0 ? 0 : ms, 1);
  return wake == WAKE_CANCELED ? WAEIO_ECANCELED : 0;
}
