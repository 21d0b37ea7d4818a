package dev.weft.interpreter.binary;

import dev.weft.interpreter.ast.AbsHeapType;
import dev.weft.interpreter.ast.BlockType;
import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.ConcreteHeapType;
import dev.weft.interpreter.ast.CustomSection;
import dev.weft.interpreter.ast.DataSegment;
import dev.weft.interpreter.ast.ElementSegment;
import dev.weft.interpreter.ast.Export;
import dev.weft.interpreter.ast.Expression;
import dev.weft.interpreter.ast.ExternKind;
import dev.weft.interpreter.ast.FieldType;
import dev.weft.interpreter.ast.Function;
import dev.weft.interpreter.ast.Global;
import dev.weft.interpreter.ast.GlobalType;
import dev.weft.interpreter.ast.Import;
import dev.weft.interpreter.ast.ImportDesc;
import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.Limits;
import dev.weft.interpreter.ast.MemoryType;
import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.ast.Op;
import dev.weft.interpreter.ast.RecType;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.StorageType;
import dev.weft.interpreter.ast.SubType;
import dev.weft.interpreter.ast.Table;
import dev.weft.interpreter.ast.TableType;
import dev.weft.interpreter.ast.TagType;
import dev.weft.interpreter.ast.ValType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only modules built directly as ASTs: one that uses every section and every form the
 * binary format has, and a function whose body holds every opcode of {@link Op}.
 */
final class SampleModules {
    private SampleModules() {}

    static Expression i32(int v) {
        return Expression.of(new Instruction.Const(Op.I32_CONST, v));
    }

    static Expression refFunc(int f) {
        return Expression.of(new Instruction.Indexed(Op.REF_FUNC, f));
    }

    /** A module with every section, every import kind, all element and data forms, and customs. */
    static Module everySection() {
        CompositeType.Func voidFunc = new CompositeType.Func(List.of(), List.of());
        List<RecType> types = List.of(
                new RecType(List.of(SubType.plain(voidFunc))),
                new RecType(List.of(SubType.plain(new CompositeType.Func(
                        List.of(NumType.I32, NumType.I64, NumType.F32, NumType.F64, NumType.V128),
                        List.of(RefType.FUNCREF, new RefType(false, new ConcreteHeapType(0))))))),
                new RecType(List.of(
                        new SubType(false, List.of(), new CompositeType.Struct(List.of(
                                new FieldType(new StorageType(null, 8), true),
                                new FieldType(new StorageType(null, 16), false),
                                new FieldType(StorageType.of(RefType.ANYREF), true)))),
                        new SubType(true, List.of(2), new CompositeType.Struct(List.of(
                                new FieldType(new StorageType(null, 8), true),
                                new FieldType(new StorageType(null, 16), false),
                                new FieldType(StorageType.of(RefType.ANYREF), true),
                                new FieldType(StorageType.of(NumType.I64), false)))),
                        new SubType(false, List.of(), new CompositeType.Array(
                                new FieldType(StorageType.of(new RefType(true, AbsHeapType.I31)), true))))),
                new RecType(List.of(SubType.plain(new CompositeType.Cont(0)))));
        List<Import> imports = List.of(
                new Import("env", "f", new ImportDesc.Func(0)),
                new Import("env", "t", new ImportDesc.Table(new TableType(RefType.EXTERNREF, new Limits(1, 10)))),
                new Import("env", "m", new ImportDesc.Memory(new MemoryType(new Limits(1, 2, false, true)))),
                new Import("env", "g", new ImportDesc.Global(new GlobalType(NumType.F64, true))),
                new Import("env", "\u00e9\u4e2d\uD83D\uDE00", new ImportDesc.Tag(new TagType(0))));
        List<Table> tables = List.of(
                new Table(new TableType(RefType.FUNCREF, new Limits(3, Limits.NO_MAX)), null),
                new Table(new TableType(new RefType(false, AbsHeapType.FUNC), new Limits(1, 5, true, false)),
                        refFunc(0)));
        List<MemoryType> memories = List.of(
                new MemoryType(new Limits(0, Limits.NO_MAX)),
                new MemoryType(new Limits(1L << 33, 1L << 40, true, false)));
        List<Global> globals = List.of(
                new Global(new GlobalType(NumType.I32, false), i32(-1)),
                new Global(new GlobalType(RefType.EXNREF, true),
                        Expression.of(new Instruction.HeapTypeImm(Op.REF_NULL, AbsHeapType.NOEXN))));
        List<Export> exports = List.of(
                new Export("f", ExternKind.FUNC, 1), new Export("t", ExternKind.TABLE, 0),
                new Export("m", ExternKind.MEMORY, 1), new Export("g", ExternKind.GLOBAL, 0),
                new Export("e", ExternKind.TAG, 1));
        return new Module(types, imports, List.of(everyOpcodeFunction()), tables, memories, globals,
                List.of(new TagType(0)), exports, 1, elements(), data(), 3, customs());
    }

