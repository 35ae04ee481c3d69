package dev.oakit.ticket.internal.store;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rollup's batch from its two cut reads ({@link MetricDayRepository#firstIds}) is the batch of the single query it
 * replaced, the lowest ids of all the tickets to roll up, or a first part of it when a ticket's several assignments
 * filled the second read; and then it still holds a full batch of rows, so the job runs again at once.
 */
class RollupBatchProperties {

    @Property
    void theBatchIsTheLowestTicketsToRollUp(@ForAll @Size(max = 30) Set<@IntRange(min = 1, max = 60) Integer> newTickets,
                                           @ForAll @Size(max = 40) List<@IntRange(min = 1, max = 60) Integer> newAssignments,
                                           @ForAll @IntRange(min = 1, max = 20) int limit) {
        List<Long> created = newTickets.stream().sorted().limit(limit).map(Long::valueOf).toList();
        List<Long> assigned = newAssignments.stream().sorted().limit(limit).map(Long::valueOf).toList();
        TreeSet<Long> all = new TreeSet<>();
        newTickets.forEach(i -> all.add((long) i));
        newAssignments.forEach(i -> all.add((long) i));

        List<Long> batch = MetricDayRepository.firstIds(created, assigned, limit);

        assertThat(batch).isEqualTo(all.stream().limit(batch.size()).toList());
        assertThat(batch.isEmpty()).isEqualTo(all.isEmpty());
        if (newAssignments.size() < limit) {
            assertThat(batch).hasSize(Math.min(limit, all.size())); // what the single query took
        }
        long rows = newTickets.stream().filter(i -> batch.contains((long) i)).count()
                + newAssignments.stream().filter(i -> batch.contains((long) i)).count();
        if (newTickets.size() > limit || newAssignments.size() > limit) {
            assertThat(rows).as("a full batch of rows").isGreaterThanOrEqualTo(limit);
        }
    }
}
