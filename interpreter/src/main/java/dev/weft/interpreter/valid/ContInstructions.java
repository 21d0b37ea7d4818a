package dev.weft.interpreter.valid;

import dev.weft.interpreter.InvalidModuleException;
import dev.weft.interpreter.ast.Instruction;

/** Placeholder: instructions of this family are not validated yet and are rejected. */
final class ContInstructions {
    private final CodeValidator v;

    ContInstructions(CodeValidator v) {
        this.v = v;
    }

    void validate(Instruction ins) throws InvalidModuleException {
        throw new InvalidModuleException("unknown operator " + ins.op() + " (not supported yet)");
    }
}
