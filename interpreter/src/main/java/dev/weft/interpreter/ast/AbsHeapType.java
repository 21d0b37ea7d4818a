package dev.weft.interpreter.ast;

/**
 * The abstract heap types, with their binary byte (also the byte of the nullable shorthand
 * reference type, e.g. {@code 0x70} is both {@code func} and {@code funcref}).
 */
public enum AbsHeapType implements HeapType {
    FUNC("func", 0x70),
    EXTERN("extern", 0x6F),
    ANY("any", 0x6E),
    EQ("eq", 0x6D),
    I31("i31", 0x6C),
    STRUCT("struct", 0x6B),
    ARRAY("array", 0x6A),
    EXN("exn", 0x69),
    CONT("cont", 0x68),
    NONE("none", 0x71),
    NOFUNC("nofunc", 0x73),
    NOEXTERN("noextern", 0x72),
    NOEXN("noexn", 0x74),
    NOCONT("nocont", 0x75);

    private final String text;
    private final int code;

    AbsHeapType(String text, int code) {
        this.text = text;
        this.code = code;
    }

    /** The binary encoding byte. */
    public int code() {
        return code;
    }

    /** The text-format keyword, e.g. {@code func}. */
    public String text() {
        return text;
    }

    /**
     * Whether this type is {@code b} or below it: none below i31, struct and array, those below
     * eq, eq below any; each other bottom type (nofunc, noextern, noexn, nocont) below its top.
     */
    public boolean isSubtypeOf(AbsHeapType b) {
        if (this == b) {
            return true;
        }
        return switch (b) {
            case ANY -> this == EQ || this == I31 || this == STRUCT || this == ARRAY || this == NONE;
            case EQ -> this == I31 || this == STRUCT || this == ARRAY || this == NONE;
            case I31, STRUCT, ARRAY -> this == NONE;
            case FUNC -> this == NOFUNC;
            case EXTERN -> this == NOEXTERN;
            case EXN -> this == NOEXN;
            case CONT -> this == NOCONT;
            default -> false;
        };
    }

    /** Whether this is the bottom of its hierarchy: none, nofunc, noextern, noexn or nocont. */
    public boolean isBottom() {
        return this == NONE || this == NOFUNC || this == NOEXTERN || this == NOEXN || this == NOCONT;
    }

    /** The heap type whose binary byte is {@code code}, or null. */
    public static AbsHeapType fromCode(int code) {
        for (AbsHeapType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }

    /** The heap type whose text keyword is {@code text}, or null. */
    public static AbsHeapType fromText(String text) {
        for (AbsHeapType t : values()) {
            if (t.text.equals(text)) {
                return t;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return text;
    }
}
