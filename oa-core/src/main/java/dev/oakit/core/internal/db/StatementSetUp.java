package dev.oakit.core.internal.db;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.Arguments;
import org.jdbi.v3.core.argument.QualifiedArgumentFactory;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.mapper.Mappers;
import org.jdbi.v3.core.qualifier.QualifiedType;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What Jdbi would otherwise look up again for every statement, looked up once per Jdbi. Each statement works on its
 * own copy of the configuration, and the copy starts without the choices earlier statements made: which argument
 * factory binds a {@code String} or a {@code Long} (Jdbi walks its list of factories for each type of each
 * statement), which column mapper reads a {@code Long}. So: a first argument factory that answers for the plain value
 * types with the choice the rest of the list makes for them, made once and kept; and the mappers of the plain types
 * looked up on the Jdbi's own configuration, which the copies share. What binds or maps a value is unchanged: the same
 * factory or mapper Jdbi would find, only not found again.
 */
public final class StatementSetUp {
    /** The value types OAKit binds and reads (no qualifier, no generic type): their choice depends on nothing else. */
    static final List<Class<?>> PLAIN = List.of(String.class, Long.class, long.class, Integer.class, int.class, Boolean.class,
            boolean.class, Short.class, short.class, Double.class, double.class, BigDecimal.class, Instant.class, LocalDateTime.class,
            LocalDate.class, byte[].class);

    private StatementSetUp() {
    }

    /** Installs the chosen-once argument factory (after every other registration of OAKit's) and warms the mappers. */
    public static void install(Jdbi jdbi) {
        jdbi.registerArgument(new ChosenOnce(jdbi.getConfig()));
        Mappers mappers = jdbi.getConfig(Mappers.class);
        for (Class<?> type : PLAIN) {
            mappers.findFor(type);
        }
    }

    /**
     * Answers for a plain type with the function the factories behind it would prepare, found the first time on the
     * Jdbi's own configuration and kept; any other type it leaves to them.
     */
    static final class ChosenOnce implements QualifiedArgumentFactory.Preparable {
        private static final Set<Class<?>> TYPES = Set.copyOf(PLAIN);
        private final ConfigRegistry root;
        private final Map<QualifiedType<?>, Optional<Function<Object, Argument>>> chosen = new ConcurrentHashMap<>();

        ChosenOnce(ConfigRegistry root) {
            this.root = root;
        }

        @Override
        public Optional<Function<Object, Argument>> prepare(QualifiedType<?> type, ConfigRegistry config) {
            if (!type.getQualifiers().isEmpty() || !(type.getType() instanceof Class<?> c) || !TYPES.contains(c)) {
                return Optional.empty();
            }
            Optional<Function<Object, Argument>> f = chosen.get(type);
            if (f == null) {
                f = choose(type);
                chosen.putIfAbsent(type, f);
            }
            return f;
        }

        @Override
        public Optional<Argument> build(QualifiedType<?> type, Object value, ConfigRegistry config) {
            return prepare(type, config).map(f -> f.apply(value));
        }

        /** The first factory behind this one that prepares the type, as Jdbi's own walk picks it. */
        private Optional<Function<Object, Argument>> choose(QualifiedType<?> type) {
            for (QualifiedArgumentFactory factory : root.get(Arguments.class).getFactories()) {
                if (factory != this && factory instanceof QualifiedArgumentFactory.Preparable p) {
                    Optional<Function<Object, Argument>> f = p.prepare(type, root);
                    if (f.isPresent()) {
                        return f;
                    }
                }
            }
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "StatementSetUp.ChosenOnce" + chosen.keySet();
        }
    }
}
