/* Native backend: fiber.h's functions are imports from the host module
 * "weft_fiber" (see fiber.h with -DWEFT_FIBER_NATIVE); this file contains no
 * switching code. It only exports what the host needs to give each fiber its own
 * C shadow stack: the host allocates the region here, points the exported
 * __stack_pointer into it on every resume and back on every yield/return, and
 * checks it with weft_fiber_stack_check (layout: fibers/README.md). */
#include "fiber.h"
#include "../common/shadow_stack.h"

#include <stdint.h>

/* Returns the lowest address of a fresh region of `bytes` (rounded up to 16),
 * canary written; its initial stack pointer is low + rounded bytes. 0 on failure. */
__attribute__((export_name("weft_fiber_stack_alloc")))
uint32_t weft_fiber_stack_alloc(uint32_t bytes) {
  shadow_stack_t s;
  return shadow_stack_alloc(&s, bytes, 0) ? 0 : (uint32_t)s.low;
}

__attribute__((export_name("weft_fiber_stack_free")))
void weft_fiber_stack_free(uint32_t low) {
  shadow_stack_t s = {low, 0};
  shadow_stack_free(&s);
}

/* Aborts (trap) with a message if the region [low, high) lost its canary or sp
 * lies outside it. */
__attribute__((export_name("weft_fiber_stack_check")))
void weft_fiber_stack_check(uint32_t low, uint32_t high, uint32_t sp) {
  shadow_stack_t s = {low, high};
  shadow_stack_check(&s, sp);
}
