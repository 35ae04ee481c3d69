package dev.oakit.integration;

import dev.oakit.core.OaKit;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

class IntegrationPluginTest {
    @DbTest
    void startsOnCoreAlone(TestDatabase db) throws Exception {
        OaKit oa = db.start(b -> b.plugin(new IntegrationPlugin()));
        assertThat(oa).isNotNull();
        assertThat(oa.service(IdMap.class)).as("the ID map is a host service").isNotNull();
        assertThat(db.queryLong("SELECT COUNT(*) FROM oa_int_id_link")).isZero();
    }
}
