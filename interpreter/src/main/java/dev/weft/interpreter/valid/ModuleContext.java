package dev.weft.interpreter.valid;

import dev.weft.interpreter.InvalidModuleException;
import dev.weft.interpreter.ast.GlobalType;
import dev.weft.interpreter.ast.MemoryType;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.TableType;

/**
 * The index spaces of a module as seen by code (imports first, then definitions), with checked
 * look-ups whose failures carry the spec's messages ("unknown function 3", ...).
 */
final class ModuleContext {
    final ModuleTypes types;
    int[] funcTypes;
    TableType[] tables;
    MemoryType[] memories;
    GlobalType[] globals;
    int importedGlobals;
    int[] tags;
    RefType[] elems;
    int dataCount;
    boolean[] declaredFuncs;

    ModuleContext(ModuleTypes types) {
        this.types = types;
    }

    int funcType(int index) throws InvalidModuleException {
        if (index < 0 || index >= funcTypes.length) {
            throw new InvalidModuleException("unknown function " + index);
        }
        return funcTypes[index];
    }

    TableType table(int index) throws InvalidModuleException {
        if (index < 0 || index >= tables.length) {
            throw new InvalidModuleException("unknown table " + index);
        }
        return tables[index];
    }

    MemoryType memory(int index) throws InvalidModuleException {
        if (index < 0 || index >= memories.length) {
            throw new InvalidModuleException("unknown memory " + index);
        }
        return memories[index];
    }

    GlobalType global(int index) throws InvalidModuleException {
        if (index < 0 || index >= globals.length) {
            throw new InvalidModuleException("unknown global " + index);
        }
        return globals[index];
    }

    int tag(int index) throws InvalidModuleException {
        if (index < 0 || index >= tags.length) {
            throw new InvalidModuleException("unknown tag " + index);
        }
        return tags[index];
    }

    RefType elem(int index) throws InvalidModuleException {
        if (index < 0 || index >= elems.length) {
            throw new InvalidModuleException("unknown elem segment " + index);
        }
        return elems[index];
    }

    void checkData(int index) throws InvalidModuleException {
        if (index < 0 || index >= dataCount) {
            throw new InvalidModuleException("unknown data segment " + index);
        }
    }
}
