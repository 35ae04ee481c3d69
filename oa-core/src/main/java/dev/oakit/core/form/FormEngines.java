package dev.oakit.core.form;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiled {@link FormEngine}s shared JVM-wide: compiling the JSON Schema of a form costs far more
 * than validating data with it, and the same fields (a definition's form, one node's access) are
 * validated again by every command. An engine is immutable, so one per distinct (what, fields,
 * unknown-field rule) serves every caller. Bounded: past {@value #MAX} entries the cache starts
 * over, which only costs recompiling.
 */
final class FormEngines {
    static final int MAX = 1024;

    private record Key(String what, List<FormField> fields, UnknownFields unknown) {
    }

    private static final Map<Key, FormEngine> SHARED = new ConcurrentHashMap<>();

    private FormEngines() {
    }

    /** @return the compiled engine for these fields, compiled once */
    static FormEngine of(String what, List<FormField> fields, UnknownFields unknown) {
        Key key = new Key(what, List.copyOf(fields), unknown);
        FormEngine engine = SHARED.get(key);
        if (engine != null) {
            return engine;
        }
        if (SHARED.size() >= MAX) {
            SHARED.clear();
        }
        return SHARED.computeIfAbsent(key, k -> new FormEngine(k.what(), k.fields(), k.unknown()));
    }
}
