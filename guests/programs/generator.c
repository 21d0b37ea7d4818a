/* generator: a fiber yields 1..N to its consumer, which sums them.
 * Usage: generator [N]  (default 1000000); prints the sum N(N+1)/2. */
#include "fiber.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static void *count_up(void *arg) {
  uintptr_t n = (uintptr_t)arg;
  for (uintptr_t i = 1; i <= n; i++) fiber_yield((void *)i);
  return NULL;
}

int main(int argc, char **argv) {
  uintptr_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000000;
  fiber_init(0);
  fiber_t g = fiber_alloc(count_up);
  fiber_result_t st;
  uint64_t sum = 0;
  void *v = fiber_resume(g, (void *)n, &st);
  while (st == FIBER_YIELD) {
    sum += (uintptr_t)v;
    v = fiber_resume(g, NULL, &st);
  }
  fiber_free(g);
  fiber_finalize();
  printf("%llu\n", (unsigned long long)sum);
  return st == FIBER_OK ? 0 : 1;
}
