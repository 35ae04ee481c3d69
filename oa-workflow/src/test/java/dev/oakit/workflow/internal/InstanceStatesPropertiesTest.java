package dev.oakit.workflow.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The instance state's JSON through the prepared reader and writer is the mapper's own, both ways. */
class InstanceStatesPropertiesTest {
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    @Property(tries = 300)
    void written_and_read_as_the_mapper_does(@ForAll("states") InstanceState st) throws Exception {
        String written = InstanceStates.of(JSON).write(st);
        assertThat(written).isEqualTo(JSON.writeValueAsString(st));
        assertThat(JSON.writeValueAsString(InstanceStates.of(JSON).read(written)))
                .isEqualTo(JSON.writeValueAsString(JSON.readValue(written, InstanceState.class))).isEqualTo(written);
    }

    @Property(tries = 20)
    void another_mapper_gets_its_own_codec(@ForAll("states") InstanceState st) throws Exception {
        ObjectMapper sorted = JsonMapper.builder().enable(com.fasterxml.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY).build();
        assertThat(InstanceStates.of(sorted).write(st)).isEqualTo(sorted.writeValueAsString(st));
        assertThat(InstanceStates.of(JSON).write(st)).isEqualTo(JSON.writeValueAsString(st));
    }

    @Provide
    Arbitrary<InstanceState> states() {
        Arbitrary<String> id = Arbitraries.strings().withChars("abcxyz_\"\\\u5ba1").ofMinLength(1).ofMaxLength(5);
        Arbitrary<List<String>> ids = id.list().ofMaxSize(3);
        Arbitrary<InstanceState.NodeRun> run = Combinators.combine(Arbitraries.integers().between(1, 9), ids, Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 5), ids.injectNull(0.3), ids.injectNull(0.3)).as((round, queue, any, votes, by, decided) -> {
            InstanceState.NodeRun r = new InstanceState.NodeRun();
            r.round = round;
            r.queue = new ArrayList<>(queue);
            r.anyApproved = any;
            r.approvals = votes;
            r.rejections = votes / 2;
            r.approvedBy = by == null ? null : new ArrayList<>(by);
            r.decided = decided;
            return r;
        });
        return Combinators.combine(ids, Arbitraries.maps(id, ids).ofMaxSize(3), Arbitraries.maps(id, run).ofMaxSize(3),
                Arbitraries.maps(Arbitraries.longs().between(-3, 1_000_000), id).ofMaxSize(2), id.injectNull(0.5),
                Arbitraries.longs().injectNull(0.5), Arbitraries.integers().between(-1, 16_000).injectNull(0.2), ids.injectNull(0.5))
                .as((active, approvedBy, runs, proxyFor, returned, urged, chars, calls) -> {
                    InstanceState st = new InstanceState();
                    st.active = new ArrayList<>(active);
                    st.visited = new ArrayList<>(active);
                    st.approvedBy = new LinkedHashMap<>(approvedBy);
                    st.chosen = new LinkedHashMap<>(approvedBy);
                    st.runs = new LinkedHashMap<>(runs);
                    st.proxyFor = new LinkedHashMap<>(proxyFor);
                    st.joins.put("j", new int[]{2, active.size()});
                    st.returnedFrom = returned;
                    st.lastCompleted = returned;
                    st.lastUrgedAt = urged;
                    st.openDigest = returned;
                    st.timelineChars = chars;
                    st.calls = calls;
                    return st;
                });
    }
}
