package dev.weft.interpreter.compiler;

import static dev.weft.interpreter.compiler.FunctionEmitter.MEMORY;
import static dev.weft.interpreter.compiler.FunctionEmitter.MODULE;
import static dev.weft.interpreter.compiler.FunctionEmitter.TABLE;
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
import java.util.List;

/**
 * The memory and table instructions of one function being emitted by a {@link FunctionEmitter}:
 * loads and stores (32-bit memories through the interpreter's hot accessors, memory64 and large
 * offsets through a checked effective address), size, grow, the bulk operations and segments.
 * Operands of 32-bit memories are zero-extended, table indices are passed sign-extended and
 * masked by the table as the interpreter does.
 */
final class MemoryEmitter {
    private static final long MASK32 = 0xFFFF_FFFFL;
    private final FunctionEmitter e;
    private final ModuleCompiler module;
    private final CodeBuilder cb;

    MemoryEmitter(FunctionEmitter e, ModuleCompiler module, CodeBuilder cb) {
        this.e = e;
        this.module = module;
        this.cb = cb;
    }

    private ValType pop() {
        return e.pop();
    }

    private void push(ValType t) {
        e.push(t);
    }

    private int scratch(TypeKind k) {
        return e.scratch(k);
    }

    private List<ValType> spillOperands(int n, int[] slotsOut) {
        return e.spillOperands(n, slotsOut);
    }

    private void loadWide(ValType t, int slot, boolean zeroExtend) {
        e.loadWide(t, slot, zeroExtend);
    }

    private void support(String name, ClassDesc ret, ClassDesc... params) {
        e.support(name, ret, params);
    }

    // ---- memory -----------------------------------------------------------------------------

    void access(Instruction.MemAccess m) {
        Op op = m.op();
        boolean store = op.text().contains("store");
        boolean is64 = module.memory64(m.memory());
        if (!is64 && m.offset() <= MASK32) {
            if (store) {
                ValType v = pop();
                pop();
                cb.ldc(module.constant(ModuleCompiler.Space.MEMORY, m.memory()));
                cb.ldc((int) m.offset());
                storeNarrow(op, v);
            } else {
                pop();
                cb.ldc(module.constant(ModuleCompiler.Space.MEMORY, m.memory()));
                cb.ldc((int) m.offset());
                loadNarrow(op);
            }
            return;
        }
        int n = accessSize(op);
        int valueSlot = -1;
        ValType v = null;
        if (store) {
            v = pop();
            valueSlot = scratch(JvmTypes.kind(v));
            cb.storeLocal(JvmTypes.kind(v), valueSlot);
        }
        ValType addr = pop();
        if (JvmTypes.kind(addr) == TypeKind.INT) {
            cb.i2l();
            cb.ldc(MASK32);
            cb.land();
        }
        cb.ldc(module.constant(ModuleCompiler.Space.MEMORY, m.memory()));
        cb.ldc(m.offset());
        cb.ldc(n);
        support("effectiveAddress", CD_long, CD_long, MEMORY, CD_long, CD_int);
        if (store) {
            cb.loadLocal(JvmTypes.kind(v), valueSlot);
            if (JvmTypes.kind(v) == TypeKind.LONG && n < 8) {
                cb.l2i();
            }
            cb.ldc(module.constant(ModuleCompiler.Space.MEMORY, m.memory()));
            switch (n) {
                case 1 -> support("putI8", CD_void, CD_long, CD_int, MEMORY);
                case 2 -> support("putI16", CD_void, CD_long, CD_int, MEMORY);
                case 4 -> support("putI32", CD_void, CD_long, CD_int, MEMORY);
                default -> support("putI64", CD_void, CD_long, CD_long, MEMORY);
            }
        } else {
            cb.ldc(module.constant(ModuleCompiler.Space.MEMORY, m.memory()));
            switch (n) {
                case 1 -> support("getI8", CD_int, CD_long, MEMORY);
                case 2 -> support("getI16", CD_int, CD_long, MEMORY);
                case 4 -> support("getI32", CD_int, CD_long, MEMORY);
                default -> support("getI64", CD_long, CD_long, MEMORY);
            }
            extendLoaded(op);
        }
    }

