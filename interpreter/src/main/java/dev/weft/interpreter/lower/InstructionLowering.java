package dev.weft.interpreter.lower;

import dev.weft.interpreter.code.CastTarget;
import static dev.weft.interpreter.code.Opcodes.*;

import dev.weft.interpreter.ast.AbsHeapType;
import dev.weft.interpreter.ast.ConcreteHeapType;
import dev.weft.interpreter.ast.HeapType;
import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.ast.Op;
import dev.weft.interpreter.code.ExtInstr;
import dev.weft.interpreter.code.ExtOps;
import dev.weft.interpreter.valid.FunctionInfo;

/** Lowers one reachable, non-structural instruction for {@link Lowerer}. */
final class InstructionLowering {
    private final Lowerer lowerer;
    private final CodeBuffer out;
    private final GcLowering gc;
    private final VectorLowering vector;

    InstructionLowering(Lowerer lowerer, CodeBuffer out) {
        this.lowerer = lowerer;
        this.out = out;
        this.gc = new GcLowering(lowerer, out);
        this.vector = new VectorLowering(out);
    }

    /** Lowers instruction {@code i} with {@code h} operand slots on the stack before it. */
    void lower(Instruction ins, int i, int h) {
        Op op = ins.op();
        if (GcLowering.handles(op)) {
            gc.lower(ins);
            return;
        }
        if (VectorLowering.handles(op)) {
            vector.lower(ins);
            return;
        }
        switch (ins) {
            case Instruction.Indexed x -> indexed(op, x.index(), h);
            case Instruction.Indexed2 x -> indexed2(op, x.first(), x.second());
            case Instruction.Const c -> constant(op, c.bits());
            case Instruction.MemAccess m -> memAccess(m);
            case Instruction.BranchTable t -> branchTable(t);
            case Instruction.HeapTypeImm t when op == Op.REF_NULL -> out.op(REF_NULL);
            case Instruction.SelectTyped t -> select(t.types().getFirst() == NumType.V128 ? FunctionInfo.KIND_V128
                    : t.types().getFirst().isRef() ? FunctionInfo.KIND_REF : FunctionInfo.KIND_NUM);
            case Instruction.Plain p -> plain(op, i);
            case Instruction.Resume r -> resume(r);
            case Instruction.HeapTypeImm t -> cast(op, t.heapType());
            case Instruction.BrOnCast b -> brOnCast(b);
            default -> throw unsupported(op);
        }
    }

    /** {@code resume}, {@code resume_throw}, {@code resume_throw_ref}: see {@link ExtOps}. */
    private void resume(Instruction.Resume r) {
        switch (r.op()) {
            case RESUME -> ext(RESUME_EXT, ExtOps.RESUME).emit(lowerer.contParamSlots(r.contType()));
            case RESUME_THROW -> ext(ExtOps.RESUME_THROW).emit(r.tag()).emit(lowerer.tagParamSlots(r.tag()));
            default -> ext(ExtOps.RESUME_THROW_REF);
        }
        out.emit(lowerer.nextResumeSite());
        out.emit(r.handlers().size());
        for (Instruction.Handler h : r.handlers()) {
            out.emit(h.tag());
            if (h.isSwitch()) {
                out.emit(ExtInstr.SWITCH_CLAUSE).emit(0).emit(0);
            } else {
                lowerer.tableEntry(h.label());
            }
        }
    }

    /** {@code ref.test} and {@code ref.cast}, with or without null: see {@code exec.CastOps}. */
    private void cast(Op op, HeapType target) {
        int subop = switch (op) {
            case REF_TEST, REF_TEST_NULL -> ExtOps.REF_TEST;
            case REF_CAST, REF_CAST_NULL -> ExtOps.REF_CAST;
            default -> throw unsupported(op);
        };
        boolean nullable = op == Op.REF_TEST_NULL || op == Op.REF_CAST_NULL;
        ext(subop).emit(castTarget(target)).emit(nullable ? 1 : 0);
    }

    /** {@code br_on_cast} and {@code br_on_cast_fail}: the branch entry, then the cast target. */
    private void brOnCast(Instruction.BrOnCast b) {
        ext(b.op() == Op.BR_ON_CAST ? ExtOps.BR_ON_CAST : ExtOps.BR_ON_CAST_FAIL);
        lowerer.tableEntry(b.label());
        out.emit(castTarget(b.to().heapType())).emit(b.to().nullable() ? 1 : 0);
    }

