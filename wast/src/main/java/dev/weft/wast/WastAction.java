package dev.weft.wast;

import java.util.List;

/**
 * {@code (invoke $inst? "name" const*)} or {@code (get $inst? "name")}.
 *
 * @param kind     invoke or get
 * @param instance the named instance, or null for the current module
 * @param name     the export name
 * @param args     the arguments (empty for get)
 */
public record WastAction(Kind kind, String instance, String name, List<WastValue> args) {
    public WastAction {
        args = List.copyOf(args);
    }

    /** The two actions. */
    public enum Kind { INVOKE, GET }
}
