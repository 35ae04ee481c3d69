package dev.oakit.benchmarks;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A benchmark's settings: {@code key=value} arguments (the {@code bench.} prefix optional), then
 * system properties, then the defaults.
 */
record BenchArgs(Map<String, String> overrides) {
    /** @return the settings of {@code key=value} command-line arguments */
    static BenchArgs of(String[] args) {
        Map<String, String> overrides = new HashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq > 0) {
                String k = a.substring(0, eq);
                overrides.put(k.startsWith("bench.") ? k : "bench." + k, a.substring(eq + 1));
            }
        }
        return new BenchArgs(overrides);
    }

    /** @return the value of {@code key}, or null */
    String get(String key) {
        return overrides.containsKey(key) ? overrides.get(key) : System.getProperty(key);
    }

    /** @return the value of {@code key}, or {@code fallback} when absent or blank */
    String get(String key, String fallback) {
        String v = get(key);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    int integer(String key, int fallback) {
        return Integer.parseInt(get(key, Integer.toString(fallback)));
    }

    /** @return {@code bench.dbs}, lower case */
    List<String> dbs(String fallback) {
        return Arrays.stream(get("bench.dbs", fallback).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    /** @return the PostgreSQL server of {@code bench.pg.url}, {@code bench.pg.user}, {@code bench.pg.password} */
    BenchDatabase.Server pg(String defaultUrl) {
        return new BenchDatabase.Server(get("bench.pg.url", defaultUrl), get("bench.pg.user", "postgres"),
                get("bench.pg.password") == null ? "" : get("bench.pg.password"));
    }
}
