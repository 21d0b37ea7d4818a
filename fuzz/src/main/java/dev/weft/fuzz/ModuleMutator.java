package dev.weft.fuzz;

import dev.weft.interpreter.ast.AbsHeapType;
import dev.weft.interpreter.ast.BlockType;
import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.DataSegment;
import dev.weft.interpreter.ast.Export;
import dev.weft.interpreter.ast.ExternKind;
import dev.weft.interpreter.ast.Function;
import dev.weft.interpreter.ast.Global;
import dev.weft.interpreter.ast.GlobalType;
import dev.weft.interpreter.ast.Imm;
import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.Limits;
import dev.weft.interpreter.ast.MemoryType;
import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.ast.Op;
import dev.weft.interpreter.ast.RecType;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.SubType;
import dev.weft.interpreter.ast.Table;
import dev.weft.interpreter.ast.TableType;
import dev.weft.interpreter.ast.ValType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Structure-aware mutation of a decoded module: edits instructions (delete, duplicate, swap,
 * replace, retarget an index, change a constant, block type, memory argument or opcode within
 * the same immediate shape, graft an instruction from another function) and module fields
 * (limits, exports, globals, data segments, start, function types, data count). The result is
 * usually still well-formed enough to reach the validator, which is the point.
 */
final class ModuleMutator {
    /** Edge values for indices, counts and immediates. */
    private static final long[] EDGES = {0, 1, 2, 3, -1, 0x7F, 0x80, 0xFFFF, 0x10000, 0x7FFF_FFFFL, 0x8000_0000L,
        0xFFFF_FFFFL, 0x1_0000_0000L, 1L << 48, Long.MAX_VALUE, Long.MIN_VALUE};
    private static final Op[] PLAIN_OPS = Arrays.stream(Op.values()).filter(o -> o.imm() == Imm.NONE).toArray(Op[]::new);
    private static final ValType[] VAL_TYPES = {NumType.I32, NumType.I64, NumType.F32, NumType.F64,
        RefType.FUNCREF, RefType.EXTERNREF, RefType.EXNREF, new RefType(false, AbsHeapType.FUNC)};

    private final Random r;

    ModuleMutator(Random r) {
        this.r = r;
    }

    Module mutate(Module m) {
        int edits = 1 + r.nextInt(3);
        for (int i = 0; i < edits; i++) {
            m = r.nextInt(3) > 0 && !m.functions().isEmpty() ? mutateCode(m) : mutateFields(m);
        }
        return m;
    }

    private Module mutateCode(Module m) {
        List<Function> fs = new ArrayList<>(m.functions());
        int fi = r.nextInt(fs.size());
        Function f = fs.get(fi);
        List<Instruction> body = new ArrayList<>(f.body());
        int last = body.size() - 1; // the function's own end stays
        if (last <= 0) {
            return m;
        }
        int at = r.nextInt(last);
        Instruction in = body.get(at);
        switch (r.nextInt(9)) {
            case 0 -> body.remove(at);
            case 1 -> body.add(at, in);
            case 2 -> {
                int other = r.nextInt(last);
                body.set(at, body.get(other));
                body.set(other, in);
            }
            case 3 -> body.set(at, new Instruction.Plain(PLAIN_OPS[r.nextInt(PLAIN_OPS.length)]));
            case 4 -> body.set(at, retarget(in));
            case 5 -> body.set(at, sameShape(in));
            case 6 -> {
                List<Instruction> donor = m.functions().get(r.nextInt(m.functions().size())).body();
                body.add(at, donor.get(r.nextInt(donor.size())));
            }
            case 7 -> body.add(at, new Instruction.Block(r.nextBoolean() ? Op.BLOCK : Op.LOOP, blockType()));
            default -> {
                List<ValType> locals = new ArrayList<>(f.locals());
                locals.add(VAL_TYPES[r.nextInt(VAL_TYPES.length)]);
                fs.set(fi, new Function(f.typeIndex(), locals, body));
                return withFunctions(m, fs);
            }
        }
        fs.set(fi, new Function(r.nextInt(10) == 0 ? (int) edge() : f.typeIndex(), f.locals(), body));
        return withFunctions(m, fs);
    }

