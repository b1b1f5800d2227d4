package org.nodeim.command;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nodeim.metrics.Meters;
import org.nodeim.metrics.Meters.Counter;
import org.nodeim.metrics.Meters.Name;
import org.nodeim.metrics.Meters.Tag;
import org.nodeim.metrics.Meters.Unit;

/**
 * Each command's figures in the server's metrics, tagged with the command: how many were
 * answered ({@code nodeim.command.answers}), the time they took all together
 * ({@code nodeim.command.time}, so that a rate of one over a rate of the other is the mean
 * latency) and how many answers were not a success ({@code nodeim.command.errors}, tagged with
 * the code too). Counters only: a timer's reservoir on every command cost a quarter of the
 * message throughput. Only the names of registered commands become tags, so that no client can
 * grow the metrics.
 */
@ApplicationScoped
public class CommandMetrics {

    private static final Name ANSWERS = new Name("nodeim.command.answers", "Commands answered");
    private static final Name TIME = new Name("nodeim.command.time", "Time from the commands' arrival to their answers, all together",
            Unit.NANOSECONDS);
    private static final Name ERRORS = new Name("nodeim.command.errors", "Answers other than 200, by command and code");
    private static final String UNKNOWN = "unknown";

    private record Figures(Counter answers, Counter nanos) {
    }

    @Inject
    Meters metrics;

    @Inject
    CommandDispatcher commands;

    private final Map<String, Figures> figures = new ConcurrentHashMap<>();
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();

    /** A command was answered; {@code startedNanos} is when it arrived ({@link System#nanoTime()}). */
    public void answered(String name, long startedNanos, Reply reply) {
        String command = commands.isCommand(name) ? name : UNKNOWN;
        Figures counted = figures.computeIfAbsent(command, key -> new Figures(
                metrics.counter(ANSWERS, new Tag("command", key)), metrics.counter(TIME, new Tag("command", key))));
        counted.answers().inc();
        counted.nanos().inc(System.nanoTime() - startedNanos);
        if (reply.code() != Reply.OK) {
            errors.computeIfAbsent(command + ' ' + reply.code(), key -> metrics.counter(ERRORS,
                    new Tag("command", command), new Tag("code", Integer.toString(reply.code())))).inc();
        }
    }
}
