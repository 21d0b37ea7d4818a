package dev.weft.interpreter.valid;

import dev.weft.interpreter.InvalidModuleException;
import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.ConcreteHeapType;
import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.ValType;

/**
 * Stack-switching instructions ({@code cont.new}, {@code cont.bind}, {@code suspend},
 * {@code resume}, {@code resume_throw}, {@code resume_throw_ref}, {@code switch}), following
 * the reference interpreter: all checks on immediates (types, tags, handler clauses) come
 * before the operand stack is examined.
 */
final class ContInstructions {
    private final CodeValidator v;

    ContInstructions(CodeValidator v) {
        this.v = v;
    }

    void validate(Instruction ins) throws InvalidModuleException {
        switch (ins.op()) {
            case CONT_NEW -> {
                int ct = ((Instruction.Indexed) ins).index();
                int ft = funcOf(ct);
                v.popExpect(new RefType(true, new ConcreteHeapType(ft)));
                v.push(new RefType(false, new ConcreteHeapType(ct)));
            }
            case CONT_BIND -> bind((Instruction.Indexed2) ins);
            case SUSPEND -> {
                int tag = v.ctx.tag(((Instruction.Indexed) ins).index());
                v.popExpect(v.types.params(tag));
                v.pushAll(v.types.results(tag));
            }
            case RESUME, RESUME_THROW, RESUME_THROW_REF -> resume((Instruction.Resume) ins);
            case SWITCH -> switchTo((Instruction.Indexed2) ins);
            default -> throw new IllegalStateException("internal: not a continuation op " + ins.op());
        }
    }

    /** The function type index of continuation type {@code ct}. */
    private int funcOf(int ct) throws InvalidModuleException {
        if (v.types.composite(ct) instanceof CompositeType.Cont c) {
            return c.funcTypeIndex();
        }
        throw new InvalidModuleException("non-continuation type " + ct);
    }

    private void bind(Instruction.Indexed2 x) throws InvalidModuleException {
        int ct = x.first();
        int ct2 = x.second();
        ValType[] p = v.types.params(funcOf(ct));
        ValType[] r = v.types.results(funcOf(ct));
        ValType[] p2 = v.types.params(funcOf(ct2));
        ValType[] r2 = v.types.results(funcOf(ct2));
        int bound = p.length - p2.length;
        if (bound < 0) {
            throw new InvalidModuleException("type mismatch in continuation arguments");
        }
        boolean ok = r.length == r2.length;
        for (int i = 0; ok && i < p2.length; i++) {
            ok = v.types.isSubtype(p2[i], p[bound + i]);
        }
        for (int i = 0; ok && i < r.length; i++) {
            ok = v.types.isSubtype(r[i], r2[i]);
        }
        if (!ok) {
            throw new InvalidModuleException("type mismatch in continuation types");
        }
        v.popExpect(new RefType(true, new ConcreteHeapType(ct)));
        for (int i = bound - 1; i >= 0; i--) {
            v.popExpect(p[i]);
        }
        v.push(new RefType(false, new ConcreteHeapType(ct2)));
    }

    private void resume(Instruction.Resume r) throws InvalidModuleException {
        int ct = r.contType();
        int ft = funcOf(ct);
        ValType[] payload = null;
        if (r.op() == dev.weft.interpreter.ast.Op.RESUME_THROW) {
            payload = v.types.params(v.ctx.tag(r.tag()));
        }
        ValType[] results = v.types.results(ft);
        for (Instruction.Handler h : r.handlers()) {
            handler(h, results);
        }
        v.popExpect(new RefType(true, new ConcreteHeapType(ct)));
        switch (r.op()) {
            case RESUME -> v.popExpect(v.types.params(ft));
            case RESUME_THROW -> v.popExpect(payload);
            default -> v.popExpect(RefType.EXNREF);
        }
        v.pushAll(results);
    }

    private void handler(Instruction.Handler h, ValType[] results) throws InvalidModuleException {
        int tag = v.ctx.tag(h.tag());
        ValType[] tpar = v.types.params(tag);
        ValType[] tres = v.types.results(tag);
        if (h.isSwitch()) {
            if (tpar.length != 0) {
                throw new InvalidModuleException("type mismatch tag type");
            }
            // The explainer demands tres = res($ct); the interpreter checks nothing. Enforce the
            // sound middle ground (docs/stack-switching.md §4, choice 1).
            if (!allSub(tres, results)) {
                throw new InvalidModuleException("type mismatch: switch handler tag results do not match the continuation");
            }
            return;
        }
        ValType[] label = v.label(h.label()).labelTypes();
        int n = label.length;
        if (n == 0 || !(label[n - 1] instanceof RefType ref)
                || !(ref.heapType() instanceof ConcreteHeapType c)) {
            throw new InvalidModuleException(
                    "type mismatch: instruction requires concrete continuation reference type but label has "
                            + show(label));
        }
        int cft = funcOf(c.index());
        ValType[] cpar = v.types.params(cft);
        ValType[] cres = v.types.results(cft);
        if (!allSub(cpar, tres) || !allSub(results, cres) || tpar.length != n - 1) {
            throw new InvalidModuleException("type mismatch in handler");
        }
        for (int i = 0; i < tpar.length; i++) {
            if (!v.types.isSubtype(tpar[i], label[i])) {
                throw CodeValidator.mismatch(label[i], tpar[i]);
            }
        }
    }

    private void switchTo(Instruction.Indexed2 x) throws InvalidModuleException {
        int ct1 = x.first();
        int ft1 = funcOf(ct1);
        int tag = v.ctx.tag(x.second());
        ValType[] p1 = v.types.params(ft1);
        int n = p1.length;
        if (n == 0 || !(p1[n - 1] instanceof RefType ref) || !(ref.heapType() instanceof ConcreteHeapType c)) {
            throw new InvalidModuleException("type mismatch: switch needs a continuation parameter");
        }
        int ft2 = funcOf(c.index());
        if (v.types.params(tag).length != 0) {
            throw new InvalidModuleException("type mismatch in switch tag");
        }
        ValType[] t = v.types.results(tag);
        if (!allSub(v.types.results(ft1), t) || !allSub(t, v.types.results(ft2))) {
            throw new InvalidModuleException("type mismatch in switch tag");
        }
        v.popExpect(new RefType(true, new ConcreteHeapType(ct1)));
        for (int i = n - 2; i >= 0; i--) {
            v.popExpect(p1[i]);
        }
        v.pushAll(v.types.params(ft2));
    }

    private boolean allSub(ValType[] subs, ValType[] sups) {
        if (subs.length != sups.length) {
            return false;
        }
        for (int i = 0; i < subs.length; i++) {
            if (!v.types.isSubtype(subs[i], sups[i])) {
                return false;
            }
        }
        return true;
    }

    private static String show(ValType[] types) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < types.length; i++) {
            sb.append(i == 0 ? "" : " ").append(types[i]);
        }
        return sb.append(']').toString();
    }
}
