package dev.oakit.ticket.dispatch;

import dev.oakit.core.DecimalLimits;
import dev.oakit.core.ValidationException.Problem;
import dev.oakit.ticket.spi.DispatchRequest;
import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The conditions of a dispatch rule. Each non-empty condition must hold; an empty one holds for
 * every ticket, so {@link #any()} matches everything. Plain data, readable by Jackson; build it
 * fluently: {@code RuleConditions.any().types("incident").categories("it/network").priorities("HIGH", "URGENT")}.
 * Immutable and thread-safe.
 *
 * @param types the ticket type is one of these
 * @param categories the category is one of these paths or below one ({@code it/network} matches
 *                   {@code it/network} and {@code it/network/vpn}, not {@code it/networking})
 * @param priorities the priority is one of these
 * @param channels the channel is one of these
 * @param fields custom field → allowed values: the field's value equals one of them (one value: equals; several: in).
 *               Numbers compare by value ({@code 3} equals {@code 3.0}), other values by their text. Numbers
 *               must be within {@link DecimalLimits} ({@link DispatchRules} checks); a ticket's number outside them
 *               matches none
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RuleConditions(Set<String> types, List<String> categories, Set<String> priorities, Set<String> channels,
                             Map<String, List<Object>> fields) {

    private static final String OUTSIDE_LIMITS = "a number outside the decimal limits";

    /** Copies every collection; null means empty. */
    public RuleConditions {
        types = copy(types);
        categories = categories == null ? List.of() : List.copyOf(categories);
        priorities = copy(priorities);
        channels = copy(channels);
        Map<String, List<Object>> f = new LinkedHashMap<>();
        if (fields != null) {
            fields.forEach((k, v) -> f.put(k, v == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(v))));
        }
        fields = Collections.unmodifiableMap(f);
    }

    private static Set<String> copy(Set<String> s) {
        return s == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(s));
    }

    private static Set<String> ordered(String... values) {
        return new LinkedHashSet<>(List.of(values));
    }

    /** @return conditions that every ticket meets */
    public static RuleConditions any() {
        return new RuleConditions(null, null, null, null, null);
    }

    /** @return a copy that also requires one of these ticket types */
    public RuleConditions types(String... values) {
        return new RuleConditions(ordered(values), categories, priorities, channels, fields);
    }

    /** @return a copy that also requires a category in one of these subtrees */
    public RuleConditions categories(String... paths) {
        return new RuleConditions(types, List.of(paths), priorities, channels, fields);
    }

    /** @return a copy that also requires one of these priorities */
    public RuleConditions priorities(String... values) {
        return new RuleConditions(types, categories, ordered(values), channels, fields);
    }

    /** @return a copy that also requires one of these channels */
    public RuleConditions channels(String... values) {
        return new RuleConditions(types, categories, priorities, ordered(values), fields);
    }

    /** @return a copy that also requires custom field {@code key} to equal one of {@code values} */
    public RuleConditions field(String key, Object... values) {
        Map<String, List<Object>> f = new LinkedHashMap<>(fields);
        f.put(key, java.util.Arrays.asList(values));
        return new RuleConditions(types, categories, priorities, channels, f);
    }

    /**
     * @param request the ticket; not null
     * @return null if every condition holds, else the first that does not, e.g. {@code category 'it/printer' not under [it/network]}
     */
    String firstMismatch(DispatchRequest request) {
        if (!types.isEmpty() && !types.contains(request.ticketType())) {
            return "type " + quote(request.ticketType()) + " not in " + types;
        }
        if (!categories.isEmpty() && categories.stream().noneMatch(c -> under(request.category(), c))) {
            return "category " + quote(request.category()) + " not under " + categories;
        }
        if (!priorities.isEmpty() && !priorities.contains(request.priority())) {
            return "priority " + quote(request.priority()) + " not in " + priorities;
        }
        if (!channels.isEmpty() && !channels.contains(request.channel())) {
            return "channel " + quote(request.channel()) + " not in " + channels;
        }
        for (Map.Entry<String, List<Object>> e : fields.entrySet()) {
            Object actual = request.fields().get(e.getKey());
            if (!fieldMatches(actual, e.getValue())) {
                return "field '" + e.getKey() + "' " + (actual == null ? "is empty" : "= " + quote(normal(actual)))
                        + ", not one of " + e.getValue();
            }
        }
        return null;
    }

    /** @return the conditions that held, e.g. {@code type 'incident' in [incident], category 'it/network/vpn' under 'it/network'} */
    String matchText(DispatchRequest request) {
        List<String> parts = new ArrayList<>();
        if (!types.isEmpty()) {
            parts.add("type " + quote(request.ticketType()) + " in " + types);
        }
        if (!categories.isEmpty()) {
            String prefix = categories.stream().filter(c -> under(request.category(), c)).findFirst().orElseThrow();
            parts.add("category " + quote(request.category()) + " under " + quote(prefix));
        }
        if (!priorities.isEmpty()) {
            parts.add("priority " + quote(request.priority()) + " in " + priorities);
        }
        if (!channels.isEmpty()) {
            parts.add("channel " + quote(request.channel()) + " in " + channels);
        }
        fields.keySet().forEach(k -> parts.add("field '" + k + "' = " + quote(normal(request.fields().get(k)))));
        return parts.isEmpty() ? "no conditions" : String.join(", ", parts);
    }

    static boolean under(String category, String prefix) {
        return category != null && (category.equals(prefix) || category.startsWith(prefix + "/"));
    }

    private static boolean fieldMatches(Object actual, List<Object> allowed) {
        if (actual == null) {
            return false;
        }
        String a = normal(actual);
        return allowed.stream().anyMatch(v -> v != null && Objects.equals(a, normal(v)));
    }

    /** Numbers in one spelling ({@code 3.0} → {@code 3}); one outside the limits (NaN too) is never written out and equals no number within them. */
    private static String normal(Object v) {
        if (v instanceof Number n) {
            return DecimalLimits.problem(n).isPresent() ? OUTSIDE_LIMITS
                    : DecimalLimits.check("", n).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(v);
    }

    /**
     * @param path the path of these conditions, e.g. {@code rules[2].when}
     * @param out gets a problem for each field value that is a number beyond {@link DecimalLimits}
     */
    void checkNumbers(String path, List<Problem> out) {
        fields.forEach((key, values) -> {
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) instanceof Number n) {
                    String at = path + ".fields." + key + "[" + i + "]";
                    DecimalLimits.problem(n).ifPresent(m -> out.add(new Problem(at, m)));
                }
            }
        });
    }

    private static String quote(String s) {
        return s == null ? "(none)" : "'" + s + "'";
    }
}
