package dev.weft.interpreter.ast;

/** The number and vector types. */
public enum NumType implements ValType {
    I32("i32", 0x7F),
    I64("i64", 0x7E),
    F32("f32", 0x7D),
    F64("f64", 0x7C),
    V128("v128", 0x7B);

    private final String text;
    private final int code;

    NumType(String text, int code) {
        this.text = text;
        this.code = code;
    }

    /** The binary encoding byte. */
    public int code() {
        return code;
    }

    @Override
    public int slots() {
        return this == V128 ? 2 : 1;
    }

    @Override
    public String toString() {
        return text;
    }
}
