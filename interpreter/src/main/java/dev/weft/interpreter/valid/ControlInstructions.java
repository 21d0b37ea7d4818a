package dev.weft.interpreter.valid;

import static dev.weft.interpreter.ast.NumType.I32;

import dev.weft.interpreter.InvalidModuleException;
import dev.weft.interpreter.ast.ConcreteHeapType;
import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.TableType;
import dev.weft.interpreter.ast.ValType;

/**
 * Branches, returns, calls (direct, indirect, by reference, and their tail-call forms),
 * {@code drop}, {@code select}, and the exception instructions.
 */
final class ControlInstructions {
    private final CodeValidator v;
    private final ExceptionInstructions exceptions;

    ControlInstructions(CodeValidator v) {
        this.v = v;
        this.exceptions = new ExceptionInstructions(v);
    }

    void validate(Instruction ins) throws InvalidModuleException {
        switch (ins.op()) {
            case UNREACHABLE -> v.unreachable();
            case NOP -> {}
            case BR -> {
                v.popExpect(v.label(((Instruction.Indexed) ins).index()).labelTypes());
                v.unreachable();
            }
            case BR_IF -> {
                ValType[] types = v.label(((Instruction.Indexed) ins).index()).labelTypes();
                v.popExpect(I32);
                v.popExpect(types);
                v.pushAll(types);
            }
            case BR_TABLE -> brTable((Instruction.BranchTable) ins);
            case RETURN -> {
                v.popExpect(v.functionFrame().results);
                v.unreachable();
            }
            case DROP -> drop();
            case SELECT -> select();
            case SELECT_TYPED -> selectTyped((Instruction.SelectTyped) ins);
            case BR_ON_NULL -> brOnNull(((Instruction.Indexed) ins).index());
            case BR_ON_NON_NULL -> brOnNonNull(((Instruction.Indexed) ins).index());
            default -> calls(ins);
        }
    }

    private void calls(Instruction ins) throws InvalidModuleException {
        switch (ins.op()) {
            case CALL -> call(v.ctx.funcType(((Instruction.Indexed) ins).index()), false);
            case RETURN_CALL -> call(v.ctx.funcType(((Instruction.Indexed) ins).index()), true);
            case CALL_INDIRECT -> callIndirect((Instruction.Indexed2) ins, false);
            case RETURN_CALL_INDIRECT -> callIndirect((Instruction.Indexed2) ins, true);
            case CALL_REF -> callRef(((Instruction.Indexed) ins).index(), false);
            case RETURN_CALL_REF -> callRef(((Instruction.Indexed) ins).index(), true);
            default -> exceptions.validate(ins);
        }
    }

    private void call(int type, boolean tail) throws InvalidModuleException {
        v.popExpect(v.types.params(type));
        finishCall(type, tail);
    }

    private void finishCall(int type, boolean tail) throws InvalidModuleException {
        ValType[] results = v.types.results(type);
        if (!tail) {
            v.pushAll(results);
            return;
        }
        ValType[] own = v.functionFrame().results;
        if (own.length != results.length) {
            throw new InvalidModuleException("type mismatch: tail call result arity differs");
        }
        for (int i = 0; i < own.length; i++) {
            if (!v.types.isSubtype(results[i], own[i])) {
                throw CodeValidator.mismatch(own[i], results[i]);
            }
        }
        v.unreachable();
    }

    private void callIndirect(Instruction.Indexed2 x, boolean tail) throws InvalidModuleException {
        TableType table = v.ctx.table(x.second());
        v.types.checkFunc(x.first());
        if (!v.types.isSubtype(table.elementType(), RefType.FUNCREF)) {
            throw new InvalidModuleException("type mismatch: call_indirect on a table of " + table.elementType());
        }
        v.popExpect(TableInstructions.addr(table));
        call(x.first(), tail);
    }

    private void callRef(int type, boolean tail) throws InvalidModuleException {
        v.types.checkFunc(type);
        v.popExpect(new RefType(true, new ConcreteHeapType(type)));
        call(type, tail);
    }

    private void brTable(Instruction.BranchTable t) throws InvalidModuleException {
        v.popExpect(I32);
        ValType[] def = v.label(t.defaultLabel()).labelTypes();
        for (int l : t.labels()) {
            ValType[] types = v.label(l).labelTypes();
            if (types.length != def.length) {
                throw new InvalidModuleException("type mismatch: br_table labels have different arities");
            }
            v.checkTop(types);
        }
        v.popExpect(def);
        v.unreachable();
    }

    private void drop() throws InvalidModuleException {
        ValType t = v.pop();
        v.setKind(kindOf(t));
    }

    static byte kindOf(ValType t) {
        if (t == null || t == NumType.I32 || t == NumType.I64 || t == NumType.F32 || t == NumType.F64) {
            return FunctionInfo.KIND_NUM;
        }
        return t == NumType.V128 ? FunctionInfo.KIND_V128 : FunctionInfo.KIND_REF;
    }

    private void select() throws InvalidModuleException {
        v.popExpect(I32);
        ValType a = v.pop();
        ValType b = v.pop();
        if (a instanceof RefType || b instanceof RefType) {
            throw new InvalidModuleException("type mismatch: select without types on references");
        }
        if (a != null && b != null && a != b) {
            throw CodeValidator.mismatch(a, b);
        }
        ValType t = a != null ? a : b;
        v.setKind(kindOf(t));
        v.push(t);
    }

    private void selectTyped(Instruction.SelectTyped s) throws InvalidModuleException {
        if (s.types().size() != 1) {
            throw new InvalidModuleException("invalid result arity");
        }
        ValType t = s.types().get(0);
        v.types.checkValType(t);
        v.popExpect(I32);
        v.popExpect(t);
        v.popExpect(t);
        v.push(t);
    }

    private void brOnNull(int label) throws InvalidModuleException {
        RefType r = v.popRef();
        ValType[] types = v.label(label).labelTypes();
        v.popExpect(types);
        v.pushAll(types);
        v.push(r == null ? null : new RefType(false, r.heapType()));
    }

    private void brOnNonNull(int label) throws InvalidModuleException {
        RefType r = v.popRef();
        ValType[] types = v.label(label).labelTypes();
        int n = types.length;
        if (n == 0 || !(types[n - 1] instanceof RefType)) {
            throw new InvalidModuleException("type mismatch: br_on_non_null needs a reference label");
        }
        if (r != null && !v.types.isSubtype(new RefType(false, r.heapType()), types[n - 1])) {
            throw CodeValidator.mismatch(types[n - 1], r);
        }
        for (int i = n - 2; i >= 0; i--) {
            v.popExpect(types[i]);
        }
        for (int i = 0; i < n - 1; i++) {
            v.push(types[i]);
        }
    }
}
