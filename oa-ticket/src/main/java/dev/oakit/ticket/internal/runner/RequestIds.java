package dev.oakit.ticket.internal.runner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.core.ConflictException;
import dev.oakit.core.CoreErrors;
import dev.oakit.core.DecimalLimits;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Runs the ticket commands with their request ids. The kernel returns the stored first result for
 * a request id repeated by the same actor for the same action on the same target; this adds the
 * arguments: the stored result carries a fingerprint of them, and a repeat whose arguments differ
 * is refused ({@code OA-CORE/REQUEST_ID_REUSED}, the kernel's code for a reused id), so a reused id
 * never silently answers another request.
 */
final class RequestIds {
    static final String REUSED = CoreErrors.REQUEST_ID_REUSED;

    /** What the kernel stores as the result of a request: the arguments' fingerprint and the result as JSON. */
    record Stamped(String fingerprint, JsonNode result) {
    }

    private final Commands commands;
    private final ObjectMapper json;

    RequestIds(Commands commands, ObjectMapper json) {
        this.commands = commands;
        this.json = json;
    }

    /**
     * @param spec the command, with its request id or none
     * @param type the result's class, to read a stored first result
     * @param arguments what the command does besides its action and target, e.g. a reply's body and attachments
     * @param body the command; it may run more than once (the kernel retries on transient conflicts)
     * @return the body's result, or the first result of a repeated request id
     * @throws ConflictException when the request id was used with other arguments
     */
    <T> T execute(CommandSpec spec, Class<T> type, List<?> arguments, Function<CommandContext, T> body) {
        List<T> ran = new ArrayList<>(1);
        if (spec.requestId() == null) {
            commands.execute(spec, Void.class, ctx -> {
                T result = body.apply(ctx);
                ran.clear(); // a retried command runs its body again
                ran.add(result);
                return null;
            });
            return ran.get(0);
        }
        String fingerprint = fingerprint(spec.action(), arguments);
        List<Stamped> made = new ArrayList<>(1);
        Stamped stamped = commands.execute(spec, Stamped.class, ctx -> {
            T result = body.apply(ctx);
            Stamped s = new Stamped(fingerprint, json.valueToTree(result));
            ran.clear();
            ran.add(result);
            made.clear();
            made.add(s);
            return s;
        });
        if (!fingerprint.equals(stamped.fingerprint())) {
            throw new ConflictException(REUSED, "request id '" + spec.requestId() + "' was already used for " + spec.action()
                    + (spec.targetId() == null ? "" : " on " + spec.targetType() + " " + spec.targetId())
                    + " with other arguments; use a new request id for a new request");
        }
        if (!made.isEmpty() && made.get(0) == stamped) {
            return ran.get(0); // this call ran the command
        }
        try {
            return json.treeToValue(stamped.result(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored result of request id '" + spec.requestId() + "' cannot be read as " + type.getSimpleName(), e);
        }
    }

    /**
     * A digest of the action and the arguments as JSON trees: object keys sorted, numbers by value
     * ({@code 3} = {@code 3.0}). A number outside {@link DecimalLimits} is digested by its hash, never
     * written out (the command refuses it anyway).
     */
    private String fingerprint(String action, List<?> arguments) {
        StringBuilder canonical = new StringBuilder(action);
        for (Object a : arguments) {
            canonical.append('\n');
            write(a == null ? json.nullNode() : json.valueToTree(a), canonical);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static void write(JsonNode n, StringBuilder out) {
        if (n.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            n.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
            out.append('{');
            sorted.forEach((k, v) -> {
                text(k, out);
                write(v, out);
                out.append(',');
            });
            out.append('}');
        } else if (n.isArray()) {
            out.append('[');
            n.forEach(v -> {
                write(v, out);
                out.append(',');
            });
            out.append(']');
        } else if (n.isNumber()) {
            Number v = n.numberValue();
            out.append(DecimalLimits.problem(v).isPresent() ? "#" + v.getClass().getSimpleName() + v.hashCode()
                    : DecimalLimits.check("", v).stripTrailingZeros().toPlainString());
        } else if (n.isTextual()) {
            text(n.textValue(), out);
        } else {
            out.append(n.getNodeType()).append(' ').append(n.asText());
        }
    }

    /** Length first, so that no text can pass for structure. */
    private static void text(String s, StringBuilder out) {
        out.append('"').append(s.length()).append(':').append(s);
    }
}
