package dev.weft.interpreter.code;

import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.FieldType;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.ast.StorageType;
import java.util.List;

/**
 * Where the fields of a struct type, or the elements of an array type, live in the runtime's
 * objects ({@code exec.gc.StructObject}, {@code exec.gc.ArrayObject}). Each field has a storage kind;
 * a struct keeps its numeric fields in one {@code long[]} (so a struct of numbers boxes nothing)
 * and its reference fields in one {@code Object[]}, a field's slot being its position in that
 * array; a v128 field takes two numeric slots, low 64 bits then high, as on the operand stack.
 * An array's elements live in a primitive array of the element's width (v128: a {@code long[]}
 * of low/high pairs). Lowering resolves field accesses to slots with this; instantiation builds
 * one per struct/array type.
 */
public final class GcLayout {
    /** Packed 8-bit storage. */
    public static final int I8 = 0;
    /** Packed 16-bit storage. */
    public static final int I16 = 1;
    /** i32 or f32 (its bits). */
    public static final int I32 = 2;
    /** i64 or f64 (its bits). */
    public static final int I64 = 3;
    /** A reference. */
    public static final int REF = 4;
    /** A v128: two numeric slots, low 64 bits first. */
    public static final int V128 = 5;

    private final byte[] kinds;
    private final int[] slots;
    private final int numCount;
    private final int refCount;
    private final int operandSlots;

    private GcLayout(List<FieldType> fields) {
        int n = fields.size();
        kinds = new byte[n];
        slots = new int[n];
        int nums = 0;
        int refs = 0;
        int vectors = 0;
        for (int i = 0; i < n; i++) {
            int k = kind(fields.get(i).storage());
            kinds[i] = (byte) k;
            slots[i] = k == REF ? refs++ : nums;
            nums += k == REF ? 0 : k == V128 ? 2 : 1;
            vectors += k == V128 ? 1 : 0;
        }
        numCount = nums;
        refCount = refs;
        operandSlots = n + vectors;
    }

    /** The layout of a struct or array type, or null for other composite types. */
    public static GcLayout of(CompositeType c) {
        return switch (c) {
            case CompositeType.Struct s -> new GcLayout(s.fields());
            case CompositeType.Array a -> new GcLayout(List.of(a.element()));
            default -> null;
        };
    }

    /** The storage kind of a field or element type. */
    public static int kind(StorageType s) {
        if (s.isPacked()) {
            return s.packedBits() == 8 ? I8 : I16;
        }
        if (!(s.valType() instanceof NumType n)) {
            return REF;
        }
        return switch (n) {
            case I32, F32 -> I32;
            case I64, F64 -> I64;
            case V128 -> V128;
        };
    }

    /** The size in bytes of an element of kind {@code kind} in a data segment. */
    public static int byteSize(int kind) {
        return switch (kind) {
            case I8 -> 1;
            case I16 -> 2;
            case I32 -> 4;
            case I64 -> 8;
            default -> 16;
        };
    }

    /** The number of fields (1 for an array type: its element). */
    public int fields() {
        return kinds.length;
    }

    /** The storage kind of field {@code i}. */
    public int kind(int i) {
        return kinds[i];
    }

    /**
     * The slot of field {@code i}: its index among the numeric or among the reference fields (a
     * v128 field's low half; its high half is the next slot).
     */
    public int slot(int i) {
        return slots[i];
    }

    /** How many numeric slots the struct has (two per v128 field). */
    public int numCount() {
        return numCount;
    }

    /** How many reference fields the struct has. */
    public int refCount() {
        return refCount;
    }

    /** How many operand-stack slots the fields take together (two per v128), as {@code struct.new} pops them. */
    public int operandSlots() {
        return operandSlots;
    }
}
