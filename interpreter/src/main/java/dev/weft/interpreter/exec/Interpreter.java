package dev.weft.interpreter.exec;

import static dev.weft.interpreter.code.Opcodes.*;

import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;
import dev.weft.interpreter.Value;
import dev.weft.interpreter.code.CompiledFunction;
import dev.weft.interpreter.exec.numeric.NumericOps;
import dev.weft.interpreter.exec.switching.StackValues;

/**
 * The dispatch loop. One method, {@link #run}, executes lowered code with pc, sp, fp, the code
 * array and the value arrays in locals. A Wasm call pushes (return pc, caller fp, caller
 * function) onto the {@link ExecStack}'s frame stack and continues in the same loop; a return
 * pops it. Only host calls recurse on the Java stack (a host may re-enter Wasm: a new loop
 * invocation runs on a new barrier stack). Stack-switching instructions move the loop to another
 * {@link ExecStack} (see {@link ContOps}); it reloads its locals as after any EXT instruction.
 *
 * <p>This file is long in lines but the loop stays far below HotSpot's 8,000-byte limit for JIT
 * compilation: each case is one to three statements, bulky operations live in
 * {@link NumericOps}, {@link MemoryOps}, {@link TableOps}; the instructions of later proposals
 * (typed function references, tail calls, exceptions) share one case, {@code EXT}, handled by
 * {@link Ext}, which like a host call hands back a frame to "return" into, so both reuse the
 * loop's return path to reload their state. {@code DispatchLoopSizeTest} checks
 * the bytecode size.
 *
 * <p>Few loop-carried locals: the frame arrays, the module instance and memory 0 are read where
 * a case needs them ({@code st.frames}, {@code fn.instance}, {@code fn.memory0}), not kept in
 * locals of their own. Once the loop-carried values outnumber the registers, C2 stores every one
 * of them to the stack frame at the loop head and reloads every one on every dispatch; dropping
 * the instance and memory locals alone took the generator's suspend/resume pair from 79-93 ns to
 * 65-77 ns (same machine and hour; see continuations/README.md). Values: i32/f32 in the low half of a slot (upper bits ignored), i64/f64 in
 * the whole slot, references in the same index of the {@code Object[]}.
 *
 * <p>Metering ({@link Meter}): every backward branch ({@link Meter#branch}), every call of Wasm
 * code and every EXT instruction ticks the running function's meter, so fuel, deadlines and
 * interrupts stop any loop, whichever instruction closes it.
 */
public final class Interpreter {
    private static final long MASK32 = 0xFFFF_FFFFL;
    /** The code the loop starts in: a return of no values into the stack's top saved frame. */
    private static final int[] ENTER = {RETURN_VOID};
    /**
     * The loop's sp after an EXT instruction, a host call or a stack switch: not a position but
     * "reload": the running stack ({@code cx.running}, maybe another one) has a frame to pop.
     */
    private static final int RELOAD = -1;

    private Interpreter() {}

    /**
     * Calls {@code f} with {@code args} from Java: on a new barrier stack of the thread's
     * continuation model (entered from the running stack, if a host function called this).
     */
    static Value[] call(FunctionInstance f, Value[] args) {
        Calls.checkArguments(f, args);
        return callValidated(f, args);
    }

    /** {@link #call} for arguments that come from validated code (compiled code's calls): no check. */
    static Value[] callValidated(FunctionInstance f, Value[] args) {
        ModuleInstance inst = f.instance;
        if (inst == null) { // a host function
            return Calls.invokeHostDirect(f, InstanceCaller.NONE, args);
        }
        Thread owner = inst.enter(Thread.currentThread());
        long start = owner == null ? System.nanoTime() : 0;
        try {
            if (Hotness.codeForCall(f) != null) {
                return interpret(f, args);
            }
            // a function of the compiled tier runs behind a host-like entry (code == null); nested
            // on this thread (a host function calling back into compiled code), it counts against
            // weft.maxHostDepth as a nested interpreter entry does
            StackContext cx = StackContext.current();
            boolean nested = owner != null || cx.runningStack() != null;
            if (nested) {
                cx.enterNested();
            }
            try {
                return Calls.invokeHostDirect(f, InstanceCaller.NONE, args);
            } finally {
                if (nested) {
                    cx.leaveNested();
                }
            }
        } finally {
            inst.exit(owner);
            if (owner == null) {
                inst.meter.addWallNanos(System.nanoTime() - start);
            }
        }
    }

    /** Runs Wasm function {@code f} in the loop on a barrier stack of this thread. */
    private static Value[] interpret(FunctionInstance f, Value[] args) {
        Meter.tick(f.meter); // the call from Java counts, as compiled code's entry does
        StackContext cx = StackContext.current();
        ExecStack caller = cx.runningStack();
        ExecStack root = cx.enterRoot();
        try {
            CompiledFunction c = f.code;
            root.reserve(c.frameSize());
            StackValues.write(root, 0, args);
            Calls.zeroLocals(root.slots, root.refs, c.numParams, c.numLocals);
            root.depth = Ext.resumeAt(root, 0, f, 0, 0, c.numLocals);
            run(cx, root);
            return StackValues.read(root, 0, f.type.results());
        } catch (StackOverflowError e) {
            throw new Trap(TrapKind.CALL_STACK_EXHAUSTED, "Java stack overflow in host calls");
        } finally {
            cx.leaveRoot(root, caller);
        }
    }

