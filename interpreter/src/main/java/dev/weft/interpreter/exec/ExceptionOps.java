package dev.weft.interpreter.exec;

import dev.weft.interpreter.Tag;
import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;
import dev.weft.interpreter.Value;
import dev.weft.interpreter.WasmException;
import dev.weft.interpreter.code.CompiledFunction;
import dev.weft.interpreter.exec.switching.StackValues;

/**
 * Exception handling: {@code throw}, {@code throw_ref} and the search for a handler. A thrown
 * exception is a {@link WasmException} object (also the value of an {@code exnref}, so
 * {@code throw_ref} keeps its identity). The search walks the explicit frame stack inside the
 * loop invocation, consulting each function's handler table ({@link CompiledFunction#handlers});
 * no Java exception is thrown while a Wasm handler is found below. Only when the search reaches
 * the loop invocation's base frame does the exception leave as a Java exception, to cross a host
 * frame (caught again in {@link Calls#callHost}) or to reach the embedder.
 * The handler table's layout is {@link CompiledFunction#HANDLER_ENTRY}'s.
 */
final class ExceptionOps {

    private ExceptionOps() {}

    /** {@code throw tag}: the payload is on top of the stack. */
    static int throwTag(ExecStack st, FunctionInstance fn, int tagIndex, int pc, int fp, int sp,
            int depth) {
        TagInstance tag = fn.instance.tags[tagIndex];
        int slots = dev.weft.interpreter.ast.ValType.slots(tag.type().params());
        Value[] payload = StackValues.read(st, sp - slots, tag.type().params());
        return unwind(st, new WasmException(tag, payload), fn, pc, fp, depth);
    }

    /** {@code throw_ref}: rethrows the exception on top of the stack, or traps if it is null. */
    static int throwRef(ExecStack st, FunctionInstance fn, int pc, int fp, int sp, int depth) {
        Object exn = st.refs[sp - 1];
        if (exn == null) {
            throw new Trap(TrapKind.NULL_EXCEPTION_REFERENCE);
        }
        return unwind(st, (WasmException) exn, fn, pc, fp, depth);
    }

    /**
     * Finds the handler for {@code exn} thrown at {@code pc} (a position inside the throwing
     * instruction) of {@code fn}, popping frames, and past a continuation's bottom frame going on
     * at its parent's resume site; continues there (see {@link Ext}) or, past a barrier's bottom,
     * rethrows {@code exn} as a Java exception.
     */
    static int unwind(ExecStack st, WasmException exn, FunctionInstance fn, int pc, int fp, int depth) {
        while (true) {
            int[] h = fn.lowered.handlers;
            for (int i = 0; i < h.length; i += CompiledFunction.HANDLER_ENTRY) {
                if (h[i] <= pc && pc < h[i + 1] && catches(h[i + 2], exn.tag(), fn.instance)) {
                    return enterHandler(st, exn, fn, fp, h, i, depth);
                }
            }
            while (depth == 0) {
                if (st.isBarrier()) {
                    throw exn;
                }
                st = (ExecStack) StackContext.current().thrown(st);
                depth = st.depth;
            }
            depth--;
            pc = st.frames[2 * depth] - 1;
            fp = st.frames[2 * depth + 1];
            fn = st.frameFns[depth];
        }
    }

    /** Like {@link #unwind} but starting at the caller of the current frame (after a tail call). */
    static int unwindCaller(ExecStack st, WasmException exn, int depth) {
        while (depth == 0) {
            if (st.isBarrier()) {
                throw exn;
            }
            st = (ExecStack) StackContext.current().thrown(st);
            depth = st.depth;
        }
        depth--;
        return unwind(st, exn, st.frameFns[depth], st.frames[2 * depth] - 1, st.frames[2 * depth + 1], depth);
    }

    /**
     * Raises {@code exn} in stack {@code st}, which is parked (its position is the top saved
     * frame, {@code st.depth} deep): at a suspend/switch for resume_throw, or at the resume
     * site an exception left a continuation through.
     */
    static int unwindSaved(ExecStack st, WasmException exn) {
        return unwindCaller(st, exn, st.depth);
    }

    private static boolean catches(int tagIndex, Tag tag, ModuleInstance inst) {
        return tagIndex == CompiledFunction.ANY_TAG || inst.tags[tagIndex] == tag;
    }

    private static int enterHandler(ExecStack st, WasmException exn, FunctionInstance fn, int fp,
            int[] h, int i, int depth) {
        int kind = h[i + 3];
        int sp = fp + h[i + 5];
        if (kind <= 1) {
            Value[] payload = exn.payload();
            StackValues.write(st, sp, payload);
            sp += dev.weft.interpreter.ast.ValType.slots(exn.tag().type().params());
        }
        if (kind == 1 || kind == 3) {
            st.slots[sp] = 0;
            st.refs[sp++] = exn;
        }
        return Ext.resumeAt(st, depth, fn, h[i + 4], fp, sp);
    }
}
