package dev.weft.interpreter.valid;

import dev.weft.interpreter.ast.BlockType;
import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.DataSegment;
import dev.weft.interpreter.ast.ElementSegment;
import dev.weft.interpreter.ast.Export;
import dev.weft.interpreter.ast.ExternKind;
import dev.weft.interpreter.ast.Expression;
import dev.weft.interpreter.ast.Function;
import dev.weft.interpreter.ast.Global;
import dev.weft.interpreter.ast.GlobalType;
import dev.weft.interpreter.ast.Import;
import dev.weft.interpreter.ast.ImportDesc;
import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.Limits;
import dev.weft.interpreter.ast.MemoryType;
import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.ast.Op;
import dev.weft.interpreter.ast.RecType;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.SubType;
import dev.weft.interpreter.ast.Table;
import dev.weft.interpreter.ast.TableType;
import dev.weft.interpreter.ast.TagType;
import dev.weft.interpreter.ast.ValType;
import java.util.ArrayList;
import java.util.List;

/** Builds modules by hand for validator tests, with short helpers for instructions. */
final class ModuleBuilder {
    final List<RecType> recTypes = new ArrayList<>();
    final List<Import> imports = new ArrayList<>();
    final List<Function> functions = new ArrayList<>();
    final List<Table> tables = new ArrayList<>();
    final List<MemoryType> memories = new ArrayList<>();
    final List<Global> globals = new ArrayList<>();
    final List<TagType> tags = new ArrayList<>();
    final List<Export> exports = new ArrayList<>();
    final List<ElementSegment> elements = new ArrayList<>();
    final List<DataSegment> data = new ArrayList<>();
    int start = -1;
    int dataCount = -1;
    private int typeCount;

    /** Adds a function type as a rec group of one and returns its index. */
    int type(List<ValType> params, List<ValType> results) {
        return rec(SubType.plain(new CompositeType.Func(params, results)));
    }

    /** Adds a rec group and returns the index of its first type. */
    int rec(SubType... types) {
        recTypes.add(new RecType(List.of(types)));
        int first = typeCount;
        typeCount += types.length;
        return first;
    }

    /** Adds a function; its body gets a final {@code end}. */
    ModuleBuilder func(int type, List<ValType> locals, Instruction... body) {
        List<Instruction> code = new ArrayList<>(List.of(body));
        code.add(op(Op.END));
        functions.add(new Function(type, locals, code));
        return this;
    }

    ModuleBuilder memory(long min, long max, boolean is64) {
        memories.add(new MemoryType(new Limits(min, max, is64, false)));
        return this;
    }

    ModuleBuilder table(RefType type, long min) {
        tables.add(new Table(new TableType(type, new Limits(min, Limits.NO_MAX)), null));
        return this;
    }

    ModuleBuilder global(ValType type, boolean mutable, Instruction... init) {
        globals.add(new Global(new GlobalType(type, mutable), Expression.of(init)));
        return this;
    }

    ModuleBuilder importGlobal(ValType type, boolean mutable) {
        imports.add(new Import("m", "g", new ImportDesc.Global(new GlobalType(type, mutable))));
        return this;
    }

    ModuleBuilder importFunc(int type) {
        imports.add(new Import("m", "f", new ImportDesc.Func(type)));
        return this;
    }

    ModuleBuilder tag(int type) {
        tags.add(new TagType(type));
        return this;
    }

    ModuleBuilder export(String name, ExternKind kind, int index) {
        exports.add(new Export(name, kind, index));
        return this;
    }

    ModuleBuilder declare(int func) {
        elements.add(new ElementSegment(RefType.FUNCREF,
                List.of(Expression.of(new Instruction.Indexed(Op.REF_FUNC, func))),
                new ElementSegment.Declarative()));
        return this;
    }

    ModuleBuilder passiveData(byte... bytes) {
        data.add(new DataSegment(bytes, new DataSegment.Passive()));
        return this;
    }

    Module build() {
        return new Module(recTypes, imports, functions, tables, memories, globals, tags, exports,
                start, elements, data, dataCount, List.of());
    }

    // ---- instruction helpers ----

    static Instruction op(Op op) {
        return new Instruction.Plain(op);
    }

    static Instruction idx(Op op, int index) {
        return new Instruction.Indexed(op, index);
    }

    static Instruction idx2(Op op, int first, int second) {
        return new Instruction.Indexed2(op, first, second);
    }

    static Instruction i32(int v) {
        return new Instruction.Const(Op.I32_CONST, v);
    }

    static Instruction i64(long v) {
        return new Instruction.Const(Op.I64_CONST, v);
    }

    static Instruction f32() {
        return new Instruction.Const(Op.F32_CONST, 0);
    }

    static Instruction block(Op op, BlockType type) {
        return new Instruction.Block(op, type);
    }

    static Instruction block(Op op, ValType result) {
        return new Instruction.Block(op, new BlockType.Single(result));
    }

    static Instruction mem(Op op, int align, long offset) {
        return new Instruction.MemAccess(op, align, offset, 0);
    }
}
