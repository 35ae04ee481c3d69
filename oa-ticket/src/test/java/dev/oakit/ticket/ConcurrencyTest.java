package dev.oakit.ticket;

import dev.oakit.core.Actor;
import dev.oakit.core.ConflictException;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.oakit.ticket.TicketFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

/** Numbers never repeat and exactly one of two claiming agents wins, with real threads on every database. */
class ConcurrencyTest {
    static <T> List<Future<T>> race(int threads, List<Callable<T>> tasks) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> out = new ArrayList<>();
            for (Callable<T> task : tasks) {
                out.add(pool.submit(() -> {
                    go.await();
                    return task.call();
                }));
            }
            go.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @DbTest
    void ticketNumbersAreUniqueUnderConcurrentCreatesFromTheFirstTicketOfTheYearOn(TestDatabase db) throws Exception {
        TicketFixture f = new TicketFixture(db);
        f.setUpTenant("globex");
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String tenant = i % 3 == 0 ? "globex" : TicketFixture.T;
            int n = i;
            tasks.add(() -> tenant + "/" + f.tickets.create(Actor.of(tenant, "alice"), NewTicket.builder("it", "并发 " + n).build()).number());
        }
        List<String> numbers = new ArrayList<>();
        for (Future<String> r : race(6, tasks)) {
            numbers.add(r.get());
        }
        assertThat(numbers).doesNotHaveDuplicates().hasSize(60);
        assertThat(numbers).allSatisfy(n -> assertThat(n).matches("(acme|globex)/TK-\\d{4}-\\d{6}"));
        Set<String> acme = new TreeSet<>(numbers.stream().filter(n -> n.startsWith("acme/")).map(n -> n.substring(n.length() - 6)).toList());
        // no gaps either when nothing rolled back: 1..40 in acme, 1..20 in globex
        assertThat(acme).hasSize(40).first().isEqualTo("000001");
        assertThat(acme).last().isEqualTo("000040");
    }

    @DbTest
    void twoAgentsClaimingOneTicketAtOnceExactlyOneWins(TestDatabase db) throws Exception {
        TicketFixture f = new TicketFixture(db);
        for (int round = 0; round < 5; round++) {
            Ticket t = f.open("抢单 " + round);
            List<Callable<String>> tasks = new ArrayList<>();
            for (String agent : List.of("carol", "dave")) {
                tasks.add(() -> {
                    try {
                        return f.tickets.claim(user(agent), t.id()).assignee();
                    } catch (ConflictException lost) {
                        assertThat(lost).hasMessageContaining("OA-TK/ALREADY_ASSIGNED");
                        return "lost";
                    }
                });
            }
            List<String> outcomes = new ArrayList<>();
            for (Future<String> r : race(2, tasks)) {
                outcomes.add(r.get());
            }
            assertThat(outcomes).containsOnlyOnce("lost");
            String winner = outcomes.stream().filter(o -> !o.equals("lost")).findFirst().orElseThrow();
            Ticket after = f.ticket(t.id());
            assertThat(after.assignee()).isEqualTo(winner);
            assertThat(after.state()).isEqualTo("assigned");
            assertThat(f.queries.detail(f.admin, t.id()).timeline()).filteredOn(e -> e.kind() == TicketEventKind.ASSIGNED).hasSize(1);
        }
    }
}
