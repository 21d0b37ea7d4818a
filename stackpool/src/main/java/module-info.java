/**
 * Guard-paged, mmap'd slot pools for continuation stacks and linear memories (Panama FFM).
 * {@code dev.weft.stackpool.internal} (the system calls) is not exported.
 */
module dev.weft.stackpool {
    exports dev.weft.stackpool;
}
