/**
 * Execution: the interpreter loop and its helpers, the runtime objects it reads (function,
 * table, global and tag instances, module instances, the meter), instantiation and the compiled
 * tier's run-time support. Not API: embedders use {@code dev.weft.interpreter}.
 *
 * <p>Below it, packages that know nothing of the loop: {@link dev.weft.interpreter.exec.memory}
 * (linear memories), {@link dev.weft.interpreter.exec.gc} (structs, arrays, i31),
 * {@link dev.weft.interpreter.exec.numeric} (trapping and bit-exact numeric operations) and the
 * stack-switching seam {@link dev.weft.interpreter.exec.switching}. What stays here depends on
 * itself both ways: the loop reads the runtime objects' fields on its hot path and the objects
 * enter the loop ({@code FunctionInstance.call}, a host function's {@code Caller}, an instance's
 * teardown of its continuations); instantiation fills {@code ModuleInstance}'s fields; the
 * compiled tier's support ({@code BytecodeSupport} with {@code CompiledFrames},
 * {@code CompiledVectors}, {@code GcSupport}, {@code V128}) calls the loop's helpers and is called
 * by the loop's call paths ({@code Calls}, {@code FunctionInstance}). A host function is held
 * as a {@link dev.weft.interpreter.exec.HostCode} or
 * {@link dev.weft.interpreter.exec.SwitchingHostCode}, which the API's {@code HostFunction} types
 * extend, so nothing here names them.
 *
 * <h2>Internal code</h2>
 * The loop runs internal code: {@code dev.weft.interpreter.lower} turns each function body into
 * an {@code int[]} of internal instructions; the instruction set, their immediates and the fused
 * forms are described once, in {@code dev.weft.interpreter.code} (the table
 * {@link dev.weft.interpreter.code.Instr}).
 *
 * <h2>Stack and frames</h2>
 * Every embedder call (a barrier root) and every continuation runs on its own
 * {@link dev.weft.interpreter.exec.ExecStack}: a {@code long[]} of value slots, a parallel
 * {@code Object[]} for references (same index), and an explicit frame stack. Stacks are the
 * continuation model's {@code ContStack}s, taken through the thread's
 * {@link dev.weft.interpreter.exec.StackContext} from the process-wide stack pool
 * ({@link dev.weft.interpreter.exec.SharedStacks}, heap slots by default: the slot's
 * {@code long[]} is the value array), with a small per-thread cache in front.
 * A frame is laid out as
 * <pre>
 *   fp                        parameters (the caller's arguments, left in place: no copy)
 *   fp + numParams            declared locals (zeroed on entry)
 *   fp + numLocals            operand stack (at most maxStack slots)
 * </pre>
 * A call checks once that {@code numLocals + maxStack} slots and one more frame fit (growing the
 * arrays up to configured limits, else trap "call stack exhausted"), saves (return pc, caller fp,
 * caller function) and continues in the same loop. A return moves the results to fp and pops.
 * The loop method is the only place Wasm code runs; it recurses on the Java stack only through
 * host functions that call back into Wasm (each such call gets a new barrier stack). A tail call
 * moves its arguments to the caller's fp and replaces the frame (the depth stays the same). A
 * thrown exception searches the handler tables of the frames of the current stack, popping them
 * in the loop; past a continuation's bottom frame it goes on at the parent's resume site; only
 * past a barrier's bottom does it leave as a Java {@link dev.weft.interpreter.WasmException} (to
 * cross a host frame, where the calling loop resumes the search, or to reach the embedder).
 * v128 will take two slots.
 *
 * <h2>Stack switching</h2>
 * {@link dev.weft.interpreter.exec.ContOps} runs {@code cont.new}, {@code cont.bind},
 * {@code suspend}, {@code resume}, {@code resume_throw}, {@code resume_throw_ref} and
 * {@code switch} as EXT sub-opcodes; {@code resume} and {@code suspend}, the pair a generator
 * runs per value, keep that layout under opcodes of their own ({@code RESUME_EXT},
 * {@code SUSPEND_EXT}) that the loop dispatches without {@code Ext.run}. Each reads its
 * operands, parks the stack it leaves as a pushed frame (pc, fp, function) plus its depth and
 * sp, and hands the switch to the thread's {@code StackContext}, a
 * {@link dev.weft.interpreter.exec.switching.StackSwitcher}: the seam, in its own package, which
 * asks the model for the next stack, moves only the argument, payload or result values, makes
 * it running and returns its depth; the loop reloads its locals from it (the same path as every
 * EXT instruction: sp = RELOAD asks for the reload). The bottom frame of a continuation
 * returning hands its results to the parent's resume site through the same seam. {@code cont.new}
 * lays out a fresh stack's entry frame (locals zeroed, the sp its first resume must leave in
 * {@code entrySp}), so a fresh continuation looks suspended at its first instruction and a
 * resume treats both alike. No Java recursion per resume, suspend or switch. A resume's handler
 * clauses are lowered in place (tag, then the label's target, arity, height) and become one
 * {@code HandlerTable} per function instance and resume instruction, built on first use.
 * Unhandled suspensions end the invocation with {@link dev.weft.interpreter.UnhandledSuspension};
 * one that would cross a host frame traps. {@link dev.weft.interpreter.exec.HostResume} drives
 * continuations from Java ({@link dev.weft.interpreter.Continuation}) and
 * {@link dev.weft.interpreter.exec.HostRequests} performs the requests of switching host
 * functions.
 */
package dev.weft.interpreter.exec;
