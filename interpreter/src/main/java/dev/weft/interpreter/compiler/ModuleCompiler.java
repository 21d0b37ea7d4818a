package dev.weft.interpreter.compiler;

import dev.weft.interpreter.ast.AbsHeapType;
import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.ConcreteHeapType;
import dev.weft.interpreter.ast.Function;
import dev.weft.interpreter.ast.HeapType;
import dev.weft.interpreter.ast.ImportDesc;
import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.ValType;
import dev.weft.interpreter.exec.BytecodeSupport;
import dev.weft.interpreter.exec.FunctionInstance;
import dev.weft.interpreter.exec.GlobalInstance;
import dev.weft.interpreter.exec.ModuleInstance;
import dev.weft.interpreter.exec.TableInstance;
import dev.weft.interpreter.exec.TagInstance;
import dev.weft.interpreter.exec.memory.MemoryInstance;
import dev.weft.interpreter.valid.ValidatedModule;
import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DynamicConstantDesc;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntPredicate;

/**
 * Compiles the functions of one instance that can be compiled into one hidden class (a static
 * method {@code f<index>} each) and makes them run compiled (see {@link BytecodeSupport#enterCompiled}).
 * The instance's memories, tables, globals, tags and functions reach the code as class data
 * constants ({@code MethodHandles.classDataAt}), which HotSpot treats as constants. The class is
 * defined as a hidden class, so it unloads with the instance.
 */