    /**
     * Runs, on the thread of {@code cx}, from the top saved frame of {@code st} ({@code st.depth}, {@code st.sp}) until the
     * bottom frame of a barrier stack returns (its results are then at slot 0) or a host
     * resume's barrier gets control back. Stack-switching instructions change the stack the
     * loop runs on (see {@link ContOps}); every stack's bottom frame is at depth 0.
     */
    static void run(StackContext cx, ExecStack st) {
        if (st.depth == 0 && !st.isBarrier()) {
            // parked to return from its bottom frame (a host call there switched): it returns now
            cx.returned(st, 0, st.sp);
            st = cx.runningStack();
        }
        int depth = st.depth;
        long[] s = st.slots;
        Object[] r = st.refs;
        // enter by "returning" nothing into the top saved frame: sp stays st.sp
        int fp = st.sp;
        int sp = fp;
        int[] code = ENTER;
        int pc = 0;
        FunctionInstance fn = null;
        try {
        while (true) {
            popFrame:
            {
                int op = code[pc++];
                switch (op) {
                    case UNREACHABLE:
                        throw new Trap(TrapKind.UNREACHABLE);
                    case BR:
                        pc = Meter.branch(fn, pc, code[pc]);
                        break;
                    case BR_COPY:
                        sp = move(s, r, sp, fp, code, pc);
                        pc = Meter.branch(fn, pc, code[pc]);
                        break;
                    case BR_IF:
                        pc = (int) s[--sp] != 0 ? Meter.branch(fn, pc, code[pc]) : pc + 1;
                        break;
                    case BR_IF_COPY:
                        if ((int) s[--sp] != 0) {
                            sp = move(s, r, sp, fp, code, pc);
                            pc = Meter.branch(fn, pc, code[pc]);
                        } else {
                            pc += 3;
                        }
                        break;
                    case BR_UNLESS:
                        pc = (int) s[--sp] == 0 ? Meter.branch(fn, pc, code[pc]) : pc + 1;
                        break;
                    case BR_TABLE: {
                        int e = pc + 1 + 3 * (int) Math.min(s[--sp] & MASK32, code[pc]);
                        sp = move(s, r, sp, fp, code, e);
                        pc = Meter.branch(fn, pc, code[e]);
                        break;
                    }
                    case RETURN_VOID:
                        sp = fp;
                        break popFrame;
                    case RETURN_1:
                        s[fp] = s[sp - 1];
                        r[fp] = r[sp - 1];
                        sp = fp + 1;
                        break popFrame;
                    case RETURN:
                        sp = Calls.moveResults(s, r, sp, fp, code[pc]);
                        break popFrame;
                    case CALL:
                    case CALL_INDIRECT: {
                        FunctionInstance f;
                        if (op == CALL) {
                            f = fn.instance.functions[code[pc++]];
                        } else {
                            f = TableOps.indirect(fn.instance.tables[code[pc + 1]], s[--sp], code[pc]);
                            pc += 2;
                        }
                        CompiledFunction c = Hotness.codeForCall(f);
                        if (c == null) {
                            depth = Calls.callHost(st, f, fn, pc, fp, sp, depth);
                            sp = RELOAD;
                            break popFrame;
                        }
                        Meter.tick(f.meter);
                        int nfp = sp - c.numParams;
                        sp = nfp + c.numLocals;
                        FunctionInstance[] ff = st.frameFns;
                        if (sp + c.maxStack > st.touched || depth >= ff.length) {
                            st.grow(sp + c.maxStack, depth);
                            s = st.slots;
                            r = st.refs;
                            ff = st.frameFns;
                        }
                        int[] fr = st.frames;
                        fr[2 * depth] = pc;
                        fr[2 * depth + 1] = fp;
                        ff[depth++] = fn;
                        for (int i = nfp + c.numParams; i < sp; i++) {
                            s[i] = 0;
                            r[i] = null;
                        }
                        fn = f;
                        code = c.code;
                        fp = nfp;
                        pc = 0;
                        break;
                    }
                    case LOCAL_GET:
                        s[sp++] = s[fp + code[pc++]];
                        break;
                    case LOCAL_SET:
                        s[fp + code[pc++]] = s[--sp];
                        break;
                    case LOCAL_TEE:
                        s[fp + code[pc++]] = s[sp - 1];
                        break;
                    case LOCAL_GET_REF:
                        r[sp++] = r[fp + code[pc++]];
                        break;
                    case LOCAL_SET_REF:
                        r[fp + code[pc++]] = r[--sp];
                        break;
                    case LOCAL_TEE_REF:
                        r[fp + code[pc++]] = r[sp - 1];
                        break;
                    case DROP:
                        sp--;
                        break;
                    case DROP_REF:
                        r[--sp] = null;
                        break;
                    case SELECT:
                        sp -= 2;
                        if ((int) s[sp + 1] == 0) {
                            s[sp - 1] = s[sp];
                        }
                        break;
                    case SELECT_REF:
                        sp -= 2;
                        if ((int) s[sp + 1] == 0) {
                            r[sp - 1] = r[sp];
                        }
                        break;
                    case GLOBAL_GET:
                        s[sp++] = fn.instance.globals[code[pc++]].bits;
                        break;
                    case GLOBAL_SET:
                        fn.instance.globals[code[pc++]].bits = s[--sp];
                        break;
                    case GLOBAL_GET_REF:
                        r[sp++] = fn.instance.globals[code[pc++]].ref;
                        break;
                    case GLOBAL_SET_REF:
                        fn.instance.globals[code[pc++]].ref = r[--sp];
                        break;
                    case CONST32:
                        s[sp++] = code[pc++];
                        break;
                    case CONST64:
                        s[sp++] = ((long) code[pc] << 32) | (code[pc + 1] & MASK32);
                        pc += 2;
                        break;
                    case REF_NULL:
                        r[sp++] = null;
                        break;
                    case REF_IS_NULL:
                        s[sp - 1] = r[sp - 1] == null ? 1 : 0;
                        break;
                    case REF_FUNC:
                        r[sp++] = fn.instance.functions[code[pc++]];
                        break;
                    case LOAD_I32:
                        s[sp - 1] = fn.memory0.loadI32((int) s[sp - 1], code[pc++]);
                        break;
                    case LOAD_I64:
                        s[sp - 1] = fn.memory0.loadI64((int) s[sp - 1], code[pc++]);
                        break;
                    case LOAD_I32_ADD:
                        sp--;
                        s[sp - 1] = fn.memory0.loadI32((int) s[sp - 1] + (int) s[sp], code[pc++]);
                        break;
                    case LOAD_I64_ADD:
                        sp--;
                        s[sp - 1] = fn.memory0.loadI64((int) s[sp - 1] + (int) s[sp], code[pc++]);
                        break;
                    case LOAD_I32_SHL:
                        s[sp - 1] = fn.memory0.loadI32((int) s[sp - 1] << code[pc], code[pc + 1]);
                        pc += 2;
                        break;
                    case LOAD_I64_SHL:
                        s[sp - 1] = fn.memory0.loadI64((int) s[sp - 1] << code[pc], code[pc + 1]);
                        pc += 2;
                        break;
                    case LOAD_8S:
                        s[sp - 1] = fn.memory0.load8((int) s[sp - 1], code[pc++]);
                        break;
                    case LOAD_8U:
                        s[sp - 1] = fn.memory0.load8((int) s[sp - 1], code[pc++]) & 0xFF;
                        break;
                    case LOAD_16S:
                        s[sp - 1] = fn.memory0.load16((int) s[sp - 1], code[pc++]);
                        break;
                    case LOAD_16U:
                        s[sp - 1] = fn.memory0.load16((int) s[sp - 1], code[pc++]) & 0xFFFF;
                        break;
                    case LOAD_32U:
                        s[sp - 1] = fn.memory0.loadI32((int) s[sp - 1], code[pc++]) & MASK32;
                        break;
                    case STORE_32:
                        sp -= 2;
                        fn.memory0.storeI32((int) s[sp], code[pc++], (int) s[sp + 1]);
                        break;
                    case STORE_64:
                        sp -= 2;
                        fn.memory0.storeI64((int) s[sp], code[pc++], s[sp + 1]);
                        break;
                    case STORE_8:
                        sp -= 2;
                        fn.memory0.store8((int) s[sp], code[pc++], (int) s[sp + 1]);
                        break;
                    case STORE_16:
                        sp -= 2;
                        fn.memory0.store16((int) s[sp], code[pc++], (int) s[sp + 1]);
                        break;
                    case MEM_EXT:
                        sp = MemoryOps.access(s, sp, code, pc, fn.instance);
                        pc += 4;
                        break;
                    case MEMORY_FILL:
                        sp = MemoryOps.fill(s, sp, fn.instance.memories[code[pc++]]);
                        break;
                    case MEMORY_COPY:
                        sp = MemoryOps.copy(s, sp, fn.instance, code[pc], code[pc + 1]);
                        pc += 2;
                        break;
                    case I32_EQZ:
                        s[sp - 1] = (int) s[sp - 1] == 0 ? 1 : 0;
                        break;
                    case I32_EQ:
                        s[sp - 2] = (int) s[sp - 2] == (int) s[--sp] ? 1 : 0;
                        break;
                    case I32_NE:
                        s[sp - 2] = (int) s[sp - 2] != (int) s[--sp] ? 1 : 0;
                        break;
                    case I32_LT_S:
                        s[sp - 2] = (int) s[sp - 2] < (int) s[--sp] ? 1 : 0;
                        break;
                    case I32_LT_U:
                        s[sp - 2] = Integer.compareUnsigned((int) s[sp - 2], (int) s[--sp]) < 0 ? 1 : 0;
                        break;
                    case I32_GT_S:
                        s[sp - 2] = (int) s[sp - 2] > (int) s[--sp] ? 1 : 0;
                        break;
                    case I32_GT_U:
                        s[sp - 2] = Integer.compareUnsigned((int) s[sp - 2], (int) s[--sp]) > 0 ? 1 : 0;
                        break;
                    case I32_LE_S:
                        s[sp - 2] = (int) s[sp - 2] <= (int) s[--sp] ? 1 : 0;
                        break;
                    case I32_LE_U:
                        s[sp - 2] = Integer.compareUnsigned((int) s[sp - 2], (int) s[--sp]) <= 0 ? 1 : 0;
                        break;
                    case I32_GE_S:
                        s[sp - 2] = (int) s[sp - 2] >= (int) s[--sp] ? 1 : 0;
                        break;
                    case I32_GE_U:
                        s[sp - 2] = Integer.compareUnsigned((int) s[sp - 2], (int) s[--sp]) >= 0 ? 1 : 0;
                        break;
                    case I32_ADD:
                        s[sp - 2] = (int) s[sp - 2] + (int) s[--sp];
                        break;
                    case I32_SUB:
                        s[sp - 2] = (int) s[sp - 2] - (int) s[--sp];
                        break;
                    case I32_MUL:
                        s[sp - 2] = (int) s[sp - 2] * (int) s[--sp];
                        break;
                    case I32_DIV_S:
                        s[sp - 2] = NumericOps.i32DivS((int) s[sp - 2], (int) s[--sp]);
                        break;
                    case I32_DIV_U:
                        s[sp - 2] = NumericOps.i32DivU((int) s[sp - 2], (int) s[--sp]);
                        break;
                    case I32_REM_S:
                        s[sp - 2] = NumericOps.i32RemS((int) s[sp - 2], (int) s[--sp]);
                        break;
                    case I32_REM_U:
                        s[sp - 2] = NumericOps.i32RemU((int) s[sp - 2], (int) s[--sp]);
                        break;
                    case I32_AND:
                        s[sp - 2] = (int) s[sp - 2] & (int) s[--sp];
                        break;
                    case I32_OR:
                        s[sp - 2] = (int) s[sp - 2] | (int) s[--sp];
                        break;
                    case I32_XOR:
                        s[sp - 2] = (int) s[sp - 2] ^ (int) s[--sp];
                        break;
                    case I32_SHL:
                        s[sp - 2] = (int) s[sp - 2] << (int) s[--sp];
                        break;
                    case I32_SHR_S:
                        s[sp - 2] = (int) s[sp - 2] >> (int) s[--sp];
                        break;
                    case I32_SHR_U:
                        s[sp - 2] = (int) s[sp - 2] >>> (int) s[--sp];
                        break;
                    case I32_ROTL:
                        s[sp - 2] = Integer.rotateLeft((int) s[sp - 2], (int) s[--sp]);
                        break;
                    case I32_ROTR:
                        s[sp - 2] = Integer.rotateRight((int) s[sp - 2], (int) s[--sp]);
                        break;
                    case I64_EQZ:
                        s[sp - 1] = s[sp - 1] == 0 ? 1 : 0;
                        break;
                    case I64_EQ:
                        s[sp - 2] = s[sp - 2] == s[--sp] ? 1 : 0;
                        break;
                    case I64_NE:
                        s[sp - 2] = s[sp - 2] != s[--sp] ? 1 : 0;
                        break;
                    case I64_LT_S:
                        s[sp - 2] = s[sp - 2] < s[--sp] ? 1 : 0;
                        break;
                    case I64_LT_U:
                        s[sp - 2] = Long.compareUnsigned(s[sp - 2], s[--sp]) < 0 ? 1 : 0;
                        break;
                    case I64_GT_S:
                        s[sp - 2] = s[sp - 2] > s[--sp] ? 1 : 0;
                        break;
                    case I64_GT_U:
                        s[sp - 2] = Long.compareUnsigned(s[sp - 2], s[--sp]) > 0 ? 1 : 0;
                        break;
                    case I64_LE_S:
                        s[sp - 2] = s[sp - 2] <= s[--sp] ? 1 : 0;
                        break;
                    case I64_LE_U:
                        s[sp - 2] = Long.compareUnsigned(s[sp - 2], s[--sp]) <= 0 ? 1 : 0;
                        break;
                    case I64_GE_S:
                        s[sp - 2] = s[sp - 2] >= s[--sp] ? 1 : 0;
                        break;
                    case I64_GE_U:
                        s[sp - 2] = Long.compareUnsigned(s[sp - 2], s[--sp]) >= 0 ? 1 : 0;
                        break;
                    case I64_ADD:
                        s[sp - 2] = s[sp - 2] + s[--sp];
                        break;
                    case I64_SUB:
                        s[sp - 2] = s[sp - 2] - s[--sp];
                        break;
                    case I64_MUL:
                        s[sp - 2] = s[sp - 2] * s[--sp];
                        break;
                    case I64_DIV_S:
                        s[sp - 2] = NumericOps.i64DivS(s[sp - 2], s[--sp]);
                        break;
                    case I64_DIV_U:
                        s[sp - 2] = NumericOps.i64DivU(s[sp - 2], s[--sp]);
                        break;
                    case I64_REM_S:
                        s[sp - 2] = NumericOps.i64RemS(s[sp - 2], s[--sp]);
                        break;
                    case I64_REM_U:
                        s[sp - 2] = NumericOps.i64RemU(s[sp - 2], s[--sp]);
                        break;
                    case I64_AND:
                        s[sp - 2] = s[sp - 2] & s[--sp];
                        break;
                    case I64_OR:
                        s[sp - 2] = s[sp - 2] | s[--sp];
                        break;
                    case I64_XOR:
                        s[sp - 2] = s[sp - 2] ^ s[--sp];
                        break;
                    case I64_SHL:
                        s[sp - 2] = s[sp - 2] << s[--sp];
                        break;
                    case I64_SHR_S:
                        s[sp - 2] = s[sp - 2] >> s[--sp];
                        break;
                    case I64_SHR_U:
                        s[sp - 2] = s[sp - 2] >>> s[--sp];
                        break;
                    case I64_ROTL:
                        s[sp - 2] = Long.rotateLeft(s[sp - 2], (int) s[--sp]);
                        break;
                    case I64_ROTR:
                        s[sp - 2] = Long.rotateRight(s[sp - 2], (int) s[--sp]);
                        break;
                    case F32_EQ:
                        s[sp - 2] = NumericOps.f32Eq(s[sp - 2], s[--sp]);
                        break;
                    case F32_NE:
                        s[sp - 2] = NumericOps.f32Ne(s[sp - 2], s[--sp]);
                        break;
                    case F32_LT:
                        s[sp - 2] = NumericOps.f32Lt(s[sp - 2], s[--sp]);
                        break;
                    case F32_GT:
                        s[sp - 2] = NumericOps.f32Gt(s[sp - 2], s[--sp]);
                        break;
                    case F32_LE:
                        s[sp - 2] = NumericOps.f32Le(s[sp - 2], s[--sp]);
                        break;
                    case F32_GE:
                        s[sp - 2] = NumericOps.f32Ge(s[sp - 2], s[--sp]);
                        break;
                    case F32_SQRT:
                        s[sp - 1] = NumericOps.f32Sqrt(s[sp - 1]);
                        break;
                    case F32_ADD:
                        s[sp - 2] = NumericOps.f32Add(s[sp - 2], s[--sp]);
                        break;
                    case F32_SUB:
                        s[sp - 2] = NumericOps.f32Sub(s[sp - 2], s[--sp]);
                        break;
                    case F32_MUL:
                        s[sp - 2] = NumericOps.f32Mul(s[sp - 2], s[--sp]);
                        break;
                    case F32_DIV:
                        s[sp - 2] = NumericOps.f32Div(s[sp - 2], s[--sp]);
                        break;
                    case F32_MIN:
                        s[sp - 2] = NumericOps.f32Min(s[sp - 2], s[--sp]);
                        break;
                    case F32_MAX:
                        s[sp - 2] = NumericOps.f32Max(s[sp - 2], s[--sp]);
                        break;
                    case F32_COPYSIGN:
                        s[sp - 2] = NumericOps.f32Copysign(s[sp - 2], s[--sp]);
                        break;
                    case F64_EQ:
                        s[sp - 2] = NumericOps.f64Eq(s[sp - 2], s[--sp]);
                        break;
                    case F64_NE:
                        s[sp - 2] = NumericOps.f64Ne(s[sp - 2], s[--sp]);
                        break;
                    case F64_LT:
                        s[sp - 2] = NumericOps.f64Lt(s[sp - 2], s[--sp]);
                        break;
                    case F64_GT:
                        s[sp - 2] = NumericOps.f64Gt(s[sp - 2], s[--sp]);
                        break;
                    case F64_LE:
                        s[sp - 2] = NumericOps.f64Le(s[sp - 2], s[--sp]);
                        break;
                    case F64_GE:
                        s[sp - 2] = NumericOps.f64Ge(s[sp - 2], s[--sp]);
                        break;
                    case F64_SQRT:
                        s[sp - 1] = NumericOps.db(Math.sqrt(NumericOps.d(s[sp - 1])));
                        break;
                    case F64_ADD:
                        s[sp - 2] = NumericOps.f64Add(s[sp - 2], s[--sp]);
                        break;
                    case F64_SUB:
                        s[sp - 2] = NumericOps.f64Sub(s[sp - 2], s[--sp]);
                        break;
                    case F64_MUL:
                        s[sp - 2] = NumericOps.f64Mul(s[sp - 2], s[--sp]);
                        break;
                    case F64_MUL_ADD:
                        sp -= 2;
                        s[sp - 1] = NumericOps.f64Add(s[sp - 1], NumericOps.f64Mul(s[sp], s[sp + 1]));
                        break;
                    case F64_DIV:
                        s[sp - 2] = NumericOps.f64Div(s[sp - 2], s[--sp]);
                        break;
                    case F64_MIN:
                        s[sp - 2] = NumericOps.f64Min(s[sp - 2], s[--sp]);
                        break;
                    case F64_MAX:
                        s[sp - 2] = NumericOps.f64Max(s[sp - 2], s[--sp]);
                        break;
                    case F64_COPYSIGN:
                        s[sp - 2] = NumericOps.f64Copysign(s[sp - 2], s[--sp]);
                        break;
                    case CONVERT:
                        s[sp - 1] = NumericOps.convert(code[pc++], s[sp - 1]);
                        break;
                    case ADD_CONST:
                        s[sp - 1] += code[pc++];
                        break;
                    case LOCAL_GET2:
                        s[sp] = s[fp + code[pc]];
                        s[sp + 1] = s[fp + code[pc + 1]];
                        sp += 2;
                        pc += 2;
                        break;
                    case BR_IF_I32_EQZ:
                        pc = (int) s[--sp] == 0 ? Meter.branch(fn, pc, code[pc]) : pc + 1;
                        break;
                    case BR_IF_I32_LT_S:
                        sp -= 2;
                        pc = (int) s[sp] < (int) s[sp + 1] ? Meter.branch(fn, pc, code[pc]) : pc + 1;
                        break;
                    case BR_IF_I32_GE_S:
                        sp -= 2;
                        pc = (int) s[sp] >= (int) s[sp + 1] ? Meter.branch(fn, pc, code[pc]) : pc + 1;
                        break;
                    case BR_IF_I32_NE:
                        sp -= 2;
                        pc = (int) s[sp] != (int) s[sp + 1] ? Meter.branch(fn, pc, code[pc]) : pc + 1;
                        break;
                    case BR_IF_I32_EQ:
                        sp -= 2;
                        pc = (int) s[sp] == (int) s[sp + 1] ? Meter.branch(fn, pc, code[pc]) : pc + 1;
                        break;
                    case BR_IF_I32_LT_U:
                        sp -= 2;
                        pc = Integer.compareUnsigned((int) s[sp], (int) s[sp + 1]) < 0 ? Meter.branch(fn, pc, code[pc]) : pc + 1;
                        break;
                    case BR_IF_I32_GE_U:
                        sp -= 2;
                        pc = Integer.compareUnsigned((int) s[sp], (int) s[sp + 1]) >= 0 ? Meter.branch(fn, pc, code[pc]) : pc + 1;
                        break;
                    case BR_IF_I32_GT_S:
                        sp -= 2;
                        pc = (int) s[sp] > (int) s[sp + 1] ? Meter.branch(fn, pc, code[pc]) : pc + 1;
                        break;
                    case BR_IF_I32_LE_S:
                        sp -= 2;
                        pc = (int) s[sp] <= (int) s[sp + 1] ? Meter.branch(fn, pc, code[pc]) : pc + 1;
                        break;
                    case BR_IF_I32_GT_U:
                        sp -= 2;
                        pc = Integer.compareUnsigned((int) s[sp], (int) s[sp + 1]) > 0 ? Meter.branch(fn, pc, code[pc]) : pc + 1;
                        break;
                    case BR_IF_I32_LE_U:
                        sp -= 2;
                        pc = Integer.compareUnsigned((int) s[sp], (int) s[sp + 1]) <= 0 ? Meter.branch(fn, pc, code[pc]) : pc + 1;
                        break;
                    case ADD_LL:
                        s[sp++] = s[fp + code[pc]] + s[fp + code[pc + 1]];
                        pc += 2;
                        break;
                    case ADD_LL_SET:
                        s[fp + code[pc]] = s[fp + code[pc + 1]] + s[fp + code[pc + 2]];
                        pc += 3;
                        break;
                    case LOCAL_ADD_CONST_SET:
                        s[fp + code[pc]] = s[fp + code[pc + 1]] + code[pc + 2];
                        pc += 3;
                        break;
                    case BR_IF_LL_LT_S:
                        pc = (int) s[fp + code[pc]] < (int) s[fp + code[pc + 1]] ? Meter.branch(fn, pc, code[pc + 2]) : pc + 3;
                        break;
                    case BR_IF_LL_GE_S:
                        pc = (int) s[fp + code[pc]] >= (int) s[fp + code[pc + 1]] ? Meter.branch(fn, pc, code[pc + 2]) : pc + 3;
                        break;
                    case BR_IF_LL_LT_U:
                        pc = Integer.compareUnsigned((int) s[fp + code[pc]], (int) s[fp + code[pc + 1]]) < 0 ? Meter.branch(fn, pc, code[pc + 2]) : pc + 3;
                        break;
                    case BR_IF_LL_GE_U:
                        pc = Integer.compareUnsigned((int) s[fp + code[pc]], (int) s[fp + code[pc + 1]]) >= 0 ? Meter.branch(fn, pc, code[pc + 2]) : pc + 3;
                        break;
                    case BR_IF_LL_EQ:
                        pc = (int) s[fp + code[pc]] == (int) s[fp + code[pc + 1]] ? Meter.branch(fn, pc, code[pc + 2]) : pc + 3;
                        break;
                    case BR_IF_LL_NE:
                        pc = (int) s[fp + code[pc]] != (int) s[fp + code[pc + 1]] ? Meter.branch(fn, pc, code[pc + 2]) : pc + 3;
                        break;
                    case LOCAL_ADD_CONST:
                        s[sp++] = s[fp + code[pc]] + code[pc + 1];
                        pc += 2;
                        break;
                    case BR_IF_LC_LT_S:
                        pc = (int) s[fp + code[pc]] < code[pc + 1] ? Meter.branch(fn, pc, code[pc + 2]) : pc + 3;
                        break;
                    case BR_IF_LC_GE_S:
                        pc = (int) s[fp + code[pc]] >= code[pc + 1] ? Meter.branch(fn, pc, code[pc + 2]) : pc + 3;
                        break;
                    case BR_IF_LC_LT_U:
                        pc = Integer.compareUnsigned((int) s[fp + code[pc]], code[pc + 1]) < 0 ? Meter.branch(fn, pc, code[pc + 2]) : pc + 3;
                        break;
                    case BR_IF_LC_GE_U:
                        pc = Integer.compareUnsigned((int) s[fp + code[pc]], code[pc + 1]) >= 0 ? Meter.branch(fn, pc, code[pc + 2]) : pc + 3;
                        break;
                    case BR_IF_LC_EQ:
                        pc = (int) s[fp + code[pc]] == code[pc + 1] ? Meter.branch(fn, pc, code[pc + 2]) : pc + 3;
                        break;
                    case BR_IF_LC_NE:
                        pc = (int) s[fp + code[pc]] != code[pc + 1] ? Meter.branch(fn, pc, code[pc + 2]) : pc + 3;
                        break;
                    case BR_IF_SL_LT_S:
                        pc = (int) s[--sp] < (int) s[fp + code[pc]] ? Meter.branch(fn, pc, code[pc + 1]) : pc + 2;
                        break;
                    case BR_IF_SL_GE_S:
                        pc = (int) s[--sp] >= (int) s[fp + code[pc]] ? Meter.branch(fn, pc, code[pc + 1]) : pc + 2;
                        break;
                    case BR_IF_SL_LT_U:
                        pc = Integer.compareUnsigned((int) s[--sp], (int) s[fp + code[pc]]) < 0 ? Meter.branch(fn, pc, code[pc + 1]) : pc + 2;
                        break;
                    case BR_IF_SL_GE_U:
                        pc = Integer.compareUnsigned((int) s[--sp], (int) s[fp + code[pc]]) >= 0 ? Meter.branch(fn, pc, code[pc + 1]) : pc + 2;
                        break;
                    case BR_IF_SL_EQ:
                        pc = (int) s[--sp] == (int) s[fp + code[pc]] ? Meter.branch(fn, pc, code[pc + 1]) : pc + 2;
                        break;
                    case BR_IF_SL_NE:
                        pc = (int) s[--sp] != (int) s[fp + code[pc]] ? Meter.branch(fn, pc, code[pc + 1]) : pc + 2;
                        break;
                    case LOCAL_ADD_CONST_TEE:
                        s[sp++] = s[fp + code[pc]] = s[fp + code[pc + 1]] + code[pc + 2];
                        pc += 3;
                        break;
                    case ADD_LL_TEE:
                        s[sp++] = s[fp + code[pc]] = s[fp + code[pc + 1]] + s[fp + code[pc + 2]];
                        pc += 3;
                        break;
                    case AND_CONST:
                        s[sp - 1] &= code[pc++];
                        break;
                    case I32_SHL_CONST:
                        s[sp - 1] = (int) s[sp - 1] << code[pc++];
                        break;
                    case I32_SHR_U_CONST:
                        s[sp - 1] = (int) s[sp - 1] >>> code[pc++];
                        break;
                    case MUL_CONST:
                        s[sp - 1] *= code[pc++];
                        break;
                    case ADD_L:
                        s[sp - 1] += s[fp + code[pc++]];
                        break;
                    case MUL_L:
                        s[sp - 1] *= s[fp + code[pc++]];
                        break;
                    case ADD_SET:
                        sp -= 2;
                        s[fp + code[pc++]] = s[sp] + s[sp + 1];
                        break;
                    case BR_IF_I64_EQZ:
                        pc = s[--sp] == 0 ? Meter.branch(fn, pc, code[pc]) : pc + 1;
                        break;
                    case BR_IF_I64_EQ:
                        sp -= 2;
                        pc = s[sp] == s[sp + 1] ? Meter.branch(fn, pc, code[pc]) : pc + 1;
                        break;
                    case BR_IF_I64_NE:
                        sp -= 2;
                        pc = s[sp] != s[sp + 1] ? Meter.branch(fn, pc, code[pc]) : pc + 1;
                        break;
                    case BR_IF_I64_LT_S:
                        sp -= 2;
                        pc = s[sp] < s[sp + 1] ? Meter.branch(fn, pc, code[pc]) : pc + 1;
                        break;
                    case BR_IF_I64_GE_S:
                        sp -= 2;
                        pc = s[sp] >= s[sp + 1] ? Meter.branch(fn, pc, code[pc]) : pc + 1;
                        break;
                    case BR_IF_I64_GT_S:
                        sp -= 2;
                        pc = s[sp] > s[sp + 1] ? Meter.branch(fn, pc, code[pc]) : pc + 1;
                        break;
                    case BR_IF_I64_LE_S:
                        sp -= 2;
                        pc = s[sp] <= s[sp + 1] ? Meter.branch(fn, pc, code[pc]) : pc + 1;
                        break;
                    case BR_IF_I64_LT_U:
                        sp -= 2;
                        pc = Long.compareUnsigned(s[sp], s[sp + 1]) < 0 ? Meter.branch(fn, pc, code[pc]) : pc + 1;
                        break;
                    case BR_IF_I64_GE_U:
                        sp -= 2;
                        pc = Long.compareUnsigned(s[sp], s[sp + 1]) >= 0 ? Meter.branch(fn, pc, code[pc]) : pc + 1;
                        break;
                    case BR_IF_I64_GT_U:
                        sp -= 2;
                        pc = Long.compareUnsigned(s[sp], s[sp + 1]) > 0 ? Meter.branch(fn, pc, code[pc]) : pc + 1;
                        break;
                    case BR_IF_I64_LE_U:
                        sp -= 2;
                        pc = Long.compareUnsigned(s[sp], s[sp + 1]) <= 0 ? Meter.branch(fn, pc, code[pc]) : pc + 1;
                        break;
                    case ADD_L_SET:
                        s[fp + code[pc]] = s[--sp] + s[fp + code[pc + 1]];
                        pc += 2;
                        break;
                    case EXT:
                        depth = Ext.run(cx, st, fn, pc, fp, sp, depth);
                        sp = RELOAD;
                        break popFrame;
                    case RESUME_EXT:
                        depth = ContOps.resume(cx, st, fn, code, pc, fp, sp, depth);
                        sp = RELOAD;
                        break popFrame;
                    case SUSPEND_EXT:
                        depth = ContOps.suspend(cx, st, fn, code, pc, fp, sp, depth);
                        sp = RELOAD;
                        break popFrame;
                    default:
                        throw new IllegalStateException("internal: bad opcode " + op + " at " + (pc - 1));
                }
                continue;
            }
            // a return (results at fp), or sp = RELOAD: EXT or a host call handed back a frame to
            // pop, maybe on another stack; the bottom frame of a continuation returns to its parent
            if (depth == 0 && sp != RELOAD) {
                if (st.isBarrier()) {
                    return;
                }
                depth = cx.returned(st, fp, sp);
                sp = RELOAD;
            }
            if (sp == RELOAD) {
                st = cx.runningStack();
                if (depth == 0 && !st.isBarrier()) {
                    // a continuation's bottom frame (fp 0) ended in a host or tail call: it returns
                    depth = cx.returned(st, 0, st.sp);
                    st = cx.runningStack();
                }
                sp = st.sp;
                s = st.slots;
                r = st.refs;
                if (depth == 0) {
                    return;
                }
            }
            depth--;
            int[] fr = st.frames;
            pc = fr[2 * depth];
            fp = fr[2 * depth + 1];
            fn = st.frameFns[depth];
            code = fn.lowered.code;
        }
        } catch (Trap t) {
            throw Backtraces.record(t, st, depth, fn, pc); // the loop's body keeps its indentation
        }
    }

    /**
     * Moves the values a branch carries: reads arity and target height (relative to fp) from
     * {@code code[pos + 1..2]}; returns the new sp.
     */
    private static int move(long[] s, Object[] r, int sp, int fp, int[] code, int pos) {
        int arity = code[pos + 1];
        int dst = fp + code[pos + 2];
        int src = sp - arity;
        if (src != dst) {
            System.arraycopy(s, src, s, dst, arity);
            System.arraycopy(r, src, r, dst, arity);
        }
        return dst + arity;
    }
}
