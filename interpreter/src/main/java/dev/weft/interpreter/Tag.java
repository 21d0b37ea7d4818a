package dev.weft.interpreter;

import dev.weft.interpreter.ast.CompositeType;

/** A tag: a runtime identity for exceptions and stack-switching effects. */
public non-sealed interface Tag extends Extern {
    /** The tag's function type (params: payload; results: for stack switching). */
    CompositeType.Func type();
}
