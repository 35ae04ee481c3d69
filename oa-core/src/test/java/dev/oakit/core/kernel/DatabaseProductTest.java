package dev.oakit.core.kernel;

import com.google.inject.AbstractModule;
import dev.oakit.core.ConflictException;
import dev.oakit.core.CoreErrors;
import dev.oakit.core.OaKit;
import dev.oakit.core.spi.DatabaseProduct;
import dev.oakit.core.spi.OaDatabase;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import jakarta.inject.Inject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A plugin learns which database OAKit runs on from core ({@link OaDatabase}, injected), the answer core read once when
 * it opened the database; before {@code start()} the question is refused as "not started", not answered by a guess.
 */
class DatabaseProductTest {
    /** What a vendor's repository would hold to choose its per-product statement. */
    public static final class Asker {
        private final OaDatabase database;

        @Inject
        Asker(OaDatabase database) {
            this.database = database;
        }

        DatabaseProduct product() {
            return database.product();
        }
    }

    /** Installs {@link Asker} through the SPI alone. */
    static final class AskerPlugin implements OaPlugin {
        @Override
        public String id() {
            return "asker";
        }

        @Override
        public void configure(OaPluginContext context) {
            context.install(new AbstractModule() {
                @Override
                protected void configure() {
                    bind(Asker.class);
                }
            });
            context.exposeService(Asker.class);
        }
    }

    @DbTest
    void aPluginIsToldTheProductCoreDetected(TestDatabase db) {
        OaKit oa = db.start(b -> b.plugin(new AskerPlugin()));
        DatabaseProduct product = oa.service(Asker.class).product();
        assertThat(product).isEqualTo(DatabaseProduct.valueOf(db.kind().name()));
        assertThat(product.vendor()).isEqualTo(db.kind().label());
    }

    @DbTest
    void beforeStartTheQuestionIsRefused(TestDatabase db) {
        OaKit oa = db.closeLater(db.builder().plugin(new AskerPlugin()).build());
        assertThatThrownBy(() -> oa.service(Asker.class).product()).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(e.code()).isEqualTo(CoreErrors.NOT_STARTED));
    }
}
