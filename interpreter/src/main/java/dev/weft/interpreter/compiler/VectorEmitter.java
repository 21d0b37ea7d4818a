package dev.weft.interpreter.compiler;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;

import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.ast.Op;
import dev.weft.interpreter.ast.ValType;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;

/**
 * The SIMD and relaxed SIMD instructions in compiled code. A v128 is one JVM value, an
 * immutable {@code exec.V128} (typed {@code Object}, like references), so locals, blocks,
 * branches, select and split methods carry it with no special case. Every instruction is a
 * call of {@code exec.CompiledVectors}, which runs the interpreter's own implementation on the
 * value's two halves: both tiers compute, trap and choose relaxed behaviours alike. Which
 * entry point follows from the operator's operands: the mnemonic's operation after the dot
 * (splat, lane access, test, shift, ternary, unary or binary) and the memory immediates.
 */
final class VectorEmitter {
    static final ClassDesc V128 = ClassDesc.of("dev.weft.interpreter.exec.V128");
    private static final ClassDesc VECTORS = ClassDesc.of("dev.weft.interpreter.exec.CompiledVectors");

    private final FunctionEmitter e;
    private final ModuleCompiler module;
    private final CodeBuilder cb;

    VectorEmitter(FunctionEmitter e, ModuleCompiler module) {
        this.e = e;
        this.module = module;
        this.cb = e.code();
    }

    /** Whether {@code op} is a SIMD or relaxed SIMD instruction. */
    static boolean handles(Op op) {
        return op.prefix() == 0xFD;
    }

    /** Pushes the all-zero v128 (a v128 local's initial value). */
    static void zero(CodeBuilder cb) {
        cb.getstatic(V128, "ZERO", V128);
    }

    /** {@code global.get} of v128 global {@code index}. */
    void globalGet(int index) {
        cb.ldc(module.constant(ModuleCompiler.Space.GLOBAL, index));
        call("globalGet", V128, FunctionEmitter.GLOBAL);
        e.pushType(NumType.V128);
    }

    /** {@code global.set} of v128 global {@code index}. */
    void globalSet(int index) {
        e.popType();
        cb.ldc(module.constant(ModuleCompiler.Space.GLOBAL, index));
        call("globalSet", CD_void, CD_Object, FunctionEmitter.GLOBAL);
    }

    void emit(Instruction ins) {
        switch (ins) {
            case Instruction.Vector v when v.op() == Op.V128_CONST -> {
                cb.ldc(v.low());
                cb.ldc(v.high());
                cb.invokestatic(V128, "of", MethodTypeDesc.of(V128, CD_long, CD_long));
                e.pushType(NumType.V128);
            }
            case Instruction.Vector v -> { // i8x16.shuffle: the lane bytes as the lowering passes them
                e.popType();
                e.popType();
                opAnd(v.op());
                cb.ldc((int) v.low());
                cb.ldc((int) (v.low() >>> 32));
                cb.ldc((int) v.high());
                cb.ldc((int) (v.high() >>> 32));
                call("binary", V128, CD_Object, CD_Object, CD_int, CD_int, CD_int, CD_int, CD_int);
                e.pushType(NumType.V128);
            }
            case Instruction.Indexed lane -> lane(lane.op(), lane.index());
            case Instruction.MemLane m -> memory(m.op(), m.memory(), m.offset(), m.lane());
            case Instruction.MemAccess m -> memory(m.op(), m.memory(), m.offset(), 0);
            default -> plain(ins.op());
        }
    }

    /** {@code extract_lane} and {@code replace_lane}. */
    private void lane(Op op, int lane) {
        ValType scalar = scalar(op);
        if (operation(op).startsWith("replace")) {
            widen(e.popType());
            e.popType();
            opAnd(op);
            cb.ldc(lane);
            call("withScalar", V128, CD_Object, CD_long, CD_int, CD_int);
            e.pushType(NumType.V128);
        } else {
            e.popType();
            opAnd(op);
            cb.ldc(lane);
            call("scalar", CD_long, CD_Object, CD_int, CD_int);
            narrow(scalar);
            e.pushType(scalar);
        }
    }

