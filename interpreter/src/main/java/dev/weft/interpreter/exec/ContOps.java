package dev.weft.interpreter.exec;

import static dev.weft.interpreter.exec.switching.StackValues.clear;

import dev.weft.continuations.BoundArgs;
import dev.weft.continuations.ContRef;
import dev.weft.continuations.ContinuationException;
import dev.weft.continuations.HandlerTable;
import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;
import dev.weft.interpreter.WasmException;
import dev.weft.interpreter.code.CompiledFunction;
import dev.weft.interpreter.code.ExtInstr;
import dev.weft.interpreter.exec.switching.Chunk;
import dev.weft.interpreter.exec.switching.StackSwitcher;
import dev.weft.interpreter.exec.switching.StackValues;
import dev.weft.interpreter.exec.switching.SwitchStack;

/**
 * The stack-switching instructions of the dispatch loop: {@code cont.new}, {@code cont.bind},
 * {@code suspend}, {@code resume}, {@code resume_throw}, {@code resume_throw_ref} and
 * {@code switch}. Each reads its immediates and operands, parks the stack it runs on (its
 * position pushed as a frame, see {@link Ext#resumeAt}) and hands the switch itself to the
 * thread's {@link StackSwitcher} (the {@link StackContext}), which moves the values, makes the
 * next stack running and returns its depth: the loop reloads its locals from it and pops its
 * top frame. Nothing recurses on the Java stack.
 *
 * <p>A resume instruction's handler clauses are lowered in place as
 * {@code site n (tag target arity height){n}}; the clause label given to the model is the code
 * position of its (target, arity, height) triple in the resuming function.
 */
final class ContOps {
    private ContOps() {}

    /** {@code cont.new}: replaces the function reference on top by a fresh continuation. */
    static int contNew(StackContext cx, ExecStack st, FunctionInstance fn, int pc, int fp, int sp, int depth) {
        Object f = st.refs[sp - 1];
        if (f == null) {
            throw new Trap(TrapKind.NULL_FUNCTION_REFERENCE);
        }
        LiveContinuations limit = fn.instance.continuations;
        if (limit != null) {
            limit.admit();
        }
        ContRef k = cx.model.create(f);
        if (limit != null) {
            limit.created((ExecStack) k.freshStack());
        }
        if (((FunctionInstance) f).code != null) {
            layOutEntry((ExecStack) k.freshStack(), (FunctionInstance) f);
        }
        st.refs[sp - 1] = k;
        return Ext.resumeAt(st, depth, fn, pc + 1, fp, sp);
    }

    /**
     * Makes fresh stack {@code t} look parked at the first instruction of Wasm function
     * {@code f}: its entry frame pushed, its declared locals zeroed, and {@code entrySp} set so
     * that the first resume, which writes the arguments as a suspended stack's results, leaves sp
     * after the locals. So a resume never needs to tell fresh stacks from suspended ones (a
     * branch the JIT would compile as a trap, deoptimising on each first resume).
     */
    private static void layOutEntry(ExecStack t, FunctionInstance f) {
        CompiledFunction c = f.code;
        t.reserve(c.frameSize());
        Calls.zeroLocals(t.slots, t.refs, c.numParams, c.numLocals);
        t.depth = Ext.resumeAt(t, 0, f, 0, 0, 0);
        t.entrySp = c.numLocals;
    }

    /**
     * Starts fresh stack {@code t}, which has no frame yet (made by the host API, or a host
     * function's): lays out a Wasm function's entry frame and enters it as parked, or runs the
     * host function at once. See {@link StackSwitcher#enter}.
     */
    static int enterFresh(StackContext cx, ExecStack t, BoundArgs bound, SwitchStack from, int argBase, int n,
            Object last) {
        FunctionInstance f = (FunctionInstance) t.entry();
        if (f.code == null) {
            t.touchAll(); // the host entry writes its arguments and results without a frame
            return HostResume.callHostEntry(cx, t, f, bound, from, argBase, n, last);
        }
        layOutEntry(t, f);
        return cx.enterParked(t, bound, from, argBase, n, last);
    }

    /** {@code cont.bind}: binds the {@code code[pc + 1]} slots below the reference. */
    static int contBind(StackContext cx, ExecStack st, FunctionInstance fn, int[] code, int pc, int fp, int sp, int depth) {
        int n = code[pc + 1];
        ContRef k = (ContRef) st.refs[sp - 1];
        int base = sp - 1 - n;
        ContRef bound;
        try {
            bound = cx.model.bind(k, Chunk.of(st, base, n));
        } catch (ContinuationException e) {
            throw StackSwitcher.trap(e);
        }
        clear(st.refs, base, sp);
        st.refs[base] = bound;
        return Ext.resumeAt(st, depth, fn, pc + 2, fp, base + 1);
    }

