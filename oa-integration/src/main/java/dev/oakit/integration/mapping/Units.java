package dev.oakit.integration.mapping;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The units the {@code unit} transform knows, each an exact factor to its dimension's base unit. */
final class Units {
    record Unit(String dimension, BigDecimal factor) {
    }

    private static final Map<String, Unit> UNITS = new LinkedHashMap<>();

    static {
        mass("mg", "0.001");
        mass("g", "1");
        mass("kg", "1000");
        mass("t", "1000000");
        mass("lb", "453.59237");        // exact by the 1959 international agreement
        mass("oz", "28.349523125");     // 1/16 lb
        put("length", "mm", "0.001");
        put("length", "cm", "0.01");
        put("length", "m", "1");
        put("length", "km", "1000");
        put("length", "in", "0.0254");
        put("length", "ft", "0.3048");
        put("volume", "ml", "0.001");
        put("volume", "l", "1");
        put("volume", "m3", "1000");
        put("count", "pcs", "1");
        put("count", "dozen", "12");
    }

    private Units() {
    }

    private static void mass(String name, String factor) {
        put("mass", name, factor);
    }

    private static void put(String dimension, String name, String factor) {
        UNITS.put(name, new Unit(dimension, new BigDecimal(factor)));
    }

    static Unit named(String name) {
        return UNITS.get(name);
    }

    static List<String> names() {
        return List.copyOf(UNITS.keySet());
    }

    /** @return whether every decimal multiplied by {@code a / b} stays a finite decimal */
    static boolean exact(BigDecimal a, BigDecimal b) {
        try {
            a.divide(b);
            // b's digits must divide a power of ten: only 2s and 5s in its unscaled value after reduction
            BigDecimal reduced = b.stripTrailingZeros();
            java.math.BigInteger u = reduced.unscaledValue().abs();
            java.math.BigInteger g = u.gcd(a.stripTrailingZeros().unscaledValue().abs());
            u = u.divide(g);
            for (java.math.BigInteger p : List.of(java.math.BigInteger.TWO, java.math.BigInteger.valueOf(5))) {
                while (u.mod(p).signum() == 0) {
                    u = u.divide(p);
                }
            }
            return u.equals(java.math.BigInteger.ONE);
        } catch (ArithmeticException e) {
            return false;
        }
    }
}
