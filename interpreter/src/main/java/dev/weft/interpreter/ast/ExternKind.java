package dev.weft.interpreter.ast;

/** The kinds of importable and exportable entities, with their binary byte. */
public enum ExternKind {
    FUNC(0x00, "func"),
    TABLE(0x01, "table"),
    MEMORY(0x02, "memory"),
    GLOBAL(0x03, "global"),
    TAG(0x04, "tag");

    private final int code;
    private final String text;

    ExternKind(int code, String text) {
        this.code = code;
        this.text = text;
    }

    public int code() {
        return code;
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
