/* fiber.h over WasmFX stack switching: the continuations live in fiberfx.wat
 * (merged in by wasm-merge as module "fiberfx"); this file keeps the fiber
 * records, hands out continuation slots and switches the C shadow stack. */
#include "fiber.h"
#include "../common/shadow_stack.h"

#include <stdint.h>
#include <stdlib.h>

#define FX_IMPORT(name) __attribute__((import_module("fiberfx"), import_name(name)))
FX_IMPORT("fx_new") void fx_new(uint32_t id);
FX_IMPORT("fx_drop") void fx_drop(uint32_t id);
FX_IMPORT("fx_resume") uint32_t fx_resume(uint32_t id, uint32_t arg);
FX_IMPORT("fx_status") uint32_t fx_status(void);
FX_IMPORT("fx_suspend") uint32_t fx_suspend(uint32_t value);

enum { NEW, SUSPENDED, RUNNING, DONE };

struct fiber {
  fiber_entry_point_t entry;
  shadow_stack_t stack;
  uintptr_t sp;   /* saved __stack_pointer while suspended */
  uint32_t id;    /* continuation slot in fiberfx's table */
  int state;
  struct fiber *resumer; /* the fiber that resumed this one (NULL: main) */
};

static size_t stack_bytes = FIBER_DEFAULT_STACK_BYTES;
static struct fiber *current; /* NULL while main runs */
static uint32_t *free_ids;    /* recycled slot numbers */
static size_t free_count, free_cap;
static uint32_t next_id;

void fiber_init(size_t shadow_stack_bytes) {
  stack_bytes = shadow_stack_bytes ? shadow_stack_bytes : FIBER_DEFAULT_STACK_BYTES;
}

void fiber_finalize(void) {
  free(free_ids);
  free_ids = NULL;
  free_count = free_cap = 0;
}

static uint32_t take_id(void) {
  if (free_count) return free_ids[--free_count];
  return next_id++;
}

static void give_id(uint32_t id) {
  if (free_count == free_cap) {
    free_cap = free_cap ? 2 * free_cap : 1024;
    free_ids = realloc(free_ids, free_cap * sizeof *free_ids);
    if (!free_ids) abort();
  }
  free_ids[free_count++] = id;
}

fiber_t fiber_alloc(fiber_entry_point_t entry) {
  shadow_stack_t stack;
  if (shadow_stack_alloc(&stack, stack_bytes, sizeof(struct fiber))) return NULL;
  struct fiber *f = (struct fiber *)stack.high; /* record sits above its stack */
  f->stack = stack;
  f->entry = entry;
  f->sp = f->stack.high;
  f->id = take_id();
  f->state = NEW;
  f->resumer = NULL;
  fx_new(f->id);
  return f;
}

void fiber_free(fiber_t f) {
  if (!f) return;
  fx_drop(f->id);
  give_id(f->id);
  shadow_stack_t stack = f->stack;
  shadow_stack_free(&stack); /* frees the record too */
}

/* Bottom of every fiber's continuation: called by fiberfx's $body. */
__attribute__((export_name("fiber_wasmfx_entry")))
uint32_t fiber_wasmfx_entry(uint32_t arg) {
  struct fiber *f = current;
  return (uint32_t)(uintptr_t)f->entry((void *)(uintptr_t)arg);
}

void *fiber_resume(fiber_t f, void *arg, fiber_result_t *status) {
  if (!f || (f->state != NEW && f->state != SUSPENDED)) {
    *status = FIBER_ERROR;
    return NULL;
  }
  uintptr_t my_sp = shadow_sp_get();
  f->resumer = current;
  f->state = RUNNING;
  current = f;
  shadow_sp_set(f->sp);
  uint32_t v = fx_resume(f->id, (uint32_t)(uintptr_t)arg);
  uint32_t yielded = fx_status();
  /* back on our own stack; f->sp was saved by fiber_yield if it yielded */
  uintptr_t fiber_sp = yielded ? f->sp : shadow_sp_get();
  shadow_stack_check(&f->stack, fiber_sp);
  shadow_sp_set(my_sp);
  current = f->resumer;
  f->state = yielded ? SUSPENDED : DONE;
  *status = yielded ? FIBER_YIELD : FIBER_OK;
  return (void *)(uintptr_t)v;
}

void *fiber_yield(void *arg) {
  struct fiber *f = current;
  if (!f) abort(); /* yield outside any fiber */
  f->sp = shadow_sp_get();
  uint32_t v = fx_suspend((uint32_t)(uintptr_t)arg);
  return (void *)(uintptr_t)v;
}
