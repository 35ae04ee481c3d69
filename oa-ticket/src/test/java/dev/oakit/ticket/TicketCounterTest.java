package dev.oakit.ticket;

import dev.oakit.core.OaKit;
import dev.oakit.core.testing.CountingDataSource;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A ticket's number costs one statement on every database (PostgreSQL {@code UPDATE … RETURNING}, H2 {@code FINAL
 * TABLE}, MariaDB {@code LAST_INSERT_ID(expr)} passed back by the driver), and numbers follow each other without gaps.
 */
class TicketCounterTest {
    @DbTest
    void eachNumberCostsOneStatementAndNumbersFollowEachOther(TestDatabase db) {
        CountingDataSource counting = new CountingDataSource(db.dataSource());
        OaKit oa = db.closeLater(OaKit.builder().config("core", TestDatabase.ANY_TENANT).dataSource(counting).plugin(new TicketPlugin())
                .config("core", Map.of("jobs", Map.of("enabled", false), "audit", Map.of("sealInterval", "PT0S"))).build().start());
        TicketFixture f = new TicketFixture(oa);
        Ticket first = f.open("一"); // opens the year's counter
        counting.logging(true);
        for (int i = 1; i <= 3; i++) {
            counting.reset();
            Ticket t = f.open("第 " + i);
            List<String> counter = counting.log().stream().filter(sql -> sql.contains("oa_tk_counter")).toList();
            assertThat(counter).as("the counter's statements").hasSize(1);
            assertThat(sequence(t.number())).isEqualTo(sequence(first.number()) + i);
        }
    }

    private static long sequence(String number) {
        return Long.parseLong(number.substring(number.lastIndexOf('-') + 1));
    }
}
