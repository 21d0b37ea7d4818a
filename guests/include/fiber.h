/* fiber.h: the one fiber interface every Weft guest program is written against.
 * Three backends implement it (chosen at build time, see ../backends/):
 *   native   - imports from host module "weft_fiber" (each fiber a Weft continuation)
 *   wasmfx   - WAT module with cont.new/resume/suspend + C glue (stack switching)
 *   asyncify - C glue over binaryen Asyncify
 * Every fiber runs on its own C shadow stack (a region of linear memory that
 * __stack_pointer points into while the fiber runs). Its size is the argument of
 * fiber_init; running past its low end is detected (the program aborts with a
 * message) rather than silently corrupting memory. */
#ifndef WEFT_FIBER_H
#define WEFT_FIBER_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* With -DWEFT_FIBER_NATIVE the functions below are imports from the host
 * module "weft_fiber" (signatures: fibers/README.md); otherwise C glue defines them. */
#ifdef WEFT_FIBER_NATIVE
#define FIBER_API(name) __attribute__((import_module("weft_fiber"), import_name(#name)))
#else
#define FIBER_API(name)
#endif

typedef struct fiber *fiber_t;

/* A fiber body: receives the argument of the first fiber_resume; its return
 * value is what that last fiber_resume returns (with status FIBER_OK). */
typedef void *(*fiber_entry_point_t)(void *arg);

typedef enum {
  FIBER_OK = 0,    /* the fiber returned; it cannot be resumed again */
  FIBER_YIELD = 1, /* the fiber called fiber_yield; it can be resumed */
  FIBER_ERROR = 2  /* the fiber could not be resumed (finished, or running) */
} fiber_result_t;

/* Default shadow stack size when fiber_init is given 0. */
#define FIBER_DEFAULT_STACK_BYTES (64 * 1024)

/* Call once before any other fiber_* function. shadow_stack_bytes sizes the
 * C shadow stack of every fiber allocated afterwards (0 = default). */
FIBER_API(fiber_init) void fiber_init(size_t shadow_stack_bytes);
/* Call once at the end; releases backend state. */
FIBER_API(fiber_finalize) void fiber_finalize(void);

/* Creates a fiber that will run entry; nothing runs until fiber_resume. */
FIBER_API(fiber_alloc) fiber_t fiber_alloc(fiber_entry_point_t entry);
/* Reclaims a fiber (finished or not; a suspended fiber is simply dropped). */
FIBER_API(fiber_free) void fiber_free(fiber_t fiber);

/* Runs fiber until it yields or returns. *status tells which (or FIBER_ERROR).
 * The first resume passes arg to the entry point; later resumes make arg the
 * return value of the fiber_yield that suspended it. Returns the value given
 * to fiber_yield, or the entry point's return value. */
FIBER_API(fiber_resume) void *fiber_resume(fiber_t fiber, void *arg, fiber_result_t *status);

/* Suspends the running fiber, handing arg to its resumer; returns the arg of
 * the next fiber_resume. Must be called from inside a fiber. */
FIBER_API(fiber_yield) void *fiber_yield(void *arg);

#ifdef __cplusplus
}
#endif
#endif
