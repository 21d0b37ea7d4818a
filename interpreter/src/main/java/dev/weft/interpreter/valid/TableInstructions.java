package dev.weft.interpreter.valid;

import static dev.weft.interpreter.ast.NumType.I32;
import static dev.weft.interpreter.ast.NumType.I64;

import dev.weft.interpreter.InvalidModuleException;
import dev.weft.interpreter.ast.AbsHeapType;
import dev.weft.interpreter.ast.ConcreteHeapType;
import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.TableType;

/**
 * The table instructions and the basic reference instructions ({@code ref.null},
 * {@code ref.is_null}, {@code ref.func} with its declaration rule, {@code ref.eq},
 * {@code ref.as_non_null}).
 */
final class TableInstructions {
    private static final RefType EQREF = new RefType(true, AbsHeapType.EQ);

    private final CodeValidator v;

    TableInstructions(CodeValidator v) {
        this.v = v;
    }

    void validate(Instruction ins) throws InvalidModuleException {
        switch (ins.op()) {
            case TABLE_GET -> {
                TableType t = table(ins);
                v.popExpect(addr(t));
                v.push(t.elementType());
            }
            case TABLE_SET -> {
                TableType t = table(ins);
                v.popExpect(t.elementType());
                v.popExpect(addr(t));
            }
            case TABLE_SIZE -> v.push(addr(table(ins)));
            case TABLE_GROW -> {
                TableType t = table(ins);
                v.popExpect(addr(t));
                v.popExpect(t.elementType());
                v.push(addr(t));
            }
            case TABLE_FILL -> {
                TableType t = table(ins);
                v.popExpect(addr(t));
                v.popExpect(t.elementType());
                v.popExpect(addr(t));
            }
            case TABLE_COPY -> copy((Instruction.Indexed2) ins);
            case TABLE_INIT -> init((Instruction.Indexed2) ins);
            case ELEM_DROP -> v.ctx.elem(((Instruction.Indexed) ins).index());
            default -> references(ins);
        }
    }

    private void references(Instruction ins) throws InvalidModuleException {
        switch (ins.op()) {
            case REF_NULL -> {
                Instruction.HeapTypeImm h = (Instruction.HeapTypeImm) ins;
                v.types.checkHeapType(h.heapType());
                v.push(new RefType(true, h.heapType()));
            }
            case REF_IS_NULL -> {
                v.popRef();
                v.push(I32);
            }
            case REF_FUNC -> refFunc(((Instruction.Indexed) ins).index());
            case REF_EQ -> {
                v.popExpect(EQREF);
                v.popExpect(EQREF);
                v.push(I32);
            }
            case REF_AS_NON_NULL -> {
                RefType r = v.popRef();
                v.push(r == null ? null : new RefType(false, r.heapType()));
            }
            default -> throw new IllegalStateException("internal: not a table op " + ins.op());
        }
    }

    private void refFunc(int f) throws InvalidModuleException {
        int type = v.ctx.funcType(f);
        if (!v.constant && !v.ctx.declaredFuncs[f]) {
            throw new InvalidModuleException("undeclared function reference");
        }
        v.push(new RefType(false, new ConcreteHeapType(type)));
    }

    private TableType table(Instruction ins) throws InvalidModuleException {
        return v.ctx.table(((Instruction.Indexed) ins).index());
    }

    static NumType addr(TableType t) {
        return t.limits().is64() ? I64 : I32;
    }

    private void copy(Instruction.Indexed2 x) throws InvalidModuleException {
        TableType dst = v.ctx.table(x.first());
        TableType src = v.ctx.table(x.second());
        if (!v.types.isSubtype(src.elementType(), dst.elementType())) {
            throw new InvalidModuleException("type mismatch: table.copy between incompatible tables");
        }
        v.popExpect(addr(dst) == I64 && addr(src) == I64 ? I64 : I32);
        v.popExpect(addr(src));
        v.popExpect(addr(dst));
    }

    private void init(Instruction.Indexed2 x) throws InvalidModuleException {
        TableType t = v.ctx.table(x.second());
        RefType elem = v.ctx.elem(x.first());
        if (!v.types.isSubtype(elem, t.elementType())) {
            throw new InvalidModuleException("type mismatch: element segment does not fit the table");
        }
        v.popExpect(I32);
        v.popExpect(I32);
        v.popExpect(addr(t));
    }
}
