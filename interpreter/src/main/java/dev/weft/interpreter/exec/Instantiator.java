package dev.weft.interpreter.exec;

import dev.weft.interpreter.Extern;
import dev.weft.interpreter.ResourceLimits;
import dev.weft.interpreter.Trap;
import dev.weft.interpreter.UninstantiableException;
import dev.weft.interpreter.UnlinkableException;
import dev.weft.interpreter.WasmException;
import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.DataSegment;
import dev.weft.interpreter.ast.ElementSegment;
import dev.weft.interpreter.ast.Export;
import dev.weft.interpreter.ast.Expression;
import dev.weft.interpreter.ast.Function;
import dev.weft.interpreter.ast.Global;
import dev.weft.interpreter.ast.Import;
import dev.weft.interpreter.ast.ImportDesc;
import dev.weft.interpreter.ast.ImportDescText;
import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.ast.SubType;
import dev.weft.interpreter.ast.Table;
import dev.weft.interpreter.ast.TagType;
import dev.weft.interpreter.code.CompiledFunction;
import dev.weft.interpreter.code.GcLayout;
import dev.weft.interpreter.exec.memory.MemoryAllocator;
import dev.weft.interpreter.exec.memory.MemoryInstance;
import java.util.ArrayList;
import java.util.List;

/**
 * Instantiates a lowered module against resolved imports, in the spec's order: check imports,
 * allocate functions, globals, tables, memories and tags, then run the active element segments,
 * the active data segments (in order; a failure leaves earlier writes in place) and the start
 * function.
 */
public final class Instantiator {
    private final Input input;
    private final Module m;
    private final ModuleInstance inst = new ModuleInstance();
    private final List<FunctionInstance> functions = new ArrayList<>();
    private final List<GlobalInstance> globals = new ArrayList<>();
    private final List<TableInstance> tables = new ArrayList<>();
    private final List<MemoryInstance> memories = new ArrayList<>();
    private final List<TagInstance> tags = new ArrayList<>();
    private final ResourceLimits limits;
    private final MemoryAllocator memoryAllocator;

    /**
     * What instantiation reads of a compiled module: the module, its types (the rec groups
     * flattened) with their canonical ids, and its functions' lowered code
     * ({@code lower.Lowerer.lowerAll}). The validator's output, without depending on it.
     */
    public record Input(Module module, List<SubType> types, int[] canonicalTypeIds, CompiledFunction[] code) {}

    private Instantiator(Input input, ResourceLimits limits, MemoryAllocator memoryAllocator) {
        this.input = input;
        this.m = input.module();
        this.limits = limits;
        this.memoryAllocator = memoryAllocator;
    }

    /**
     * Instantiates {@code module} given one extern per import, in import order, under
     * {@code limits} (its memory, table and continuation maxima bound what the instance defines,
     * and its fuel and timeout start counting before the segments and the start function), with
     * the memories the instance defines from {@code memories} (fresh, or an instance pool's
     * slots). {@code tierUp} (or null) sees the allocated instance before any of its code runs
     * (segments, start function): the seam where the compiled tier replaces functions' lowered
     * code ({@link BytecodeSupport}).
     */
    public static ModuleInstance instantiate(Input module, List<Extern> imports,
            java.util.function.Consumer<ModuleInstance> tierUp, ResourceLimits limits,
            MemoryAllocator memories) throws UnlinkableException, UninstantiableException {
        Instantiator in = new Instantiator(module, limits, memories);
        in.link(imports);
        in.inst.firstDefinedTable = in.tables.size();
        in.inst.firstDefinedMemory = in.memories.size();
        in.inst.firstDefinedGlobal = in.globals.size();
        try {
            in.allocate(module.code());
        } catch (Trap t) {
            throw new UninstantiableException(t);
        }
        if (tierUp != null) {
            tierUp.accept(in.inst);
        }
        in.inst.meter.setFuel(limits.fuel());
        in.inst.meter.setDeadline(limits.timeout() == null ? -1 : limits.timeout().toNanos());
        if (limits.maxContinuations() >= 0) {
            in.inst.continuations = new LiveContinuations(limits.maxContinuations());
        }
        in.initialise();
        return in.inst;
    }

    private CompositeType.Func funcType(int typeIndex) {
        return (CompositeType.Func) input.types().get(typeIndex).composite();
    }

    private void link(List<Extern> imports) throws UnlinkableException {
        RuntimeTypes.registerKinds(input.types(), input.canonicalTypeIds());
        for (int i = 0; i < m.imports().size(); i++) {
            Import imp = m.imports().get(i);
            Extern e = imports.get(i);
            if (!ImportMatcher.matches(imp.desc(), e, this::funcType, input.canonicalTypeIds())) {
                throw new UnlinkableException("incompatible import type: \"" + imp.module() + "\" \""
                        + imp.name() + "\", expected " + ImportDescText.of(imp.desc(), t -> input.types().get(t).composite()));
            }
            switch (imp.desc()) {
                case ImportDesc.Func f -> functions.add((FunctionInstance) e);
                case ImportDesc.Table t -> tables.add((TableInstance) e);
                case ImportDesc.Memory mem -> memories.add((MemoryInstance) e);
                case ImportDesc.Global g -> globals.add((GlobalInstance) e);
                case ImportDesc.Tag t -> tags.add((TagInstance) e);
            }
        }
    }

