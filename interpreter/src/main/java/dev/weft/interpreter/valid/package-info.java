/**
 * Validation: {@link dev.weft.interpreter.valid.Validator} checks a decoded or parsed
 * {@link dev.weft.interpreter.ast.Module} against the Wasm 3.0 rules (plus stack switching) and
 * produces a {@link dev.weft.interpreter.valid.ValidatedModule} with one
 * {@link dev.weft.interpreter.valid.FunctionInfo} per defined function.
 *
 * <p>Structure: {@code Validator} does module-level checks and owns the index spaces
 * ({@code ModuleContext}); {@code TypeDefinitions} validates rec groups and interns them in the
 * process-wide {@link dev.weft.interpreter.types.TypeRegistry}; {@code ModuleTypes} answers
 * subtyping questions; {@code CodeValidator} runs the spec's operand/control-stack algorithm and
 * delegates each instruction family to a small class ({@code NumericInstructions},
 * {@code VariableInstructions}, {@code MemoryInstructions}, {@code TableInstructions},
 * {@code ControlInstructions}, {@code ExceptionInstructions}, {@code GcInstructions},
 * {@code CastInstructions}, {@code ContInstructions}) so no method nears the JIT's 8 KB limit.
 *
 * <p>Error messages start with the spec test suite's wording; details follow after ": " or a
 * space (e.g. "unknown local 3", "type mismatch: instruction requires [i32] but stack has []").
 */
package dev.weft.interpreter.valid;