    private void plain(Op op) {
        String operation = operation(op);
        switch (operation) {
            case "splat" -> {
                widen(e.popType());
                opAnd(op);
                call("splat", V128, CD_long, CD_int);
            }
            case "any_true", "all_true", "bitmask" -> {
                e.popType();
                opAnd(op);
                cb.ldc(0);
                call("scalar", CD_long, CD_Object, CD_int, CD_int);
                cb.l2i();
                e.pushType(NumType.I32);
                return;
            }
            case "shl", "shr_s", "shr_u" -> {
                widen(e.popType());
                e.popType();
                opAnd(op);
                cb.ldc(0);
                call("withScalar", V128, CD_Object, CD_long, CD_int, CD_int);
            }
            case "bitselect", "relaxed_madd", "relaxed_nmadd", "relaxed_laneselect", "relaxed_dot_i8x16_i7x16_add_s" -> {
                popVectors(3);
                opAnd(op);
                call("ternary", V128, CD_Object, CD_Object, CD_Object, CD_int);
            }
            default -> {
                if (unary(operation)) {
                    popVectors(1);
                    opAnd(op);
                    call("unary", V128, CD_Object, CD_int);
                } else {
                    popVectors(2);
                    opAnd(op);
                    for (int i = 0; i < 4; i++) {
                        cb.ldc(0);
                    }
                    call("binary", V128, CD_Object, CD_Object, CD_int, CD_int, CD_int, CD_int, CD_int);
                }
            }
        }
        e.pushType(NumType.V128);
    }

    /** Whether a plain operation takes one v128 (the rest of the v128 → v128 ones take two). */
    private static boolean unary(String operation) {
        return switch (operation) {
            case "not", "abs", "neg", "popcnt", "sqrt", "ceil", "floor", "trunc", "nearest" -> true;
            default -> operation.startsWith("extend_") || operation.startsWith("extadd_pairwise_")
                    || operation.startsWith("convert_") || operation.startsWith("trunc_sat_")
                    || operation.startsWith("demote_") || operation.startsWith("promote_")
                    || operation.startsWith("relaxed_trunc_");
        };
    }

    /**
     * The memory accesses: loads take an address, {@code v128.store} and the lane accesses an
     * address and a v128. The address (i32 sign-extended, as in an interpreter slot; the
     * interpreter masks it) goes to the helper as a {@code long}.
     */
    private void memory(Op op, int memory, long offset, int lane) {
        boolean takesVector = op == Op.V128_STORE || op.text().endsWith("_lane");
        int vector = -1;
        if (takesVector) {
            e.popType();
            vector = e.scratch(TypeKind.REFERENCE);
            cb.astore(vector);
        }
        widen(e.popType());
        if (takesVector) {
            cb.aload(vector);
        }
        cb.ldc(module.constant(ModuleCompiler.Space.MEMORY, memory));
        opAnd(op);
        cb.ldc(offset);
        if (op == Op.V128_STORE || op.text().startsWith("v128.store")) {
            cb.ldc(lane);
            call("store", CD_void, CD_long, CD_Object, FunctionEmitter.MEMORY, CD_int, CD_long, CD_int);
            return;
        }
        if (takesVector) {
            cb.ldc(lane);
            call("loadLane", V128, CD_long, CD_Object, FunctionEmitter.MEMORY, CD_int, CD_long, CD_int);
        } else {
            call("load", V128, CD_long, FunctionEmitter.MEMORY, CD_int, CD_long);
        }
        e.pushType(NumType.V128);
    }

    private void popVectors(int n) {
        for (int i = 0; i < n; i++) {
            e.popType();
        }
    }

    /** Pushes the operator's ordinal, the helper's way to know the instruction. */
    private void opAnd(Op op) {
        cb.ldc(op.ordinal());
    }

    /** Widens the scalar on top of the JVM stack (of Wasm type {@code t}) to a {@code long}. */
    private void widen(ValType t) {
        if (JvmTypes.kind(t) == TypeKind.INT) {
            cb.i2l();
        }
    }

    /** Narrows a {@code long} scalar result to the JVM kind of {@code t}. */
    private void narrow(ValType t) {
        if (JvmTypes.kind(t) == TypeKind.INT) {
            cb.l2i();
        }
    }

    private void call(String name, ClassDesc ret, ClassDesc... params) {
        cb.invokestatic(VECTORS, name, MethodTypeDesc.of(ret, params));
    }

    private static String operation(Op op) {
        return op.text().substring(op.text().indexOf('.') + 1);
    }

    /** The scalar type of a lane of {@code op}'s shape (i8x16 and i16x8 lanes are i32s). */
    private static ValType scalar(Op op) {
        return switch (op.text().substring(0, op.text().indexOf('.'))) {
            case "i64x2" -> NumType.I64;
            case "f32x4" -> NumType.F32;
            case "f64x2" -> NumType.F64;
            default -> NumType.I32;
        };
    }
}
