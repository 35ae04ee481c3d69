package dev.oakit.core.directory;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.testing.CountingDataSource;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.DirectorySeed;
import dev.oakit.core.testing.TestDatabase;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Directory#findUsers}: many ids in one query, cached, unknown ids left out, on every database. */
class FindUsersTest {
    @DbTest
    void manyUsersComeInOneQueryAndThenFromTheCache(TestDatabase db) {
        CountingDataSource counting = new CountingDataSource(db.dataSource());
        OaKit oa = db.closeLater(OaKit.builder().config("core", TestDatabase.ANY_TENANT).dataSource(counting)
                .config("core", Map.of("jobs", Map.of("enabled", false))).build().start());
        Directory directory = oa.service(Directory.class);
        Actor admin = Actor.admin("acme", "root");
        List<String> ids = IntStream.rangeClosed(1, 20).mapToObj(i -> String.format("u%02d", i)).toList();
        DirectorySeed.of(directory, admin).users(ids);
        directory.deactivateUser(admin, "u07");

        directory.findUser(admin, "u12"); // the first read after the deactivation warms what is not the directory's
        counting.reset();
        assertThat(directory.findUser(admin, "u11")).isPresent();
        long one = counting.reset(); // what a lookup of one user costs (its query and the read's own statements)
        Map<String, User> found = directory.findUsers(admin, List.of("u03", "u07", "u20", "nobody"));
        long first = counting.reset();
        Map<String, User> again = directory.findUsers(admin, List.of("u20", "nobody", "u07", "u03"));
        long second = counting.reset();

        assertThat(found).containsOnlyKeys("u03", "u07", "u20");
        assertThat(found.get("u07").active()).isFalse();
        assertThat(found.get("u03").active()).isTrue();
        assertThat(again).isEqualTo(found);
        assertThat(first).as("four ids cost what one id costs").isEqualTo(one);
        assertThat(second).as("the same ids again come from the cache").isZero();
        assertThat(directory.findUsers(admin, List.of())).isEmpty();
    }
}
