package dev.weft.interpreter.exec;

import dev.weft.interpreter.Tag;
import dev.weft.interpreter.ast.CompositeType;

/** A tag's runtime identity (object identity), with its canonical type id for linking. */
public final class TagInstance implements Tag {
    private final CompositeType.Func type;
    final int typeId;

    public TagInstance(CompositeType.Func type, int typeId) {
        this.type = type;
        this.typeId = typeId;
    }

    @Override
    public CompositeType.Func type() {
        return type;
    }

    /** The canonical type id. */
    public int typeId() {
        return typeId;
    }
}