    private static List<ElementSegment> elements() {
        RefType nonNullFunc = new RefType(false, AbsHeapType.FUNC);
        Expression nullFunc = Expression.of(new Instruction.HeapTypeImm(Op.REF_NULL, AbsHeapType.NOFUNC));
        return List.of(
                new ElementSegment(RefType.FUNCREF, List.of(refFunc(0), refFunc(1)),
                        new ElementSegment.Active(0, i32(0))),
                new ElementSegment(RefType.FUNCREF, List.of(refFunc(1)), new ElementSegment.Passive()),
                new ElementSegment(RefType.FUNCREF, List.of(refFunc(0)), new ElementSegment.Active(2, i32(1))),
                new ElementSegment(RefType.FUNCREF, List.of(refFunc(1)), new ElementSegment.Declarative()),
                new ElementSegment(RefType.FUNCREF, List.of(nullFunc), new ElementSegment.Active(0, i32(2))),
                new ElementSegment(nonNullFunc, List.of(refFunc(0)), new ElementSegment.Passive()),
                new ElementSegment(RefType.EXTERNREF, List.of(), new ElementSegment.Active(1, i32(0))),
                new ElementSegment(nonNullFunc, List.of(refFunc(1)), new ElementSegment.Declarative()));
    }

    private static List<DataSegment> data() {
        byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
        return List.of(
                new DataSegment(hello, new DataSegment.Active(0, i32(8))),
                new DataSegment(new byte[0], new DataSegment.Passive()),
                new DataSegment(hello, new DataSegment.Active(1, Expression.of(
                        new Instruction.Const(Op.I64_CONST, 1L << 35)))));
    }

    private static List<CustomSection> customs() {
        return List.of(
                new CustomSection("first", new byte[] {1, 2, 3}, 0),
                new CustomSection("name", new byte[0], 1),
                new CustomSection("", new byte[] {0}, 13),
                new CustomSection("between", new byte[] {9}, 12),
                new CustomSection("last", new byte[] {4}, 11));
    }

    /** A function whose body holds every opcode once, nested where the opcode needs it. */
    static Function everyOpcodeFunction() {
        List<Instruction> body = new ArrayList<>();
        for (Op op : Op.values()) {
            switch (op) {
                case ELSE, END -> { }
                case IF -> {
                    body.add(sample(op));
                    body.add(new Instruction.Plain(Op.ELSE));
                    body.add(new Instruction.Plain(Op.END));
                }
                case BLOCK, LOOP, TRY_TABLE -> {
                    body.add(sample(op));
                    body.add(new Instruction.Plain(Op.END));
                }
                default -> body.add(sample(op));
            }
        }
        body.add(new Instruction.Plain(Op.END));
        List<ValType> locals = List.of(NumType.I32, NumType.I32, NumType.F64,
                new RefType(true, new ConcreteHeapType(2)), NumType.I32);
        return new Function(1, locals, body);
    }

    /** An instruction for {@code op} with non-trivial immediates of its shape. */
    static Instruction sample(Op op) {
        return switch (op.imm()) {
            case NONE -> new Instruction.Plain(op);
            case BLOCK -> new Instruction.Block(op, op == Op.LOOP
                    ? new BlockType.Single(new RefType(false, new ConcreteHeapType(1)))
                    : op == Op.IF ? new BlockType.Indexed(1) : BlockType.EMPTY);
            case TRY_TABLE -> new Instruction.TryTable(new BlockType.Single(NumType.I32), List.of(
                    new Instruction.Catch(Instruction.CatchKind.CATCH, 0, 1),
                    new Instruction.Catch(Instruction.CatchKind.CATCH_REF, 1, 0),
                    new Instruction.Catch(Instruction.CatchKind.CATCH_ALL, -1, 2),
                    new Instruction.Catch(Instruction.CatchKind.CATCH_ALL_REF, -1, 0)));
            case LABEL, FUNC, TYPE, LOCAL, GLOBAL, TABLE, MEMORY, ELEM, DATA, TAG ->
                    new Instruction.Indexed(op, 200);
            case BR_TABLE -> new Instruction.BranchTable(new int[] {0, 1, 300}, 2);
            case TYPE_TABLE, TABLE_TABLE, ELEM_TABLE, MEMORY_MEMORY, DATA_MEMORY, TYPE_FIELD, TYPE_TYPE,
                    TYPE_COUNT, TYPE_DATA, TYPE_ELEM, TYPE_TAG -> new Instruction.Indexed2(op, 1, 130);
            case MEMARG -> new Instruction.MemAccess(op, 2, 1L << 40, op.code() % 2);
            case I32 -> new Instruction.Const(op, Integer.MIN_VALUE);
            case I64 -> new Instruction.Const(op, Long.MIN_VALUE + 12345);
            case F32 -> new Instruction.Const(op, 0xFFC00001L);
            case F64 -> new Instruction.Const(op, Double.doubleToRawLongBits(-0.0));
            case HEAP_TYPE -> new Instruction.HeapTypeImm(op,
                    op == Op.REF_NULL ? AbsHeapType.NOCONT : new ConcreteHeapType(70));
            case SELECT_TYPES -> new Instruction.SelectTyped(List.of(NumType.I32,
                    new RefType(false, new ConcreteHeapType(2))));
            case BR_ON_CAST -> new Instruction.BrOnCast(op, 1, new RefType(true, AbsHeapType.ANY),
                    new RefType(op == Op.BR_ON_CAST_FAIL, new ConcreteHeapType(3)));
            case RESUME -> new Instruction.Resume(op, 4, -1,
                    List.of(new Instruction.Handler(0, 1), new Instruction.Handler(2, -1)));
            case RESUME_THROW -> new Instruction.Resume(op, 4, 7, List.of(new Instruction.Handler(3, 0)));
            case V128, SHUFFLE -> new Instruction.Vector(op, 0x8877665544332211L, -2L);
            case LANE -> new Instruction.Indexed(op, 200);
            case MEMARG_LANE -> new Instruction.MemLane(op, 1, 1L << 33, op.code() % 2, 255);
        };
    }
}
