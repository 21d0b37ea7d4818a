package dev.weft.interpreter.exec.gc;


/**
 * An {@code i31ref}: an unboxed 31-bit integer seen as a reference. Immutable; {@code ref.eq}
 * compares two of them by value ({@code exec.CastOps#eq}), so no identity is observable.
 *
 * @param value the 31-bit payload, kept sign-extended from bit 30
 */
public record I31Ref(int value) {
    /** {@code ref.i31}: the low 31 bits of {@code i}. */
    public static I31Ref of(int i) {
        return new I31Ref((i << 1) >> 1);
    }

    /** {@code i31.get_u}: the payload zero-extended. */
    public int unsigned() {
        return value & 0x7FFF_FFFF;
    }

    @Override
    public String toString() {
        return "i31 " + value;
    }
}