    private int castTarget(HeapType h) {
        return h instanceof ConcreteHeapType c
                ? lowerer.canonicalTypeId(c.index())
                : CastTarget.of((AbsHeapType) h);
    }

    static UnsupportedInstruction unsupported(Op op) {
        return new UnsupportedInstruction(op);
    }

    private void indexed(Op op, int index, int h) {
        switch (op) {
            case BR -> lowerer.br(index, h);
            case BR_IF -> brIf(index, h - 1);
            case CALL -> withImm(CALL, index);
            case LOCAL_GET -> localGet(index);
            case LOCAL_SET -> localSet(index);
            case LOCAL_TEE -> localTee(index);
            case GLOBAL_GET -> globalAccess(index, GLOBAL_GET, GLOBAL_GET_REF, ExtOps.GLOBAL_GET_V128);
            case GLOBAL_SET -> globalAccess(index, GLOBAL_SET, GLOBAL_SET_REF, ExtOps.GLOBAL_SET_V128);
            case TABLE_GET -> ext(ExtOps.TABLE_GET).emit(index);
            case TABLE_SET -> ext(ExtOps.TABLE_SET).emit(index);
            case TABLE_SIZE -> ext(ExtOps.TABLE_SIZE).emit(index);
            case TABLE_GROW -> ext(ExtOps.TABLE_GROW).emit(index);
            case TABLE_FILL -> ext(ExtOps.TABLE_FILL).emit(index);
            case ELEM_DROP -> ext(ExtOps.ELEM_DROP).emit(index);
            case MEMORY_SIZE -> ext(ExtOps.MEMORY_SIZE).emit(index);
            case MEMORY_GROW -> ext(ExtOps.MEMORY_GROW).emit(index);
            case MEMORY_FILL -> withImm(MEMORY_FILL, index);
            case DATA_DROP -> ext(ExtOps.DATA_DROP).emit(index);
            case REF_FUNC -> withImm(REF_FUNC, index);
            case CALL_REF -> ext(ExtOps.CALL_REF);
            case RETURN_CALL -> ext(ExtOps.RETURN_CALL).emit(index);
            case RETURN_CALL_REF -> ext(ExtOps.RETURN_CALL_REF);
            case THROW -> ext(ExtOps.THROW).emit(index);
            case BR_ON_NULL -> ext(ExtOps.BR_ON_NULL);
            case BR_ON_NON_NULL -> ext(ExtOps.BR_ON_NON_NULL);
            case CONT_NEW -> ext(ExtOps.CONT_NEW);
            case SUSPEND -> ext(SUSPEND_EXT, ExtOps.SUSPEND).emit(index).emit(lowerer.tagParamSlots(index));
            default -> throw unsupported(op);
        }
        if (op == Op.BR_ON_NULL || op == Op.BR_ON_NON_NULL) {
            lowerer.tableEntry(index);
        }
    }

    private void indexed2(Op op, int first, int second) {
        if (op == Op.RETURN_CALL_INDIRECT) {
            ext(ExtOps.RETURN_CALL_INDIRECT).emit(lowerer.canonicalTypeId(first));
            out.emit(second);
            return;
        }
        if (op == Op.CONT_BIND) {
            ext(ExtOps.CONT_BIND).emit(lowerer.contParamSlots(first) - lowerer.contParamSlots(second));
            return;
        }
        int segmentOp = switch (op) {
            case TABLE_COPY -> ExtOps.TABLE_COPY;
            case TABLE_INIT -> ExtOps.TABLE_INIT;
            case MEMORY_INIT -> ExtOps.MEMORY_INIT;
            default -> -1;
        };
        if (segmentOp >= 0) {
            ext(segmentOp).emit(first).emit(second);
            return;
        }
        if (op == Op.SWITCH) {
            ext(ExtOps.SWITCH).emit(second).emit(lowerer.contParamSlots(first) - 1);
            return;
        }
        int code = switch (op) {
            case CALL_INDIRECT -> {
                first = lowerer.canonicalTypeId(first);
                yield CALL_INDIRECT;
            }
            case MEMORY_COPY -> MEMORY_COPY;
            default -> throw unsupported(op);
        };
        out.op(code);
        out.emit(first);
        out.emit(second);
    }

