/**
 * Numeric operations too bulky for the dispatch loop: trapping division and remainder, float
 * min/max/copysign and comparisons on raw bits, roundings and every conversion, the
 * float-to-integer truncations among them ({@link dev.weft.interpreter.exec.numeric.NumericOps},
 * {@link dev.weft.interpreter.exec.numeric.Truncations}). Static methods on slot values, shared by
 * the interpreter loop and the compiled tier's support. Not API.
 *
 * <p>A leaf below the loop: it depends on the API's {@code Trap} and the AST's {@code Op} only.
 */
package dev.weft.interpreter.exec.numeric;
