/* fiber.h over binaryen Asyncify (build with `wasm-opt --asyncify`).
 * fiber_resume is the scheduler: it calls the fiber's entry point, rewinding
 * its saved call stack if it had yielded, and stops the unwind when the fiber
 * yields again. Asyncify leaves these functions uninstrumented because they call
 * the asyncify.* imports, so an unwind started in a fiber stops right here and
 * never reaches the code that resumed it (nested fibers work). */
#include "fiber.h"
#include "../common/shadow_stack.h"

#include <stdint.h>
#include <stdlib.h>

#define AS_IMPORT(name) __attribute__((import_module("asyncify"), import_name(name)))
AS_IMPORT("start_unwind") void asyncify_start_unwind(void *data);
AS_IMPORT("stop_unwind") void asyncify_stop_unwind(void);
AS_IMPORT("start_rewind") void asyncify_start_rewind(void *data);
AS_IMPORT("stop_rewind") void asyncify_stop_rewind(void);

/* Bytes of asyncify data (saved wasm locals and call indices) per fiber. It holds
 * only the fiber's own frames between its entry point and fiber_yield. Running
 * past it makes asyncify trap (unreachable) at the next unwind/rewind call. */
#ifndef FIBER_ASYNCIFY_BYTES
#define FIBER_ASYNCIFY_BYTES 1024
#endif

enum { NEW, SUSPENDED, RUNNING, DONE };

struct asyncify_data {
  uintptr_t pos; /* current position in buf (grows up) */
  uintptr_t end; /* end of buf */
};

struct fiber {
  struct asyncify_data data; /* must stay first: handed to asyncify */
  fiber_entry_point_t entry;
  void *first_arg;
  void *transfer;     /* value passed by the last resume or yield */
  shadow_stack_t stack;
  uintptr_t sp;       /* saved __stack_pointer while suspended */
  int state;
  int yielding;       /* set by fiber_yield before it starts the unwind */
  int rewinding;      /* set by fiber_resume before it starts the rewind */
  struct fiber *resumer;
  unsigned char buf[FIBER_ASYNCIFY_BYTES];
};

static size_t stack_bytes = FIBER_DEFAULT_STACK_BYTES;
static struct fiber *current;

void fiber_init(size_t shadow_stack_bytes) {
  stack_bytes = shadow_stack_bytes ? shadow_stack_bytes : FIBER_DEFAULT_STACK_BYTES;
}

void fiber_finalize(void) {}

fiber_t fiber_alloc(fiber_entry_point_t entry) {
  shadow_stack_t stack;
  if (shadow_stack_alloc(&stack, stack_bytes, sizeof(struct fiber))) return NULL;
  struct fiber *f = (struct fiber *)stack.high; /* record sits above its stack */
  f->stack = stack;
  f->entry = entry;
  f->sp = f->stack.high;
  f->state = NEW;
  f->yielding = f->rewinding = 0;
  f->resumer = NULL;
  return f;
}

void fiber_free(fiber_t f) {
  if (!f) return;
  shadow_stack_t stack = f->stack;
  shadow_stack_free(&stack); /* frees the record too */
}

__attribute__((noinline))
void *fiber_resume(fiber_t f, void *arg, fiber_result_t *status) {
  if (!f || (f->state != NEW && f->state != SUSPENDED)) {
    *status = FIBER_ERROR;
    return NULL;
  }
  uintptr_t my_sp = shadow_sp_get();
  f->resumer = current;
  current = f;
  if (f->state == NEW) {
    f->first_arg = arg;
  } else {
    f->transfer = arg;
    f->rewinding = 1; /* data.pos stays where the unwind left it */
    asyncify_start_rewind(&f->data);
  }
  f->state = RUNNING;
  shadow_sp_set(f->sp);
  void *result = f->entry(f->first_arg); /* rewinds to fiber_yield, if it yielded */
  uintptr_t fiber_sp = f->yielding ? f->sp : shadow_sp_get();
  if (f->yielding) {
    asyncify_stop_unwind();
    f->yielding = 0;
    f->state = SUSPENDED;
    *status = FIBER_YIELD;
    result = f->transfer;
  } else {
    f->state = DONE;
    *status = FIBER_OK;
  }
  shadow_stack_check(&f->stack, fiber_sp);
  shadow_sp_set(my_sp);
  current = f->resumer;
  return result;
}

__attribute__((noinline))
void *fiber_yield(void *arg) {
  struct fiber *f = current;
  if (!f) abort(); /* yield outside any fiber */
  if (f->rewinding) { /* called again while the stack is being rewound: done */
    asyncify_stop_rewind();
    f->rewinding = 0;
    return f->transfer;
  }
  f->transfer = arg;
  f->yielding = 1;
  f->sp = shadow_sp_get();
  f->data.pos = (uintptr_t)f->buf;
  f->data.end = (uintptr_t)(f->buf + sizeof f->buf);
  asyncify_start_unwind(&f->data);
  return NULL; /* ignored: the caller is unwinding */
}
