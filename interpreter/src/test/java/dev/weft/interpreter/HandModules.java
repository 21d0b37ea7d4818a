package dev.weft.interpreter;

import dev.weft.interpreter.ast.BlockType;
import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.Export;
import dev.weft.interpreter.ast.ExternKind;
import dev.weft.interpreter.ast.Function;
import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.ast.Op;
import dev.weft.interpreter.ast.RecType;
import dev.weft.interpreter.ast.SubType;
import dev.weft.interpreter.ast.ValType;
import java.util.ArrayList;
import java.util.List;

/** Hand-built modules for tests that must not depend on the text parser. */
final class HandModules {
    private HandModules() {}

    static Instruction op(Op op) {
        return new Instruction.Plain(op);
    }

    static Instruction idx(Op op, int i) {
        return new Instruction.Indexed(op, i);
    }

    static Instruction i32(int v) {
        return new Instruction.Const(Op.I32_CONST, v);
    }

    /** One function {@code (i32) -> i32} exported as "f", with the given body (final end added). */
    static Module unaryI32(List<ValType> locals, Instruction... body) {
        List<Instruction> code = new ArrayList<>(List.of(body));
        code.add(op(Op.END));
        CompositeType.Func t = new CompositeType.Func(List.of(NumType.I32), List.of(NumType.I32));
        return new Module(List.of(new RecType(List.of(SubType.plain(t)))), List.of(),
                List.of(new Function(0, locals, code)), List.of(), List.of(), List.of(), List.of(),
                List.of(new Export("f", ExternKind.FUNC, 0)), -1, List.of(), List.of(), -1, List.of());
    }

    /** Recursive fib: {@code if n < 2 then n else fib(n-1) + fib(n-2)}. */
    static Module fib() {
        return unaryI32(List.of(),
                idx(Op.LOCAL_GET, 0), i32(2), op(Op.I32_LT_S),
                new Instruction.Block(Op.IF, new BlockType.Single(NumType.I32)),
                idx(Op.LOCAL_GET, 0),
                op(Op.ELSE),
                idx(Op.LOCAL_GET, 0), i32(1), op(Op.I32_SUB), idx(Op.CALL, 0),
                idx(Op.LOCAL_GET, 0), i32(2), op(Op.I32_SUB), idx(Op.CALL, 0),
                op(Op.I32_ADD),
                op(Op.END));
    }

    /** Runaway recursion: {@code f(n) = f(n + 1)}. */
    static Module runaway() {
        return unaryI32(List.of(), idx(Op.LOCAL_GET, 0), i32(1), op(Op.I32_ADD), idx(Op.CALL, 0));
    }
}
