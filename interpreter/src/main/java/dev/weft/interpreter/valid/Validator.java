package dev.weft.interpreter.valid;

import dev.weft.interpreter.InvalidModuleException;
import dev.weft.interpreter.ast.DataSegment;
import dev.weft.interpreter.ast.ElementSegment;
import dev.weft.interpreter.ast.Export;
import dev.weft.interpreter.ast.ExternKind;
import dev.weft.interpreter.binary.NameSection;
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
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.ast.Op;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.Table;
import dev.weft.interpreter.ast.TableType;
import dev.weft.interpreter.ast.TagType;
import dev.weft.interpreter.types.TypeRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates a {@link Module} (Wasm 3.0: MVP, multi-value, reference types, bulk memory,
 * memory64, multi-memory, extended constants, typed function references, tail calls,
 * exceptions; GC and stack switching as far as implemented) and produces a
 * {@link ValidatedModule}. Failures are {@link InvalidModuleException}s whose messages start
 * with the spec test suite's wording ("type mismatch", "unknown local 3", ...).
 *
 * <p>Order: types (canonicalised in the process-wide {@link TypeRegistry}), imports, tables,
 * memories, globals (each initialiser sees the globals before it), tags, element and data
 * segments, start, exports, then function bodies.
 */
public final class Validator {
    private static final long MAX_PAGES_32 = 65536;
    private static final long MAX_PAGES_64 = 1L << 48;
    private static final long MAX_TABLE_32 = 0xFFFF_FFFFL;

    private final Module module;
    private final ModuleTypes types;
    private final ModuleContext ctx;
    private CodeValidator code;

    private Validator(Module module) {
        this.module = module;
        this.types = new ModuleTypes(module.types());
        this.ctx = new ModuleContext(types);
    }

    /** Validates {@code module}, interning its types in {@link TypeRegistry#global()}. */
    public static ValidatedModule validate(Module module) throws InvalidModuleException {
        return new Validator(module).run(TypeRegistry.global());
    }

    private ValidatedModule run(TypeRegistry registry) throws InvalidModuleException {
        new TypeDefinitions(types, registry).check(module.recTypes());
        buildIndexSpaces();
        code = new CodeValidator(ctx);
        checkTables();
        checkGlobals();
        checkElements();
        checkData();
        checkStart();
        checkExports();
        List<FunctionInfo> infos = new ArrayList<>(module.functions().size());
        int imported = (int) module.imports().stream().filter(i -> i.desc() instanceof ImportDesc.Func).count();
        for (Function f : module.functions()) {
            try {
                infos.add(code.validateFunction(f));
            } catch (InvalidModuleException e) {
                throw new InvalidModuleException(e.getMessage() + where(imported + infos.size(), f, code.pc), e);
            }
        }
        return new ValidatedModule(module, List.of(types.types), types.canon.clone(), infos);
    }

    /**
     * Where in the module a body failed, appended to the message (the spec's message stays its
     * prefix): the function's index, its name (from the name section, else an export name) if it
     * has one, the instruction's position in the body (0-based) and, for a module decoded from
     * the binary format, the instruction's byte offset in the module.
     */
    private String where(int function, Function f, int instruction) {
        String debugName = NameSection.functionNames(module.customs()).get(function);
        String name = debugName != null ? " \"" + debugName + "\"" : module.exports().stream()
                .filter(e -> e.kind() == ExternKind.FUNC && e.index() == function)
                .map(e -> " \"" + e.name() + "\"").findFirst().orElse("");
        int offset = f.offsetOf(instruction);
        return " (in function " + function + name + ", instruction " + instruction
                + (offset < 0 ? "" : ", at offset 0x" + Integer.toHexString(offset)) + ")";
    }

    private void buildIndexSpaces() throws InvalidModuleException {
        List<Integer> funcs = new ArrayList<>();
        List<TableType> tables = new ArrayList<>();
        List<MemoryType> memories = new ArrayList<>();
        List<GlobalType> globals = new ArrayList<>();
        List<Integer> tags = new ArrayList<>();
        for (Import im : module.imports()) {
            switch (im.desc()) {
                case ImportDesc.Func f -> {
                    types.checkFunc(f.typeIndex());
                    funcs.add(f.typeIndex());
                }
                case ImportDesc.Table t -> {
                    checkTableType(t.type());
                    tables.add(t.type());
                }
                case ImportDesc.Memory m -> {
                    checkMemoryType(m.type());
                    memories.add(m.type());
                }
                case ImportDesc.Global g -> {
                    types.checkValType(g.type().type());
                    globals.add(g.type());
                }
                case ImportDesc.Tag t -> {
                    types.checkFunc(t.type().typeIndex());
                    tags.add(t.type().typeIndex());
                }
            }
        }
        ctx.importedGlobals = globals.size();
        for (Function f : module.functions()) {
            types.checkFunc(f.typeIndex());
            funcs.add(f.typeIndex());
        }
        for (Table t : module.tables()) {
            checkTableType(t.type());
            tables.add(t.type());
        }
        for (MemoryType m : module.memories()) {
            checkMemoryType(m);
            memories.add(m);
        }
        for (Global g : module.globals()) {
            types.checkValType(g.type().type());
            globals.add(g.type());
        }
        for (TagType t : module.tags()) {
            types.checkFunc(t.typeIndex());
            tags.add(t.typeIndex());
        }
        ctx.funcTypes = funcs.stream().mapToInt(Integer::intValue).toArray();
        ctx.tables = tables.toArray(new TableType[0]);
        ctx.memories = memories.toArray(new MemoryType[0]);
        ctx.globals = globals.toArray(new GlobalType[0]);
        ctx.tags = tags.stream().mapToInt(Integer::intValue).toArray();
        ctx.elems = new RefType[module.elements().size()];
        for (int i = 0; i < ctx.elems.length; i++) {
            RefType t = module.elements().get(i).type();
            types.checkValType(t);
            ctx.elems[i] = t;
        }
        ctx.dataCount = module.dataCount() >= 0 ? module.dataCount() : module.data().size();
        ctx.declaredFuncs = declaredFunctions(funcs.size());
    }

