package dev.weft.interpreter.exec;

/**
 * The runtime state of one instance, as the interpreter reads it: index spaces (imports first)
 * and the segments not yet dropped. Fields are filled by {@link Instantiator}.
 */
public final class ModuleInstance {
    FunctionInstance[] functions;
    GlobalInstance[] globals;
    TableInstance[] tables;
    MemoryInstance[] memories;
    TagInstance[] tags;
    /** Element segments' references; a dropped segment is an empty array. */
    Object[][] elements;
    /** Data segments' bytes; a dropped segment is an empty array. */
    byte[][] data;

    ModuleInstance() {}

    public FunctionInstance function(int index) {
        return functions[index];
    }

    public GlobalInstance global(int index) {
        return globals[index];
    }

    public TableInstance table(int index) {
        return tables[index];
    }

    public MemoryInstance memory(int index) {
        return memories[index];
    }

    public TagInstance tag(int index) {
        return tags[index];
    }
}
