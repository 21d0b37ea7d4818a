package dev.weft.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * The executable model of a {@link SwitchingProgram}, in plain Java without continuations. The
 * scheduler's answers depend only on the value asked and the slot, so each slot's generator can
 * be run to completion by direct recursion, recording the events the scheduler sees (yields,
 * outer questions, the result) and how many continuations existed by then; the scheduler's
 * round-robin interleaving, aborts included, is then replayed over those event lists; a host
 * driving the generators one after another sees the lists as they are.
 */
final class SwitchingModel {
    /**
     * What {@code run} must log, how many continuations {@code cont.new} must have made, and what
     * a host driving each slot's generator to completion through {@code Continuation} must log
     * (slot by slot, no aborts).
     */
    record Expected(List<Integer> log, long created, List<Integer> hostLog) {}

    private record Event(int kind, int value, long createdSoFar) {}

    private static final int DONE = 0;
    private static final int YIELD = 1;
    private static final int OUTER = 2;

    private final SwitchingProgram p;
    private List<Event> events;
    private long created;

    private SwitchingModel(SwitchingProgram p) {
        this.p = p;
    }

    static Expected run(SwitchingProgram p) {
        return new SwitchingModel(p).schedule();
    }

    private Expected schedule() {
        int n = p.slots().size();
        List<List<Event>> perSlot = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events = new ArrayList<>();
            created = 1; // the slot's own cont.new
            SwitchingProgram.Slot slot = p.slots().get(i);
            int result = generator(slot.generator(), slot.arg(), i, true);
            events.add(new Event(DONE, result, created));
            perSlot.add(events);
        }
        List<Integer> log = new ArrayList<>();
        int[] next = new int[n];
        int[] arg = new int[n];
        boolean[] live = new boolean[n];
        long total = 0;
        for (int i = 0; i < n; i++) {
            arg[i] = p.slots().get(i).arg();
            live[i] = true;
        }
        boolean any = true;
        while (any) {
            any = false;
            for (int i = 0; i < n; i++) {
                if (!live[i]) {
                    continue;
                }
                int base = 1000 * (i + 1);
                if (next[i] == p.slots().get(i).abortAt()) {
                    log.add(base + 3);
                    log.add(arg[i]);
                    live[i] = false;
                    total += next[i] == 0 ? 1 : perSlot.get(i).get(next[i] - 1).createdSoFar();
                } else {
                    Event e = perSlot.get(i).get(next[i]++);
                    log.add(base + e.kind());
                    log.add(e.value());
                    switch (e.kind()) {
                        case YIELD -> arg[i] = e.value() + i;
                        case OUTER -> arg[i] = e.value() * 2;
                        default -> {
                            live[i] = false;
                            total += e.createdSoFar();
                        }
                    }
                }
                any |= live[i];
            }
        }
        if (p.pingPong() >= 0) {
            for (int k = p.pingPong(); k >= 0; k--) {
                log.add(7000 + k);
            }
            total += 2;
        }
        List<Integer> hostLog = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (Event e : perSlot.get(i)) {
                hostLog.add(1000 * (i + 1) + e.kind());
                hostLog.add(e.value());
            }
        }
        return new Expected(log, total, hostLog);
    }

    /**
     * Runs generator {@code j} with first argument {@code x}; {@code top}: its yields go to the
     * scheduler of slot {@code slot} (else to an inner drain, which answers three times the value).
     * Returns the generator's result; a drain's caller adds the yielded values itself.
     */
    private int generator(int j, int x, int slot, boolean top) {
        SwitchingProgram.Generator g = p.generators().get(j);
        int acc = g.twoParams() ? g.bound() + x : x;
        for (SwitchingProgram.Step s : g.steps()) {
            switch (s) {
                case SwitchingProgram.Step.Yield y -> {
                    int v = acc + y.c();
                    int reply;
                    if (top) {
                        events.add(new Event(YIELD, v, created));
                        reply = v + slot;
                    } else {
                        drained += v;
                        reply = v * 3;
                    }
                    acc += reply;
                }
                case SwitchingProgram.Step.Outer o -> {
                    events.add(new Event(OUTER, o.c(), created));
                    acc ^= o.c() * 2;
                }
                case SwitchingProgram.Step.Arith a -> acc = switch (a.op()) {
                    case 0 -> acc + a.c();
                    case 1 -> acc - a.c();
                    case 2 -> acc * a.c();
                    default -> acc ^ a.c();
                };
                case SwitchingProgram.Step.Sub sub -> {
                    created++;
                    int saved = drained;
                    drained = 0;
                    int r = generator(sub.generator(), sub.arg(), slot, false);
                    int sum = drained + r;
                    drained = saved;
                    acc += sum;
                }
            }
        }
        return acc;
    }

    private int drained;
}
