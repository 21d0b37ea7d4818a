package dev.weft.interpreter.exec.gc;


/**
 * A struct or array of the GC proposal: an ordinary Java object, collected by the JVM's own
 * collector (Weft keeps no heap of its own). It carries its type's canonical id, which casts
 * ({@code exec.CastOps}) compare through {@code TypeRegistry.isSubtype}, so casts work across
 * modules with equivalent types.
 */
public abstract sealed class GcObject permits StructObject, ArrayObject {
    /** The canonical type id of the struct or array type this object was created with. */
    public final int typeId;

    GcObject(int typeId) {
        this.typeId = typeId;
    }

    /** The canonical type id of this object's type. */
    public int typeId() {
        return typeId;
    }
}