    /** Emits {@code EXT subop}; the caller emits the immediates. */
    private CodeBuffer ext(int subop) {
        return ext(EXT, subop);
    }

    /** Emits {@code op subop}, {@code op} being EXT or one of the loop's own EXT-shaped opcodes. */
    private CodeBuffer ext(int op, int subop) {
        out.op(op);
        out.emit(subop);
        return out;
    }

    private void withImm(int code, int imm) {
        out.op(code);
        out.emit(imm);
    }

    private void brIf(int depth, int h) {
        if (lowerer.isSimpleBranch(depth, h)) {
            out.jumpIf();
            lowerer.targetOf(depth);
        } else {
            lowerer.branch(depth, h, BR_IF, BR_IF_COPY);
        }
    }

    private void drop(byte kind) {
        out.op(kind == FunctionInfo.KIND_REF ? DROP_REF : DROP);
        if (kind == FunctionInfo.KIND_V128) {
            out.op(DROP);
        }
    }

    private void select(byte kind) {
        switch (kind) {
            case FunctionInfo.KIND_REF -> out.op(SELECT_REF);
            case FunctionInfo.KIND_V128 -> ext(ExtOps.SELECT_V128);
            default -> out.op(SELECT);
        }
    }

    private void globalAccess(int index, int num, int ref, int v128) {
        if (lowerer.globalIsV128(index)) {
            ext(v128).emit(index);
        } else {
            withImm(lowerer.globalIsRef(index) ? ref : num, index);
        }
    }

    /** A v128 local is two slots, each moved as a number: get pushes low then high, set pops high then low. */
    private void localV128(Op op, int slot) {
        if (op != Op.LOCAL_GET) {
            withImm(LOCAL_SET, slot + 1);
            withImm(LOCAL_SET, slot);
        }
        if (op != Op.LOCAL_SET) {
            withImm(LOCAL_GET, slot);
            withImm(LOCAL_GET, slot + 1);
        }
    }

    private void localGet(int index) {
        if (lowerer.localIsV128(index)) {
            localV128(Op.LOCAL_GET, lowerer.localSlot(index));
        } else if (lowerer.localIsRef(index)) {
            withImm(LOCAL_GET_REF, lowerer.localSlot(index));
        } else if (out.lastOpWithOneImmediate() == LOCAL_GET) {
            int first = out.lastImmediate();
            out.dropLast();
            out.op(LOCAL_GET2);
            out.emit(first);
            out.emit(lowerer.localSlot(index));
        } else {
            withImm(LOCAL_GET, lowerer.localSlot(index));
        }
    }

    /** {@code local.set}, fused with a preceding addition. */
    private void localSet(int index) {
        int slot = lowerer.localSlot(index);
        if (lowerer.localIsV128(index)) {
            localV128(Op.LOCAL_SET, slot);
        } else if (lowerer.localIsRef(index)) {
            withImm(LOCAL_SET_REF, slot);
        } else if (out.lastOp(2) == LOCAL_ADD_CONST) {
            int src = out.lastImmediate(0);
            int c = out.lastImmediate(1);
            out.dropLast();
            out.op(LOCAL_ADD_CONST_SET);
            out.emit(slot);
            out.emit(src);
            out.emit(c);
        } else if (out.lastOp(2) == ADD_LL) {
            int a = out.lastImmediate(0);
            int b = out.lastImmediate(1);
            out.dropLast();
            out.op(ADD_LL_SET);
            out.emit(slot);
            out.emit(a);
            out.emit(b);
        } else if (out.lastBareOp() == I32_ADD || out.lastBareOp() == I64_ADD) {
            out.dropLast();
            withImm(ADD_SET, slot);
        } else if (out.lastOpWithOneImmediate() == ADD_L) {
            int local = out.lastImmediate();
            out.dropLast();
            out.op(ADD_L_SET);
            out.emit(slot);
            out.emit(local);
        } else {
            withImm(LOCAL_SET, slot);
        }
    }

