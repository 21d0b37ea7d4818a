package dev.weft.fuzz;

import dev.weft.interpreter.ast.BlockType;
import dev.weft.interpreter.ast.Expression;
import dev.weft.interpreter.ast.ExternKind;
import dev.weft.interpreter.ast.Function;
import dev.weft.interpreter.ast.Global;
import dev.weft.interpreter.ast.GlobalType;
import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.ast.Op;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a valid module terminate: a new mutable i32 global holds fuel, and every function entry
 * and every loop iteration spends one unit, trapping "unreachable" when none is left (binaryen's
 * hang limit, the same idea). The inserted code is a closed {@code if}, so no label depth
 * changes. Applied only to modules that already validated, before they are run.
 */
final class FuelInstrumenter {
    private FuelInstrumenter() {}

    static Module instrument(Module m, int fuel) {
        int fuelGlobal = m.imports(ExternKind.GLOBAL).size() + m.globals().size();
        List<Global> globals = new ArrayList<>(m.globals());
        globals.add(new Global(new GlobalType(NumType.I32, true), Expression.of(new Instruction.Const(Op.I32_CONST, fuel))));
        List<Instruction> spend = List.of(
                new Instruction.Indexed(Op.GLOBAL_GET, fuelGlobal),
                new Instruction.Plain(Op.I32_EQZ),
                new Instruction.Block(Op.IF, BlockType.EMPTY),
                new Instruction.Plain(Op.UNREACHABLE),
                new Instruction.Plain(Op.END),
                new Instruction.Indexed(Op.GLOBAL_GET, fuelGlobal),
                new Instruction.Const(Op.I32_CONST, 1),
                new Instruction.Plain(Op.I32_SUB),
                new Instruction.Indexed(Op.GLOBAL_SET, fuelGlobal));
        List<Function> fs = new ArrayList<>();
        for (Function f : m.functions()) {
            List<Instruction> body = new ArrayList<>(spend);
            for (Instruction in : f.body()) {
                body.add(in);
                if (in.op() == Op.LOOP) {
                    body.addAll(spend);
                }
            }
            fs.add(new Function(f.typeIndex(), f.locals(), body));
        }
        return new Module(m.recTypes(), m.imports(), fs, m.tables(), m.memories(), globals, m.tags(),
                m.exports(), m.start(), m.elements(), m.data(), m.dataCount(), m.customs());
    }
}
