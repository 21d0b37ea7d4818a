package dev.weft.interpreter;

import dev.weft.interpreter.ast.CompositeType;

/** A tag: a runtime identity for exceptions and stack-switching effects. */
public non-sealed interface Tag extends Extern {
    /** The tag's function type (params: payload; results: for stack switching). */
    CompositeType.Func type();

    /**
     * A new tag of {@code type} made by the host, for {@link HostControl} suspensions and
     * {@link Continuation}s: a fresh identity that no module's tag import matches.
     */
    static Tag create(CompositeType.Func type) {
        java.util.Objects.requireNonNull(type, "type");
        return new HostTag(type);
    }
}
