package dev.weft.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** CI smoke of the stack-switching fuzzer, and its model on a program worked out by hand. */
class StackSwitchingFuzzerTest {
    /** -Dweft.fuzz.switching.cases=N for more. */
    private static final int CASES = Integer.getInteger("weft.fuzz.switching.cases", 1_000);
    private static final long SEED = Long.getLong("weft.fuzz.seed", 17);

    @Test
    void generatedProgramsAgreeWithTheModelAndBalanceTheCounters() {
        Findings findings = new Findings(null);
        StackSwitchingFuzzer fuzzer = new StackSwitchingFuzzer(findings);
        fuzzer.run(SEED, 0, new Budget(CASES, 0), 0);
        assertEquals(0, findings.count(), fuzzer.counts().toString());
        assertEquals(CASES, fuzzer.counts().get(StackSwitchingFuzzer.Outcome.AGREE));
    }

    @Test
    void theModelSchedulesYieldsQuestionsNestedGeneratorsAndAborts() {
        // g0(x): yield x+1, then return; g1(x, bound 10): acc = 10+x, drain g0(5), ask 7, return
        var g0 = new SwitchingProgram.Generator(false, 0, List.of(new SwitchingProgram.Step.Yield(1)));
        var g1 = new SwitchingProgram.Generator(true, 10, List.of(new SwitchingProgram.Step.Sub(0, 5),
                new SwitchingProgram.Step.Outer(7)));
        var program = new SwitchingProgram(List.of(g0, g1), List.of(
                new SwitchingProgram.Slot(0, 100, -1), new SwitchingProgram.Slot(1, 1, -1),
                new SwitchingProgram.Slot(0, 3, 0)), 1);
        // slot 0: yields 101, gets 101 + 0, returns 100 + 101 = 201.
        // slot 1: acc = 11; g0(5) yields 6 to the drain, gets 18, returns 23: acc = 11 + 6 + 23 = 40;
        //         asks 7, gets 14: acc = 40 ^ 14 = 38.  slot 2: aborted before its first resume.
        // pingpong(1): the players log 1 then 0.
        List<Integer> log = List.of(1001, 101, 2002, 7, 3003, 3, 1000, 201, 2000, 38, 7001, 7000);
        SwitchingModel.Expected expected = SwitchingModel.run(program);
        assertEquals(log, expected.log());
        assertEquals(3 + 1 + 2, expected.created(), "three slots, one nested generator, two players");
        assertEquals(StackSwitchingFuzzer.Outcome.AGREE, new StackSwitchingFuzzer(new Findings(null)).runProgram(program));
    }
}
