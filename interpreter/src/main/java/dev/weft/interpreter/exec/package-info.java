/**
 * Execution: lowering validated code to internal code, the interpreter, and the runtime objects
 * (function, table, memory, global and tag instances, module instances). Not API: embedders use
 * {@code dev.weft.interpreter}.
 *
 * <h2>Internal code</h2>
 * {@link dev.weft.interpreter.exec.Lowerer} turns each function body into an {@code int[]}:
 * an internal opcode ({@link dev.weft.interpreter.exec.Opcodes}, numbered densely for a
 * {@code tableswitch}) followed by its resolved immediates. Nothing is decoded at run time:
 * <ul>
 *   <li>{@code block}/{@code loop}/{@code end} emit nothing; {@code if} is one conditional jump,
 *       {@code else} one jump. Unreachable code is skipped.</li>
 *   <li>Branches carry their target pc; only when values must move down the stack do they also
 *       carry the slot count and the target height (relative to fp): {@code BR} vs
 *       {@code BR_COPY}. {@code br_table} has (target, arity, height) per entry.</li>
 *   <li>Locals are slot offsets from fp; number and reference locals, {@code drop} and
 *       {@code select} have separate opcodes.</li>
 *   <li>Loads and stores on memory 0 with 32-bit addresses and offsets below 2^32 are hot
 *       opcodes with the offset as immediate; everything else (other memories, memory64, big
 *       offsets) is {@code MEM_EXT op memory offHi offLo}.</li>
 *   <li>No-ops at run time: {@code nop}, {@code i32.wrap_i64} and the reinterpretations (an i32
 *       lives in the low half of a slot and every i32 consumer ignores the upper half).</li>
 *   <li>Peephole fusion ({@link dev.weft.interpreter.exec.CodeBuffer} remembers the last three
 *       opcodes; every branch target is a barrier): i32 and i64 comparisons with
 *       {@code br_if}/{@code if} (i64 only with both operands on the stack: {@code BR_IF_I64_*}),
 *       also over two locals ({@code BR_IF_LL_*}), a local and a constant ({@code BR_IF_LC_*},
 *       including tests against zero) or the stack top and a local ({@code BR_IF_SL_*});
 *       {@code x + c}, {@code x - c}, {@code a + b} over locals, optionally with the following
 *       {@code local.set}/{@code local.tee}; add/mul with a local right operand (the add also
 *       with a following {@code local.set}: {@code ADD_L_SET}) and
 *       and/mul (also i32 shl/shr_u) with a constant one. The fused additions, multiplications
 *       and ands compute on the whole 64-bit slot, so i32 and i64 share them (an i32 is the low
 *       half; an {@code i64.const} that fits in 32 bits is a sign-extended {@code CONST32});
 *       two {@code local.get}s; {@code i32.load}/{@code i64.load}
 *       (also f32/f64) directly after the {@code base + index} add or the {@code index << k}
 *       of compiled array indexing ({@code LOAD_*_ADD}, {@code LOAD_*_SHL}); {@code f64.mul}
 *       followed by {@code f64.add} ({@code F64_MUL_ADD}, still two roundings).</li>
 *   <li>Loop rotation: a {@code br} back to a loop whose first instruction is a self-contained
 *       exit test repeats the test inverted, so an iteration dispatches one branch, not two.</li>
 *   <li>Later proposals and cold instructions stay out of the loop's size budget: {@code call_ref},
 *       tail calls, {@code ref.as_non_null}, {@code br_on_null}, {@code br_on_non_null},
 *       {@code ref.eq}, {@code throw}, {@code throw_ref}, the table instructions,
 *       {@code memory.init}, {@code data.drop}, {@code elem.drop}, {@code memory.size} and
 *       {@code memory.grow} are one opcode {@code EXT subop imm*} ({@link dev.weft.interpreter.exec.ExtOps}) run by
 *       {@link dev.weft.interpreter.exec.Ext}, which hands its result back as a frame for the
 *       loop to "return" into. {@code try_table} emits no code: it becomes entries of the
 *       function's handler table (pc range, tag, catch kind, target pc, target height; see
 *       {@link dev.weft.interpreter.exec.ExceptionOps}).</li>
 * </ul>
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
 * {@code SUSPEND_EXT}) that the loop dispatches without {@code Ext.run}. A stack the loop leaves is parked as a pushed frame (pc, fp,
 * function) plus its depth and sp; the operation moves only the argument, payload or result
 * values to the next stack, makes it the context's running stack and returns its depth, and the
 * loop reloads its locals from it (the same path as every EXT instruction: sp = -1 asks for the
 * reload). The bottom frame of a continuation returning hands its results to the parent's resume
 * site the same way. {@code cont.new} lays out a fresh stack's entry frame (locals zeroed, the
 * sp its first resume must leave in {@code ExecStack.entrySp}), so a fresh continuation looks
 * suspended at its first instruction and a resume treats both alike. No Java recursion per
 * resume, suspend or switch. A resume's handler
 * clauses are lowered in place (tag, then the label's target, arity, height) and become one
 * {@code HandlerTable} per function instance and resume instruction, built on first use.
 * Unhandled suspensions end the invocation with {@link dev.weft.interpreter.UnhandledSuspension};
 * one that would cross a host frame traps. {@link dev.weft.interpreter.exec.HostResume} drives
 * continuations from Java ({@link dev.weft.interpreter.Continuation}).
 */
package dev.weft.interpreter.exec;