    /** {@code local.tee}, fused with a preceding {@code x + c} or {@code a + b} over locals. */
    private void localTee(int index) {
        int slot = lowerer.localSlot(index);
        int last = out.lastOp(2);
        if (lowerer.localIsV128(index)) {
            localV128(Op.LOCAL_TEE, slot);
        } else if (lowerer.localIsRef(index)) {
            withImm(LOCAL_TEE_REF, slot);
        } else if (last == LOCAL_ADD_CONST || last == ADD_LL) {
            int a = out.lastImmediate(0);
            int b = out.lastImmediate(1);
            out.dropLast();
            out.op(last == LOCAL_ADD_CONST ? LOCAL_ADD_CONST_TEE : ADD_LL_TEE);
            out.emit(slot);
            out.emit(a);
            out.emit(b);
        } else {
            withImm(LOCAL_TEE, slot);
        }
    }

    private void constant(Op op, long bits) {
        if (op == Op.I32_CONST || op == Op.F32_CONST || (op == Op.I64_CONST && bits == (int) bits)) {
            // CONST32 pushes the constant sign-extended: an i64 that fits is the same slot
            withImm(CONST32, (int) bits);
        } else {
            out.op(CONST64);
            out.emit((int) (bits >>> 32));
            out.emit((int) bits);
        }
    }

    private void branchTable(Instruction.BranchTable t) {
        out.op(BR_TABLE);
        out.emit(t.labels().length);
        for (int label : t.labels()) {
            lowerer.tableEntry(label);
        }
        lowerer.tableEntry(t.defaultLabel());
    }

    private void memAccess(Instruction.MemAccess m) {
        int hot = hotMemoryOp(m.op());
        boolean fits = m.offset() >= 0 && m.offset() <= 0xFFFF_FFFFL;
        if (m.memory() == 0 && fits && !lowerer.memoryIs64(0)) {
            hotMemoryAccess(hot, (int) m.offset());
        } else {
            out.op(MEM_EXT);
            out.emit(m.op().ordinal());
            out.emit(m.memory());
            out.emit((int) (m.offset() >>> 32));
            out.emit((int) m.offset());
        }
    }

    /**
     * A load from memory 0, fused with the address arithmetic of compiled array indexing when
     * it directly precedes: {@code base + index} ({@code i32.add}) or {@code index << k}.
     */
    private void hotMemoryAccess(int hot, int offset) {
        boolean fusable = hot == LOAD_I32 || hot == LOAD_I64;
        if (fusable && out.lastBareOp() == I32_ADD) {
            out.dropLast();
            withImm(hot == LOAD_I32 ? LOAD_I32_ADD : LOAD_I64_ADD, offset);
        } else if (fusable && out.lastOpWithOneImmediate() == I32_SHL_CONST) {
            int shift = out.lastImmediate();
            out.dropLast();
            out.op(hot == LOAD_I32 ? LOAD_I32_SHL : LOAD_I64_SHL);
            out.emit(shift);
            out.emit(offset);
        } else {
            withImm(hot, offset);
        }
    }

    private static int hotMemoryOp(Op op) {
        return switch (op) {
            case I32_LOAD, F32_LOAD, I64_LOAD32_S -> LOAD_I32;
            case I64_LOAD, F64_LOAD -> LOAD_I64;
            case I32_LOAD8_S, I64_LOAD8_S -> LOAD_8S;
            case I32_LOAD8_U, I64_LOAD8_U -> LOAD_8U;
            case I32_LOAD16_S, I64_LOAD16_S -> LOAD_16S;
            case I32_LOAD16_U, I64_LOAD16_U -> LOAD_16U;
            case I64_LOAD32_U -> LOAD_32U;
            case I32_STORE, F32_STORE, I64_STORE32 -> STORE_32;
            case I64_STORE, F64_STORE -> STORE_64;
            case I32_STORE8, I64_STORE8 -> STORE_8;
            case I32_STORE16, I64_STORE16 -> STORE_16;
            default -> throw unsupported(op);
        };
    }

