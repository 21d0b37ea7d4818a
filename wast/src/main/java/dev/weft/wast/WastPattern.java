package dev.weft.wast;

import dev.weft.interpreter.ast.NumType;
import java.util.List;

/** An expected result of {@code assert_return}. */
public sealed interface WastPattern {

    /** Exactly this constant (floats compare by bits; {@code (ref.null ht)} any null of ht). */
    record Exact(WastValue value) implements WastPattern {}

    /** {@code nan:canonical} ({@code canonical}) or {@code nan:arithmetic} for f32/f64. */
    record Nan(NumType type, boolean canonical) implements WastPattern {}

    /** A {@code v128.const} pattern whose lanes may be NaN patterns; kept as written. */
    record V128(String shape, List<String> lanes) implements WastPattern {
        public V128 {
            lanes = List.copyOf(lanes);
        }
    }

    /** A reference of some kind, e.g. {@code (ref.func)}, {@code (ref.null)}, {@code (ref)}. */
    record Ref(RefKind kind) implements WastPattern {}

    /** {@code (either p+)}: any one of the alternatives. */
    record Either(List<WastPattern> alternatives) implements WastPattern {
        public Either {
            alternatives = List.copyOf(alternatives);
        }
    }

    /** The reference classes a pattern can ask for, with their script keyword. */
    enum RefKind {
        /** {@code (ref)}: any non-null reference. */
        ANY_NON_NULL("ref"),
        /** {@code (ref.null)}: any null reference. */
        NULL("ref.null"),
        FUNC("ref.func"),
        EXTERN("ref.extern"),
        HOST("ref.host"),
        STRUCT("ref.struct"),
        ARRAY("ref.array"),
        I31("ref.i31"),
        EQ("ref.eq"),
        ANY("ref.any"),
        EXN("ref.exn"),
        CONT("ref.cont");

        private final String keyword;

        RefKind(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }

        /** The kind for a keyword, or null. */
        public static RefKind of(String keyword) {
            for (RefKind k : values()) {
                if (k.keyword.equals(keyword)) {
                    return k;
                }
            }
            return null;
        }
    }
}
