package dev.weft.interpreter;

import dev.weft.interpreter.ast.GlobalType;

/** A global variable, shared by every instance that imports or exports it. */
public non-sealed interface Global extends Extern {
    GlobalType type();

    Value get();

    /**
     * Sets the value.
     *
     * @throws IllegalArgumentException when the global is immutable or the value's type differs
     */
    void set(Value value);
}
