/* c10m: TOTAL fibers in all, at most WINDOW alive at once (a sliding window).
 * Each fiber touches 32 KiB of its shadow stack, yields once, checks its stack
 * still holds what it wrote, and returns 1; main sums the results.
 * Usage: c10m [TOTAL] [WINDOW]  (defaults 10000000 10000); prints TOTAL. */
#include "fiber.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define TOUCH_BYTES (32 * 1024)
#define PAGE 4096

static void *task(void *arg) {
  volatile unsigned char buf[TOUCH_BYTES];
  uintptr_t seed = (uintptr_t)arg;
  for (size_t i = 0; i < TOUCH_BYTES; i += PAGE) buf[i] = (unsigned char)(seed + i / PAGE);
  buf[TOUCH_BYTES - 1] = (unsigned char)seed;
  fiber_yield(NULL);
  for (size_t i = 0; i < TOUCH_BYTES; i += PAGE)
    if (buf[i] != (unsigned char)(seed + i / PAGE)) return (void *)0;
  return (void *)(uintptr_t)(buf[TOUCH_BYTES - 1] == (unsigned char)seed);
}

int main(int argc, char **argv) {
  long total = argc > 1 ? atol(argv[1]) : 10000000;
  long window = argc > 2 ? atol(argv[2]) : 10000;
  if (window < 1) window = 1;
  fiber_init(TOUCH_BYTES + 8 * 1024);
  fiber_t *slots = calloc((size_t)window, sizeof(fiber_t));
  long started = 0, sum = 0;
  fiber_result_t st;
  for (long i = 0; i < window && started < total; i++, started++) {
    slots[i] = fiber_alloc(task);
    if (!slots[i]) { fprintf(stderr, "c10m: out of memory\n"); return 2; }
    fiber_resume(slots[i], (void *)(uintptr_t)started, &st);
  }
  for (int live = 1; live;) {
    live = 0;
    for (long i = 0; i < window; i++) {
      if (!slots[i]) continue;
      sum += (long)(uintptr_t)fiber_resume(slots[i], NULL, &st);
      if (st != FIBER_OK) { fprintf(stderr, "c10m: fiber did not finish\n"); return 2; }
      fiber_free(slots[i]);
      slots[i] = NULL;
      if (started < total) {
        slots[i] = fiber_alloc(task);
        if (!slots[i]) { fprintf(stderr, "c10m: out of memory\n"); return 2; }
        fiber_resume(slots[i], (void *)(uintptr_t)started++, &st);
        live = 1;
      }
    }
  }
  free(slots);
  fiber_finalize();
  printf("%ld\n", sum);
  return 0;
}
