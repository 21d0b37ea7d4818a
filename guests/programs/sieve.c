/* sieve: actor-style prime sieve. A generator fiber yields 2, 3, 4, ...; one
 * filter fiber per prime found pulls from the stage before it and yields only the
 * numbers its prime does not divide. The main loop pulls from the last stage: each
 * number reaching it is the next prime.
 * Usage: sieve [N]  (default 8100); prints the N-th prime. */
#include "fiber.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

struct filter_cfg {
  fiber_t upstream;
  uintptr_t prime;
};

static void *numbers(void *arg) {
  (void)arg;
  for (uintptr_t n = 2;; n++) fiber_yield((void *)n);
  return NULL;
}

static uintptr_t pull(fiber_t f) {
  fiber_result_t st;
  uintptr_t v = (uintptr_t)fiber_resume(f, NULL, &st);
  if (st != FIBER_YIELD) {
    fprintf(stderr, "sieve: stage ended (status %d)\n", st);
    exit(2);
  }
  return v;
}

static void *filter(void *arg) {
  struct filter_cfg *cfg = arg;
  for (;;) {
    uintptr_t v = pull(cfg->upstream);
    if (v % cfg->prime) fiber_yield((void *)v);
  }
  return NULL;
}

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 8100;
  if (n < 1) n = 1;
  fiber_init(8 * 1024);
  fiber_t *stages = malloc(sizeof(fiber_t) * (size_t)n);
  struct filter_cfg *cfgs = malloc(sizeof(struct filter_cfg) * (size_t)n);
  stages[0] = fiber_alloc(numbers);
  uintptr_t p = pull(stages[0]);
  for (long i = 1; i < n; i++) {
    cfgs[i] = (struct filter_cfg){stages[i - 1], p};
    stages[i] = fiber_alloc(filter);
    fiber_result_t st;
    p = (uintptr_t)fiber_resume(stages[i], &cfgs[i], &st); /* start: pulls the next prime */
    if (st != FIBER_YIELD) return 2;
  }
  printf("%lu\n", (unsigned long)p);
  for (long i = 0; i < n; i++) fiber_free(stages[i]);
  free(stages);
  free(cfgs);
  fiber_finalize();
  return 0;
}
