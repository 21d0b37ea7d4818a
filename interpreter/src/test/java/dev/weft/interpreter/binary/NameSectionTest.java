package dev.weft.interpreter.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.InvalidModuleException;
import dev.weft.interpreter.Weft;
import dev.weft.interpreter.ast.CustomSection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Function names from the {@code name} custom section, and errors that use them. */
class NameSectionTest {
    /** Subsection 0 (module name "m"), then subsection 1: function 0 "main", function 3 "helper". */
    private static final byte[] NAMES = {
        0, 2, 1, 'm',
        1, 15, 2, 0, 4, 'm', 'a', 'i', 'n', 3, 6, 'h', 'e', 'l', 'p', 'e', 'r'};

    @Test
    void functionNamesComeFromSubsectionOne() {
        Map<Integer, String> names = NameSection.functionNames(List.of(
                new CustomSection("producers", new byte[] {1}, 0), new CustomSection("name", NAMES, 10)));
        assertEquals(Map.of(0, "main", 3, "helper"), names);
    }

    @Test
    void anUnreadableNameSectionIsIgnored() {
        byte[] truncated = java.util.Arrays.copyOf(NAMES, NAMES.length - 3);
        assertEquals(Map.of(), NameSection.functionNames(List.of(new CustomSection("name", truncated, 10))));
        assertEquals(Map.of(), NameSection.functionNames(List.of()));
    }

    @Test
    void aValidationErrorNamesTheFunctionByItsDebugName() {
        byte[] module = {
            0, 'a', 's', 'm', 1, 0, 0, 0,
            1, 5, 1, 0x60, 0, 1, 0x7F,              // type 0: [] -> [i32]
            3, 2, 1, 0,                             // function 0 has type 0
            10, 6, 1, 4, 0, 0x42, 0, 0x0B,          // body: i64.const 0, end (wrong result type)
            0, 14, 4, 'n', 'a', 'm', 'e', 1, 7, 1, 0, 4, 'm', 'a', 'i', 'n'};
        InvalidModuleException e = assertThrows(InvalidModuleException.class, () -> Weft.compile(module));
        assertTrue(e.getMessage().startsWith("type mismatch"), e.getMessage());
        // the end at byte 0x1a (header 8 bytes, type section 7, function section 4, code 10 6 1 4 0 42 0 then end)
        assertTrue(e.getMessage().endsWith("(in function 0 \"main\", instruction 1, at offset 0x1a)"), e.getMessage());
    }
}
