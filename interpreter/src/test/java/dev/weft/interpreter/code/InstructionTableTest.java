package dev.weft.interpreter.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The compile-time constants the dispatch switches use mirror the instruction table exactly:
 * every constant names a table entry with its number, and every entry has a constant.
 */
class InstructionTableTest {
    private static List<Field> constants(Class<?> c) {
        List<Field> fields = new ArrayList<>();
        for (Field f : c.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class && !f.getName().equals("COUNT")) {
                fields.add(f);
            }
        }
        return fields;
    }

    @Test
    void opcodesAreTheTablesOrdinals() throws Exception {
        List<Field> fields = constants(Opcodes.class);
        for (Field f : fields) {
            Instr instr = Instr.valueOf(f.getName());
            assertEquals(instr.ordinal(), f.getInt(null), f.getName());
        }
        assertEquals(Instr.count(), fields.size(), "one constant per table entry");
        assertEquals(Instr.count(), Opcodes.COUNT);
        assertEquals("BR_IF_I64_LE_U", Opcodes.name(Opcodes.BR_IF_I64_LE_U));
    }

    @Test
    void extOpsAreTheExtTablesOrdinals() throws Exception {
        List<Field> fields = constants(ExtOps.class);
        for (Field f : fields) {
            assertEquals(ExtInstr.valueOf(f.getName()).ordinal(), f.getInt(null), f.getName());
        }
        assertEquals(ExtInstr.values().length, fields.size(), "one constant per table entry");
    }

    @Test
    void fusedFormsDeclareWhatTheyReplaceAndOthersDoNot() {
        for (Instr i : Instr.values()) {
            assertNotNull(i.layout());
            assertEquals(i.kind() == Instr.Kind.FUSED, !i.patterns().isEmpty(), i + " patterns");
            if (i.kind() == Instr.Kind.EXT_SHAPED) {
                assertEquals(List.of("subop", "ext"), i.layout().fixed(), i.toString());
            }
            for (String p : i.patterns()) {
                assertFalse(p.indexOf('|') < 0, i + ": signature | body");
            }
        }
    }
}
