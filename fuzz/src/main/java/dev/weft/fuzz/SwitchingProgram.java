package dev.weft.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A random stack-switching program (fuzzer c): generator functions made of steps, run as
 * continuations by a round-robin scheduler. A generator yields to the scheduler
 * ({@code suspend $yield}, answered with the value plus the slot number), asks it a question
 * ({@code suspend $outer}, answered with twice the value, and forwarded through any inner
 * handler), computes, or runs a lower-numbered generator to completion under its own handler for
 * {@code $yield} ({@link Step.Sub}: a nested handler, answering three times the value). Some
 * generators take two parameters and are started through {@code cont.bind}; the scheduler may
 * end a slot early with {@code resume_throw} of {@code $abort}, which no generator catches; two
 * players may also ping-pong with {@code switch} (each logs its count down), the last one
 * finishing the other with a nested {@code resume}. The
 * same description is rendered as WAT ({@link #wat()}) and run by {@link SwitchingModel}.
 */
record SwitchingProgram(List<Generator> generators, List<Slot> slots, int pingPong) {
    sealed interface Step {
        record Yield(int c) implements Step {}

        record Outer(int c) implements Step {}

        record Arith(int op, int c) implements Step {}

        record Sub(int generator, int arg) implements Step {}
    }

    /** A generator: one parameter, or two with the second bound by {@code cont.bind} to {@code bound}. */
    record Generator(boolean twoParams, int bound, List<Step> steps) {}

    /** A scheduler slot: which generator, its first argument, and after how many resumes it is aborted (-1: never). */
    record Slot(int generator, int arg, int abortAt) {}

    static SwitchingProgram random(Random r) {
        int ng = 1 + r.nextInt(5);
        List<Generator> gens = new ArrayList<>();
        for (int j = 0; j < ng; j++) {
            List<Step> steps = new ArrayList<>();
            int n = r.nextInt(7);
            for (int s = 0; s < n; s++) {
                int c = r.nextInt(3) == 0 ? r.nextInt() : r.nextInt(100);
                steps.add(switch (r.nextInt(j > 0 ? 5 : 4)) {
                    case 0 -> new Step.Yield(c);
                    case 1 -> new Step.Outer(c);
                    case 2, 3 -> new Step.Arith(r.nextInt(4), c);
                    default -> new Step.Sub(r.nextInt(j), c);
                });
            }
            gens.add(new Generator(r.nextBoolean(), r.nextInt(1000), steps));
        }
        List<Slot> slots = new ArrayList<>();
        int ns = 1 + r.nextInt(4);
        for (int i = 0; i < ns; i++) {
            slots.add(new Slot(r.nextInt(ng), r.nextInt(1000), r.nextInt(4) == 0 ? r.nextInt(4) : -1));
        }
        return new SwitchingProgram(gens, slots, r.nextInt(4) == 0 ? r.nextInt(20) : -1);
    }

    /** The program as a module exporting {@code run} (and {@code pingpong}), logging through {@code fuzz.log}. */
    String wat() {
        StringBuilder w = new StringBuilder();
        w.append("""
                (module
                  (import "fuzz" "log" (func $log (param i32)))
                  (type $gf (func (param i32) (result i32)))
                  (type $gc (cont $gf))
                  (type $g2 (func (param i32 i32) (result i32)))
                  (type $g2c (cont $g2))
                  (rec (type $pf (func (param i32 (ref null $pc)) (result i32))) (type $pc (cont $pf)))
                  (tag $yield (export "yield") (param i32) (result i32))
                  (tag $outer (export "outer") (param i32) (result i32))
                  (tag $abort (param i32))
                  (tag $sw (result i32))
                  (global $count (mut i32) (i32.const 0))
                """);
        for (int j = 0; j < generators.size(); j++) {
            w.append("  (elem declare func $g").append(j).append(")\n");
        }
        for (int i = 0; i < slots.size(); i++) {
            w.append("  (global $s").append(i).append(" (mut (ref null $gc)) (ref.null $gc))\n");
            w.append("  (global $a").append(i).append(" (mut i32) (i32.const ").append(slots.get(i).arg()).append("))\n");
            w.append("  (global $n").append(i).append(" (mut i32) (i32.const 0))\n");
        }
        for (int j = 0; j < generators.size(); j++) {
            Generator g = generators.get(j);
            w.append("  (func $g").append(j).append(" (export \"g").append(j).append("\")").append(g.twoParams() ? " (type $g2) (param $x i32) (param $y i32)"
                    : " (type $gf) (param $x i32)").append(" (result i32) (local $acc i32)\n");
            w.append("    (local.set $acc ").append(g.twoParams() ? "(i32.add (local.get $x) (local.get $y))" : "(local.get $x)")
                    .append(")\n");
            for (Step s : g.steps()) {
                w.append("    ").append(stepWat(s)).append('\n');
            }
            w.append("    (local.get $acc))\n");
        }
        w.append("""
                  (func $drain (param $k (ref null $gc)) (param $arg i32) (result i32) (local $sum i32) (local $v i32)
                    (loop $l
                      (block $on_y (result i32 (ref $gc))
                        (return (i32.add (local.get $sum)
                          (resume $gc (on $yield $on_y) (local.get $arg) (local.get $k)))))
                      (local.set $k)
                      (local.set $v)
                      (local.set $sum (i32.add (local.get $sum) (local.get $v)))
                      (local.set $arg (i32.mul (local.get $v) (i32.const 3)))
                      (br $l))
                    (unreachable))
                """);
        for (int i = 0; i < slots.size(); i++) {
            w.append(slotStepWat(i));
        }
        w.append("  (func (export \"run\")\n");
        for (int i = 0; i < slots.size(); i++) {
            w.append("    (global.set $s").append(i).append(' ').append(newCont(slots.get(i).generator())).append(")\n");
        }
        w.append("    (loop $round\n");
        StringBuilder live = new StringBuilder("(i32.const 0)");
        for (int i = 0; i < slots.size(); i++) {
            w.append("      (if (i32.eqz (ref.is_null (global.get $s").append(i).append("))) (then (call $step").append(i).append(")))\n");
            live = new StringBuilder("(i32.or " + live + " (i32.eqz (ref.is_null (global.get $s" + i + "))))");
        }
        w.append("      (br_if $round ").append(live).append(")))\n");
        w.append("""
                  (func $player (type $pf) (param $n i32) (param $other (ref null $pc)) (result i32)
                    (loop $l
                      (if (i32.lt_s (local.get $n) (i32.const 0)) (then (return (i32.const 0))))
                      (global.set $count (i32.add (global.get $count) (i32.const 1)))
                      (call $log (i32.add (i32.const 7000) (local.get $n)))
                      (if (i32.eqz (local.get $n)) (then
                        ;; finish the other player too (n = -1), so that no continuation is left suspended
                        (drop (resume $pc (on $sw switch) (i32.const -1) (ref.null $pc) (local.get $other)))
                        (return (global.get $count))))
                      (switch $pc $sw (i32.sub (local.get $n) (i32.const 1)) (local.get $other))
                      (local.set $other)
                      (local.set $n)
                      (br $l))
                    (unreachable))
                  (elem declare func $player)
                  (func (export "pingpong") (param $n i32) (result i32)
                    (global.set $count (i32.const 0))
                    (resume $pc (on $sw switch)
                      (local.get $n) (cont.new $pc (ref.func $player)) (cont.new $pc (ref.func $player)))))
                """);
        return w.toString();
    }

    private String newCont(int j) {
        Generator g = generators.get(j);
        String fresh = "(cont.new " + (g.twoParams() ? "$g2c" : "$gc") + " (ref.func $g" + j + "))";
        return g.twoParams() ? "(cont.bind $g2c $gc (i32.const " + g.bound() + ") " + fresh + ")" : fresh;
    }

    private String stepWat(Step s) {
        return switch (s) {
            case Step.Yield y -> "(local.set $acc (i32.add (local.get $acc) (suspend $yield (i32.add (local.get $acc) (i32.const "
                    + y.c() + ")))))";
            case Step.Outer o -> "(local.set $acc (i32.xor (local.get $acc) (suspend $outer (i32.const " + o.c() + "))))";
            case Step.Arith a -> "(local.set $acc (" + ARITH[a.op()] + " (local.get $acc) (i32.const " + a.c() + ")))";
            case Step.Sub sub -> "(local.set $acc (i32.add (local.get $acc) (call $drain " + newCont(sub.generator())
                    + " (i32.const " + sub.arg() + "))))";
        };
    }

    static final String[] ARITH = {"i32.add", "i32.sub", "i32.mul", "i32.xor"};

    /** Slot {@code i}'s scheduler step: resume (or abort) once and log what happened. */
    private String slotStepWat(int i) {
        Slot slot = slots.get(i);
        String s = "$s" + i;
        String a = "$a" + i;
        String n = "$n" + i;
        int base = 1000 * (i + 1);
        return "  (func $step" + i + " (local $v i32)\n"
                + "    (global.set " + n + " (i32.add (global.get " + n + ") (i32.const 1)))\n"
                + "    (if (i32.eq (global.get " + n + ") (i32.const " + (slot.abortAt() + 1) + ")) (then\n"
                + "      (block $caught (result i32)\n"
                + "        (try_table (catch $abort $caught)\n"
                + "          (drop (resume_throw $gc $abort (global.get " + a + ") (global.get " + s + "))))\n"
                + "        (unreachable))\n"
                + "      (call $log (i32.const " + (base + 3) + ")) (call $log)\n"
                + "      (global.set " + s + " (ref.null $gc))\n"
                + "      (return)))\n"
                + "    (block $done\n"
                + "      (block $on_outer (result i32 (ref $gc))\n"
                + "        (block $on_yield (result i32 (ref $gc))\n"
                + "          (local.set $v (resume $gc (on $yield $on_yield) (on $outer $on_outer) (global.get " + a
                + ") (global.get " + s + ")))\n"
                + "          (call $log (i32.const " + base + ")) (call $log (local.get $v))\n"
                + "          (global.set " + s + " (ref.null $gc))\n"
                + "          (br $done))\n"
                + "        (global.set " + s + ")\n"
                + "        (local.set $v)\n"
                + "        (call $log (i32.const " + (base + 1) + ")) (call $log (local.get $v))\n"
                + "        (global.set " + a + " (i32.add (local.get $v) (i32.const " + i + ")))\n"
                + "        (br $done))\n"
                + "      (global.set " + s + ")\n"
                + "      (local.set $v)\n"
                + "      (call $log (i32.const " + (base + 2) + ")) (call $log (local.get $v))\n"
                + "      (global.set " + a + " (i32.mul (local.get $v) (i32.const 2)))))\n";
    }
}
