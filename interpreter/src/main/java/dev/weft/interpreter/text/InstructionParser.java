package dev.weft.interpreter.text;

import dev.weft.interpreter.ast.BlockType;
import dev.weft.interpreter.ast.Expression;
import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.Op;
import dev.weft.interpreter.ast.ValType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses instruction sequences, flat and folded, into the flat instruction list of the AST.
 * Invariant: {@code labels} holds the label names of the enclosing blocks, innermost last
 * (null for unnamed blocks), so a name's relative depth is its distance from the end.
 */
final class InstructionParser {
    private final ModuleContext ctx;
    private final TypeParser typeParser;
    private final List<String> labels = new ArrayList<>();
    private final List<Instruction> out = new ArrayList<>();
    private final ImmediateParser immediates;
    /** The parsing steps still to run, next on top (see {@link #run}). */
    private final ArrayDeque<Runnable> todo = new ArrayDeque<>();

    private InstructionParser(ModuleContext ctx, IndexSpace locals) {
        this.ctx = ctx;
        this.typeParser = new TypeParser(ctx);
        this.immediates = new ImmediateParser(ctx, typeParser, locals, this::label);
    }

    /** A function body: all remaining items of {@code c}, followed by the final {@code end}. */
    static List<Instruction> functionBody(ModuleContext ctx, IndexSpace locals, Cursor c) {
        InstructionParser p = new InstructionParser(ctx, locals);
        p.run(() -> p.sequence(c));
        c.expectEnd();
        p.out.add(new Instruction.Plain(Op.END));
        return p.out;
    }

    /** A constant expression: all remaining items of {@code c}, without the final end. */
    static Expression expression(ModuleContext ctx, Cursor c) {
        InstructionParser p = new InstructionParser(ctx, new IndexSpace("local"));
        p.run(() -> p.sequence(c));
        c.expectEnd();
        return new Expression(p.out);
    }

    /** A single folded instruction as an expression (e.g. an element item or offset). */
    static Expression folded(ModuleContext ctx, SExpr.Node node) {
        InstructionParser p = new InstructionParser(ctx, new IndexSpace("local"));
        p.run(() -> p.folded(node));
        return new Expression(p.out);
    }

    /**
     * Runs {@code first} and every step it schedules. Nesting does not recurse on the Java stack
     * (a text module may nest blocks a million deep, as a binary one may): a step that meets a
     * nested construct schedules the rest of its own work, then the nested part, and returns.
     * {@link #todo} is last in, first out, so steps are pushed in reverse order.
     */
    private void run(Runnable first) {
        todo.push(first);
        while (!todo.isEmpty()) {
            todo.pop().run();
        }
    }

    /** Schedules {@code a}, then {@code b}. */
    private void then(Runnable a, Runnable b) {
        todo.push(b);
        todo.push(a);
    }

    /** Parses instructions until the end of {@code c} or a keyword that closes a block. */
    private void sequence(Cursor c) {
        while (!c.atEnd()) {
            if (c.peek() instanceof SExpr.Node n) {
                c.next();
                then(() -> folded(n), () -> sequence(c));
                return;
            }
            Token t = c.peekToken(Token.Kind.ATOM);
            if (t == null) {
                throw c.error("unexpected token");
            }
            if (isBlockEnd(t.text())) {
                return;
            }
            c.next();
            Op op = op(t);
            switch (op) {
                case BLOCK, LOOP, IF, TRY_TABLE -> {
                    String label = c.optId();
                    out.add(blockStart(op, c));
                    labels.add(label);
                    then(() -> sequence(c), () -> flatBlockBodyDone(op, c, label));
                    return;
                }
                default -> out.add(immediates.parse(op, c));
            }
        }
    }

    private static boolean isBlockEnd(String keyword) {
        return keyword.equals("end") || keyword.equals("else") || keyword.equals("then");
    }

    /** The operator {@code keyword} names; a failure is reported at the keyword. */
    private Op op(Token keyword) {
        Op op = Op.fromText(keyword.text());
        if (op == null) {
            boolean known = Keywords.isKnown(keyword.text());
            throw new TextException(known ? "unexpected token" : "unknown operator " + keyword.text(), keyword);
        }
        return op;
    }

