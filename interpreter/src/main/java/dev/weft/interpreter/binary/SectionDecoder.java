package dev.weft.interpreter.binary;

import dev.weft.interpreter.MalformedModuleException;
import dev.weft.interpreter.ast.CustomSection;
import dev.weft.interpreter.ast.DataSegment;
import dev.weft.interpreter.ast.ElementSegment;
import dev.weft.interpreter.ast.Export;
import dev.weft.interpreter.ast.Expression;
import dev.weft.interpreter.ast.ExternKind;
import dev.weft.interpreter.ast.Function;
import dev.weft.interpreter.ast.Global;
import dev.weft.interpreter.ast.Import;
import dev.weft.interpreter.ast.ImportDesc;
import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.MemoryType;
import dev.weft.interpreter.ast.Op;
import dev.weft.interpreter.ast.RecType;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.Table;
import dev.weft.interpreter.ast.TableType;
import dev.weft.interpreter.ast.TagType;
import dev.weft.interpreter.ast.ValType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads the contents of each known section into mutable lists, which {@link BinaryDecoder}
 * assembles into a module. Invariant: a method is called with the reader at the first byte of
 * the section's contents; the caller checks the section's size afterwards.
 */
final class SectionDecoder {
    private static final RefType FUNC_INDEX_TYPE = new RefType(false, dev.weft.interpreter.ast.AbsHeapType.FUNC);

    /** Implementation limit on the declared locals of one function (as in common engines). */
    static final long MAX_LOCALS = 50_000;
    /**
     * Implementation limit on the expanded locals of all functions together: a fixed allowance
     * plus two per byte of input, far above real modules, so tiny inputs that declare many
     * locals in many functions cannot exhaust memory.
     */
    private final long maxTotalLocals;
    private long totalLocals;

    private final ByteReader in;
    private final TypeReader types;
    private final InstructionReader instructions;

    final List<RecType> recTypes = new ArrayList<>();
    final List<Import> imports = new ArrayList<>();
    final List<Integer> functionTypes = new ArrayList<>();
    final List<Function> functions = new ArrayList<>();
    final List<Table> tables = new ArrayList<>();
    final List<MemoryType> memories = new ArrayList<>();
    final List<Global> globals = new ArrayList<>();
    final List<TagType> tags = new ArrayList<>();
    final List<Export> exports = new ArrayList<>();
    final List<ElementSegment> elements = new ArrayList<>();
    final List<DataSegment> data = new ArrayList<>();
    final List<CustomSection> customs = new ArrayList<>();
    int start = -1;
    int dataCount = -1;

    SectionDecoder(ByteReader in) {
        this.in = in;
        this.types = new TypeReader(in);
        this.instructions = new InstructionReader(in, types);
        this.maxTotalLocals = 1_000_000L + 2L * in.length();
    }

    void typeSection() throws MalformedModuleException {
        int n = in.count();
        for (int i = 0; i < n; i++) {
            recTypes.add(types.recType());
        }
    }

    void importSection() throws MalformedModuleException {
        int n = in.count();
        for (int i = 0; i < n; i++) {
            String module = in.name();
            String name = in.name();
            imports.add(new Import(module, name, importDesc()));
        }
    }

    private ImportDesc importDesc() throws MalformedModuleException {
        int at = in.pos();
        int kind = in.u8();
        return switch (kind) {
            case 0x00 -> new ImportDesc.Func(in.index());
            case 0x01 -> new ImportDesc.Table(types.tableType());
            case 0x02 -> new ImportDesc.Memory(types.memoryType());
            case 0x03 -> new ImportDesc.Global(types.globalType());
            case 0x04 -> new ImportDesc.Tag(tagType());
            default -> throw in.error("malformed import kind", at);
        };
    }

    private TagType tagType() throws MalformedModuleException {
        int at = in.pos();
        if (in.u8() != 0x00) {
            throw in.error("malformed tag attribute", at);
        }
        return new TagType(in.index());
    }

    void functionSection() throws MalformedModuleException {
        int n = in.count();
        for (int i = 0; i < n; i++) {
            functionTypes.add(in.index());
        }
    }

    void tableSection() throws MalformedModuleException {
        int n = in.count();
        for (int i = 0; i < n; i++) {
            if (in.peek() == 0x40) {
                int at = in.pos();
                in.u8();
                if (in.u8() != 0x00) {
                    throw in.error("malformed table", at);
                }
                TableType t = types.tableType();
                tables.add(new Table(t, instructions.expression()));
            } else {
                tables.add(new Table(types.tableType(), null));
            }
        }
    }

    void memorySection() throws MalformedModuleException {
        int n = in.count();
        for (int i = 0; i < n; i++) {
            memories.add(types.memoryType());
        }
    }

    void tagSection() throws MalformedModuleException {
        int n = in.count();
        for (int i = 0; i < n; i++) {
            tags.add(tagType());
        }
    }

    void globalSection() throws MalformedModuleException {
        int n = in.count();
        for (int i = 0; i < n; i++) {
            globals.add(new Global(types.globalType(), instructions.expression()));
        }
    }

    void exportSection() throws MalformedModuleException {
        int n = in.count();
        for (int i = 0; i < n; i++) {
            String name = in.name();
            int at = in.pos();
            int kind = in.u8();
            if (kind >= ExternKind.values().length) {
                throw in.error("malformed export kind", at);
            }
            exports.add(new Export(name, ExternKind.values()[kind], in.index()));
        }
    }

