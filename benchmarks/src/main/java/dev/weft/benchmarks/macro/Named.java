package dev.weft.benchmarks.macro;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** An option value with a name on the command line and in the report. */
public interface Named {
    /** The name used on the command line, in tables and in the JSON. */
    String id();

    /**
     * The constant of {@code type} called {@code name}.
     *
     * @throws IllegalArgumentException naming the choices, if there is none
     */
    static <E extends Enum<E> & Named> E parse(Class<E> type, String kind, String name) {
        for (E e : type.getEnumConstants()) {
            if (e.id().equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown " + kind + " \"" + name + "\" (choose from "
                + ids(Arrays.asList(type.getEnumConstants())) + ")");
    }

    /** The names, comma-separated. */
    static String ids(List<? extends Named> values) {
        return values.stream().map(Named::id).collect(Collectors.joining(", "));
    }
}
