/**
 * Lowering: turns a validated module's function bodies into internal code, the {@code int[]}
 * format the table {@link dev.weft.interpreter.code.Instr} describes, one
 * {@link dev.weft.interpreter.code.CompiledFunction} per function ({@link
 * dev.weft.interpreter.lower.Lowerer#lowerAll}). It reads the validator's side tables (operand
 * heights and kinds, branch targets) instead of re-deriving them, resolves labels to pcs (a
 * loop's label is its start, a block's its end), builds the exception handler tables, lowers a
 * resume's handler clauses in place, and fuses common instruction sequences into single
 * opcodes as the table's fusion patterns say ({@link dev.weft.interpreter.lower.CodeBuffer},
 * {@link dev.weft.interpreter.lower.BranchFusion}). It knows nothing of how the code runs:
 * {@code exec} runs it, and the compiled tier compiles from the validated module instead.
 */
package dev.weft.interpreter.lower;
