package dev.weft.interpreter;

import dev.weft.interpreter.ast.TableType;

/** A table of references. Elements are funcrefs ({@link WasmFunction}), host objects or null. */
public non-sealed interface Table extends Extern {
    /** The current type (limits with the current size as minimum). */
    TableType type();

    /** The number of elements. */
    long size();

    /** The element at {@code index}; traps "out of bounds table access". */
    Object get(long index);

    /** Sets the element at {@code index}; traps "out of bounds table access". */
    void set(long index, Object value);

    /** Grows by {@code delta} elements filled with {@code init}; the old size, or -1 on failure. */
    long grow(long delta, Object init);
}
