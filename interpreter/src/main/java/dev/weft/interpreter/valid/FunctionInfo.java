package dev.weft.interpreter.valid;

/**
 * What validation learned about one defined function that execution needs. Arrays are indexed
 * by the position of the instruction in {@link dev.weft.interpreter.ast.Function#body()}.
 *
 * <p>Heights count 64-bit operand slots above the locals (a v128 counts two, every other value
 * one), measured before the instruction executes.
 *
 * @param maxStackHeight the largest operand-stack height (slots) reached anywhere in the body
 * @param heightBefore   operand-stack height before each instruction, or -1 where the
 *                       instruction is unreachable (after br, return, unreachable, throw, ... up
 *                       to the end of the enclosing block); a lowerer may skip such code
 * @param operandKind    for instructions whose operand types are not given by immediates
 *                       ({@code drop}, untyped {@code select}), the kind of the value they act on:
 *                       {@link #KIND_NUM}, {@link #KIND_REF} or {@link #KIND_V128}; 0 elsewhere
 */
public record FunctionInfo(int maxStackHeight, int[] heightBefore, byte[] operandKind) {
    public static final byte KIND_NUM = 0;
    public static final byte KIND_REF = 1;
    public static final byte KIND_V128 = 2;
}
