package dev.weft.interpreter.binary;

import dev.weft.interpreter.MalformedModuleException;
import dev.weft.interpreter.ast.CustomSection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The function names of a module's {@code name} custom section (subsection 1: a vector of
 * function index and name), for error messages and backtraces. A name section that does not
 * decode is ignored, as the spec requires of custom sections: names are a debugging aid, never
 * a reason to reject a module.
 */
public final class NameSection {
    private static final int FUNCTION_NAMES = 1;

    private NameSection() {}

    /** Function index to name; empty when the module has no (readable) name section. */
    public static Map<Integer, String> functionNames(List<CustomSection> customs) {
        for (CustomSection c : customs) {
            if (c.name().equals("name")) {
                try {
                    return functionNames(new ByteReader(c.bytes()));
                } catch (MalformedModuleException | RuntimeException unreadable) {
                    return Map.of();
                }
            }
        }
        return Map.of();
    }

    private static Map<Integer, String> functionNames(ByteReader in) throws MalformedModuleException {
        while (!in.atEnd()) {
            int id = in.u8();
            int size = in.length32();
            int end = in.pos() + size;
            if (id == FUNCTION_NAMES) {
                Map<Integer, String> names = new HashMap<>();
                int n = in.count();
                for (int i = 0; i < n; i++) {
                    int index = in.index();
                    names.put(index, in.name());
                }
                return Map.copyOf(names);
            }
            in.seek(end);
        }
        return Map.of();
    }
}
