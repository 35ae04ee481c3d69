package dev.oakit.fakes.odoo;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Domains in prefix notation obey the laws of logic over any records (odoo/osv/expression.py semantics). */
class OdooDomainProperties {
    private static final OdooSchema.Model PO = OdooSchema.standard().get("purchase.order");

    @Provide
    Arbitrary<List<Object>> leaf() {
        Arbitrary<List<Object>> origin = Combinators.combine(Arbitraries.of("=", "!=", "in", "not in", "like", "ilike"),
                Arbitraries.of("OA-1", "OA-2", "oa", "X")).as((op, v) -> List.of("origin", op,
                op.endsWith("in") ? (Object) List.of(v, "OA-3") : v));
        Arbitrary<List<Object>> date = Combinators.combine(Arbitraries.of(">", ">=", "<", "<=", "="),
                Arbitraries.of("2026-03-01 08:00:00", "2026-03-01 09:00:00", "2026-03-01 09:00:00.500000"))
                .as((op, v) -> List.of("write_date", op, v));
        Arbitrary<List<Object>> state = Arbitraries.of("draft", "purchase", "cancel").map(v -> List.of("state", "=", v));
        return Arbitraries.oneOf(origin, date, state);
    }

    @Provide
    Arbitrary<List<Map<String, Object>>> records() {
        Arbitrary<Map<String, Object>> one = Combinators.combine(
                Arbitraries.of("OA-1", "OA-2", "OA-3", "oa-9", "X"),
                Arbitraries.of("2026-03-01 08:00:00.000000", "2026-03-01 09:00:00.000000", "2026-03-01 09:00:00.250000"),
                Arbitraries.of("draft", "purchase", "cancel")).as((o, w, s) -> {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("origin", o);
                    r.put("write_date", w);
                    r.put("state", s);
                    return r;
                });
        return one.list().ofMinSize(1).ofMaxSize(12);
    }

    private static long count(List<Map<String, Object>> records, List<?> domain) {
        Predicate<Map<String, Object>> p = OdooDomain.compile(PO, domain);
        return records.stream().filter(p).count();
    }

    @Property
    void notIsTheComplement(@ForAll("records") List<Map<String, Object>> records, @ForAll("leaf") List<Object> a) {
        List<Object> not = new ArrayList<>(List.of("!", a));
        assertThat(count(records, List.of(a)) + count(records, not)).isEqualTo(records.size());
    }

    @Property
    void orIsInclusionExclusionAndImplicitAndIsAnd(@ForAll("records") List<Map<String, Object>> records,
                                                  @ForAll("leaf") List<Object> a, @ForAll("leaf") List<Object> b) {
        long and = count(records, List.of("&", a, b));
        assertThat(count(records, List.of(a, b))).as("consecutive leaves are and-ed").isEqualTo(and);
        assertThat(count(records, List.of("|", a, b))).isEqualTo(count(records, List.of(a)) + count(records, List.of(b)) - and);
        assertThat(count(records, List.of("!", "|", a, b))).as("De Morgan").isEqualTo(count(records, List.of("&", "!", a, "!", b)));
    }
}
