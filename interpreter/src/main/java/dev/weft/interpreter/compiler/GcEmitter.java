package dev.weft.interpreter.compiler;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;

import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.FieldType;
import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.ast.Op;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.ConcreteHeapType;
import dev.weft.interpreter.ast.ValType;
import dev.weft.interpreter.code.GcLayout;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;

/**
 * The struct and array instructions in compiled code: each is a call of {@code exec.GcSupport}
 * (the interpreter's {@code GcOps} checks and allocations), with the field's slot resolved here
 * by {@link GcLayout} and the value's JVM kind choosing the helper ({@code ...I}, {@code ...L},
 * {@code ...R}; {@code ...V} for a v128, an {@code exec.V128} object here that the helpers store
 * as the interpreter's two slots). {@code struct.new} and {@code array.new_fixed} allocate first and then store the
 * operands from the top of the JVM stack down, so no operand needs a local.
 */
final class GcEmitter {
    private static final ClassDesc GC = ClassDesc.of("dev.weft.interpreter.exec.GcSupport");

    private final FunctionEmitter e;
    private final ModuleCompiler module;
    private final CodeBuilder cb;

    GcEmitter(FunctionEmitter e, ModuleCompiler module) {
        this.e = e;
        this.module = module;
        this.cb = e.code();
    }

    /** Whether {@code op} is a struct or array instruction. */
    static boolean handles(Op op) {
        return op.ordinal() >= Op.STRUCT_NEW.ordinal() && op.ordinal() <= Op.ARRAY_INIT_ELEM.ordinal();
    }

    void emit(Instruction ins) {
        Op op = ins.op();
        if (op == Op.ARRAY_LEN) {
            e.popType();
            call("arrayLen", CD_int, CD_Object);
            e.pushType(NumType.I32);
        } else if (ins instanceof Instruction.Indexed2 x) {
            indexed2(op, x.first(), x.second());
        } else {
            indexed(op, ((Instruction.Indexed) ins).index());
        }
    }

    private void indexed(Op op, int type) {
        switch (op) {
            case STRUCT_NEW -> structNew(type);
            case STRUCT_NEW_DEFAULT -> allocate(type, 0, "structNewDefault", FunctionEmitter.MODULE, CD_int);
            case ARRAY_NEW -> {
                ClassDesc v = desc(element(type));
                allocate(type, 2, "arrayNew" + suffix(element(type)), v, CD_int, FunctionEmitter.MODULE, CD_int);
            }
            case ARRAY_NEW_DEFAULT -> allocate(type, 1, "arrayNewDefault", CD_int, FunctionEmitter.MODULE, CD_int);
            case ARRAY_GET, ARRAY_GET_S, ARRAY_GET_U -> {
                ValType t = element(type);
                pop(2);
                String name = op == Op.ARRAY_GET_U ? "arrayGetU" : "arrayGet" + suffix(t);
                call(name, desc(t), CD_Object, CD_int);
                e.pushType(t);
            }
            case ARRAY_SET -> {
                ValType t = element(type);
                pop(3);
                call("arraySet" + suffix(t), CD_void, CD_Object, CD_int, desc(t));
            }
            case ARRAY_FILL -> {
                ValType t = element(type);
                pop(4);
                call("arrayFill" + suffix(t), CD_void, CD_Object, CD_int, desc(t), CD_int);
            }
            default -> throw new NotCompilable("unsupported instruction " + op.text());
        }
    }

    private void indexed2(Op op, int type, int second) {
        switch (op) {
            case STRUCT_GET, STRUCT_GET_S, STRUCT_GET_U -> structGet(op, type, second);
            case STRUCT_SET -> {
                ValType t = field(type, second);
                pop(2);
                cb.ldc(layout(type).slot(second));
                call("structSet" + suffix(t), CD_void, CD_Object, desc(t), CD_int);
            }
            case ARRAY_NEW_FIXED -> arrayNewFixed(type, second);
            case ARRAY_NEW_DATA, ARRAY_NEW_ELEM -> {
                pop(2);
                cb.ldc(module.constant(ModuleCompiler.Space.INSTANCE, 0));
                cb.ldc(type);
                cb.ldc(second);
                call(op == Op.ARRAY_NEW_DATA ? "arrayNewData" : "arrayNewElem", CD_Object,
                        CD_int, CD_int, FunctionEmitter.MODULE, CD_int, CD_int);
                e.pushType(new RefType(false, new ConcreteHeapType(type)));
            }
            case ARRAY_COPY -> {
                pop(5);
                call("arrayCopy", CD_void, CD_Object, CD_int, CD_Object, CD_int, CD_int);
            }
            case ARRAY_INIT_DATA, ARRAY_INIT_ELEM -> {
                pop(4);
                cb.ldc(module.constant(ModuleCompiler.Space.INSTANCE, 0));
                cb.ldc(second);
                call(op == Op.ARRAY_INIT_DATA ? "arrayInitData" : "arrayInitElem", CD_void,
                        CD_Object, CD_int, CD_int, CD_int, FunctionEmitter.MODULE, CD_int);
            }
            default -> throw new NotCompilable("unsupported instruction " + op.text());
        }
    }