    private static int accessSize(Op op) {
        return switch (op) {
            case I32_LOAD8_S, I32_LOAD8_U, I64_LOAD8_S, I64_LOAD8_U, I32_STORE8, I64_STORE8 -> 1;
            case I32_LOAD16_S, I32_LOAD16_U, I64_LOAD16_S, I64_LOAD16_U, I32_STORE16, I64_STORE16 -> 2;
            case I32_LOAD, F32_LOAD, I64_LOAD32_S, I64_LOAD32_U, I32_STORE, F32_STORE, I64_STORE32 -> 4;
            default -> 8;
        };
    }

    /** After a 32-bit-address load helper: the loaded int/long is on the stack. */
    private void loadNarrow(Op op) {
        switch (accessSize(op)) {
            case 1 -> support("load8", CD_int, CD_int, MEMORY, CD_int);
            case 2 -> support("load16", CD_int, CD_int, MEMORY, CD_int);
            case 4 -> support("loadI32", CD_int, CD_int, MEMORY, CD_int);
            default -> support("loadI64", CD_long, CD_int, MEMORY, CD_int);
        }
        extendLoaded(op);
    }

    /** Turns the raw loaded value (sign-extended int for 1/2 bytes) into the result type. */
    private void extendLoaded(Op op) {
        switch (op) {
            case I32_LOAD8_U -> {
                cb.ldc(0xFF);
                cb.iand();
            }
            case I32_LOAD16_U -> {
                cb.ldc(0xFFFF);
                cb.iand();
            }
            case I64_LOAD8_S, I64_LOAD16_S, I64_LOAD32_S -> cb.i2l();
            case I64_LOAD8_U, I64_LOAD16_U, I64_LOAD32_U -> {
                cb.i2l();
                cb.ldc(op == Op.I64_LOAD8_U ? 0xFFL : op == Op.I64_LOAD16_U ? 0xFFFFL : MASK32);
                cb.land();
            }
            default -> { }
        }
        push(switch (op) {
            case I32_LOAD, I32_LOAD8_S, I32_LOAD8_U, I32_LOAD16_S, I32_LOAD16_U -> NumType.I32;
            case F32_LOAD -> NumType.F32;
            case F64_LOAD -> NumType.F64;
            default -> NumType.I64;
        });
    }

    /** Stack: addr (int), value, memory, offset (int). */
    private void storeNarrow(Op op, ValType v) {
        boolean wide = JvmTypes.kind(v) == TypeKind.LONG;
        int n = accessSize(op);
        if (wide && n < 8) {
            // the value sits under the memory and offset: narrow it first
            int off = scratch(TypeKind.INT);
            cb.istore(off);
            int mem = scratch(TypeKind.REFERENCE);
            cb.astore(mem);
            cb.l2i();
            cb.aload(mem);
            cb.iload(off);
        }
        switch (n) {
            case 1 -> support("store8", CD_void, CD_int, CD_int, MEMORY, CD_int);
            case 2 -> support("store16", CD_void, CD_int, CD_int, MEMORY, CD_int);
            case 4 -> support("storeI32", CD_void, CD_int, CD_int, MEMORY, CD_int);
            default -> support("storeI64", CD_void, CD_int, CD_long, MEMORY, CD_int);
        }
    }

    void memorySize(int mem) {
        cb.ldc(module.constant(ModuleCompiler.Space.MEMORY, mem));
        if (module.memory64(mem)) {
            support("memorySize64", CD_long, MEMORY);
            push(NumType.I64);
        } else {
            support("memorySize32", CD_int, MEMORY);
            push(NumType.I32);
        }
    }

    void memoryGrow(int mem) {
        ValType t = pop();
        cb.ldc(module.constant(ModuleCompiler.Space.MEMORY, mem));
        if (module.memory64(mem)) {
            support("memoryGrow64", CD_long, CD_long, MEMORY);
        } else {
            support("memoryGrow32", CD_int, CD_int, MEMORY);
        }
        push(t);
    }

    void memoryFill(int mem) {
        int[] s = new int[3];
        List<ValType> t = spillOperands(3, s);
        loadWide(t.get(0), s[0], true);
        cb.iload(s[1]);
        loadWide(t.get(2), s[2], true);
        cb.ldc(module.constant(ModuleCompiler.Space.MEMORY, mem));
        support("memoryFill", CD_void, CD_long, CD_int, CD_long, MEMORY);
    }