final class ModuleCompiler {
    /** HotSpot does not JIT-compile a method with more bytecode than this ({@code DontCompileHugeMethods}). */
    static final int HUGE_METHOD = 8000;
    /** The system property with the bytes a method is split to stay within (default {@link #HUGE_METHOD}). */
    static final String MAX_METHOD_BYTES = "weft.compiler.maxMethodBytes";
    /** The system property that turns method splitting off ({@code false}), to compare. */
    static final String SPLIT = "weft.compiler.split";
    /** The system property naming a directory each defined class is also written to, to read with {@code javap}. */
    static final String DUMP = "weft.compiler.dump";
    /** Plans with a smaller budget after a split function's real methods came out too big. */
    private static final int REPLANS = 3;
    private static final ThreadLocal<Integer> MAX_METHOD_BYTES_HERE = new ThreadLocal<>();
    private static final ClassDesc OWNER = ClassDesc.of("dev.weft.interpreter.compiler.WasmCode");
    private static final ClassFile CLASS_FILE = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(
            ClassHierarchyResolver.ofClassLoading(ModuleCompiler.class.getClassLoader())));

    private final ValidatedModule vm;
    private final Module m;
    private final ModuleInstance inst;
    private final int imported;
    /** The class data the emitted code refers to, by index space and index (see {@link #constant}). */
    private final List<DataRef> data = new ArrayList<>();
    private final Map<DataRef, Integer> dataIndex = new HashMap<>();
    /** Function indices compiled into the class. */
    private final TreeSet<Integer> direct = new TreeSet<>();
    /** The bytes a method is split to stay within, and the size over which a function stays interpreted. */
    private final int maxMethodBytes;
    private final int rejectBytes;
    private final boolean split;
    /** Per function: the budget it is planned with now, its plan, and how often it was planned again. */
    private final Map<Integer, Integer> budgets = new HashMap<>();
    private final Map<Integer, SplitPlan> plans = new HashMap<>();
    private final Map<Integer, Integer> replans = new HashMap<>();

    private ModuleCompiler(ValidatedModule vm, ModuleInstance inst) {
        this.vm = vm;
        this.m = vm.module();
        this.inst = inst;
        this.imported = (int) m.imports().stream().filter(i -> i.desc() instanceof ImportDesc.Func).count();
        Integer here = MAX_METHOD_BYTES_HERE.get();
        this.maxMethodBytes = here != null ? here : Integer.getInteger(MAX_METHOD_BYTES, HUGE_METHOD);
        this.rejectBytes = Math.max(maxMethodBytes, HUGE_METHOD);
        this.split = !"false".equals(System.getProperty(SPLIT));
    }

    /** Runs {@code body} with methods split to {@code bytes} for this thread (tests of splitting). */
    static <T> T withMaxMethodBytes(int bytes, BytecodeTier.Body<T> body) throws Exception {
        return BytecodeTier.withLocal(MAX_METHOD_BYTES_HERE, bytes, body);
    }

    private String hugeReason() {
        return "method over " + rejectBytes + " bytes" + (split ? " even when split" : "");
    }

    /** Compiles what can be compiled and installs it; returns why each other function stays interpreted. */
    static TierStats.Outcome compile(ValidatedModule vm, ModuleInstance inst, IntPredicate wanted, Object cacheKey) {
        return new ModuleCompiler(vm, inst).run(wanted, cacheKey);
    }

    /**
     * Selects the candidates, then takes the class from the cache (same module, same
     * candidates: the same bytes) or builds it, and installs it.
     */
    private TierStats.Outcome run(IntPredicate wanted, Object cacheKey) {
        Map<String, Integer> left = select(wanted);
        ClassCache.Entry cached = cacheKey == null ? null : ClassCache.find(cacheKey, direct);
        byte[] bytes;
        if (cached != null) {
            direct.clear();
            direct.addAll(cached.compiled());
            data.addAll(cached.data());
            cached.dropped().forEach((reason, n) -> left.merge(reason, n, Integer::sum));
            bytes = cached.bytes();
        } else {
            List<Integer> candidates = List.copyOf(direct);
            Map<String, Integer> dropped = new LinkedHashMap<>();
            bytes = buildClass(dropped);
            if (cacheKey != null) {
                ClassCache.put(cacheKey, new ClassCache.Entry(candidates, List.copyOf(direct), bytes, List.copyOf(data),
                        Map.copyOf(dropped)));
            }
            dropped.forEach((reason, n) -> left.merge(reason, n, Integer::sum));
        }
        int split = 0;
        int helpers = 0;
        if (bytes != null) {
            install(bytes, left);
            TreeSet<Integer> splitFunctions = new TreeSet<>();
            for (MethodModel mm : CLASS_FILE.parse(bytes).methods()) {
                String name = mm.methodName().stringValue();
                if (!name.startsWith("f") && !name.startsWith("s") && direct.contains(OutlinedBlocks.functionOf(name))) {
                    splitFunctions.add(OutlinedBlocks.functionOf(name));
                    helpers++;
                }
            }
            split = splitFunctions.size();
        }
        return new TierStats.Outcome(direct.size(), split, helpers, left);
    }

    /** Fills {@link #direct} with the functions that may compile; returns why the others may not. */
    private Map<String, Integer> select(IntPredicate wanted) {
        Map<String, Integer> left = new LinkedHashMap<>();
        boolean[] maySuspend = SuspensionAnalysis.run(vm, inst);
        TailCalls tailCalls = new TailCalls(vm, inst, imported);
        for (int j = 0; j < m.functions().size(); j++) {
            int idx = imported + j;
            String reason = !wanted.test(idx) ? "not selected"
                    : maySuspend[idx] ? "may suspend" : null;
            if (reason == null) {
                try {
                    FunctionEmitter.checkSupported(m.functions().get(j));
                } catch (NotCompilable e) {
                    reason = e.reason();
                }
            }
            if (reason == null && !tailCalls.bounded(idx)) {
                reason = "return_call in a possible cycle of tail calls";
            }
            if (reason == null) {
                direct.add(idx);
            } else {
                left.merge(reason, 1, Integer::sum);
            }
        }
        return left;
    }

    /**
     * Builds the class of {@link #direct}, removing (into {@code left}) the functions that fail
     * to emit or are too big; null if none is left. Usually one build does: the whole class,
     * then a check of each method's size. A function that leaves changes its callers, so the
     * class is built again.
     */
    private byte[] buildClass(Map<String, Integer> left) {
        byte[] bytes = null;
        while (bytes == null && !direct.isEmpty()) {
            try {
                bytes = build(direct);
            } catch (NotCompilable | IllegalArgumentException | IllegalStateException e) {
                // find the culprits one method at a time; if each is fine alone, the class as a
                // whole is over a JVM limit (constant pool, class size): the module stays interpreted
                if (!probeEach(left)) {
                    left.merge("module's class over a JVM limit", direct.size(), Integer::sum);
                    direct.clear();
                }
                continue;
            }
            for (int idx : hugeMethods(bytes)) {
                if (!planSmaller(idx)) {
                    direct.remove(idx);
                    left.merge(hugeReason(), 1, Integer::sum);
                }
                bytes = null;
            }
        }
        return bytes;
    }

    /** Probes every function of the set alone, removing those that fail; whether any did. */
    private boolean probeEach(Map<String, Integer> left) {
        boolean removed = false;
        for (Integer idx : new ArrayList<>(direct)) {
            String reason = probe(idx);
            if (reason != null) {
                direct.remove(idx);
                left.merge(reason, 1, Integer::sum);
                removed = true;
            }
        }
        return removed;
    }

    /** The functions with a method in {@code bytes} (its own or a helper) over the size limit. */
    private TreeSet<Integer> hugeMethods(byte[] bytes) {
        TreeSet<Integer> huge = new TreeSet<>();
        for (MethodModel mm : CLASS_FILE.parse(bytes).methods()) {
            int size = mm.findAttribute(java.lang.classfile.Attributes.code()).map(CodeAttribute::codeLength).orElse(0);
            int function = OutlinedBlocks.functionOf(mm.methodName().stringValue());
            if (size > rejectBytes && function >= 0) {
                huge.add(function);
            }
        }
        return huge;
    }

    /** Plans function {@code idx} again with a smaller budget, if splitting is on and tries remain. */
    private boolean planSmaller(int idx) {
        int tries = replans.merge(idx, 1, Integer::sum);
        if (!split || tries > REPLANS) {
            return false;
        }
        budgets.put(idx, budgets.getOrDefault(idx, maxMethodBytes) * 2 / 3);
        plans.remove(idx);
        return true;
    }

    private SplitPlan plan(int idx, Function f, CompositeType.Func t) {
        if (!split) {
            return SplitPlan.none();
        }
        return plans.computeIfAbsent(idx, i -> SplitPlan.of(f, t, i, budgets.getOrDefault(i, maxMethodBytes),
                this::funcTypeAt, vm.functions().get(i - imported).heightBefore()));
    }

    /** Emits function {@code idx} alone; returns why it cannot be compiled, or null. */
    private String probe(int idx) {
        try {
            while (!hugeMethods(build(List.of(idx))).isEmpty()) {
                if (!planSmaller(idx)) {
                    return hugeReason();
                }
            }
            return null;
        } catch (NotCompilable e) {
            return e.reason();
        } catch (IllegalArgumentException | IllegalStateException e) {
            return "method over the JVM's 64 KiB limit or not encodable";
        }
    }

    private byte[] build(Iterable<Integer> functions) {
        return CLASS_FILE.build(OWNER, cb -> {
            cb.withFlags(ClassFile.ACC_FINAL | ClassFile.ACC_SUPER);
            for (int idx : functions) {
                Function f = m.functions().get(idx - imported);
                CompositeType.Func t = funcType(idx);
                SplitPlan plan = plan(idx, f, t);
                OutlinedBlocks outlines = new OutlinedBlocks();
                cb.withMethodBody(methodName(idx), JvmTypes.methodDesc(t), ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC,
                        code -> new FunctionEmitter(this, idx, f, t, plan, outlines).emit(code));
                for (OutlinedBlocks.Block b = outlines.next(); b != null; b = outlines.next()) {
                    OutlinedBlocks.Block block = b;
                    cb.withMethodBody(OutlinedBlocks.methodName(idx, b.region()), OutlinedBlocks.DESC,
                            ClassFile.ACC_PRIVATE | ClassFile.ACC_STATIC,
                            code -> new FunctionEmitter(this, idx, f, t, plan, outlines).emitOutlined(code, block));
                }
                cb.withMethodBody(slotsMethodName(idx), SlotBridge.DESC, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC,
                        code -> SlotBridge.emit(code, OWNER, methodName(idx), t));
            }
        });
    }

    /**
     * Defines the class and gives each compiled function its entry; all or nothing. A class the
     * JVM rejects would be a compiler bug: the module then stays interpreted, counted with the
     * JVM's message so that it shows in the reports.
     */
    private void install(byte[] bytes, Map<String, Integer> left) {
        List<BytecodeEntry> entries = new ArrayList<>();
        try {
            List<Object> classData = data.stream().map(r -> r.resolve(inst)).toList();
            dump(bytes);
            MethodHandles.Lookup hidden = MethodHandles.lookup().defineHiddenClassWithClassData(bytes, classData, true);
            dev.weft.interpreter.exec.CompiledFrames.register(hidden.lookupClass(), inst, codeOffsets()); // for backtraces
            for (int idx : direct) {
                CompositeType.Func t = funcType(idx);
                MethodHandle mh = hidden.findStatic(hidden.lookupClass(), methodName(idx), JvmTypes.methodType(t));
                MethodHandle fromSlots = hidden.findStatic(hidden.lookupClass(), slotsMethodName(idx), SlotBridge.TYPE);
                entries.add(new BytecodeEntry(mh, fromSlots, t, inst.meter()));
            }
        } catch (ReflectiveOperationException | LinkageError e) {
            left.merge("class rejected by the JVM (a compiler bug): " + e, direct.size(), Integer::sum);
            direct.clear();
            return;
        }
        int i = 0;
        for (int idx : direct) {
            BytecodeSupport.enterCompiled(inst.function(idx), entries.get(i++));
        }
    }

    /** Writes {@code bytes} to the {@link #DUMP} directory, if set, named by their hash. */
    private static void dump(byte[] bytes) {
        String dir = System.getProperty(DUMP);
        if (dir == null) {
            return;
        }
        Path file = Path.of(dir, "WasmCode-" + Integer.toHexString(Arrays.hashCode(bytes)) + ".class");
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            System.err.println("weft: cannot dump compiled class to " + file + ": " + e.getMessage());
        }
    }

    /** Per function index, the module byte offsets of its instructions (null: an import, or unknown). */
    private int[][] codeOffsets() {
        List<Function> defined = vm.module().functions();
        int[][] offsets = new int[imported + defined.size()][];
        for (int i = 0; i < defined.size(); i++) {
            offsets[imported + i] = defined.get(i).offsets();
        }
        return offsets;
    }

    static String methodName(int index) {
        return "f" + index;
    }

    private static String slotsMethodName(int index) {
        return "s" + index;
    }

    // ---- what the emitter asks ----------------------------------------------------------------

    ClassDesc owner() {
        return OWNER;
    }

    boolean isDirect(int index) {
        return direct.contains(index);
    }

    /** The index spaces whose entries compiled code loads as constants. */
    enum Space {
        FUNCTION(FunctionEmitter.FUNCTION), GLOBAL(FunctionEmitter.GLOBAL), TABLE(FunctionEmitter.TABLE),
        MEMORY(FunctionEmitter.MEMORY), TAG(FunctionEmitter.TAG), INSTANCE(FunctionEmitter.MODULE),
        METER(FunctionEmitter.METER);

        final ClassDesc type;

        Space(ClassDesc type) {
            this.type = type;
        }
    }

    /** A class data entry: entry {@code index} of an index space of the instance (or the instance, or its meter). */
    record DataRef(Space space, int index) {
        Object resolve(ModuleInstance inst) {
            return switch (space) {
                case FUNCTION -> inst.function(index);
                case GLOBAL -> inst.global(index);
                case TABLE -> inst.table(index);
                case MEMORY -> inst.memory(index);
                case TAG -> inst.tag(index);
                case INSTANCE -> inst;
                case METER -> inst.meter();
            };
        }
    }

    /**
     * A class data constant (loaded with {@code ldc}) holding entry {@code index} of
     * {@code space} of the instance. The class refers to entries, not objects, so a cached class
     * serves every instance of its module.
     */
    ConstantDesc constant(Space space, int index) {
        DataRef ref = new DataRef(space, index);
        Integer i = dataIndex.get(ref);
        if (i == null) {
            i = data.size();
            data.add(ref);
            dataIndex.put(ref, i);
        }
        return DynamicConstantDesc.ofNamed(ConstantDescs.BSM_CLASS_DATA_AT, ConstantDescs.DEFAULT_NAME, space.type, i);
    }

    CompositeType.Func funcType(int index) {
        return inst.function(index).type();
    }

    CompositeType.Func funcTypeAt(int typeIndex) {
        return (CompositeType.Func) vm.types().get(typeIndex).composite();
    }

    /** The composite type (function, struct, array, continuation) at type index {@code typeIndex}. */
    CompositeType compositeAt(int typeIndex) {
        return vm.types().get(typeIndex).composite();
    }

    int canonicalTypeId(int typeIndex) {
        return vm.canonicalTypeIds()[typeIndex];
    }

    /** A cast target as the interpreter encodes it (a canonical type id, or an abstract type's code). */
    int castTarget(HeapType h) {
        return h instanceof ConcreteHeapType c ? vm.canonicalTypeIds()[c.index()]
                : BytecodeSupport.castTarget((AbsHeapType) h);
    }

    ModuleInstance instance() {
        return inst;
    }

    FunctionInstance function(int index) {
        return inst.function(index);
    }

    GlobalInstance global(int index) {
        return inst.global(index);
    }

    ValType globalType(int index) {
        return inst.global(index).type().type();
    }

    MemoryInstance memory(int index) {
        return inst.memory(index);
    }

    boolean memory64(int index) {
        return inst.memory(index).is64();
    }

    TableInstance table(int index) {
        return inst.table(index);
    }

    boolean table64(int index) {
        return inst.table(index).is64();
    }

    RefType tableElementType(int index) {
        return inst.table(index).type().elementType();
    }

    TagInstance tag(int index) {
        return inst.tag(index);
    }
}
