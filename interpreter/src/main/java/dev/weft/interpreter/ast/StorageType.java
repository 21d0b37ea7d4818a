package dev.weft.interpreter.ast;

/**
 * The type of a struct field or array element: a value type or a packed type
 * ({@code i8}, {@code i16}), the latter given by {@code packedBits} 8 or 16 with {@code valType} null.
 */
public record StorageType(ValType valType, int packedBits) {
    public static StorageType of(ValType t) {
        return new StorageType(t, 0);
    }

    public boolean isPacked() {
        return packedBits != 0;
    }
}
