package dev.weft.interpreter.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.DataSegment;
import dev.weft.interpreter.ast.Function;
import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.ast.Op;
import dev.weft.interpreter.ast.RecType;
import dev.weft.interpreter.ast.SubType;
import dev.weft.interpreter.ast.ValType;
import dev.weft.interpreter.testing.Structural;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Encoding, and decoding what was encoded. */
class BinaryEncoderTest {
    private static final byte[] EMPTY_MODULE = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};

    @Test
    void anEmptyModuleEncodesAsJustThePreamble() throws Exception {
        Module empty = BinaryDecoder.decode(EMPTY_MODULE);
        assertArrayEquals(EMPTY_MODULE, BinaryEncoder.encode(empty));
    }

    @Test
    void aModuleUsingEverySectionAndFormDecodesBackToAnEqualModule() throws Exception {
        Module m = SampleModules.everySection();
        Module again = BinaryDecoder.decode(BinaryEncoder.encode(m));
        assertNull(Structural.difference(m, again));
    }

    @Test
    void everyOpcodeSurvivesEncodingAndDecoding() throws Exception {
        Module m = SampleModules.everySection();
        Module again = BinaryDecoder.decode(BinaryEncoder.encode(m));
        var before = m.functions().get(0).body();
        var after = again.functions().get(0).body();
        for (Op op : Op.values()) {
            assertTrue(after.stream().anyMatch(i -> i.op() == op), op.name());
        }
        assertNull(Structural.difference(before, after));
    }

    @Test
    void encodingIsCanonicalSoReEncodingGivesTheSameBytes() throws Exception {
        byte[] once = BinaryEncoder.encode(SampleModules.everySection());
        byte[] twice = BinaryEncoder.encode(BinaryDecoder.decode(once));
        assertArrayEquals(once, twice);
    }

    @Test
    void customSectionsKeepTheirPlaceAfterTheSectionTheyFollowed() throws Exception {
        Module again = BinaryDecoder.decode(BinaryEncoder.encode(SampleModules.everySection()));
        assertEquals(List.of("first", "name", "", "between", "last"),
                again.customs().stream().map(c -> c.name()).toList());
        assertEquals(List.of(0, 1, 13, 12, 11),
                again.customs().stream().map(c -> c.after()).toList());
    }

    @Test
    void localsAreWrittenAsRunLengthGroups() {
        List<ValType> locals = List.of(NumType.I32, NumType.I32, NumType.F64, NumType.I32);
        Module m = new Module(
                List.of(new RecType(List.of(SubType.plain(new CompositeType.Func(List.of(), List.of()))))),
                List.of(), List.of(new Function(0, locals, List.of(new Instruction.Plain(Op.END)))),
                List.of(), List.of(), List.of(), List.of(), List.of(), -1, List.of(), List.of(), -1,
                List.of());
        byte[] expected = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
            0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
            0x03, 0x02, 0x01, 0x00,
            0x0A, 0x0A, 0x01, 0x08, 0x03, 0x02, 0x7F, 0x01, 0x7C, 0x01, 0x7F, 0x0B};
        assertArrayEquals(expected, BinaryEncoder.encode(m));
    }

    @Test
    void aDataCountSectionIsAddedWhenCodeNeedsOneAndTheModuleHasNone() throws Exception {
        Module m = new Module(
                List.of(new RecType(List.of(SubType.plain(new CompositeType.Func(List.of(), List.of()))))),
                List.of(), List.of(new Function(0, List.of(), List.of(
                        new Instruction.Indexed(Op.DATA_DROP, 0), new Instruction.Plain(Op.END)))),
                List.of(), List.of(), List.of(), List.of(), List.of(), -1, List.of(),
                List.of(new DataSegment(new byte[] {1}, new DataSegment.Passive())), -1, List.of());
        assertEquals(1, BinaryDecoder.decode(BinaryEncoder.encode(m)).dataCount());
    }
}
