package dev.weft.interpreter.valid;

import static dev.weft.interpreter.ast.NumType.I32;
import static dev.weft.interpreter.ast.NumType.I64;
import static dev.weft.interpreter.valid.ModuleBuilder.block;
import static dev.weft.interpreter.valid.ModuleBuilder.i32;
import static dev.weft.interpreter.valid.ModuleBuilder.idx;
import static dev.weft.interpreter.valid.ModuleBuilder.idx2;
import static dev.weft.interpreter.valid.ModuleBuilder.op;
import static dev.weft.interpreter.valid.ValidatorTest.assertInvalid;

import dev.weft.interpreter.ast.AbsHeapType;
import dev.weft.interpreter.ast.BlockType;
import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.ConcreteHeapType;
import dev.weft.interpreter.ast.FieldType;
import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.Op;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.StorageType;
import dev.weft.interpreter.ast.SubType;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ProposalInstructionsTest {

    static RefType ref(int type) {
        return new RefType(false, new ConcreteHeapType(type));
    }

    @Nested
    class Gc {
        private int point(ModuleBuilder b, boolean mutable) {
            return b.rec(SubType.plain(new CompositeType.Struct(List.of(
                    new FieldType(StorageType.of(I32), mutable), new FieldType(new StorageType(null, 8), mutable)))));
        }

        @Test
        void structNewAndGetFollowTheFieldTypes() throws Exception {
            ModuleBuilder b = new ModuleBuilder();
            int s = point(b, false);
            b.func(b.type(List.of(), List.of(I32)), List.of(),
                    i32(1), i32(2), idx(Op.STRUCT_NEW, s), idx2(Op.STRUCT_GET_S, s, 1));
            Validator.validate(b.build());
        }

        @Test
        void aPackedFieldNeedsASignedOrUnsignedGet() {
            ModuleBuilder b = new ModuleBuilder();
            int s = point(b, false);
            b.func(b.type(List.of(), List.of(I32)), List.of(),
                    i32(1), i32(2), idx(Op.STRUCT_NEW, s), idx2(Op.STRUCT_GET, s, 1));
            assertInvalid("type mismatch", b.build());
        }

        @Test
        void settingAnImmutableFieldIsRejected() {
            ModuleBuilder b = new ModuleBuilder();
            int s = point(b, false);
            b.func(b.type(List.of(), List.of()), List.of(),
                    i32(1), i32(2), idx(Op.STRUCT_NEW, s), i32(3), idx2(Op.STRUCT_SET, s, 0));
            assertInvalid("field is immutable", b.build());
        }

        @Test
        void settingAnImmutableArrayIsRejected() {
            ModuleBuilder b = new ModuleBuilder();
            int a = b.rec(SubType.plain(new CompositeType.Array(new FieldType(StorageType.of(I64), false))));
            b.func(b.type(List.of(new RefType(true, new ConcreteHeapType(a))), List.of()), List.of(),
                    idx(Op.LOCAL_GET, 0), i32(0), new Instruction.Const(Op.I64_CONST, 1), idx(Op.ARRAY_SET, a));
            assertInvalid("array is immutable", b.build());
        }

        @Test
        void castsWithinTheAnyHierarchyAreValid() throws Exception {
            ModuleBuilder b = new ModuleBuilder();
            int s = point(b, true);
            b.func(b.type(List.of(RefType.ANYREF), List.of(ref(s))), List.of(),
                    idx(Op.LOCAL_GET, 0), new Instruction.HeapTypeImm(Op.REF_CAST, new ConcreteHeapType(s)));
            Validator.validate(b.build());
        }

        @Test
        void castsToContinuationsAreInvalid() {
            ModuleBuilder b = new ModuleBuilder();
            b.func(b.type(List.of(), List.of()), List.of(), op(Op.UNREACHABLE),
                    new Instruction.HeapTypeImm(Op.REF_TEST, AbsHeapType.CONT), op(Op.DROP));
            assertInvalid("invalid cast", b.build());
        }

        @Test
        void brOnCastLeavesTheCastFailureTypeOnFallthrough() throws Exception {
            ModuleBuilder b = new ModuleBuilder();
            RefType i31 = new RefType(false, AbsHeapType.I31);
            b.func(b.type(List.of(RefType.ANYREF), List.of()), List.of(),
                    block(Op.BLOCK, i31), idx(Op.LOCAL_GET, 0),
                    new Instruction.BrOnCast(Op.BR_ON_CAST, 0, RefType.ANYREF, i31),
                    op(Op.DROP), op(Op.UNREACHABLE), op(Op.END), op(Op.DROP));
            Validator.validate(b.build());
        }
    }

    @Nested
    class Exceptions {
        @Test
        void aCatchClauseMustMatchItsLabel() {
            ModuleBuilder b = new ModuleBuilder();
            int tt = b.type(List.of(I32), List.of());
            int ft = b.type(List.of(), List.of());
            b.tag(tt);
            b.func(ft, List.of(), block(Op.BLOCK, I64),
                    new Instruction.TryTable(BlockType.EMPTY,
                            List.of(new Instruction.Catch(Instruction.CatchKind.CATCH, 0, 0))),
                    op(Op.END), op(Op.UNREACHABLE), op(Op.END), op(Op.DROP));
            assertInvalid("type mismatch", b.build());
        }

        @Test
        void catchRefDeliversThePayloadAndAnExnref() throws Exception {
            ModuleBuilder b = new ModuleBuilder();
            int tt = b.type(List.of(I32), List.of());
            int bt = b.type(List.of(), List.of(I32, RefType.EXNREF));
            int ft = b.type(List.of(), List.of());
            b.tag(tt);
            b.func(ft, List.of(), block(Op.BLOCK, new BlockType.Indexed(bt)),
                    new Instruction.TryTable(BlockType.EMPTY,
                            List.of(new Instruction.Catch(Instruction.CatchKind.CATCH_REF, 0, 0))),
                    i32(1), idx(Op.THROW, 0), op(Op.END), op(Op.UNREACHABLE), op(Op.END),
                    op(Op.THROW_REF), op(Op.DROP));
            Validator.validate(b.build());
        }

        @Test
        void throwingAnUnknownTagIsRejected() {
            ModuleBuilder b = new ModuleBuilder();
            b.func(b.type(List.of(), List.of()), List.of(), idx(Op.THROW, 0));
            assertInvalid("unknown tag 0", b.build());
        }
    }

    @Nested
    class StackSwitching {
        @Test
        void contNewResumeAndSuspendTypeCheck() throws Exception {
            ModuleBuilder b = new ModuleBuilder();
            int ft = b.type(List.of(), List.of());
            int ct = b.rec(SubType.plain(new CompositeType.Cont(ft)));
            int yieldType = b.type(List.of(), List.of());
            b.tag(yieldType);
            b.declare(0);
            b.func(ft, List.of(), idx(Op.SUSPEND, 0));
            b.func(ft, List.of(),
                    block(Op.BLOCK, new RefType(true, new ConcreteHeapType(ct))),
                    idx(Op.REF_FUNC, 0), idx(Op.CONT_NEW, ct),
                    new Instruction.Resume(Op.RESUME, ct, -1, List.of(new Instruction.Handler(0, 0))),
                    op(Op.UNREACHABLE), op(Op.END), op(Op.DROP));
            Validator.validate(b.build());
        }

        @Test
        void aHandlerLabelMustEndInAConcreteContinuation() {
            ModuleBuilder b = new ModuleBuilder();
            int ft = b.type(List.of(), List.of());
            int ct = b.rec(SubType.plain(new CompositeType.Cont(ft)));
            b.tag(ft);
            b.func(ft, List.of(),
                    block(Op.BLOCK, new RefType(false, AbsHeapType.CONT)),
                    op(Op.UNREACHABLE),
                    new Instruction.Resume(Op.RESUME, ct, -1, List.of(new Instruction.Handler(0, 0))),
                    op(Op.UNREACHABLE), op(Op.END), op(Op.DROP));
            assertInvalid("type mismatch: instruction requires concrete continuation reference type "
                    + "but label has [(ref cont)]", b.build());
        }

        @Test
        void contNewOfAFunctionTypeIsANonContinuationType() {
            ModuleBuilder b = new ModuleBuilder();
            int ft = b.type(List.of(), List.of());
            b.func(ft, List.of(), op(Op.UNREACHABLE), idx(Op.CONT_NEW, ft), op(Op.DROP));
            assertInvalid("non-continuation type 0", b.build());
        }

        @Test
        void aSwitchTagMustHaveNoParams() {
            ModuleBuilder b = new ModuleBuilder();
            int ft = b.type(List.of(), List.of());
            int ct = b.rec(
                    SubType.plain(new CompositeType.Func(List.of(new RefType(true, new ConcreteHeapType(2))), List.of())),
                    SubType.plain(new CompositeType.Cont(1)),
                    SubType.plain(new CompositeType.Cont(1))) + 1;
            int tagType = b.type(List.of(I32), List.of());
            b.tag(tagType);
            b.func(ft, List.of(), idx2(Op.SWITCH, ct, 0));
            assertInvalid("type mismatch in switch tag", b.build());
        }
    }
}