    private void checkTableType(TableType t) throws InvalidModuleException {
        types.checkValType(t.elementType());
        Limits l = t.limits();
        checkLimits(l);
        if (!l.is64() && (Limits.above(l.min(), MAX_TABLE_32) || (l.hasMax() && Limits.above(l.max(), MAX_TABLE_32)))) {
            throw new InvalidModuleException("table size must be at most 2^32-1");
        }
    }

    private void checkMemoryType(MemoryType m) throws InvalidModuleException {
        Limits l = m.limits();
        long cap = l.is64() ? MAX_PAGES_64 : MAX_PAGES_32;
        if (Long.compareUnsigned(l.min(), cap) > 0 || (l.hasMax() && Long.compareUnsigned(l.max(), cap) > 0)) {
            throw new InvalidModuleException(l.is64()
                    ? "memory size must be at most 2^48 pages (16 EiB)"
                    : "memory size must be at most 65536 pages (4GiB)");
        }
        checkLimits(l);
        if (l.shared() && !l.hasMax()) {
            throw new InvalidModuleException("shared memory must have maximum");
        }
    }

    private static void checkLimits(Limits l) throws InvalidModuleException {
        if (l.hasMax() && Long.compareUnsigned(l.min(), l.max()) > 0) {
            throw new InvalidModuleException("size minimum must not be greater than maximum");
        }
    }

    /** Functions referenced outside function bodies: exports and every constant expression. */
    private boolean[] declaredFunctions(int count) {
        boolean[] declared = new boolean[count];
        for (Export e : module.exports()) {
            if (e.kind() == dev.weft.interpreter.ast.ExternKind.FUNC && e.index() >= 0 && e.index() < count) {
                declared[e.index()] = true;
            }
        }
        for (Global g : module.globals()) {
            markRefs(g.init(), declared);
        }
        for (Table t : module.tables()) {
            if (t.init() != null) {
                markRefs(t.init(), declared);
            }
        }
        for (ElementSegment s : module.elements()) {
            for (Expression e : s.items()) {
                markRefs(e, declared);
            }
            if (s.mode() instanceof ElementSegment.Active a) {
                markRefs(a.offset(), declared);
            }
        }
        for (DataSegment d : module.data()) {
            if (d.mode() instanceof DataSegment.Active a) {
                markRefs(a.offset(), declared);
            }
        }
        return declared;
    }

    private static void markRefs(Expression e, boolean[] declared) {
        for (Instruction i : e.instructions()) {
            if (i.op() == Op.REF_FUNC) {
                int f = ((Instruction.Indexed) i).index();
                if (f >= 0 && f < declared.length) {
                    declared[f] = true;
                }
            }
        }
    }

    private void checkTables() throws InvalidModuleException {
        for (Table t : module.tables()) {
            RefType elem = t.type().elementType();
            if (t.init() != null) {
                code.validateConstant(t.init(), elem, ctx.importedGlobals);
            } else if (!elem.nullable()) {
                throw new InvalidModuleException("type mismatch: table of non-nullable type needs an initialiser");
            }
        }
    }

    private void checkGlobals() throws InvalidModuleException {
        int index = ctx.importedGlobals;
        for (Global g : module.globals()) {
            code.validateConstant(g.init(), g.type().type(), index);
            index++;
        }
    }

    private void checkElements() throws InvalidModuleException {
        for (ElementSegment s : module.elements()) {
            if (s.mode() instanceof ElementSegment.Active a) {
                TableType t = ctx.table(a.table());
                code.validateConstant(a.offset(), TableInstructions.addr(t), ctx.globals.length);
                if (!types.isSubtype(s.type(), t.elementType())) {
                    throw new InvalidModuleException("type mismatch: element segment does not fit table " + a.table());
                }
            }
            for (Expression e : s.items()) {
                code.validateConstant(e, s.type(), ctx.globals.length);
            }
        }
    }

    private void checkData() throws InvalidModuleException {
        for (DataSegment d : module.data()) {
            if (d.mode() instanceof DataSegment.Active a) {
                MemoryType m = ctx.memory(a.memory());
                code.validateConstant(a.offset(), m.limits().is64() ? NumType.I64 : NumType.I32, ctx.globals.length);
            }
        }
    }

    private void checkStart() throws InvalidModuleException {
        if (module.start() < 0) {
            return;
        }
        int type = ctx.funcType(module.start());
        if (types.params(type).length != 0 || types.results(type).length != 0) {
            throw new InvalidModuleException("start function must have type [] -> []");
        }
    }

    private void checkExports() throws InvalidModuleException {
        Set<String> names = new HashSet<>();
        for (Export e : module.exports()) {
            if (!names.add(e.name())) {
                throw new InvalidModuleException("duplicate export name \"" + e.name() + "\"");
            }
            switch (e.kind()) {
                case FUNC -> ctx.funcType(e.index());
                case TABLE -> ctx.table(e.index());
                case MEMORY -> ctx.memory(e.index());
                case GLOBAL -> ctx.global(e.index());
                case TAG -> ctx.tag(e.index());
            }
        }
    }
}
