package dev.weft.interpreter.exec.memory;

import dev.weft.interpreter.ast.MemoryType;

/**
 * Where the memories an instance defines come from ({@link dev.weft.interpreter.exec.Instantiator}): fresh ones by default
 * ({@link #FRESH}), or the slots an {@code InstancePool} keeps ({@link PooledMemories}).
 */
@FunctionalInterface
public interface MemoryAllocator {
    /** A new memory each time, heap or mapped as {@code -Dweft.memory} says. */
    MemoryAllocator FRESH = (index, type, limitPages) -> MemoryInstance.create(type, limitPages);

    /**
     * The memory for the instance's {@code index}-th own memory (imports not counted), of
     * {@code type}, in an instance limited to {@code limitPages} per memory (negative: no limit).
     *
     * @throws dev.weft.interpreter.Trap "resource exhausted" if it cannot be had
     */
    MemoryInstance allocate(int index, MemoryType type, long limitPages);
}