    /** {@code resume}: {@code code[pc + 1]} argument slots below the continuation. */
    static int resume(StackContext cx, ExecStack st, FunctionInstance fn, int[] code, int pc, int fp, int sp, int depth) {
        int n = code[pc + 1];
        HandlerTable h = handlers(fn, code, pc + 2);
        int argBase = sp - 1 - n;
        st.depth = Ext.resumeAt(st, depth, fn, after(code, pc + 2), fp, argBase);
        ContRef k = (ContRef) st.refs[sp - 1];
        st.refs[sp - 1] = null;
        return cx.resume(st, k, h, argBase, n);
    }

    /** {@code resume_throw}: raises tag {@code code[pc + 1]} with its payload in the continuation. */
    static int resumeThrow(StackContext cx, ExecStack st, FunctionInstance fn, int[] code, int pc, int fp, int sp, int depth) {
        TagInstance tag = fn.instance.tags[code[pc + 1]];
        int n = code[pc + 2];
        HandlerTable h = handlers(fn, code, pc + 3);
        int base = sp - 1 - n;
        st.depth = Ext.resumeAt(st, depth, fn, after(code, pc + 3), fp, base);
        SwitchStack top = cx.resumeOnly(st, (ContRef) st.refs[sp - 1], h);
        WasmException exn = new WasmException(tag, StackValues.read(st, base, tag.type().params()));
        clear(st.refs, base, sp);
        return cx.raise(top, exn);
    }

    /** {@code resume_throw_ref}: raises the exception below the continuation (null exnref first). */
    static int resumeThrowRef(StackContext cx, ExecStack st, FunctionInstance fn, int[] code, int pc, int fp, int sp, int depth) {
        Object exn = st.refs[sp - 2];
        if (exn == null) {
            throw new Trap(TrapKind.NULL_EXCEPTION_REFERENCE);
        }
        HandlerTable h = handlers(fn, code, pc + 1);
        st.depth = Ext.resumeAt(st, depth, fn, after(code, pc + 1), fp, sp - 2);
        SwitchStack top = cx.resumeOnly(st, (ContRef) st.refs[sp - 1], h);
        clear(st.refs, sp - 2, sp);
        return cx.raise(top, (WasmException) exn);
    }

    /** {@code suspend}: tag {@code code[pc + 1]} with {@code code[pc + 2]} payload slots. */
    static int suspend(StackContext cx, ExecStack st, FunctionInstance fn, int[] code, int pc, int fp, int sp, int depth) {
        TagInstance tag = fn.instance.tags[code[pc + 1]];
        int n = code[pc + 2];
        int base = sp - n;
        st.depth = Ext.resumeAt(st, depth, fn, pc + 3, fp, base);
        return cx.suspend(st, tag, base, n);
    }

    /** {@code switch}: tag {@code code[pc + 1]}, {@code code[pc + 2]} argument slots below the target. */
    static int switchTo(StackContext cx, ExecStack st, FunctionInstance fn, int[] code, int pc, int fp, int sp, int depth) {
        TagInstance tag = fn.instance.tags[code[pc + 1]];
        int n = code[pc + 2];
        int argBase = sp - 1 - n;
        st.depth = Ext.resumeAt(st, depth, fn, pc + 3, fp, argBase);
        return cx.switchTo(st, (ContRef) st.refs[sp - 1], tag, argBase, n);
    }

    /** The resume's handler table, built once per function instance and resume site. */
    static HandlerTable handlers(FunctionInstance fn, int[] code, int at) {
        HandlerTable[] cache = fn.handlerTables;
        if (cache == null) {
            cache = fn.handlerTables = new HandlerTable[fn.lowered.resumeSites];
        }
        HandlerTable h = cache[code[at]];
        if (h == null) {
            HandlerTable.Builder b = HandlerTable.builder();
            int count = code[at + 1];
            for (int i = 0; i < count; i++) {
                int e = at + 2 + 4 * i;
                TagInstance tag = fn.instance.tags[code[e]];
                if (code[e + 1] == ExtInstr.SWITCH_CLAUSE) {
                    b.onSwitch(tag);
                } else {
                    b.onSuspend(tag, e + 1);
                }
            }
            h = cache[code[at]] = b.build();
        }
        return h;
    }

    /** The pc after a resume's clause list starting at {@code at} (site, n, clauses). */
    private static int after(int[] code, int at) {
        return at + 2 + 4 * code[at + 1];
    }
}