    /** After a flat block's body (or an if's then-part): its else-part, end, and the rest of {@code c}. */
    private void flatBlockBodyDone(Op op, Cursor c, String label) {
        if (op == Op.IF && c.peekKeyword("else")) {
            c.next();
            checkEndLabel(c, label);
            out.add(new Instruction.Plain(Op.ELSE));
            then(() -> sequence(c), () -> flatBlockEnd(c, label));
            return;
        }
        flatBlockEnd(c, label);
    }

    private void flatBlockEnd(Cursor c, String label) {
        c.keyword("end");
        checkEndLabel(c, label);
        endBlock();
        todo.push(() -> sequence(c));
    }

    private void endBlock() {
        labels.remove(labels.size() - 1);
        out.add(new Instruction.Plain(Op.END));
    }

    private void checkEndLabel(Cursor c, String label) {
        int line = c.line();
        String id = c.optId();
        if (id != null && !id.equals(label)) {
            throw new TextException("mismatching label", line);
        }
    }

    /** The block instruction with its type (and catch clauses), read from {@code c}. */
    private Instruction blockStart(Op op, Cursor c) {
        BlockType type = blockType(c);
        if (op == Op.TRY_TABLE) {
            return new Instruction.TryTable(type, immediates.catches(c));
        }
        return new Instruction.Block(op, type);
    }

    private void folded(SExpr.Node node) {
        String head = node.head();
        if (head == null) {
            throw new TextException("unexpected token", node);
        }
        Cursor c = Cursor.body(node);
        Op op = op(((SExpr.Atom) node.items().get(0)).token());
        switch (op) {
            case BLOCK, LOOP, TRY_TABLE -> {
                String label = c.optId();
                out.add(blockStart(op, c));
                labels.add(label);
                then(() -> sequence(c), () -> {
                    c.expectEnd();
                    endBlock();
                });
            }
            case IF -> {
                String label = c.optId();
                foldedIfCondition(c, label, blockType(c));
            }
            default -> foldedOperands(c, immediates.parse(op, c));
        }
    }

    /** The operands of a folded plain instruction, then the instruction itself. */
    private void foldedOperands(Cursor c, Instruction ins) {
        if (c.atEnd()) {
            out.add(ins);
        } else {
            SExpr.Node operand = c.node();
            then(() -> folded(operand), () -> foldedOperands(c, ins));
        }
    }

    /** A folded if: the condition's folded instructions, then the then- and else-parts. */
    private void foldedIfCondition(Cursor c, String label, BlockType type) {
        if (c.peekNode() && !c.peekList("then")) {
            SExpr.Node operand = c.node();
            then(() -> folded(operand), () -> foldedIfCondition(c, label, type));
            return;
        }
        out.add(new Instruction.Block(Op.IF, type));
        labels.add(label);
        Cursor thenPart = c.enter("then");
        then(() -> sequence(thenPart), () -> {
            thenPart.expectEnd();
            if (c.peekList("else")) {
                Cursor elsePart = c.enter("else");
                out.add(new Instruction.Plain(Op.ELSE));
                then(() -> sequence(elsePart), () -> foldedIfEnd(c, elsePart));
            } else {
                foldedIfEnd(c, null);
            }
        });
    }

    private void foldedIfEnd(Cursor c, Cursor elsePart) {
        if (elsePart != null) {
            elsePart.expectEnd();
        }
        c.expectEnd();
        endBlock();
    }

    private BlockType blockType(Cursor c) {
        if (c.peekList("type") || c.peekList("param")) {
            return new BlockType.Indexed(typeParser.typeUse(c, false).typeIndex());
        }
        int line = c.line();
        List<ValType> results = typeParser.funcSignature(c, null).results();
        if (results.isEmpty()) {
            return BlockType.EMPTY;
        }
        if (results.size() == 1) {
            return new BlockType.Single(results.get(0));
        }
        return new BlockType.Indexed(ctx.implicitType(List.of(), results, line));
    }

    /** Resolves a label token: a name to its relative depth, or a numeric depth. */
    private int label(Token t) {
        if (t.kind() == Token.Kind.ID) {
            for (int i = labels.size() - 1; i >= 0; i--) {
                if (t.text().equals(labels.get(i))) {
                    return labels.size() - 1 - i;
                }
            }
            throw new TextException("unknown label $" + t.text(), t);
        }
        if (t.kind() != Token.Kind.ATOM) {
            throw new TextException("unexpected token", t);
        }
        return (int) Numbers.unsigned(t, 32);
    }
}