    private void plain(Op op, int i) {
        switch (op) {
            case NOP, I32_WRAP_I64, I32_REINTERPRET_F32, I64_REINTERPRET_F64, F32_REINTERPRET_I32,
                    F64_REINTERPRET_I64 -> { }
            case UNREACHABLE -> out.op(UNREACHABLE);
            case RETURN -> lowerer.emitReturn(lowerer.functionResults());
            case DROP -> drop(lowerer.operandKind(i));
            case SELECT -> select(lowerer.operandKind(i));
            case REF_IS_NULL -> out.op(REF_IS_NULL);
            case REF_AS_NON_NULL -> ext(ExtOps.REF_AS_NON_NULL);
            case REF_EQ -> ext(ExtOps.REF_EQ);
            case REF_I31 -> ext(ExtOps.REF_I31);
            case I31_GET_S -> ext(ExtOps.I31_GET_S);
            case I31_GET_U -> ext(ExtOps.I31_GET_U);
            case ANY_CONVERT_EXTERN, EXTERN_CONVERT_ANY -> { }
            case THROW_REF -> ext(ExtOps.THROW_REF);
            case I32_ADD -> add(I32_ADD);
            case I64_ADD -> add(I64_ADD);
            case I32_SUB -> sub(I32_SUB);
            case I64_SUB -> sub(I64_SUB);
            case I32_AND -> withConstant(I32_AND, AND_CONST);
            case I64_AND -> withConstant(I64_AND, AND_CONST);
            case I32_SHL -> withConstant(I32_SHL, I32_SHL_CONST);
            case I32_SHR_U -> withConstant(I32_SHR_U, I32_SHR_U_CONST);
            case I32_MUL -> withLocalOrConstant(I32_MUL, MUL_L, MUL_CONST);
            case I64_MUL -> withLocalOrConstant(I64_MUL, MUL_L, MUL_CONST);
            case F64_ADD -> f64Add();
            default -> {
                int simple = PlainOps.internal(op);
                if (simple >= 0) {
                    out.op(simple);
                } else if (PlainOps.isConversion(op)) {
                    withImm(CONVERT, op.ordinal());
                } else {
                    throw unsupported(op);
                }
            }
        }
    }

    /** {@code f64.add} directly after {@code f64.mul} is one multiply-add (two roundings, as written). */
    private void f64Add() {
        if (out.lastBareOp() == F64_MUL) {
            out.dropLast();
            out.op(F64_MUL_ADD);
        } else {
            out.op(F64_ADD);
        }
    }

    /** A binary operation whose right operand, when a local or a constant, becomes an immediate. */
    private void withLocalOrConstant(int plain, int localForm, int constantForm) {
        if (out.lastOpWithOneImmediate() == LOCAL_GET) {
            int slot = out.lastImmediate();
            out.dropLast();
            withImm(localForm, slot);
        } else {
            withConstant(plain, constantForm);
        }
    }

    /** A binary operation whose right operand, when a constant, becomes an immediate. */
    private void withConstant(int plain, int constantForm) {
        if (out.lastOpWithOneImmediate() == CONST32) {
            int c = out.lastImmediate();
            out.dropLast();
            withImm(constantForm, c);
        } else {
            out.op(plain);
        }
    }

    /**
     * {@code x - c} is {@code x + (-c)} ({@code plain} is {@code I32_SUB} or {@code I64_SUB}); for
     * i64 not when {@code c} is {@code Integer.MIN_VALUE}, whose negation does not fit the immediate.
     */
    private void sub(int plain) {
        boolean foldable = out.lastOpWithOneImmediate() == CONST32
                && !(plain == I64_SUB && out.lastImmediate() == Integer.MIN_VALUE);
        if (foldable) {
            int c = out.lastImmediate();
            out.dropLast();
            addConstant(-c);
        } else {
            out.op(plain);
        }
    }

    /** Adds {@code c} to the top, folded into a preceding {@code local.get}. */
    private void addConstant(int c) {
        if (out.lastOpWithOneImmediate() == LOCAL_GET) {
            int slot = out.lastImmediate();
            out.dropLast();
            out.op(LOCAL_ADD_CONST);
            out.emit(slot);
            out.emit(c);
        } else {
            withImm(ADD_CONST, c);
        }
    }

    /** {@code i32.add} or {@code i64.add} ({@code plain}), fused with local or constant operands. */
    private void add(int plain) {
        if (out.lastOp(2) == LOCAL_GET2) {
            int a = out.lastImmediate(0);
            int b = out.lastImmediate(1);
            out.dropLast();
            out.op(ADD_LL);
            out.emit(a);
            out.emit(b);
        } else if (out.lastOpWithOneImmediate() == CONST32) {
            int c = out.lastImmediate();
            out.dropLast();
            addConstant(c);
        } else if (out.lastOpWithOneImmediate() == LOCAL_GET) {
            int slot = out.lastImmediate();
            out.dropLast();
            withImm(ADD_L, slot);
        } else {
            out.op(plain);
        }
    }
}
