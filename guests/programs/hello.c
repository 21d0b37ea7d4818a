/* hello: two fibers take turns printing one letter of "Hello World" each,
 * yielding after every letter. Usage: hello [repeat]  (default 1) */
#include "fiber.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *text = "Hello World";

/* Prints the letters at even (arg 0) or odd (arg 1) positions, one per turn. */
static void *printer(void *arg) {
  size_t n = strlen(text);
  for (size_t i = (size_t)(uintptr_t)arg; i < n; i += 2) {
    putchar(text[i]);
    fiber_yield(NULL);
  }
  return NULL;
}

int main(int argc, char **argv) {
  int repeat = argc > 1 ? atoi(argv[1]) : 1;
  fiber_init(0);
  for (int r = 0; r < repeat; r++) {
    fiber_t f[2] = {fiber_alloc(printer), fiber_alloc(printer)};
    fiber_result_t st[2] = {FIBER_YIELD, FIBER_YIELD};
    int first = 1;
    while (st[0] == FIBER_YIELD || st[1] == FIBER_YIELD) {
      for (int i = 0; i < 2; i++)
        if (st[i] == FIBER_YIELD)
          fiber_resume(f[i], first ? (void *)(uintptr_t)i : NULL, &st[i]);
      first = 0;
    }
    putchar('\n');
    fiber_free(f[0]);
    fiber_free(f[1]);
  }
  fiber_finalize();
  return 0;
}
