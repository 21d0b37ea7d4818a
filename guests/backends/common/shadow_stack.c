/* Shadow stack regions for fibers; see shadow_stack.h. */
#include "shadow_stack.h"

#include <stdio.h>
#include <stdlib.h>

int shadow_stack_alloc(shadow_stack_t *s, size_t bytes, size_t record_bytes) {
  bytes = (bytes + 15) & ~(size_t)15;
  if (bytes < 2 * SHADOW_GUARD_BYTES) bytes = 2 * SHADOW_GUARD_BYTES;
  record_bytes = (record_bytes + 15) & ~(size_t)15;
  void *p = aligned_alloc(16, bytes + record_bytes);
  if (!p) return -1;
  s->low = (uintptr_t)p;
  s->high = s->low + bytes;
  uint32_t *g = (uint32_t *)p;
  for (int i = 0; i < SHADOW_GUARD_BYTES / 4; i++) g[i] = SHADOW_CANARY;
  return 0;
}

void shadow_stack_free(shadow_stack_t *s) {
  free((void *)s->low);
  s->low = s->high = 0;
}

void shadow_stack_check(const shadow_stack_t *s, uintptr_t sp) {
  const uint32_t *g = (const uint32_t *)s->low;
  int ok = sp >= s->low + SHADOW_GUARD_BYTES && sp <= s->high;
  for (int i = 0; ok && i < SHADOW_GUARD_BYTES / 4; i++) ok = g[i] == SHADOW_CANARY;
  if (!ok) {
    fprintf(stderr, "fiber: shadow stack overflow (region %#lx..%#lx, sp %#lx)\n",
            (unsigned long)s->low, (unsigned long)s->high, (unsigned long)sp);
    abort();
  }
}
