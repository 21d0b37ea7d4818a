package dev.weft.interpreter.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.MalformedModuleException;
import dev.weft.interpreter.ast.AbsHeapType;
import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.ConcreteHeapType;
import dev.weft.interpreter.ast.DataSegment;
import dev.weft.interpreter.ast.ElementSegment;
import dev.weft.interpreter.ast.ExternKind;
import dev.weft.interpreter.ast.ImportDesc;
import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.Limits;
import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.ast.Op;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.SubType;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The decoder, section by section, and the spec's error messages. */
class BinaryDecoderTest {
    private static final int[] HEADER = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};
    /** Type section with one {@code [] -> []} function type. */
    private static final int[] ONE_TYPE = {0x01, 0x04, 0x01, 0x60, 0x00, 0x00};
    /** Function section declaring one function of type 0. */
    private static final int[] ONE_FUNC = {0x03, 0x02, 0x01, 0x00};

    static byte[] bytes(int[]... parts) {
        int n = 0;
        for (int[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int k = 0;
        for (int[] p : parts) {
            for (int b : p) {
                out[k++] = (byte) b;
            }
        }
        return out;
    }

    static Module decode(int[]... sections) throws MalformedModuleException {
        int[][] all = new int[sections.length + 1][];
        all[0] = HEADER;
        System.arraycopy(sections, 0, all, 1, sections.length);
        return BinaryDecoder.decode(bytes(all));
    }

    static String failure(int[]... sections) {
        return assertThrows(MalformedModuleException.class, () -> decode(sections)).getMessage();
    }

    static void assertStartsWith(String expectedPrefix, String actual) {
        assertTrue(actual.startsWith(expectedPrefix), "expected \"" + expectedPrefix + "\" but got \"" + actual + "\"");
    }

    /** A section with its size computed from its contents. */
    static int[] section(int id, int... contents) {
        int[] out = new int[contents.length + 2];
        out[0] = id;
        out[1] = contents.length;
        System.arraycopy(contents, 0, out, 2, contents.length);
        return out;
    }

    /** A code section holding one function with no locals and the given body (end appended). */
    static int[] code(int... body) {
        int size = body.length + 2;
        int[] out = new int[body.length + 6];
        out[0] = 0x0A;
        out[1] = size + 2;
        out[2] = 0x01;
        out[3] = size;
        out[4] = 0x00;
        System.arraycopy(body, 0, out, 5, body.length);
        out[out.length - 1] = 0x0B;
        return out;
    }

    @Nested
    class Preamble {
        @Test
        void justTheHeaderIsAnEmptyModule() throws Exception {
            Module m = decode();
            assertTrue(m.types().isEmpty() && m.functions().isEmpty());
            assertEquals(-1, m.start());
            assertEquals(-1, m.dataCount());
        }

        @Test
        void aWrongMagicIsReported() {
            String msg = assertThrows(MalformedModuleException.class,
                    () -> BinaryDecoder.decode(bytes(new int[] {0x00, 0x41, 0x53, 0x4D, 1, 0, 0, 0}))).getMessage();
            assertStartsWith("magic header not detected", msg);
        }

        @Test
        void aWrongVersionIsReported() {
            String msg = assertThrows(MalformedModuleException.class,
                    () -> BinaryDecoder.decode(bytes(new int[] {0x00, 0x61, 0x73, 0x6D, 2, 0, 0, 0}))).getMessage();
            assertStartsWith("unknown binary version", msg);
        }

        @Test
        void aTruncatedHeaderIsAnUnexpectedEnd() {
            String msg = assertThrows(MalformedModuleException.class,
                    () -> BinaryDecoder.decode(bytes(new int[] {0x00, 0x61, 0x73}))).getMessage();
            assertStartsWith("unexpected end", msg);
        }

        @Test
        void errorsCarryTheOffsetAsDetail() {
            assertEquals("malformed section id: at offset 0x8", failure(new int[] {0x0E, 0x00}));
        }
    }

    @Nested
    class Sections {
        @Test
        void sectionsOutOfOrderAreUnexpectedContent() {
            assertStartsWith("unexpected content after last section",
                    failure(new int[] {0x03, 0x01, 0x00}, new int[] {0x01, 0x01, 0x00}));
        }

        @Test
        void aRepeatedSectionIsUnexpectedContent() {
            assertStartsWith("unexpected content after last section",
                    failure(new int[] {0x01, 0x01, 0x00}, new int[] {0x01, 0x01, 0x00}));
        }

        @Test
        void theTagSectionGoesBetweenMemoryAndGlobal() throws Exception {
            Module m = decode(ONE_TYPE, new int[] {0x05, 0x01, 0x00}, new int[] {0x0D, 0x03, 0x01, 0x00, 0x00},
                    new int[] {0x06, 0x01, 0x00});
            assertEquals(0, m.tags().get(0).typeIndex());
            assertStartsWith("unexpected content after last section",
                    failure(ONE_TYPE, new int[] {0x06, 0x01, 0x00}, new int[] {0x0D, 0x01, 0x00}));
        }

        @Test
        void aSectionLongerThanItsContentsIsASizeMismatch() {
            assertStartsWith("section size mismatch", failure(new int[] {0x01, 0x05, 0x01, 0x60, 0x00, 0x00, 0x00}));
        }

        @Test
        void aSectionSizeBeyondTheEndIsLengthOutOfBounds() {
            assertStartsWith("length out of bounds", failure(new int[] {0x01, 0x09, 0x01, 0x60, 0x00, 0x00}));
        }

        @Test
        void contentsRunningOutInsideASectionAreAnUnexpectedEndOfSection() {
            assertStartsWith("unexpected end of section or function", failure(new int[] {0x05, 0x01, 0x01}));
        }

        @Test
        void customSectionsAreKeptInOrderWithThePrecedingSectionId() throws Exception {
            Module m = decode(new int[] {0x00, 0x02, 0x01, 'a'}, ONE_TYPE,
                    new int[] {0x00, 0x04, 0x01, 'b', 0x07, 0x08}, ONE_FUNC, code());
            assertEquals(2, m.customs().size());
            assertEquals("a", m.customs().get(0).name());
            assertEquals(0, m.customs().get(0).after());
            assertEquals("b", m.customs().get(1).name());
            assertEquals(1, m.customs().get(1).after());
            assertArrayEquals(new byte[] {0x07, 0x08}, m.customs().get(1).bytes());
        }
    }

    @Nested
    class Types {
        @Test
        void aFunctionTypeHasParamsAndResults() throws Exception {
            Module m = decode(new int[] {0x01, 0x07, 0x01, 0x60, 0x02, 0x7F, 0x7C, 0x01, 0x70});
            CompositeType.Func f = (CompositeType.Func) m.types().get(0).composite();
            assertEquals(List.of(NumType.I32, NumType.F64), f.params());
            assertEquals(List.of(RefType.FUNCREF), f.results());
        }

        @Test
        void aRecGroupHoldsSubtypesWithSupertypesAndFinality() throws Exception {
            // rec { sub (struct (field (mut i8))) ; sub final 0 (array (ref null 0)) }
            Module m = decode(section(0x01, 0x01, 0x4E, 0x02,
                0x50, 0x00, 0x5F, 0x01, 0x78, 0x01,
                0x4F, 0x01, 0x00, 0x5E, 0x63, 0x00, 0x00));
            assertEquals(1, m.recTypes().size());
            SubType first = m.types().get(0);
            SubType second = m.types().get(1);
            assertFalse(first.isFinal());
            assertTrue(second.isFinal());
            assertEquals(List.of(0), second.supertypes());
            CompositeType.Struct s = (CompositeType.Struct) first.composite();
            assertEquals(8, s.fields().get(0).storage().packedBits());
            assertTrue(s.fields().get(0).mutable());
            CompositeType.Array a = (CompositeType.Array) second.composite();
            assertEquals(new RefType(true, new ConcreteHeapType(0)), a.element().storage().valType());
        }

        @Test
        void aContinuationTypeNamesAFunctionType() throws Exception {
            Module m = decode(section(0x01, 0x02, 0x60, 0x00, 0x00, 0x5D, 0x00));
            assertEquals(new CompositeType.Cont(0), m.types().get(1).composite());
        }

        @Test
        void abstractHeapTypesHaveNullableShorthands() throws Exception {
            Module m = decode(section(0x01, 0x01, 0x60, 0x00, 0x03, 0x6E, 0x64, 0x6C, 0x74));
            assertEquals(List.of(RefType.ANYREF, new RefType(false, AbsHeapType.I31),
                    new RefType(true, AbsHeapType.NOEXN)),
                    ((CompositeType.Func) m.types().get(0).composite()).results());
        }

        @Test
        void aBadFieldMutabilityIsMalformed() {
            assertStartsWith("malformed mutability", failure(section(0x01, 0x01, 0x5E, 0x78, 0x02)));
        }

        @Test
        void anUnknownValueTypeIsMalformed() {
            assertStartsWith("malformed value type", failure(section(0x01, 0x01, 0x60, 0x01, 0x40, 0x00)));
        }
    }

    @Nested
    class ImportsAndDefinitions {
        @Test
        void everyImportKindIsDecoded() throws Exception {
            Module m = decode(ONE_TYPE, section(0x02, 0x05,
                0x01, 'm', 0x01, 'f', 0x00, 0x00,
                0x01, 'm', 0x01, 't', 0x01, 0x6F, 0x00, 0x01,
                0x01, 'm', 0x01, 'g', 0x03, 0x7E, 0x01,
                0x01, 'm', 0x01, 'x', 0x04, 0x00, 0x00,
                0x00, 0x00, 0x02, 0x03, 0x01, 0x02)
            );
            assertEquals(List.of(ExternKind.FUNC, ExternKind.TABLE, ExternKind.GLOBAL, ExternKind.TAG,
                    ExternKind.MEMORY), m.imports().stream().map(i -> i.desc().kind()).toList());
            ImportDesc.Memory mem = (ImportDesc.Memory) m.imports().get(4).desc();
            assertEquals(new Limits(1, 2, false, true), mem.type().limits());
            assertEquals("", m.imports().get(4).module());
        }

        @Test
        void anUnknownImportKindIsMalformed() {
            assertStartsWith("malformed import kind",
                    failure(section(0x02, 0x01, 0x00, 0x00, 0x05, 0x00)));
        }

        @Test
        void aTableMayHaveAnInitialiserExpression() throws Exception {
            Module m = decode(section(0x04, 0x02, 0x70, 0x00, 0x01,
                0x40, 0x00, 0x70, 0x05, 0x01, 0x02, 0xD0, 0x70, 0x0B));
            assertNull(m.tables().get(0).init());
            assertEquals(new Limits(1, 2, true, false), m.tables().get(1).type().limits());
            assertEquals(List.of(new Instruction.HeapTypeImm(Op.REF_NULL, AbsHeapType.FUNC)),
                    m.tables().get(1).init().instructions());
        }

        @Test
        void memoriesReadSharedAndSixtyFourBitLimits() throws Exception {
            Module m = decode(section(0x05, 0x02, 0x03, 0x01, 0x02, 0x04, 0x80, 0x80, 0x80, 0x80, 0x20));
            assertEquals(new Limits(1, 2, false, true), m.memories().get(0).limits());
            assertEquals(new Limits(1L << 33, Limits.NO_MAX, true, false), m.memories().get(1).limits());
        }

        @Test
        void unknownLimitsFlagsAreMalformed() {
            assertStartsWith("malformed limits flags", failure(section(0x05, 0x01, 0x08, 0x00)));
            assertStartsWith("malformed limits flags", failure(section(0x04, 0x01, 0x70, 0x02, 0x00)));
        }

        @Test
        void globalsExportsAndStartAreDecoded() throws Exception {
            Module m = decode(ONE_TYPE, ONE_FUNC, section(0x06, 0x01, 0x7F, 0x01, 0x41, 0x7F, 0x0B),
                    section(0x07, 0x01, 0x01, 's', 0x00, 0x00), section(0x08, 0x00), code());
            assertTrue(m.globals().get(0).type().mutable());
            assertEquals(List.of(new Instruction.Const(Op.I32_CONST, -1)), m.globals().get(0).init().instructions());
            assertEquals("s", m.exports().get(0).name());
            assertEquals(0, m.start());
        }
    }

    @Nested
    class Segments {
        @Test
        void allEightElementSegmentFormsAreDecoded() throws Exception {
            Module m = decode(ONE_TYPE, ONE_FUNC, section(0x09, 0x08,
                0x00, 0x41, 0x00, 0x0B, 0x01, 0x00,
                0x01, 0x00, 0x01, 0x00,
                0x02, 0x01, 0x41, 0x00, 0x0B, 0x00, 0x01, 0x00,
                0x03, 0x00, 0x01, 0x00,
                0x04, 0x41, 0x00, 0x0B, 0x01, 0xD2, 0x00, 0x0B,
                0x05, 0x70, 0x01, 0xD0, 0x70, 0x0B,
                0x06, 0x01, 0x41, 0x00, 0x0B, 0x6F, 0x00,
                0x07, 0x70, 0x00), code());
            List<ElementSegment> e = m.elements();
            assertEquals(8, e.size());
            assertInstanceOf(ElementSegment.Active.class, e.get(0).mode());
            assertInstanceOf(ElementSegment.Passive.class, e.get(1).mode());
            assertEquals(1, ((ElementSegment.Active) e.get(2).mode()).table());
            assertInstanceOf(ElementSegment.Declarative.class, e.get(3).mode());
            assertEquals(List.of(new Instruction.Indexed(Op.REF_FUNC, 0)), e.get(0).items().get(0).instructions());
            assertEquals(e.get(0).items(), e.get(4).items());
            assertEquals(RefType.EXTERNREF, e.get(6).type());
            assertInstanceOf(ElementSegment.Declarative.class, e.get(7).mode());
        }

        @Test
        void aNonReferenceElementTypeIsMalformed() {
            assertStartsWith("malformed reference type",
                    failure(ONE_TYPE, section(0x09, 0x01, 0x05, 0x7F, 0x01, 0xD2, 0x00, 0x0B)));
        }

        @Test
        void allThreeDataSegmentFormsAreDecoded() throws Exception {
            Module m = decode(section(0x05, 0x01, 0x00, 0x01), section(0x0C, 0x03),
                    section(0x0B, 0x03, 0x00, 0x41, 0x00, 0x0B, 0x01, 'a', 0x01, 0x00,
                        0x02, 0x00, 0x41, 0x01, 0x0B, 0x00));
            assertEquals(3, m.dataCount());
            List<DataSegment> d = m.data();
            assertArrayEquals(new byte[] {'a'}, d.get(0).bytes());
            assertInstanceOf(DataSegment.Passive.class, d.get(1).mode());
            assertEquals(0, ((DataSegment.Active) d.get(2).mode()).memory());
        }

        @Test
        void aDataCountDifferentFromTheSegmentsIsInconsistent() {
            assertStartsWith("data count and data section have inconsistent lengths",
                    failure(section(0x0C, 0x01)));
        }

        @Test
        void dataDropWithoutADataCountSectionRequiresOne() {
            assertStartsWith("data count section required", failure(ONE_TYPE, ONE_FUNC, code(0xFC, 0x09, 0x00)));
        }
    }

    @Nested
    class Code {
        @Test
        void localGroupsAreExpandedInOrder() throws Exception {
            Module m = decode(ONE_TYPE, ONE_FUNC, section(0x0A, 0x01, 0x06, 0x02, 0x02, 0x7F, 0x01, 0x7D, 0x0B));
            assertEquals(List.of(NumType.I32, NumType.I32, NumType.F32), m.functions().get(0).locals());
            assertEquals(List.of(new Instruction.Plain(Op.END)), m.functions().get(0).body());
        }

        @Test
        void moreThanTwoToTheThirtyTwoLocalsAreTooMany() {
            assertStartsWith("too many locals", failure(ONE_TYPE, ONE_FUNC, section(0x0A, 0x01, 0x0A,
                0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x7F, 0x02, 0x7E, 0x0B)));
        }

        @Test
        void aHugeButLegalLocalCountHitsTheImplementationLimitInsteadOfExhaustingMemory() {
            String msg = failure(ONE_TYPE, ONE_FUNC, section(0x0A, 0x01, 0x08,
                0x01, 0x80, 0x80, 0x80, 0x80, 0x08, 0x7F, 0x0B));
            assertStartsWith("too many locals", msg);
            assertTrue(msg.contains("implementation limit"), msg);
        }

        @Test
        void functionAndCodeCountsMustAgree() {
            assertStartsWith("function and code section have inconsistent lengths", failure(ONE_TYPE, ONE_FUNC));
            assertStartsWith("function and code section have inconsistent lengths", failure(ONE_TYPE, code()));
        }

        @Test
        void aBodyThatOverrunsItsSizeIsASizeMismatch() {
            assertStartsWith("section size mismatch", failure(ONE_TYPE, ONE_FUNC,
                    section(0x0A, 0x01, 0x02, 0x00, 0x01, 0x0B)));
        }

        @Test
        void anElseOutsideAnIfExpectsEnd() {
            assertStartsWith("END opcode expected", failure(ONE_TYPE, ONE_FUNC, code(0x02, 0x40, 0x05, 0x0B)));
        }
    }

    @Nested
    class Instructions {
        private List<Instruction> body(int... bytes) throws MalformedModuleException {
            return decode(ONE_TYPE, ONE_FUNC, code(bytes)).functions().get(0).body();
        }

        @Test
        void constantsUseSignedLebAndRawFloatBits() throws Exception {
            List<Instruction> b = body(0x41, 0x7F, 0x42, 0x80, 0x7F, 0x43, 0x00, 0x00, 0xC0, 0x7F);
            assertEquals(new Instruction.Const(Op.I32_CONST, -1), b.get(0));
            assertEquals(new Instruction.Const(Op.I64_CONST, -128), b.get(1));
            assertEquals(new Instruction.Const(Op.F32_CONST, 0x7FC00000L), b.get(2));
        }

        @Test
        void aMemargWithBitSixReadsAMemoryIndex() throws Exception {
            List<Instruction> b = body(0x28, 0x42, 0x03, 0x10);
            assertEquals(new Instruction.MemAccess(Op.I32_LOAD, 2, 16, 3), b.get(0));
        }

        @Test
        void tryTableReadsItsCatchClauses() throws Exception {
            List<Instruction> b = body(0x1F, 0x40, 0x02, 0x00, 0x05, 0x00, 0x03, 0x01, 0x0B);
            Instruction.TryTable t = (Instruction.TryTable) b.get(0);
            assertEquals(List.of(new Instruction.Catch(Instruction.CatchKind.CATCH, 5, 0),
                    new Instruction.Catch(Instruction.CatchKind.CATCH_ALL_REF, -1, 1)), t.catches());
        }

        @Test
        void brOnCastFlagsGiveTheNullabilityOfBothTypes() throws Exception {
            List<Instruction> b = body(0xFB, 0x18, 0x02, 0x00, 0x6E, 0x6C);
            assertEquals(new Instruction.BrOnCast(Op.BR_ON_CAST, 0, new RefType(false, AbsHeapType.ANY),
                    new RefType(true, AbsHeapType.I31)), b.get(0));
        }

        @Test
        void resumeReadsOnLabelAndOnSwitchHandlers() throws Exception {
            List<Instruction> b = body(0xE3, 0x01, 0x02, 0x00, 0x03, 0x00, 0x01, 0x04);
            assertEquals(new Instruction.Resume(Op.RESUME, 1, -1,
                    List.of(new Instruction.Handler(3, 0), new Instruction.Handler(4, -1))), b.get(0));
        }

        @Test
        void prefixedSubOpcodesAreLeb128() throws Exception {
            List<Instruction> b = body(0xFC, 0x8A, 0x00, 0x00, 0x00);
            assertEquals(new Instruction.Indexed2(Op.MEMORY_COPY, 0, 0), b.get(0));
        }

        @Test
        void simdInstructionsCarryTheirImmediates() throws Exception {
            List<Instruction> b = body(
                    0xFD, 0x0C, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0xF0, // v128.const
                    0xFD, 0x15, 15,                                                         // extract_lane_s 15
                    0xFD, 0x80, 0x01,                                                       // i16x8.abs: LEB 0x80
                    0xFD, 0x54, 0x40, 0x01, 0x10, 7);                                       // load8_lane mem 1
            assertEquals(new Instruction.Vector(Op.V128_CONST, 0x0807060504030201L, 0xF00F0E0D0C0B0A09L), b.get(0));
            assertEquals(0xF0, ((Instruction.Vector) b.get(0)).byteAt(15));
            assertEquals(new Instruction.Indexed(Op.I8X16_EXTRACT_LANE_S, 15), b.get(1));
            assertEquals(new Instruction.Plain(Op.I16X8_ABS), b.get(2));
            assertEquals(new Instruction.MemLane(Op.V128_LOAD8_LANE, 0, 16, 1, 7), b.get(3));
        }

        @Test
        void unassignedSimdOpcodesAreIllegal() {
            assertStartsWith("illegal opcode", failure(ONE_TYPE, ONE_FUNC, code(0xFD, 0x9A, 0x01)));
            // 0x114, just past relaxed SIMD's last opcode (0x113), and 0x10000, past 16 bits
            assertStartsWith("illegal opcode", failure(ONE_TYPE, ONE_FUNC, code(0xFD, 0x94, 0x02)));
            assertStartsWith("illegal opcode", failure(ONE_TYPE, ONE_FUNC, code(0xFD, 0x80, 0x80, 0x04)));
        }

        @Test
        void relaxedSimdOpcodesTakeTwoLeb128Bytes() throws Exception {
            // 0xFD 0x80 0x02 is sub-opcode 0x100 (i8x16.relaxed_swizzle), 0xFD 0x93 0x02 is 0x113
            assertEquals(Op.I8X16_RELAXED_SWIZZLE, Op.fromCode(0xFD0100));
            assertEquals(Op.I32X4_RELAXED_DOT_I8X16_I7X16_ADD_S, Op.fromCode(0xFD0113));
            assertEquals(0xFD, Op.I8X16_RELAXED_SWIZZLE.prefix());
            assertEquals(0x100, Op.I8X16_RELAXED_SWIZZLE.subCode());
        }

        @Test
        void legacyExceptionOpcodesAreIllegal() {
            assertStartsWith("illegal opcode", failure(ONE_TYPE, ONE_FUNC, code(0x06, 0x40, 0x0B)));
        }

        @Test
        void aBlockTypeMayBeATypeIndex() throws Exception {
            List<Instruction> b = body(0x02, 0x00, 0x0B);
            assertEquals(new Instruction.Block(Op.BLOCK, new dev.weft.interpreter.ast.BlockType.Indexed(0)), b.get(0));
        }
    }

    @Nested
    class Names {
        @Test
        void validUtf8NamesAreDecoded() throws Exception {
            Module m = decode(new int[] {0x00, 0x05, 0x04, 0xF0, 0x9F, 0x98, 0x80});
            assertEquals("\uD83D\uDE00", m.customs().get(0).name());
        }

        @Test
        void overlongEncodingsAreMalformed() {
            assertStartsWith("malformed UTF-8 encoding", failure(new int[] {0x00, 0x03, 0x02, 0xC0, 0x80}));
        }

        @Test
        void surrogatesAreMalformed() {
            assertStartsWith("malformed UTF-8 encoding", failure(new int[] {0x00, 0x04, 0x03, 0xED, 0xA0, 0x80}));
        }

        @Test
        void codePointsAboveTheUnicodeRangeAreMalformed() {
            assertStartsWith("malformed UTF-8 encoding",
                    failure(new int[] {0x00, 0x05, 0x04, 0xF4, 0x90, 0x80, 0x80}));
        }
    }
}
