/**
 * The internal code the interpreter runs: the instruction table ({@link
 * dev.weft.interpreter.code.Instr}, {@link dev.weft.interpreter.code.ExtInstr}), the notation of
 * immediate layouts ({@link dev.weft.interpreter.code.Layout}) and a {@link
 * dev.weft.interpreter.code.Disassembler}. Numbering, names, layouts and the fused forms'
 * patterns live only in the table; the interpreter's constants mirror it and the tests derive
 * from it (the layout check over every lowered function of the suite, the fusion tests).
 *
 * {@code lower.Lowerer} turns each function body into an {@code int[]}: an internal opcode
 * ({@link dev.weft.interpreter.code.Instr}: its ordinal, dense for the dispatch loop's
 * {@code tableswitch}) followed by its resolved immediates, as the entry's {@link
 * dev.weft.interpreter.code.Layout} says. Nothing is decoded at run time:
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
 *       offsets) is {@code MEM_EXT wasmOp memory offHi offLo}.</li>
 *   <li>No-ops at run time: {@code nop}, {@code i32.wrap_i64} and the reinterpretations (an i32
 *       lives in the low half of a slot and every i32 consumer ignores the upper half).</li>
 *   <li>Peephole fusion ({@code lower.CodeBuffer} remembers the last three
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
 *       {@code memory.init}, {@code data.drop}, {@code elem.drop}, {@code memory.size},
 *       {@code memory.grow} and the GC struct and array instructions (fields resolved to
 *       slots by {@link dev.weft.interpreter.code.GcLayout}) are one opcode {@code EXT subop imm*} ({@link dev.weft.interpreter.code.ExtInstr}) run by
 *       {@code exec.Ext}, which hands its result back as a frame for the
 *       loop to "return" into. {@code try_table} emits no code: it becomes entries of the
 *       function's handler table (pc range, tag, catch kind, target pc, target height; see
 *       {@code exec.ExceptionOps}).</li>
 * </ul>
 *
 */
package dev.weft.interpreter.code;
