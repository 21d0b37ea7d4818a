package dev.weft.interpreter.ast;

/** A value type: a number type ({@link NumType}) or a reference type ({@link RefType}). */
public sealed interface ValType permits NumType, RefType {
    /** Number of 64-bit operand-stack slots a value of this type occupies (v128 takes two). */
    int slots();

    /** Slots the values of {@code types} occupy together. */
    static int slots(java.util.List<ValType> types) {
        int n = 0;
        for (ValType t : types) {
            n += t.slots();
        }
        return n;
    }

    /** True for reference types, whose values live in the reference side array. */
    default boolean isRef() {
        return this instanceof RefType;
    }
}
