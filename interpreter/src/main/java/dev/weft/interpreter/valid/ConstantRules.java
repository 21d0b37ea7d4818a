package dev.weft.interpreter.valid;

import dev.weft.interpreter.InvalidModuleException;
import dev.weft.interpreter.ast.Instruction;

/**
 * Which instructions may appear in a constant expression (Wasm 3.0 with extended constants and
 * GC allocation). Operand types are checked by the ordinary validator afterwards; whether a
 * {@code global.get} reads an immutable, visible global is checked by {@link VariableInstructions}.
 */
final class ConstantRules {
    private ConstantRules() {}

    static void check(Instruction ins) throws InvalidModuleException {
        switch (ins.op()) {
            case I32_CONST, I64_CONST, F32_CONST, F64_CONST, V128_CONST, REF_NULL, REF_FUNC, GLOBAL_GET,
                    I32_ADD, I32_SUB, I32_MUL, I64_ADD, I64_SUB, I64_MUL,
                    STRUCT_NEW, STRUCT_NEW_DEFAULT, ARRAY_NEW, ARRAY_NEW_DEFAULT, ARRAY_NEW_FIXED,
                    REF_I31, ANY_CONVERT_EXTERN, EXTERN_CONVERT_ANY -> {}
            default -> throw new InvalidModuleException("constant expression required");
        }
    }
}
