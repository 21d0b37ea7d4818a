package dev.weft.interpreter.exec;

import dev.weft.interpreter.Global;
import dev.weft.interpreter.Value;
import dev.weft.interpreter.ast.GlobalType;

/** A global's storage: number bits or a reference, read and written directly by the interpreter. */
public final class GlobalInstance implements Global {
    private final GlobalType type;
    long bits;
    Object ref;

    public GlobalInstance(GlobalType type) {
        this.type = type;
    }

    @Override
    public GlobalType type() {
        return type;
    }

    @Override
    public Value get() {
        return Value.fromSlot(type.type(), bits, ref);
    }

    @Override
    public void set(Value value) {
        if (!type.mutable()) {
            throw new IllegalArgumentException("global is immutable");
        }
        setValue(value);
    }

    /** Sets the value regardless of mutability (initialisation). */
    public void setValue(Value value) {
        java.util.Objects.requireNonNull(value, "value");
        if (!Calls.fits(value, type.type(), id -> id)) { // a global's type is canonical
            throw new IllegalArgumentException("global of type " + type.type() + " cannot hold "
                    + (value.ref() == null && value.type().isRef() ? "a null " : "") + value.type());
        }
        bits = value.bits();
        ref = value.ref();
    }
}
