package dev.weft.interpreter.valid;

import static dev.weft.interpreter.ast.NumType.F32;
import static dev.weft.interpreter.ast.NumType.F64;
import static dev.weft.interpreter.ast.NumType.I32;
import static dev.weft.interpreter.ast.NumType.I64;
import static dev.weft.interpreter.ast.NumType.V128;

import dev.weft.interpreter.InvalidModuleException;
import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.ast.Op;
import java.util.Set;

/**
 * The SIMD instructions other than the plain v128 loads and stores (those are in
 * {@link MemoryInstructions}'s table). Every operator's signature follows from its mnemonic:
 * the shape before the dot gives the lane type and count, the operation after it the kind
 * (splat, lane access, test, shift, ternary, unary or binary on v128). Relaxed SIMD's
 * operators ({@code relaxed_*}) follow the same rules.
 */
final class VectorInstructions {
    private static final Set<String> UNARY = Set.of("not", "abs", "neg", "popcnt", "sqrt", "ceil", "floor",
            "trunc", "nearest");
    private static final Set<String> UNARY_PREFIXES = Set.of("extend_", "extadd_pairwise_", "convert_",
            "trunc_sat_", "demote_", "promote_", "relaxed_trunc_");
    /** Three v128 operands: bitselect and the relaxed SIMD multiply-adds and lane select. */
    private static final Set<String> TERNARY = Set.of("bitselect", "relaxed_madd", "relaxed_nmadd",
            "relaxed_laneselect", "relaxed_dot_i8x16_i7x16_add_s");
    private static final Set<String> TESTS = Set.of("any_true", "all_true", "bitmask");
    private static final Set<String> SHIFTS = Set.of("shl", "shr_s", "shr_u");

    private final CodeValidator v;
    private final MemoryInstructions memory;

    VectorInstructions(CodeValidator v, MemoryInstructions memory) {
        this.v = v;
        this.memory = memory;
    }

    void validate(Instruction ins) throws InvalidModuleException {
        switch (ins) {
            case Instruction.Vector x when x.op() == Op.V128_CONST -> v.push(V128);
            case Instruction.Vector x -> shuffle(x);
            case Instruction.Indexed x -> lane(x);
            case Instruction.MemLane x -> memoryLane(x);
            default -> plain(ins.op());
        }
    }

    private void shuffle(Instruction.Vector x) throws InvalidModuleException {
        for (int i = 0; i < 16; i++) {
            if (x.byteAt(i) >= 32) {
                throw new InvalidModuleException("invalid lane index");
            }
        }
        binary();
    }

    /** {@code extract_lane[_s|_u]} and {@code replace_lane}: the lane within the shape. */
    private void lane(Instruction.Indexed x) throws InvalidModuleException {
        String shape = shape(x.op());
        if (x.index() >= laneCount(shape)) {
            throw new InvalidModuleException("invalid lane index");
        }
        NumType scalar = scalar(shape);
        if (operation(x.op()).startsWith("replace")) {
            v.popExpect(scalar);
            v.popExpect(V128);
            v.push(V128);
        } else {
            v.popExpect(V128);
            v.push(scalar);
        }
    }

    /** {@code v128.loadN_lane} / {@code v128.storeN_lane}. */
    private void memoryLane(Instruction.MemLane x) throws InvalidModuleException {
        String name = x.op().text();
        int bits = Integer.parseInt(name.substring(name.indexOf("load") >= 0 ? name.indexOf("load") + 4
                : name.indexOf("store") + 5, name.indexOf("_lane")));
        NumType address = memory.address(x.memory(), x.alignLog2(), Integer.numberOfTrailingZeros(bits / 8),
                x.offset());
        if (x.lane() >= 128 / bits) {
            throw new InvalidModuleException("invalid lane index");
        }
        v.popExpect(V128);
        v.popExpect(address);
        if (name.contains("load")) {
            v.push(V128);
        }
    }

    private void plain(Op op) throws InvalidModuleException {
        String operation = operation(op);
        if (operation.equals("splat")) {
            v.popExpect(scalar(shape(op)));
            v.push(V128);
        } else if (TESTS.contains(operation)) {
            v.popExpect(V128);
            v.push(I32);
        } else if (SHIFTS.contains(operation)) {
            v.popExpect(I32);
            v.popExpect(V128);
            v.push(V128);
        } else if (TERNARY.contains(operation)) {
            v.popExpect(V128);
            binary();
        } else if (UNARY.contains(operation) || UNARY_PREFIXES.stream().anyMatch(operation::startsWith)) {
            v.popExpect(V128);
            v.push(V128);
        } else {
            binary();
        }
    }

    private void binary() throws InvalidModuleException {
        v.popExpect(V128);
        v.popExpect(V128);
        v.push(V128);
    }

    private static String shape(Op op) {
        return op.text().substring(0, op.text().indexOf('.'));
    }

    private static String operation(Op op) {
        return op.text().substring(op.text().indexOf('.') + 1);
    }

    private static int laneCount(String shape) {
        return Integer.parseInt(shape.substring(shape.indexOf('x') + 1));
    }

    private static NumType scalar(String shape) {
        return switch (shape) {
            case "i64x2" -> I64;
            case "f32x4" -> F32;
            case "f64x2" -> F64;
            default -> I32;
        };
    }
}