    /** The instruction with one immediate changed. */
    private Instruction retarget(Instruction in) {
        return switch (in) {
            case Instruction.Indexed x -> new Instruction.Indexed(x.op(), small(x.index()));
            case Instruction.Indexed2 x -> r.nextBoolean() ? new Instruction.Indexed2(x.op(), small(x.first()), x.second())
                    : new Instruction.Indexed2(x.op(), x.first(), small(x.second()));
            case Instruction.Block x -> new Instruction.Block(x.op(), blockType());
            case Instruction.Const x -> new Instruction.Const(x.op(), r.nextBoolean() ? edge() : x.bits() ^ (1L << r.nextInt(64)));
            case Instruction.MemAccess x -> switch (r.nextInt(3)) {
                case 0 -> new Instruction.MemAccess(x.op(), r.nextInt(70), x.offset(), x.memory());
                case 1 -> new Instruction.MemAccess(x.op(), x.alignLog2(), edge(), x.memory());
                default -> new Instruction.MemAccess(x.op(), x.alignLog2(), x.offset(), small(x.memory()));
            };
            case Instruction.BranchTable x -> {
                int[] labels = x.labels().clone();
                if (labels.length > 0) {
                    labels[r.nextInt(labels.length)] = small(0);
                }
                yield new Instruction.BranchTable(labels, r.nextBoolean() ? small(x.defaultLabel()) : x.defaultLabel());
            }
            case Instruction.TryTable x -> {
                List<Instruction.Catch> cs = new ArrayList<>(x.catches());
                if (!cs.isEmpty()) {
                    Instruction.Catch c = cs.get(r.nextInt(cs.size()));
                    cs.set(cs.indexOf(c), new Instruction.Catch(c.kind(), small(c.tag()), small(c.label())));
                }
                yield new Instruction.TryTable(r.nextBoolean() ? blockType() : x.type(), cs);
            }
            case Instruction.Resume x -> {
                List<Instruction.Handler> hs = new ArrayList<>(x.handlers());
                if (!hs.isEmpty()) {
                    int i = r.nextInt(hs.size());
                    hs.set(i, new Instruction.Handler(small(hs.get(i).tag()), small(hs.get(i).label())));
                }
                yield new Instruction.Resume(x.op(), small(x.contType()), small(x.tag()), hs);
            }
            default -> in;
        };
    }

    /** The instruction with its opcode replaced by another of the same immediate shape. */
    private Instruction sameShape(Instruction in) {
        Op[] peers = Arrays.stream(Op.values()).filter(o -> o.imm() == in.op().imm()).toArray(Op[]::new);
        Op op = peers[r.nextInt(peers.length)];
        return switch (in) {
            case Instruction.Plain x -> new Instruction.Plain(op);
            case Instruction.Indexed x -> new Instruction.Indexed(op, x.index());
            case Instruction.Indexed2 x -> new Instruction.Indexed2(op, x.first(), x.second());
            case Instruction.Block x -> new Instruction.Block(op, x.type());
            case Instruction.MemAccess x -> new Instruction.MemAccess(op, x.alignLog2(), x.offset(), x.memory());
            case Instruction.Const x -> new Instruction.Const(op, x.bits());
            default -> in;
        };
    }

    private BlockType blockType() {
        return switch (r.nextInt(3)) {
            case 0 -> BlockType.EMPTY;
            case 1 -> new BlockType.Single(VAL_TYPES[r.nextInt(VAL_TYPES.length)]);
            default -> new BlockType.Indexed(small(0));
        };
    }