    void startSection() throws MalformedModuleException {
        start = in.index();
    }

    void elementSection() throws MalformedModuleException {
        int n = in.count();
        for (int i = 0; i < n; i++) {
            elements.add(elementSegment());
        }
    }

    private ElementSegment elementSegment() throws MalformedModuleException {
        int at = in.pos();
        long flags = in.u32();
        if (flags > 7) {
            throw in.error("malformed elements segment kind", at);
        }
        boolean passiveOrDeclarative = (flags & 1) != 0;
        boolean explicitTable = (flags & 2) != 0;
        boolean expressions = (flags & 4) != 0;
        ElementSegment.Mode mode;
        if (passiveOrDeclarative) {
            mode = explicitTable ? new ElementSegment.Declarative() : new ElementSegment.Passive();
        } else {
            int table = explicitTable ? in.index() : 0;
            mode = new ElementSegment.Active(table, instructions.expression());
        }
        boolean typeGiven = passiveOrDeclarative || explicitTable;
        // Wasm 3.0: function-index forms have type (ref func); the expression form without a
        // type (flag 4) is funcref, i.e. (ref null func).
        RefType type = expressions
                ? (typeGiven ? types.refType() : RefType.FUNCREF)
                : (typeGiven ? elementKind() : FUNC_INDEX_TYPE);
        return new ElementSegment(type, expressions ? elementExpressions() : functionIndices(), mode);
    }

    private RefType elementKind() throws MalformedModuleException {
        int at = in.pos();
        if (in.u8() != 0x00) {
            throw in.error("malformed element kind", at);
        }
        return FUNC_INDEX_TYPE;
    }

    private List<Expression> functionIndices() throws MalformedModuleException {
        int n = in.count();
        List<Expression> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            items.add(Expression.of(new Instruction.Indexed(Op.REF_FUNC, in.index())));
        }
        return items;
    }

    private List<Expression> elementExpressions() throws MalformedModuleException {
        int n = in.count();
        List<Expression> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            items.add(instructions.expression());
        }
        return items;
    }

    void dataCountSection() throws MalformedModuleException {
        dataCount = in.index();
    }

    void codeSection() throws MalformedModuleException {
        int n = in.count();
        for (int i = 0; i < n; i++) {
            // The counts are compared once all sections are read, as the reference does.
            functions.add(code(i < functionTypes.size() ? functionTypes.get(i) : -1));
        }
    }

    private Function code(int typeIndex) throws MalformedModuleException {
        int size = in.length32();
        int begin = in.pos();
        List<ValType> locals = locals();
        List<Instruction> body = instructions.functionBody();
        if (in.pos() != begin + size) {
            throw in.error("section size mismatch", begin);
        }
        if (instructions.usesDataSegments() && dataCount < 0) {
            throw in.error("data count section required", begin);
        }
        return new Function(typeIndex, locals, body, instructions.bodyOffsets());
    }

    private List<ValType> locals() throws MalformedModuleException {
        int at = in.pos();
        int groups = in.count();
        long[] counts = new long[groups];
        ValType[] groupTypes = new ValType[groups];
        long total = 0;
        for (int g = 0; g < groups; g++) {
            counts[g] = in.u32();
            groupTypes[g] = types.valType();
            total += counts[g];
            if (total > 0xFFFFFFFFL) {
                throw in.error("too many locals", at);
            }
        }
        totalLocals += total;
        if (total > MAX_LOCALS || totalLocals > maxTotalLocals) {
            throw in.error("too many locals: " + total + " locals exceed the implementation limit of "
                    + MAX_LOCALS + " per function or " + maxTotalLocals + " per module", at);
        }
        List<ValType> locals = new ArrayList<>((int) total);
        for (int g = 0; g < groups; g++) {
            locals.addAll(Collections.nCopies((int) counts[g], groupTypes[g]));
        }
        return locals;
    }

    void dataSection() throws MalformedModuleException {
        int n = in.count();
        for (int i = 0; i < n; i++) {
            data.add(dataSegment());
        }
    }

    private DataSegment dataSegment() throws MalformedModuleException {
        int at = in.pos();
        long flags = in.u32();
        DataSegment.Mode mode = switch ((int) Math.min(flags, 3)) {
            case 0 -> new DataSegment.Active(0, instructions.expression());
            case 1 -> new DataSegment.Passive();
            case 2 -> {
                int memory = in.index();
                yield new DataSegment.Active(memory, instructions.expression());
            }
            default -> throw in.error("malformed data segment kind", at);
        };
        return new DataSegment(dataBytes(), mode);
    }

    private byte[] dataBytes() throws MalformedModuleException {
        long n = in.u32();
        if (n > in.remaining()) {
            throw in.error(in.eofMessage(), in.length());
        }
        return in.bytes((int) n);
    }

    /** A custom section whose contents end at {@code end}; {@code after} is the previous section id. */
    void customSection(int end, int after) throws MalformedModuleException {
        String name = in.name();
        if (in.pos() > end) {
            throw in.error(ByteReader.UNEXPECTED_END, end);
        }
        customs.add(new CustomSection(name, in.bytes(end - in.pos()), after));
    }
}
