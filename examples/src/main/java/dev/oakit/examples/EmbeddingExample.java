package dev.oakit.examples;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.oakit.core.OaKit;
import dev.oakit.core.OaKitModule;
import dev.oakit.core.audit.AuditLog;
import dev.oakit.examples.rooms.Rooms;
import dev.oakit.examples.rooms.RoomsPlugin;

import javax.sql.DataSource;
import java.nio.file.Path;

/** The embedding examples shown in docs/getting-started.md (GettingStartedTest keeps the doc in sync with this file). */
public final class EmbeddingExample {
    private EmbeddingExample() {
    }

    /** Plain Java host: builder, start, services, close. */
    public static int plainJava(Path dataDirectory) {
        // tag::plain[]
        try (OaKit oa = OaKit.builder()
                .dataDirectory(dataDirectory)          // or .dataSource(hostDataSource)
                .tenant("acme", "ACME")                // created at start unless it exists; other tenants are refused
                .plugin(new RoomsPlugin())             // plugins are registered explicitly
                .config("rooms", java.util.Map.of("remindBefore", "PT10M"))
                .build()                               // validates everything, no I/O
                .start()) {                            // migrations, then job workers
            Rooms rooms = oa.service(Rooms.class);
            return rooms.bookings(dev.oakit.core.Actor.of("acme", "alice")).size();
        }
        // end::plain[]
    }

    /** Guice host: a private module that exposes only OAKit's public services. */
    public static AuditLog guice(DataSource hostDataSource) {
        // tag::guice[]
        Injector injector = Guice.createInjector(OaKitModule.builder()
                .dataSource(hostDataSource)
                .tenant("acme", "ACME")
                .plugin(new RoomsPlugin())
                .build());
        OaKit oa = injector.getInstance(OaKit.class).start();
        Rooms rooms = injector.getInstance(Rooms.class);       // exposed by the plugin
        AuditLog audit = injector.getInstance(AuditLog.class); // exposed by core
        // end::guice[]
        rooms.bookings(dev.oakit.core.Actor.of("acme", "alice"));
        oa.close();
        return audit;
    }
}
