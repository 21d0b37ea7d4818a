/* Per-fiber C shadow stacks: allocation, __stack_pointer access, overflow check.
 * Used by the wasmfx and asyncify glue (the native backend's host does the same
 * work through the exports documented in fibers/README.md). */
#ifndef WEFT_SHADOW_STACK_H
#define WEFT_SHADOW_STACK_H

#include <stddef.h>
#include <stdint.h>

/* Written into the lowest 16 bytes of every shadow stack; checked on every
 * switch away from the fiber. The stack grows down towards it. */
#define SHADOW_CANARY 0x57ef7f1bu
#define SHADOW_GUARD_BYTES 16

typedef struct {
  uintptr_t low;  /* lowest address (canary lives here) */
  uintptr_t high; /* one past the highest address: the initial __stack_pointer */
} shadow_stack_t;

/* Allocates bytes (rounded up to 16) of shadow stack and writes the canary.
 * record_bytes more are allocated right above the stack (at s->high) for the
 * fiber's own record, so that an overflow, which runs downwards, cannot damage
 * the record that the overflow check reads. */
int shadow_stack_alloc(shadow_stack_t *s, size_t bytes, size_t record_bytes);
/* Frees the stack and the record above it. */
void shadow_stack_free(shadow_stack_t *s);
/* Aborts with a message if the canary is damaged or sp is outside the region. */
void shadow_stack_check(const shadow_stack_t *s, uintptr_t sp);

static inline uintptr_t shadow_sp_get(void) {
  uintptr_t sp;
  __asm__ volatile(".globaltype __stack_pointer, i32\n"
                   "global.get __stack_pointer\n"
                   "local.set %0"
                   : "=r"(sp));
  return sp;
}

static inline void shadow_sp_set(uintptr_t sp) {
  __asm__ volatile(".globaltype __stack_pointer, i32\n"
                   "local.get %0\n"
                   "global.set __stack_pointer"
                   :
                   : "r"(sp));
}

#endif
