package dev.weft.interpreter.ast;

/** What an import expects. */
public sealed interface ImportDesc
        permits ImportDesc.Func, ImportDesc.Table, ImportDesc.Memory, ImportDesc.Global, ImportDesc.Tag {

    ExternKind kind();

    record Func(int typeIndex) implements ImportDesc {
        public ExternKind kind() {
            return ExternKind.FUNC;
        }
    }

    record Table(TableType type) implements ImportDesc {
        public ExternKind kind() {
            return ExternKind.TABLE;
        }
    }

    record Memory(MemoryType type) implements ImportDesc {
        public ExternKind kind() {
            return ExternKind.MEMORY;
        }
    }

    record Global(GlobalType type) implements ImportDesc {
        public ExternKind kind() {
            return ExternKind.GLOBAL;
        }
    }

    record Tag(TagType type) implements ImportDesc {
        public ExternKind kind() {
            return ExternKind.TAG;
        }
    }
}
