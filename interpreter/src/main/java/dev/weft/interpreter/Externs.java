package dev.weft.interpreter;

import dev.weft.interpreter.ast.GlobalType;
import dev.weft.interpreter.ast.MemoryType;
import dev.weft.interpreter.ast.TableType;
import dev.weft.interpreter.exec.GlobalInstance;
import dev.weft.interpreter.exec.MemoryInstance;
import dev.weft.interpreter.exec.TableInstance;

/** Factories for host-created tables, memories and globals (functions: {@link HostFunction#of}). */
public final class Externs {
    private Externs() {}

    /** A zero-filled memory of {@code type}'s minimum size. */
    public static Memory memory(MemoryType type) {
        return MemoryInstance.create(type);
    }

    /** A table of {@code type}'s minimum size with every element {@code init}. */
    public static Table table(TableType type, Object init) {
        return TableInstance.create(type, init);
    }

    /** A global of {@code type} holding {@code value}. */
    public static Global global(GlobalType type, Value value) {
        GlobalInstance g = new GlobalInstance(type);
        g.setValue(value);
        return g;
    }
}
