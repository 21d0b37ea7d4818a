package dev.weft.interpreter;

/**
 * Something an instance exports and another imports: a function, table, memory, global or tag.
 * Linking accepts only the runtime's own implementations of these interfaces ("incompatible
 * import type" otherwise); hosts create them with {@link HostFunction#of} and {@link Externs}.
 */
public sealed interface Extern permits WasmFunction, Table, Memory, Global, Tag {}