    void memoryCopy(Instruction.Indexed2 ins) {
        copy("memoryCopy", ModuleCompiler.Space.MEMORY, MEMORY, true, ins);
    }

    void memoryInit(Instruction.Indexed2 ins) {
        init("memoryInit", ModuleCompiler.Space.MEMORY, MEMORY, true, ins);
    }

    /**
     * {@code memory.copy}/{@code table.copy}: (destination, source, length) operands, widened
     * ({@code zeroExtend} for 32-bit memories), then the destination and source instances.
     */
    private void copy(String helper, ModuleCompiler.Space space, ClassDesc kind, boolean zeroExtend,
            Instruction.Indexed2 ins) {
        int[] s = new int[3];
        List<ValType> t = spillOperands(3, s);
        for (int i = 0; i < 3; i++) {
            loadWide(t.get(i), s[i], zeroExtend);
        }
        cb.ldc(module.constant(space, ins.first()));
        cb.ldc(module.constant(space, ins.second()));
        support(helper, CD_void, CD_long, CD_long, CD_long, kind, kind);
    }

    /**
     * {@code memory.init}/{@code table.init}: the destination widened, source offset and length,
     * then the instance, the module instance and the segment index.
     */
    private void init(String helper, ModuleCompiler.Space space, ClassDesc kind, boolean zeroExtend,
            Instruction.Indexed2 ins) {
        int[] s = new int[3];
        List<ValType> t = spillOperands(3, s);
        loadWide(t.get(0), s[0], zeroExtend);
        cb.iload(s[1]);
        cb.iload(s[2]);
        cb.ldc(module.constant(space, ins.second()));
        cb.ldc(module.constant(ModuleCompiler.Space.INSTANCE, 0));
        cb.ldc(ins.first());
        support(helper, CD_void, CD_long, CD_int, CD_int, kind, MODULE, CD_int);
    }

    // ---- tables -----------------------------------------------------------------------------

    void tableOp(Op op, int table) {
        boolean is64 = module.table64(table);
        ValType index = is64 ? NumType.I64 : NumType.I32;
        switch (op) {
            case TABLE_GET -> {
                ValType t = pop();
                if (!is64) {
                    cb.i2l();
                }
                cb.ldc(module.constant(ModuleCompiler.Space.TABLE, table));
                support("tableGet", CD_Object, CD_long, TABLE);
                push(module.tableElementType(table));
            }
            case TABLE_SET -> {
                int[] s = new int[2];
                List<ValType> t = spillOperands(2, s);
                loadWide(t.get(0), s[0], false);
                cb.aload(s[1]);
                cb.ldc(module.constant(ModuleCompiler.Space.TABLE, table));
                support("tableSet", CD_void, CD_long, CD_Object, TABLE);
            }
            case TABLE_SIZE -> {
                cb.ldc(module.constant(ModuleCompiler.Space.TABLE, table));
                support("tableSize", CD_long, TABLE);
                if (!is64) {
                    cb.l2i();
                }
                push(index);
            }
            case TABLE_GROW -> {
                pop();
                pop();
                if (!is64) {
                    cb.i2l();
                }
                cb.ldc(module.constant(ModuleCompiler.Space.TABLE, table));
                support("tableGrow", CD_long, CD_Object, CD_long, TABLE);
                if (!is64) {
                    cb.l2i();
                }
                push(index);
            }
            default -> {
                int[] s = new int[3];
                List<ValType> t = spillOperands(3, s);
                loadWide(t.get(0), s[0], false);
                cb.aload(s[1]);
                loadWide(t.get(2), s[2], false);
                cb.ldc(module.constant(ModuleCompiler.Space.TABLE, table));
                support("tableFill", CD_void, CD_long, CD_Object, CD_long, TABLE);
            }
        }
    }

    void tableCopy(Instruction.Indexed2 ins) {
        copy("tableCopy", ModuleCompiler.Space.TABLE, TABLE, false, ins);
    }

    void tableInit(Instruction.Indexed2 ins) {
        init("tableInit", ModuleCompiler.Space.TABLE, TABLE, false, ins);
    }

}
