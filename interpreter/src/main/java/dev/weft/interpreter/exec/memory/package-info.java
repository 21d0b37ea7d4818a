/**
 * Linear memories: {@link dev.weft.interpreter.exec.memory.MemoryInstance} (a {@code byte[]} or a
 * mapped {@code stackpool} slot, chosen per memory by {@code -Dweft.memory}), the process-wide
 * pools behind mapped ones ({@link dev.weft.interpreter.exec.memory.MappedMemories}), and where
 * an instance's memories come from ({@link dev.weft.interpreter.exec.memory.MemoryAllocator}:
 * fresh, or an {@code InstancePool}'s {@link dev.weft.interpreter.exec.memory.PooledMemories}).
 * Not API.
 *
 * <p>A leaf below the loop: it knows the API's {@code Memory} and {@code Trap}, the AST's memory
 * types and {@code stackpool}, nothing of {@code exec}. The loop, the compiled tier's support
 * and instantiation call its accessors; {@code ArchitectureTest} keeps the direction.
 */
package dev.weft.interpreter.exec.memory;
