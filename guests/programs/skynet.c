/* skynet: a tree of fibers DEPTH levels deep with 10 children per node. Leaf k
 * yields k once; each inner node starts its 10 children, collects their values
 * and returns the sum. Usage: skynet [DEPTH]  (default 6); prints the sum of
 * 0 .. 10^DEPTH - 1 (499999500000 for depth 6). */
#include "fiber.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

struct node {
  uint64_t num;   /* number of the first leaf below this node */
  int levels;     /* levels below this node (0: leaf) */
  uint64_t value; /* the node's result */
};

static void *node_main(void *arg) {
  struct node *self = arg;
  if (self->levels == 0) {
    fiber_yield(&self->num);
    return NULL;
  }
  uint64_t span = 1;
  for (int i = 1; i < self->levels; i++) span *= 10;
  struct node kids[10];
  fiber_t f[10];
  fiber_result_t st[10];
  for (int i = 0; i < 10; i++) {
    kids[i] = (struct node){self->num + (uint64_t)i * span, self->levels - 1, 0};
    f[i] = fiber_alloc(node_main);
    if (!f[i]) { fprintf(stderr, "skynet: out of memory\n"); exit(2); }
    void *v = fiber_resume(f[i], &kids[i], &st[i]);
    kids[i].value = *(uint64_t *)(st[i] == FIBER_YIELD ? v : &kids[i].value);
  }
  uint64_t sum = 0;
  for (int i = 0; i < 10; i++) {
    if (st[i] == FIBER_YIELD) fiber_resume(f[i], NULL, &st[i]);
    if (st[i] != FIBER_OK) { fprintf(stderr, "skynet: child failed\n"); exit(2); }
    sum += kids[i].value;
    fiber_free(f[i]);
  }
  self->value = sum;
  return NULL;
}

int main(int argc, char **argv) {
  int depth = argc > 1 ? atoi(argv[1]) : 6;
  if (depth < 0 || depth > 9) { fprintf(stderr, "skynet: depth 0..9\n"); return 2; }
  fiber_init(4 * 1024);
  struct node root = {0, depth, 0};
  fiber_t f = fiber_alloc(node_main);
  fiber_result_t st;
  void *v = fiber_resume(f, &root, &st);
  if (st == FIBER_YIELD) { root.value = *(uint64_t *)v; fiber_resume(f, NULL, &st); }
  fiber_free(f);
  fiber_finalize();
  printf("%llu\n", (unsigned long long)root.value);
  return 0;
}
