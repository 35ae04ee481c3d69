package dev.oakit.examples.festival;

import dev.oakit.core.OaKit;
import dev.oakit.core.OaKitBuilder;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** The festival scenario passes its own checks on every database. */
class FestivalTest {
    @DbTest
    void theFestivalDayEndsWithEveryTaskDoneAndTheNoShowsEscalated(TestDatabase db) {
        OaKitBuilder builder = db.builder();
        Festival festival = Festival.prepare(builder);
        OaKit oa = db.closeLater(builder.build().start());
        Festival.Report report = festival.run(oa);
        assertThat(report.checks()).as(String.join("\n", report.lines())).isNotEmpty().doesNotContainValue(false);
        assertThat(report.lines()).anyMatch(l -> l.startsWith("escalated to the command centre: "));
    }
}
