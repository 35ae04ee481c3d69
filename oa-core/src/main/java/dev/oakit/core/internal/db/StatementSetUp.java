package dev.oakit.core.internal.db;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.Arguments;
import org.jdbi.v3.core.argument.QualifiedArgumentFactory;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.mapper.Mappers;
import org.jdbi.v3.core.qualifier.QualifiedType;
import org.jdbi.v3.core.statement.SqlStatements;

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
    /**
     * The value types OAKit binds and reads (no qualifier, no generic type): their choice depends only on the factories
     * behind the set-up's, which never change, and on the {@link Arguments} settings, which {@link ChosenOnce} compares.
     */
    static final List<Class<?>> PLAIN = List.of(String.class, Long.class, long.class, Integer.class, int.class, Boolean.class,
            boolean.class, Short.class, short.class, Double.class, double.class, BigDecimal.class, Instant.class, LocalDateTime.class,
            LocalDate.class, byte[].class);

    private StatementSetUp() {
    }

    /**
     * Installs the chosen-once argument factory (after every other registration of OAKit's), warms the mappers, and sets
     * the SQL parser and template engine that read statements as Jdbi's defaults do, without ANTLR ({@link PlainSqlParser}).
     */
    public static void install(Jdbi jdbi) {
        jdbi.getConfig(SqlStatements.class).setSqlParser(PlainSqlParser.INSTANCE).setTemplateEngine(PlainSqlParser.Templates.INSTANCE);
        jdbi.registerArgument(new ChosenOnce(jdbi.getConfig()));
        Mappers mappers = jdbi.getConfig(Mappers.class);
        for (Class<?> type : PLAIN) {
            mappers.findFor(type);
        }
    }

    /**
     * Answers for a plain type with the function the factories behind it would prepare, found the first time on the
     * Jdbi's own configuration and kept; any other type it leaves to them. It steps aside (answers nothing, so Jdbi
     * walks on as if it were not there) where the kept choice could differ from Jdbi's own: when a statement's
     * {@link Arguments} settings differ from the Jdbi's (null to primitives, prepared arguments, the untyped null: the
     * functions the factories prepare may read them), and, when asked to build rather than prepare, when a factory
     * that cannot prepare comes before the chosen one (Jdbi asks such a factory when it builds, and it may answer).
     */
    static final class ChosenOnce implements QualifiedArgumentFactory.Preparable {
        private static final Set<Class<?>> TYPES = Set.copyOf(PLAIN);
        private final ConfigRegistry root;
        private final Map<QualifiedType<?>, Choice> chosen = new ConcurrentHashMap<>();

        ChosenOnce(ConfigRegistry root) {
            this.root = root;
        }

        /**
         * The function the first preparable factory behind this one makes for a type, and whether Jdbi's walk of every
         * factory (for {@link #build}) would reach that factory first: no factory that cannot prepare comes before it.
         */
        private record Choice(Optional<Function<Object, Argument>> prepared, boolean buildsTheSame) {
        }

        @Override
        public Optional<Function<Object, Argument>> prepare(QualifiedType<?> type, ConfigRegistry config) {
            return answers(type, config) ? choice(type).prepared() : Optional.empty();
        }

        @Override
        public Optional<Argument> build(QualifiedType<?> type, Object value, ConfigRegistry config) {
            if (!answers(type, config)) {
                return Optional.empty();
            }
            Choice c = choice(type);
            return c.buildsTheSame() ? c.prepared().map(f -> f.apply(value)) : Optional.empty();
        }

        private boolean answers(QualifiedType<?> type, ConfigRegistry config) {
            return type.getQualifiers().isEmpty() && type.getType() instanceof Class<?> c && TYPES.contains(c)
                    && sameSettings(config.get(Arguments.class), root.get(Arguments.class));
        }

        /** The settings the prepared functions may read, which a handle or statement can change on its own copy. */
        private static boolean sameSettings(Arguments mine, Arguments jdbis) {
            return mine == jdbis || (mine.isBindingNullToPrimitivesPermitted() == jdbis.isBindingNullToPrimitivesPermitted()
                    && mine.isPreparedArgumentsEnabled() == jdbis.isPreparedArgumentsEnabled()
                    && mine.getUntypedNullArgument() == jdbis.getUntypedNullArgument());
        }

        private Choice choice(QualifiedType<?> type) {
            Choice c = chosen.get(type);
            if (c == null) {
                c = choose(type);
                chosen.putIfAbsent(type, c);
            }
            return c;
        }

        /**
         * The first factory behind this one that prepares the type, as Jdbi's own walk picks it. Only those behind:
         * Jdbi registers new factories in front, so the ones behind are the same for the Jdbi and every copy of its
         * configuration, while one registered in front later is asked before this one anyway.
         */
        private Choice choose(QualifiedType<?> type) {
            List<QualifiedArgumentFactory> factories = root.get(Arguments.class).getFactories();
            boolean buildsTheSame = true;
            for (QualifiedArgumentFactory factory : factories.subList(factories.indexOf(this) + 1, factories.size())) {
                if (factory instanceof QualifiedArgumentFactory.Preparable p) {
                    Optional<Function<Object, Argument>> f = p.prepare(type, root);
                    if (f.isPresent()) {
                        return new Choice(f, buildsTheSame);
                    }
                } else {
                    buildsTheSame = false;
                }
            }
            return new Choice(Optional.empty(), buildsTheSame);
        }

        @Override
        public String toString() {
            return "StatementSetUp.ChosenOnce" + chosen.keySet();
        }
    }
}
