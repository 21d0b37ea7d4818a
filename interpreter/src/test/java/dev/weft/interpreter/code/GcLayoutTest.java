package dev.weft.interpreter.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.FieldType;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.StorageType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where struct fields and array elements live: numbers unboxed in one long[], references apart. */
class GcLayoutTest {
    private static FieldType field(NumType t) {
        return new FieldType(StorageType.of(t), true);
    }

    private static FieldType packed(int bits) {
        return new FieldType(new StorageType(null, bits), true);
    }

    @Test
    void aStructOfNumbersHasNoReferenceSlots() {
        GcLayout l = GcLayout.of(new CompositeType.Struct(List.of(
                field(NumType.I32), field(NumType.I64), field(NumType.F32), field(NumType.F64), packed(8), packed(16))));
        assertEquals(6, l.numCount());
        assertEquals(0, l.refCount());
        int[] kinds = {GcLayout.I32, GcLayout.I64, GcLayout.I32, GcLayout.I64, GcLayout.I8, GcLayout.I16};
        for (int i = 0; i < kinds.length; i++) {
            assertEquals(kinds[i], l.kind(i), "kind of field " + i);
            assertEquals(i, l.slot(i), "slot of field " + i);
        }
    }

    @Test
    void referenceAndNumericFieldsAreNumberedSeparately() {
        GcLayout l = GcLayout.of(new CompositeType.Struct(List.of(
                new FieldType(StorageType.of(RefType.FUNCREF), false), field(NumType.I32),
                new FieldType(StorageType.of(RefType.EXTERNREF), true), field(NumType.F64))));
        assertEquals(2, l.numCount());
        assertEquals(2, l.refCount());
        assertEquals(List.of(0, 0, 1, 1), List.of(l.slot(0), l.slot(1), l.slot(2), l.slot(3)));
        assertEquals(GcLayout.REF, l.kind(2));
    }

    @Test
    void aV128FieldTakesTwoNumericSlotsLowHalfFirst() {
        GcLayout l = GcLayout.of(new CompositeType.Struct(List.of(
                packed(8), field(NumType.V128), new FieldType(StorageType.of(RefType.FUNCREF), true),
                field(NumType.V128), packed(16))));
        assertEquals(List.of(GcLayout.I8, GcLayout.V128, GcLayout.REF, GcLayout.V128, GcLayout.I16),
                List.of(l.kind(0), l.kind(1), l.kind(2), l.kind(3), l.kind(4)));
        // i8 at 0, the first v128 at 1-2, the reference apart, the second v128 at 3-4, i16 at 5
        assertEquals(List.of(0, 1, 0, 3, 5), List.of(l.slot(0), l.slot(1), l.slot(2), l.slot(3), l.slot(4)));
        assertEquals(6, l.numCount());
        assertEquals(1, l.refCount());
        assertEquals(7, l.operandSlots(), "struct.new pops 1 + 2 + 1 + 2 + 1 slots");
        assertEquals(16, GcLayout.byteSize(GcLayout.of(new CompositeType.Array(field(NumType.V128))).kind(0)));
    }

    @Test
    void anArrayHasOneElementKindAndFunctionTypesHaveNoLayout() {
        GcLayout l = GcLayout.of(new CompositeType.Array(packed(16)));
        assertEquals(1, l.fields());
        assertEquals(GcLayout.I16, l.kind(0));
        assertEquals(2, GcLayout.byteSize(l.kind(0)));
        assertNull(GcLayout.of(new CompositeType.Func(List.of(), List.of())));
    }
}
