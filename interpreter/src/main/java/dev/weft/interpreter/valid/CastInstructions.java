package dev.weft.interpreter.valid;

import static dev.weft.interpreter.ast.NumType.I32;

import dev.weft.interpreter.InvalidModuleException;
import dev.weft.interpreter.ast.AbsHeapType;
import dev.weft.interpreter.ast.HeapType;
import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.Op;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.ValType;

/**
 * {@code ref.test}, {@code ref.cast}, {@code br_on_cast(_fail)}, the extern/any conversions and
 * the i31 instructions. Casts into the continuation hierarchy are rejected ("invalid cast").
 */
final class CastInstructions {
    private static final RefType EXTERNREF = RefType.EXTERNREF;
    private static final RefType ANYREF = RefType.ANYREF;
    private static final RefType I31REF = new RefType(true, AbsHeapType.I31);

    private final CodeValidator v;

    CastInstructions(CodeValidator v) {
        this.v = v;
    }

    void validate(Instruction ins) throws InvalidModuleException {
        switch (ins.op()) {
            case REF_TEST, REF_TEST_NULL, REF_CAST, REF_CAST_NULL -> {
                HeapType h = ((Instruction.HeapTypeImm) ins).heapType();
                checkCastTarget(h);
                v.popExpect(new RefType(true, v.types.top(h)));
                if (ins.op() == Op.REF_TEST || ins.op() == Op.REF_TEST_NULL) {
                    v.push(I32);
                } else {
                    v.push(new RefType(ins.op() == Op.REF_CAST_NULL, h));
                }
            }
            case BR_ON_CAST, BR_ON_CAST_FAIL -> brOnCast((Instruction.BrOnCast) ins);
            case ANY_CONVERT_EXTERN -> {
                ValType t = v.popExpect(EXTERNREF);
                v.push(new RefType(t == null || ((RefType) t).nullable(), AbsHeapType.ANY));
            }
            case EXTERN_CONVERT_ANY -> {
                ValType t = v.popExpect(ANYREF);
                v.push(new RefType(t == null || ((RefType) t).nullable(), AbsHeapType.EXTERN));
            }
            case REF_I31 -> {
                v.popExpect(I32);
                v.push(new RefType(false, AbsHeapType.I31));
            }
            case I31_GET_S, I31_GET_U -> {
                v.popExpect(I31REF);
                v.push(I32);
            }
            default -> throw new InvalidModuleException("unknown operator " + ins.op());
        }
    }

    private void checkCastTarget(HeapType h) throws InvalidModuleException {
        v.types.checkHeapType(h);
        if (v.types.top(h) == AbsHeapType.CONT) {
            throw new InvalidModuleException("invalid cast");
        }
    }

    private void brOnCast(Instruction.BrOnCast b) throws InvalidModuleException {
        RefType from = b.from();
        RefType to = b.to();
        checkCastTarget(from.heapType());
        checkCastTarget(to.heapType());
        if (!v.types.isSubtype(to, from)) {
            throw new InvalidModuleException("type mismatch: cast target " + to + " is not a subtype of " + from);
        }
        ValType[] label = v.label(b.label()).labelTypes();
        int n = label.length;
        if (n == 0) {
            throw new InvalidModuleException("type mismatch: br_on_cast needs a reference label");
        }
        RefType diff = new RefType(from.nullable() && !to.nullable(), from.heapType());
        RefType onBranch = b.op() == Op.BR_ON_CAST ? to : diff;
        RefType fallthrough = b.op() == Op.BR_ON_CAST ? diff : to;
        if (!v.types.isSubtype(onBranch, label[n - 1])) {
            throw CodeValidator.mismatch(label[n - 1], onBranch);
        }
        v.popExpect(from);
        for (int i = n - 2; i >= 0; i--) {
            v.popExpect(label[i]);
        }
        for (int i = 0; i < n - 1; i++) {
            v.push(label[i]);
        }
        v.push(fallthrough);
    }
}
