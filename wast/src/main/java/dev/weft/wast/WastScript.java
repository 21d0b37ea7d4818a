package dev.weft.wast;

import java.util.List;

/**
 * A parsed {@code .wast} script: its commands in order.
 *
 * @param name     a label for messages, e.g. the file name
 * @param commands the commands, each with its line
 */
public record WastScript(String name, List<WastCommand> commands) {
    public WastScript {
        commands = List.copyOf(commands);
    }
}
