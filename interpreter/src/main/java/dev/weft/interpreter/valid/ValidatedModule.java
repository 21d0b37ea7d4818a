package dev.weft.interpreter.valid;

import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.ast.SubType;
import java.util.List;

/**
 * A module that passed validation, with what execution needs. Only the validator creates one,
 * so code lowered from it is known to be valid.
 *
 * @param module           the module itself
 * @param types            all defined types, rec groups flattened (index = type index)
 * @param canonicalTypeIds for each type index, a process-wide id such that two types (of any two
 *                         modules) get the same id iff they are equivalent under iso-recursive
 *                         canonicalisation; used by linking and call_indirect as an int compare
 * @param functions        one entry per defined function (not imports), in order
 */
public record ValidatedModule(
        Module module, List<SubType> types, int[] canonicalTypeIds, List<FunctionInfo> functions) {
    public ValidatedModule {
        types = List.copyOf(types);
        functions = List.copyOf(functions);
    }
}