    private void allocate(CompiledFunction[] code) {
        List<FunctionInstance> defined = new ArrayList<>();
        for (int i = 0; i < m.functions().size(); i++) {
            Function f = m.functions().get(i);
            int id = input.canonicalTypeIds()[f.typeIndex()];
            FunctionInstance fi = FunctionInstance.wasm(funcType(f.typeIndex()), id, code[i]);
            fi.instance = inst;
            defined.add(fi);
        }
        functions.addAll(defined);
        inst.typeIds = input.canonicalTypeIds();
        inst.exports = m.exports();
        inst.layouts = input.types().stream().map(t -> GcLayout.of(t.composite())).toArray(GcLayout[]::new);
        inst.functions = functions.toArray(FunctionInstance[]::new);
        inst.globals = globals.toArray(GlobalInstance[]::new);
        for (Global g : m.globals()) {
            GlobalInstance gi = new GlobalInstance(RuntimeTypes.canonical(g.type(), input.canonicalTypeIds()));
            ConstEval.Slot v = ConstEval.eval(g.init(), inst);
            gi.bits = v.bits();
            gi.ref = v.ref();
            globals.add(gi);
            inst.globals = globals.toArray(GlobalInstance[]::new);
        }
        for (Table t : m.tables()) {
            Object init = t.init() == null ? null : ConstEval.eval(t.init(), inst).ref();
            tables.add(TableInstance.create(RuntimeTypes.canonical(t.type(), input.canonicalTypeIds()), init,
                    limits.maxTableElements()));
        }
        for (int i = 0; i < m.memories().size(); i++) {
            memories.add(memoryAllocator.allocate(i, m.memories().get(i), limits.maxMemoryPages()));
        }
        for (TagType t : m.tags()) {
            tags.add(new TagInstance(funcType(t.typeIndex()), input.canonicalTypeIds()[t.typeIndex()]));
        }
        inst.tables = tables.toArray(TableInstance[]::new);
        inst.memories = memories.toArray(MemoryInstance[]::new);
        MemoryInstance memory0 = memories.isEmpty() ? null : memories.getFirst();
        for (FunctionInstance fi : defined) {
            fi.memory0 = memory0;
            fi.meter = inst.meter;
        }
        inst.tags = tags.toArray(TagInstance[]::new);
        inst.customs = m.customs();
        inst.elements = new Object[m.elements().size()][];
        for (int i = 0; i < inst.elements.length; i++) {
            inst.elements[i] = items(m.elements().get(i));
        }
        inst.data = new byte[m.data().size()][];
        for (int i = 0; i < inst.data.length; i++) {
            inst.data[i] = m.data().get(i).bytes();
        }
    }

    private Object[] items(ElementSegment seg) {
        Object[] refs = new Object[seg.items().size()];
        for (int i = 0; i < refs.length; i++) {
            refs[i] = ConstEval.eval(seg.items().get(i), inst).ref();
        }
        return refs;
    }

    private long offset(Expression e) {
        return ConstEval.eval(e, inst).bits();
    }

    private void initialise() throws UninstantiableException {
        try {
            for (int i = 0; i < inst.elements.length; i++) {
                ElementSegment.Mode mode = m.elements().get(i).mode();
                if (mode instanceof ElementSegment.Active a) {
                    TableInstance t = inst.tables[a.table()];
                    Object[] items = inst.elements[i];
                    t.init(t.index(offset(a.offset())), items, 0, items.length);
                }
                if (!(mode instanceof ElementSegment.Passive)) {
                    inst.elements[i] = TableOps.EMPTY;
                }
            }
            for (int i = 0; i < inst.data.length; i++) {
                if (m.data().get(i).mode() instanceof DataSegment.Active a) {
                    MemoryInstance mem = inst.memories[a.memory()];
                    byte[] bytes = inst.data[i];
                    long dst = offset(a.offset());
                    mem.init(mem.is64() ? dst : dst & 0xFFFF_FFFFL, bytes, 0, bytes.length);
                    inst.data[i] = MemoryOps.EMPTY;
                }
            }
            if (m.start() >= 0) {
                inst.functions[m.start()].call();
            }
        } catch (Trap t) {
            throw new UninstantiableException(t);
        } catch (WasmException e) {
            throw new UninstantiableException(e);
        }
    }

    /** The extern an export denotes. */
    public static Extern export(ModuleInstance inst, Export e) {
        return switch (e.kind()) {
            case FUNC -> inst.functions[e.index()];
            case TABLE -> inst.tables[e.index()];
            case MEMORY -> inst.memories[e.index()];
            case GLOBAL -> inst.globals[e.index()];
            case TAG -> inst.tags[e.index()];
        };
    }
}
