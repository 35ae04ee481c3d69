package dev.oakit.core.internal.directory;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadCacheTest {
    private final AtomicInteger loads = new AtomicInteger();

    private String load(String value) {
        loads.incrementAndGet();
        return value;
    }

    @Test
    void reusesAnAnswerPerKey() {
        ReadCache cache = new ReadCache(Duration.ofMinutes(1), 100);
        assertThat(cache.<String>get(() -> load("emgr"), "managerOf", "acme", "alice")).isEqualTo("emgr");
        assertThat(cache.<String>get(() -> load("other"), "managerOf", "acme", "alice")).isEqualTo("emgr");
        assertThat(cache.<String>get(() -> load("smgr"), "managerOf", "acme", "emgr")).isEqualTo("smgr");
        assertThat(cache.<String>get(() -> load("x"), "managerOf", "other-tenant", "alice")).isEqualTo("x");
        assertThat(loads).hasValue(3);
    }

    @Test
    void anInvalidationDropsEveryAnswer() {
        ReadCache cache = new ReadCache(Duration.ofMinutes(1), 100);
        cache.get(() -> load("emgr"), "managerOf", "acme", "alice");
        cache.invalidate();
        assertThat(cache.<String>get(() -> load("ceo"), "managerOf", "acme", "alice")).isEqualTo("ceo");
        assertThat(loads).hasValue(2);
    }

    @Test
    void anAnswerLoadedWhileADirectoryCommandRanIsNotKept() {
        ReadCache cache = new ReadCache(Duration.ofMinutes(1), 100);
        // the reader reads the old manager, then a command commits and invalidates before the reader stores it
        assertThat(cache.<String>get(() -> {
            String old = load("emgr");
            cache.invalidate();
            return old;
        }, "managerOf", "acme", "alice")).isEqualTo("emgr");
        assertThat(cache.<String>get(() -> load("ceo"), "managerOf", "acme", "alice")).isEqualTo("ceo");
        assertThat(cache.<String>get(() -> load("never"), "managerOf", "acme", "alice")).isEqualTo("ceo");
    }

    @Test
    void anAnswerExpiresAfterTheTtl() throws InterruptedException {
        ReadCache cache = new ReadCache(Duration.ofMillis(1), 100);
        cache.get(() -> load("emgr"), "managerOf", "acme", "alice");
        Thread.sleep(5);
        assertThat(cache.<String>get(() -> load("ceo"), "managerOf", "acme", "alice")).isEqualTo("ceo");
    }

    @Test
    void zeroTtlLoadsEveryTime() {
        ReadCache cache = new ReadCache(Duration.ZERO, 100);
        cache.get(() -> load("a"), "k");
        cache.get(() -> load("a"), "k");
        assertThat(loads).hasValue(2);
    }

    @Test
    void staysWithinItsSize() {
        ReadCache cache = new ReadCache(Duration.ofMinutes(1), 3);
        for (int i = 0; i < 10; i++) {
            int n = i;
            cache.get(() -> load("v" + n), "k", n);
        }
        // the cache started over when full: the last answers are there, the first ones were loaded again
        assertThat(cache.<String>get(() -> load("again"), "k", 9)).isEqualTo("v9");
        assertThat(cache.<String>get(() -> load("again"), "k", 0)).isEqualTo("again");
    }

    @Test
    void sharedAnswersCannotBeChanged() {
        ReadCache cache = new ReadCache(Duration.ofMinutes(1), 100);
        List<String> users = cache.get(() -> new ArrayList<>(List.of("a", "b")), "usersWithRole", "acme", "finance");
        assertThatThrownBy(() -> users.add("c")).isInstanceOf(UnsupportedOperationException.class);
        java.util.SortedSet<String> roles = cache.get(() -> new TreeSet<>(List.of("b", "a")), "rolesOf", "acme", "alice");
        assertThat(roles).containsExactly("a", "b");
        assertThatThrownBy(() -> roles.remove("a")).isInstanceOf(UnsupportedOperationException.class);
    }
}
