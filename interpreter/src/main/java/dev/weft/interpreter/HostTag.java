package dev.weft.interpreter;

import dev.weft.interpreter.ast.CompositeType;

/**
 * A tag the host made ({@link Tag#create}): an identity of its own, which no module's tag import
 * matches (imports match a module's tags by canonical type id, and this one has none). A class of
 * the API, so that {@link Tag} needs no runtime class (a module's tags are
 * {@code exec.TagInstance}s, which implement {@link Tag}).
 */
final class HostTag implements Tag {
    private final CompositeType.Func type;

    HostTag(CompositeType.Func type) {
        this.type = type;
    }

    @Override
    public CompositeType.Func type() {
        return type;
    }
}
