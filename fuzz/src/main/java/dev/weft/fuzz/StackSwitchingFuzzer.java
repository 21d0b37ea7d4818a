package dev.weft.fuzz;

import java.util.Map;

public final class StackSwitchingFuzzer {
    public StackSwitchingFuzzer(Findings findings) {}
    public void run(long seed, long first, Budget budget, long progress) {}
    public Map<String, Long> counts() { return Map.of(); }
    public boolean hung() { return false; }
}