    /** Calls allocator {@code name} over the top {@code operands} values, the instance and the type index. */
    private void allocate(int type, int operands, String name, ClassDesc... params) {
        pop(operands);
        cb.ldc(module.constant(ModuleCompiler.Space.INSTANCE, 0));
        cb.ldc(type);
        call(name, CD_Object, params);
        e.pushType(new RefType(false, new ConcreteHeapType(type)));
    }

    /** {@code struct.new}: a default struct, then each field stored from the top of the stack down. */
    private void structNew(int type) {
        GcLayout layout = layout(type);
        CompositeType.Struct s = (CompositeType.Struct) module.compositeAt(type);
        int n = layout.fields();
        pop(n);
        cb.ldc(module.constant(ModuleCompiler.Space.INSTANCE, 0));
        cb.ldc(type);
        call("structNewDefault", CD_Object, FunctionEmitter.MODULE, CD_int);
        for (int i = n - 1; i >= 0; i--) {
            ValType t = unpacked(s.fields().get(i));
            underTop(t);
            if (JvmTypes.kind(t) == TypeKind.INT) {
                cb.i2l();
            }
            cb.ldc(layout.slot(i));
            boolean obj = JvmTypes.kind(t) == TypeKind.REFERENCE;
            call("structInit" + (obj ? suffix(t) : "L"), CD_Object, CD_Object, obj ? CD_Object : CD_long, CD_int);
        }
        e.pushType(new RefType(false, new ConcreteHeapType(type)));
    }

    /** {@code array.new_fixed}: a default array, then each element stored from the top of the stack down. */
    private void arrayNewFixed(int type, int count) {
        ValType t = element(type);
        pop(count);
        cb.ldc(count);
        cb.ldc(module.constant(ModuleCompiler.Space.INSTANCE, 0));
        cb.ldc(type);
        call("arrayNewDefault", CD_Object, CD_int, FunctionEmitter.MODULE, CD_int);
        for (int i = count - 1; i >= 0; i--) {
            underTop(t);
            cb.ldc(i);
            call("arrayInit" + suffix(t), CD_Object, CD_Object, desc(t), CD_int);
        }
        e.pushType(new RefType(false, new ConcreteHeapType(type)));
    }

    private void structGet(Op op, int type, int field) {
        GcLayout layout = layout(type);
        ValType t = field(type, field);
        e.popType();
        cb.ldc(layout.slot(field));
        if (op == Op.STRUCT_GET) {
            call("structGet" + suffix(t), desc(t), CD_Object, CD_int);
        } else {
            cb.ldc(layout.kind(field) == GcLayout.I8 ? 8 : 16);
            call(op == Op.STRUCT_GET_S ? "structGetS" : "structGetU", CD_int, CD_Object, CD_int, CD_int);
        }
        e.pushType(t);
    }

    /** Moves the object on top of the JVM stack below the value of type {@code t} under it. */
    private void underTop(ValType t) {
        if (JvmTypes.kind(t) == TypeKind.LONG) {
            cb.dup_x2();
            cb.pop();
        } else {
            cb.swap();
        }
    }

    private GcLayout layout(int type) {
        return GcLayout.of(module.compositeAt(type));
    }

    private ValType field(int type, int field) {
        return unpacked(((CompositeType.Struct) module.compositeAt(type)).fields().get(field));
    }

    private ValType element(int type) {
        return unpacked(((CompositeType.Array) module.compositeAt(type)).element());
    }

    /** The value type a field is read and written as: i32 for packed storage. */
    private static ValType unpacked(FieldType f) {
        return f.storage().isPacked() ? NumType.I32 : f.storage().valType();
    }

    private static String suffix(ValType t) {
        if (t == NumType.V128) {
            return "V";
        }
        return switch (JvmTypes.kind(t)) {
            case INT -> "I";
            case LONG -> "L";
            default -> "R";
        };
    }

    private static ClassDesc desc(ValType t) {
        return JvmTypes.desc(t);
    }

    private void pop(int n) {
        for (int i = 0; i < n; i++) {
            e.popType();
        }
    }

    private void call(String name, ClassDesc ret, ClassDesc... params) {
        cb.invokestatic(GC, name, MethodTypeDesc.of(ret, params));
    }
}
