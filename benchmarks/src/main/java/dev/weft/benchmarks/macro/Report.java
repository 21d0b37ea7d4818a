package dev.weft.benchmarks.macro;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one run of the macro runner produced.
 *
 * @param invocation the command as typed, e.g. {@code ./weft bench --quick}
 * @param mode       the mode's name
 * @param settings   repeats, warm-ups, timeout, selections
 * @param started    UTC start time
 * @param finished   UTC end time ("" while running)
 * @param machine    CPU, cores, memory, kernel, load averages
 * @param versions   JDK, Node, V8, Chicory, Weft commit
 * @param skipped    one message per engine that was not installed, saying how to install it
 * @param sections   the measured sections, in order
 */
public record Report(String invocation, String mode, Map<String, String> settings, String started, String finished,
                     Map<String, String> machine, Map<String, String> versions, List<String> skipped,
                     List<Section> sections) {
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("invocation", invocation);
        m.put("mode", mode);
        m.put("settings", settings);
        m.put("started", started);
        m.put("finished", finished);
        m.put("machine", machine);
        m.put("versions", versions);
        m.put("skipped", skipped);
        m.put("sections", sections.stream().map(Section::toJson).toList());
        return m;
    }
}