    private Module mutateFields(Module m) {
        return switch (r.nextInt(8)) {
            case 0 -> {
                List<MemoryType> mems = new ArrayList<>(m.memories());
                if (mems.isEmpty()) {
                    mems.add(new MemoryType(limits(false)));
                } else {
                    int i = r.nextInt(mems.size());
                    mems.set(i, new MemoryType(limits(mems.get(i).limits().is64())));
                }
                yield new Module(m.recTypes(), m.imports(), m.functions(), m.tables(), mems, m.globals(), m.tags(),
                        m.exports(), m.start(), m.elements(), m.data(), m.dataCount(), m.customs());
            }
            case 1 -> {
                List<Table> tables = new ArrayList<>(m.tables());
                if (tables.isEmpty()) {
                    yield m;
                }
                int i = r.nextInt(tables.size());
                Table t = tables.get(i);
                tables.set(i, new Table(new TableType(t.type().elementType(), limits(t.type().limits().is64())), t.init()));
                yield new Module(m.recTypes(), m.imports(), m.functions(), tables, m.memories(), m.globals(), m.tags(),
                        m.exports(), m.start(), m.elements(), m.data(), m.dataCount(), m.customs());
            }
            case 2 -> {
                List<Export> exports = new ArrayList<>(m.exports());
                ExternKind[] kinds = ExternKind.values();
                if (exports.isEmpty() || r.nextBoolean()) {
                    exports.add(new Export(exports.isEmpty() || r.nextBoolean() ? "x" + r.nextInt(3)
                            : exports.get(0).name(), kinds[r.nextInt(kinds.length)], small(0)));
                } else {
                    int i = r.nextInt(exports.size());
                    Export e = exports.get(i);
                    exports.set(i, new Export(e.name(), r.nextBoolean() ? kinds[r.nextInt(kinds.length)] : e.kind(), small(e.index())));
                }
                yield new Module(m.recTypes(), m.imports(), m.functions(), m.tables(), m.memories(), m.globals(), m.tags(),
                        exports, m.start(), m.elements(), m.data(), m.dataCount(), m.customs());
            }
            case 3 -> {
                List<Global> globals = new ArrayList<>(m.globals());
                if (globals.isEmpty()) {
                    yield m;
                }
                int i = r.nextInt(globals.size());
                Global g = globals.get(i);
                globals.set(i, r.nextBoolean() ? new Global(new GlobalType(VAL_TYPES[r.nextInt(VAL_TYPES.length)], !g.type().mutable()), g.init())
                        : new Global(g.type(), new dev.weft.interpreter.ast.Expression(List.<Instruction>of(
                                new Instruction.Const(Op.I32_CONST, edge()), new Instruction.Indexed(Op.GLOBAL_GET, small(0))).subList(0, 1 + r.nextInt(2)))));
                yield new Module(m.recTypes(), m.imports(), m.functions(), m.tables(), m.memories(), globals, m.tags(),
                        m.exports(), m.start(), m.elements(), m.data(), m.dataCount(), m.customs());
            }
            case 4 -> {
                List<DataSegment> data = new ArrayList<>(m.data());
                if (data.isEmpty()) {
                    yield m;
                }
                int i = r.nextInt(data.size());
                DataSegment d = data.get(i);
                DataSegment.Mode mode = r.nextBoolean() ? new DataSegment.Passive()
                        : new DataSegment.Active(r.nextInt(3), dev.weft.interpreter.ast.Expression.of(
                                new Instruction.Const(r.nextBoolean() ? Op.I32_CONST : Op.I64_CONST, edge())));
                data.set(i, new DataSegment(d.bytes(), mode));
                yield new Module(m.recTypes(), m.imports(), m.functions(), m.tables(), m.memories(), m.globals(), m.tags(),
                        m.exports(), m.start(), m.elements(), data, m.dataCount(), m.customs());
            }
            case 5 -> new Module(m.recTypes(), m.imports(), m.functions(), m.tables(), m.memories(), m.globals(), m.tags(),
                    m.exports(), small(m.start()), m.elements(), m.data(), r.nextBoolean() ? -1 : small(m.dataCount()), m.customs());
            case 6 -> {
                List<RecType> recs = new ArrayList<>(m.recTypes());
                if (recs.isEmpty()) {
                    yield m;
                }
                int i = r.nextInt(recs.size());
                List<SubType> types = new ArrayList<>(recs.get(i).types());
                int j = r.nextInt(types.size());
                if (types.get(j).composite() instanceof CompositeType.Func f) {
                    List<ValType> params = new ArrayList<>(f.params());
                    List<ValType> results = new ArrayList<>(f.results());
                    List<ValType> which = r.nextBoolean() ? params : results;
                    if (!which.isEmpty() && r.nextBoolean()) {
                        which.remove(r.nextInt(which.size()));
                    } else {
                        which.add(VAL_TYPES[r.nextInt(VAL_TYPES.length)]);
                    }
                    types.set(j, SubType.plain(new CompositeType.Func(params, results)));
                } else {
                    types.set(j, SubType.plain(new CompositeType.Cont(small(0))));
                }
                recs.set(i, new RecType(types));
                yield new Module(recs, m.imports(), m.functions(), m.tables(), m.memories(), m.globals(), m.tags(),
                        m.exports(), m.start(), m.elements(), m.data(), m.dataCount(), m.customs());
            }
            default -> {
                List<Function> fs = new ArrayList<>(m.functions());
                if (fs.size() > 1) {
                    fs.remove(r.nextInt(fs.size()));
                } else if (!fs.isEmpty()) {
                    fs.add(fs.get(0));
                }
                yield withFunctions(m, fs);
            }
        };
    }

    private Limits limits(boolean is64) {
        long min = r.nextBoolean() ? r.nextInt(4) : edge();
        long max = r.nextInt(3) == 0 ? Limits.NO_MAX : r.nextBoolean() ? min + r.nextInt(3) : edge();
        return new Limits(min, max, r.nextInt(4) == 0 ? !is64 : is64, false);
    }

    private long edge() {
        return EDGES[r.nextInt(EDGES.length)];
    }

    /** Usually a nearby index, sometimes an edge value. */
    private int small(int around) {
        return r.nextInt(4) == 0 ? (int) edge() : Math.max(0, around + r.nextInt(5) - 2);
    }

    private static Module withFunctions(Module m, List<Function> fs) {
        return new Module(m.recTypes(), m.imports(), fs, m.tables(), m.memories(), m.globals(), m.tags(),
                m.exports(), m.start(), m.elements(), m.data(), m.dataCount(), m.customs());
    }
}
