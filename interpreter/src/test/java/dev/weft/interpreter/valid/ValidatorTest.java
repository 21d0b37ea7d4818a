package dev.weft.interpreter.valid;

import static dev.weft.interpreter.ast.NumType.F32;
import static dev.weft.interpreter.ast.NumType.I32;
import static dev.weft.interpreter.ast.NumType.I64;
import static dev.weft.interpreter.valid.ModuleBuilder.block;
import static dev.weft.interpreter.valid.ModuleBuilder.f32;
import static dev.weft.interpreter.valid.ModuleBuilder.i32;
import static dev.weft.interpreter.valid.ModuleBuilder.i64;
import static dev.weft.interpreter.valid.ModuleBuilder.idx;
import static dev.weft.interpreter.valid.ModuleBuilder.idx2;
import static dev.weft.interpreter.valid.ModuleBuilder.mem;
import static dev.weft.interpreter.valid.ModuleBuilder.op;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.InvalidModuleException;
import dev.weft.interpreter.ast.AbsHeapType;
import dev.weft.interpreter.ast.BlockType;
import dev.weft.interpreter.ast.ConcreteHeapType;
import dev.weft.interpreter.ast.ExternKind;
import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.ast.Op;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.ValType;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ValidatorTest {

    /** A module with one function of type params -> results and the given body. */
    static Module fn(List<ValType> params, List<ValType> results, List<ValType> locals, Instruction... body) {
        ModuleBuilder b = new ModuleBuilder();
        b.func(b.type(params, results), locals, body);
        return b.build();
    }

    static void assertInvalid(String prefix, Module m) {
        InvalidModuleException e = assertThrows(InvalidModuleException.class, () -> Validator.validate(m));
        assertTrue(e.getMessage().startsWith(prefix), () -> "message was: " + e.getMessage());
    }

    @Nested
    class Numeric {
        @Test
        void addingTwoI32ConstantsLeavesAnI32() throws Exception {
            Validator.validate(fn(List.of(), List.of(I32), List.of(), i32(1), i32(2), op(Op.I32_ADD)));
        }

        @Test
        void addingAnI64ToAnI32IsATypeMismatch() {
            assertInvalid("type mismatch",
                    fn(List.of(), List.of(I32), List.of(), i32(1), i64(2), op(Op.I32_ADD)));
        }

        @Test
        void anEmptyStackReportsTheRequiredType() {
            assertInvalid("type mismatch: instruction requires [i32] but stack has []",
                    fn(List.of(), List.of(I32), List.of(), op(Op.I32_EQZ)));
        }

        @Test
        void saturatingTruncationAndSignExtensionHaveTheirSignatures() throws Exception {
            Validator.validate(fn(List.of(), List.of(I64), List.of(),
                    f32(), op(Op.I64_TRUNC_SAT_F32_S), op(Op.I64_EXTEND8_S)));
        }

        @Test
        void leftoverValuesAtTheEndAreATypeMismatch() {
            assertInvalid("type mismatch", fn(List.of(), List.of(), List.of(), i32(1)));
        }
    }

    @Nested
    class Control {
        @Test
        void aBlockWithParamsTakesThemFromTheStack() throws Exception {
            ModuleBuilder b = new ModuleBuilder();
            int bt = b.type(List.of(I32, I32), List.of(I32));
            int ft = b.type(List.of(), List.of(I32));
            b.func(ft, List.of(), i32(1), i32(2), block(Op.BLOCK, new BlockType.Indexed(bt)),
                    op(Op.I32_ADD), op(Op.END));
            Validator.validate(b.build());
        }

        @Test
        void codeAfterBrIsPolymorphic() throws Exception {
            Validator.validate(fn(List.of(), List.of(I32), List.of(),
                    block(Op.BLOCK, I32), i32(1), idx(Op.BR, 0), op(Op.I32_ADD), op(Op.END)));
        }

        @Test
        void branchingToAMissingLabelIsUnknownLabel() {
            assertInvalid("unknown label", fn(List.of(), List.of(), List.of(), idx(Op.BR, 1)));
        }

        @Test
        void anIfWithoutElseMustNotProduceAResult() {
            assertInvalid("type mismatch", fn(List.of(), List.of(I32), List.of(),
                    i32(0), block(Op.IF, I32), i32(1), op(Op.END)));
        }

        @Test
        void brTableLabelsMustAgreeInArity() {
            assertInvalid("type mismatch", fn(List.of(), List.of(), List.of(),
                    block(Op.BLOCK, I32), i32(7), i32(0),
                    new Instruction.BranchTable(new int[] {0}, 1), op(Op.END), op(Op.DROP)));
        }

        @Test
        void selectWithTwoResultTypesHasInvalidArity() {
            assertInvalid("invalid result arity", fn(List.of(), List.of(I32), List.of(),
                    i32(1), i32(2), i32(0), new Instruction.SelectTyped(List.of(I32, I32))));
        }

        @Test
        void untypedSelectRejectsReferences() {
            assertInvalid("type mismatch", fn(List.of(), List.of(), List.of(),
                    new Instruction.HeapTypeImm(Op.REF_NULL, AbsHeapType.FUNC),
                    new Instruction.HeapTypeImm(Op.REF_NULL, AbsHeapType.FUNC), i32(0),
                    op(Op.SELECT), op(Op.DROP)));
        }

        @Test
        void callingAMissingFunctionIsUnknownFunction() {
            assertInvalid("unknown function 3", fn(List.of(), List.of(), List.of(), idx(Op.CALL, 3)));
        }

        @Test
        void aTailCallMustReturnTheCallersResults() {
            ModuleBuilder b = new ModuleBuilder();
            int t = b.type(List.of(), List.of(I64));
            int u = b.type(List.of(), List.of(I32));
            b.func(t, List.of(), i64(1));
            b.func(u, List.of(), idx(Op.RETURN_CALL, 0));
            assertInvalid("type mismatch", b.build());
        }
    }

    @Nested
    class Locals {
        @Test
        void readingAMissingLocalIsUnknownLocal() {
            assertInvalid("unknown local 2", fn(List.of(I32), List.of(), List.of(I32),
                    idx(Op.LOCAL_GET, 2), op(Op.DROP)));
        }

        @Test
        void aNonDefaultableLocalMustBeSetBeforeItIsRead() {
            ModuleBuilder b = new ModuleBuilder();
            int t = b.type(List.of(), List.of());
            RefType ref = new RefType(false, new ConcreteHeapType(t));
            b.func(t, List.of(ref), idx(Op.LOCAL_GET, 0), op(Op.DROP));
            assertInvalid("uninitialized local", b.build());
        }

        @Test
        void initialisationInsideABlockEndsWithTheBlock() {
            ModuleBuilder b = new ModuleBuilder();
            int t = b.type(List.of(), List.of());
            RefType ref = new RefType(false, new ConcreteHeapType(t));
            b.declare(0);
            b.func(t, List.of(ref),
                    block(Op.BLOCK, BlockType.EMPTY), idx(Op.REF_FUNC, 0), idx(Op.LOCAL_SET, 0),
                    idx(Op.LOCAL_GET, 0), op(Op.DROP), op(Op.END),
                    idx(Op.LOCAL_GET, 0), op(Op.DROP));
            assertInvalid("uninitialized local", b.build());
        }

        @Test
        void settingAnImmutableGlobalIsRejected() {
            ModuleBuilder b = new ModuleBuilder();
            b.global(I32, false, i32(0));
            b.func(b.type(List.of(), List.of()), List.of(), i32(1), idx(Op.GLOBAL_SET, 0));
            assertInvalid("immutable global", b.build());
        }
    }

    @Nested
    class Memory {
        @Test
        void a64BitMemoryTakesI64Addresses() throws Exception {
            ModuleBuilder b = new ModuleBuilder().memory(1, -1, true);
            b.func(b.type(List.of(), List.of(I32)), List.of(), i64(0), mem(Op.I32_LOAD, 2, 0));
            Validator.validate(b.build());
            ModuleBuilder c = new ModuleBuilder().memory(1, -1, true);
            c.func(c.type(List.of(), List.of(I32)), List.of(), i32(0), mem(Op.I32_LOAD, 2, 0));
            assertInvalid("type mismatch", c.build());
        }

        @Test
        void alignmentAboveTheNaturalOneIsRejected() {
            ModuleBuilder b = new ModuleBuilder().memory(1, -1, false);
            b.func(b.type(List.of(), List.of(I32)), List.of(), i32(0), mem(Op.I32_LOAD8_S, 1, 0));
            assertInvalid("alignment must not be larger than natural", b.build());
        }

        @Test
        void loadingWithoutAMemoryIsUnknownMemory() {
            assertInvalid("unknown memory 0", fn(List.of(), List.of(I32), List.of(),
                    i32(0), mem(Op.I32_LOAD, 2, 0)));
        }

        @Test
        void aHugeOffsetOnA32BitMemoryIsOutOfRange() {
            ModuleBuilder b = new ModuleBuilder().memory(1, -1, false);
            b.func(b.type(List.of(), List.of(I32)), List.of(), i32(0), mem(Op.I32_LOAD, 2, 1L << 32));
            assertInvalid("offset out of range", b.build());
        }

        @Test
        void copyingBetweenMemoriesOfMixedAddressTypesUsesTheSmallerLength() throws Exception {
            ModuleBuilder b = new ModuleBuilder().memory(1, -1, true).memory(1, -1, false);
            b.func(b.type(List.of(), List.of()), List.of(),
                    i64(0), i32(0), i32(1), idx2(Op.MEMORY_COPY, 0, 1));
            Validator.validate(b.build());
        }

        @Test
        void dataDropNeedsAnExistingSegment() {
            ModuleBuilder b = new ModuleBuilder().memory(1, -1, false).passiveData((byte) 1);
            b.func(b.type(List.of(), List.of()), List.of(), idx(Op.DATA_DROP, 4));
            assertInvalid("unknown data segment 4", b.build());
        }

        @Test
        void memoriesAbove65536PagesAreRejected() {
            assertInvalid("memory size must be at most 65536 pages (4GiB)",
                    new ModuleBuilder().memory(65537, -1, false).build());
            assertInvalid("size minimum must not be greater than maximum",
                    new ModuleBuilder().memory(2, 1, false).build());
        }
    }

    @Nested
    class References {
        @Test
        void refFuncOfAnUndeclaredFunctionIsRejected() {
            ModuleBuilder b = new ModuleBuilder();
            int t = b.type(List.of(), List.of());
            b.func(t, List.of(), idx(Op.REF_FUNC, 0), op(Op.DROP));
            assertInvalid("undeclared function reference", b.build());
        }

        @Test
        void refFuncOfAnExportedFunctionIsAccepted() throws Exception {
            ModuleBuilder b = new ModuleBuilder();
            int t = b.type(List.of(), List.of());
            b.func(t, List.of(), idx(Op.REF_FUNC, 0), op(Op.DROP)).export("f", ExternKind.FUNC, 0);
            Validator.validate(b.build());
        }

        @Test
        void tableGetYieldsTheElementType() throws Exception {
            ModuleBuilder b = new ModuleBuilder().table(RefType.EXTERNREF, 1);
            b.func(b.type(List.of(), List.of(RefType.EXTERNREF)), List.of(), i32(0), idx(Op.TABLE_GET, 0));
            Validator.validate(b.build());
            ModuleBuilder c = new ModuleBuilder().table(RefType.EXTERNREF, 1);
            c.func(c.type(List.of(), List.of(RefType.FUNCREF)), List.of(), i32(0), idx(Op.TABLE_GET, 0));
            assertInvalid("type mismatch", c.build());
        }

        @Test
        void callRefTakesATypedFunctionReference() throws Exception {
            ModuleBuilder b = new ModuleBuilder();
            int t = b.type(List.of(), List.of(I32));
            b.func(t, List.of(), i32(3)).declare(0);
            b.func(t, List.of(), idx(Op.REF_FUNC, 0), idx(Op.CALL_REF, t));
            Validator.validate(b.build());
        }
    }

    @Nested
    class ModuleLevel {
        @Test
        void duplicateExportNamesAreRejected() {
            ModuleBuilder b = new ModuleBuilder().memory(1, -1, false);
            b.export("a", ExternKind.MEMORY, 0).export("a", ExternKind.MEMORY, 0);
            assertInvalid("duplicate export name", b.build());
        }

        @Test
        void aStartFunctionMustTakeAndReturnNothing() {
            ModuleBuilder b = new ModuleBuilder();
            b.func(b.type(List.of(I32), List.of()), List.of());
            b.start = 0;
            assertInvalid("start function", b.build());
        }

        @Test
        void aGlobalInitialiserMustBeConstant() {
            ModuleBuilder b = new ModuleBuilder();
            b.global(I32, false, i32(1), op(Op.I32_CTZ));
            assertInvalid("constant expression required", b.build());
        }

        @Test
        void extendedConstantsAndEarlierImmutableGlobalsAreConstant() throws Exception {
            ModuleBuilder b = new ModuleBuilder().importGlobal(I32, false);
            b.global(I32, false, idx(Op.GLOBAL_GET, 0), i32(2), op(Op.I32_MUL));
            b.global(I32, false, idx(Op.GLOBAL_GET, 1));
            Validator.validate(b.build());
        }

        @Test
        void aGlobalCannotReadItself() {
            ModuleBuilder b = new ModuleBuilder();
            b.global(I32, false, idx(Op.GLOBAL_GET, 0));
            assertInvalid("unknown global", b.build());
        }

        @Test
        void aMutableImportedGlobalIsNotConstant() {
            ModuleBuilder b = new ModuleBuilder().importGlobal(I32, true);
            b.global(I32, false, idx(Op.GLOBAL_GET, 0));
            assertInvalid("constant expression required", b.build());
        }

        @Test
        void globalsCheckTheirInitialiserType() {
            ModuleBuilder b = new ModuleBuilder();
            b.global(F32, false, i32(0));
            assertInvalid("type mismatch", b.build());
            ModuleBuilder c = new ModuleBuilder();
            c.global(I32, false);
            assertInvalid("type mismatch", c.build());
        }
    }

    @Nested
    class Heights {
        @Test
        void heightsCountSlotsBeforeEachInstruction() throws Exception {
            ValidatedModule vm = Validator.validate(fn(List.of(), List.of(I32), List.of(),
                    i32(1), i32(2), op(Op.I32_ADD), i64(5), op(Op.DROP)));
            FunctionInfo info = vm.functions().get(0);
            assertArrayEquals(new int[] {0, 1, 2, 1, 2, 1}, info.heightBefore());
            assertEquals(2, info.maxStackHeight());
            assertEquals(FunctionInfo.KIND_NUM, info.operandKind()[4]);
        }

        @Test
        void unreachableCodeHasHeightMinusOneUntilTheEndOfItsBlock() throws Exception {
            ValidatedModule vm = Validator.validate(fn(List.of(), List.of(I32), List.of(),
                    block(Op.BLOCK, BlockType.EMPTY), idx(Op.BR, 0), i32(1), op(Op.DROP), op(Op.END),
                    i32(7), op(Op.RETURN), op(Op.NOP)));
            // block, br, i32.const, drop, end, i32.const, return, nop, end
            assertArrayEquals(new int[] {0, 0, -1, -1, 0, 0, 1, -1, -1},
                    vm.functions().get(0).heightBefore());
        }

        @Test
        void anIfEndTargetedFromTheThenArmKeepsItsHeight() throws Exception {
            ValidatedModule vm = Validator.validate(fn(List.of(), List.of(I32), List.of(),
                    i32(0), block(Op.IF, I32), i32(1), idx(Op.BR, 0), op(Op.ELSE), i32(2), op(Op.END)));
            // i32.const, if, i32.const, br, else, i32.const, end, end
            assertArrayEquals(new int[] {0, 1, 0, 1, -1, 0, 1, 1}, vm.functions().get(0).heightBefore());
        }

        @Test
        void dropOfAReferenceIsMarkedAsReference() throws Exception {
            ValidatedModule vm = Validator.validate(fn(List.of(), List.of(), List.of(),
                    new Instruction.HeapTypeImm(Op.REF_NULL, AbsHeapType.EXTERN), op(Op.DROP)));
            assertEquals(FunctionInfo.KIND_REF, vm.functions().get(0).operandKind()[1]);
        }
    }
}
