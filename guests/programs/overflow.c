/* overflow: checks that running past a fiber's shadow stack is detected. The
 * fibers get 16 KiB stacks; the one fiber fills a local array of BYTES and yields
 * from inside that frame. Usage: overflow [BYTES]  (default 65536).
 * BYTES well below 16 KiB: prints "ok BYTES". Above: the backend aborts with
 * "fiber: shadow stack overflow" (a trap, non-zero exit). */
#include "fiber.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *deep(void *arg) {
  size_t bytes = (size_t)(uintptr_t)arg;
  volatile unsigned char *buf = __builtin_alloca(bytes);
  memset((void *)buf, 0xab, bytes);
  fiber_yield(NULL);
  return (void *)(uintptr_t)buf[bytes / 2];
}

int main(int argc, char **argv) {
  size_t bytes = argc > 1 ? strtoul(argv[1], NULL, 10) : 65536;
  if (bytes == 0) bytes = 1;
  fiber_init(16 * 1024);
  fiber_t f = fiber_alloc(deep);
  fiber_result_t st;
  fiber_resume(f, (void *)(uintptr_t)bytes, &st);
  void *v = fiber_resume(f, NULL, &st);
  fiber_free(f);
  fiber_finalize();
  if (st != FIBER_OK || (uintptr_t)v != 0xab) return 1;
  printf("ok %zu\n", bytes);
  return 0;
}
