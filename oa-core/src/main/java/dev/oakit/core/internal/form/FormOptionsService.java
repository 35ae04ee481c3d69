package dev.oakit.core.internal.form;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.core.Actor;
import dev.oakit.core.ConfigurationException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.ValidationException.Problem;
import dev.oakit.core.form.FieldOption;
import dev.oakit.core.form.FieldType;
import dev.oakit.core.form.FormField;
import dev.oakit.core.form.FormOptions;
import dev.oakit.core.form.FormSchema;
import dev.oakit.core.form.OptionSourceRef;
import dev.oakit.core.form.spi.OptionSource;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/** {@link FormOptions} over the installed {@link OptionSource}s. */
@Singleton
public final class FormOptionsService implements FormOptions {
    private final Map<String, OptionSource> sources = new TreeMap<>();

    @Inject
    private FormOptionsService(Set<OptionSource> installed) {
        for (OptionSource s : installed) {
            OptionSource earlier = sources.putIfAbsent(s.id(), s);
            if (earlier != null) {
                throw new ConfigurationException(List.of("option source id '" + s.id() + "' is contributed twice ("
                        + earlier.getClass().getName() + ", " + s.getClass().getName() + "); give each source its own id"));
            }
        }
    }

    @Override
    public List<FieldOption> options(Actor actor, FormField field) {
        Objects.requireNonNull(actor, "actor");
        OptionSourceRef ref = field.optionSource();
        return ref == null ? field.options() : source(field.key(), ref).options(actor, ref.target());
    }

    @Override
    public List<Problem> unknownSources(FormSchema schema, String path) {
        List<Problem> out = new ArrayList<>();
        unknown(schema.fields(), path + ".fields", out);
        return out;
    }

    private void unknown(List<FormField> fields, String path, List<Problem> out) {
        for (int i = 0; i < fields.size(); i++) {
            FormField f = fields.get(i);
            String p = path + "[" + i + "]";
            if (f.optionSource() != null && !sources.containsKey(f.optionSource().source())) {
                out.add(new Problem(p + ".options.source", missing(f.key(), f.optionSource().source())));
            }
            unknown(f.fields(), p + ".fields", out);
        }
    }

    private String missing(String key, String source) {
        return "field '" + key + "' takes its options from source '" + source + "', which no installed plugin contributes; "
                + (sources.isEmpty() ? "install the plugin that offers it" : "use one of " + sources.keySet());
    }

    private OptionSource source(String key, OptionSourceRef ref) {
        OptionSource s = sources.get(ref.source());
        if (s == null) {
            throw ValidationException.of(key, missing(key, ref.source()));
        }
        return s;
    }

    @Override
    public void check(Actor actor, FormSchema schema, JsonNode data, JsonNode before) {
        Objects.requireNonNull(actor, "actor");
        List<Problem> problems = new ArrayList<>();
        for (FormField f : schema.fields()) {
            JsonNode value = data.get(f.key());
            JsonNode old = before == null ? null : before.get(f.key());
            if (value == null || value.isNull() || value.equals(old)) {
                continue;
            }
            if (f.optionSource() != null) {
                Map<String, String> paths = new LinkedHashMap<>();
                collect(f, value, f.key(), paths);
                check(actor, f, paths, problems);
            }
            for (FormField column : f.type() == FieldType.TABLE ? f.fields() : List.<FormField>of()) {
                if (column.optionSource() != null && value.isArray()) {
                    Map<String, String> paths = new LinkedHashMap<>();
                    for (int row = 0; row < value.size(); row++) {
                        JsonNode cell = value.get(row).get(column.key());
                        if (cell != null && !cell.isNull()) {
                            collect(column, cell, f.key() + "[" + row + "]." + column.key(), paths);
                        }
                    }
                    check(actor, column, paths, problems);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(FormSchema.DATA_INVALID, "data of form '" + schema.key() + "'", problems);
        }
    }

    /** Adds each chosen value with the path of its first occurrence. */
    private static void collect(FormField f, JsonNode value, String path, Map<String, String> paths) {
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                paths.putIfAbsent(value.get(i).asText(), path + "[" + i + "]");
            }
        } else {
            paths.putIfAbsent(value.asText(), path);
        }
    }

    private void check(Actor actor, FormField f, Map<String, String> paths, List<Problem> problems) {
        if (paths.isEmpty()) {
            return;
        }
        OptionSourceRef ref = f.optionSource();
        Map<String, OptionSource.State> states = source(f.key(), ref).lookUp(actor, ref.target(), new LinkedHashSet<>(paths.keySet()));
        String from = "source '" + ref.source() + "'" + (ref.target() == null ? "" : " (target '" + ref.target() + "')");
        paths.forEach((value, path) -> {
            OptionSource.State state = states.get(value);
            if (state == null) {
                problems.add(new Problem(path, "'" + value + "' is not an option of field '" + f.key() + "'; its options come from "
                        + from + ": choose one of those FormOptions.options lists"));
            } else if (state == OptionSource.State.INACTIVE) {
                problems.add(new Problem(path, "'" + value + "' is no longer offered by " + from + " (disabled or archived); "
                        + "choose an active option for field '" + f.key() + "'"));
            }
        });
    }
}
