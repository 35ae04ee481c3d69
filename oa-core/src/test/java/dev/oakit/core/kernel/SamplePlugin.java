package dev.oakit.core.kernel;

import com.google.inject.AbstractModule;
import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.event.DomainEvent;
import dev.oakit.core.internal.db.InstantAsUtc;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.core.spi.EventListener;
import dev.oakit.core.spi.JobContext;
import dev.oakit.core.spi.JobHandler;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import jakarta.inject.Inject;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A vendor plugin written only against the SPI: its own table, a public service, a job handler
 * and an event listener. (InstantAsUtc is used only to keep SQL portable in the test; a vendor
 * would bind an Instant directly.)
 */
public final class SamplePlugin implements OaPlugin {
    /** Typed config of the plugin, bound from the "sample" namespace. */
    public record SampleConfig(String greeting) {
        public SampleConfig {
            greeting = greeting == null ? "hello" : greeting;
        }
    }

    /** The plugin's public service. */
    public static final class Notes {
        private final Commands commands;
        private final SampleConfig config;
        final List<DomainEvent> seenByListener;

        @Inject
        Notes(Commands commands, SampleConfig config, Seen seen) {
            this.commands = commands;
            this.config = config;
            this.seenByListener = seen.events;
        }

        /** Adds a note, publishes an event and schedules a job, all in one command. */
        public long add(Actor actor, String text) {
            Checks.text("text", text, 200);
            return commands.execute(CommandSpec.of(actor, "sample.note.add"), Long.class, ctx -> {
                long id = ctx.handle().createUpdate("INSERT INTO oa_sample_note (tenant_id, text, created_at) VALUES (:t, :x, :now)")
                        .bind("t", actor.tenantId()).bind("x", config.greeting() + " " + text)
                        .bind("now", InstantAsUtc.toDb(ctx.now()))
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
                ctx.target("note", Long.toString(id));
                ctx.summary("added note " + id);
                ctx.publish("sample.note.added", "note", Long.toString(id), java.util.Map.of("text", text));
                ctx.schedule(JobRequest.of("sample.echo", java.util.Map.of("noteId", id)));
                return id;
            });
        }

        public List<String> texts(Actor actor) {
            return commands.query(h -> h.createQuery("SELECT text FROM oa_sample_note WHERE tenant_id = :t ORDER BY id")
                    .bind("t", actor.tenantId()).mapTo(String.class).list());
        }

        public List<String> seen(Actor actor) {
            return commands.query(h -> h.createQuery("SELECT what FROM oa_sample_seen WHERE tenant_id = :t ORDER BY id")
                    .bind("t", actor.tenantId()).mapTo(String.class).list());
        }

        public List<DomainEvent> listenerEvents() {
            return seenByListener;
        }
    }

    /** Shared list the listener appends to (a singleton inside OAKit's injector). */
    @jakarta.inject.Singleton
    public static final class Seen {
        final List<DomainEvent> events = new CopyOnWriteArrayList<>();
    }

    /** Job handler: records that it ran, in the job's transaction. */
    public static final class Echo implements JobHandler {
        @Override
        public String type() {
            return "sample.echo";
        }

        @Override
        public void handle(JobContext ctx) {
            ctx.handle().createUpdate("INSERT INTO oa_sample_seen (tenant_id, what) VALUES (:t, :w)")
                    .bind("t", ctx.tenantId()).bind("w", "job:" + ctx.payload().get("noteId").asLong()).execute();
        }
    }

    /** Listener: records events after commit. */
    public static final class Listener implements EventListener {
        private final Seen seen;

        @Inject
        Listener(Seen seen) {
            this.seen = seen;
        }

        @Override
        public boolean accepts(String eventType) {
            return eventType.startsWith("sample.");
        }

        @Override
        public void onEvent(DomainEvent event) {
            seen.events.add(event);
        }
    }

    @Override
    public String id() {
        return "sample";
    }

    @Override
    public void configure(OaPluginContext context) {
        context.config(SampleConfig.class);
        context.migrations("classpath:dev/oakit/core/testplugin/db/migration");
        context.install(new AbstractModule() {
            @Override
            protected void configure() {
                bind(Notes.class);
                bind(Seen.class);
            }
        });
        context.exposeService(Notes.class);
        context.jobHandler(new Echo());
        context.eventListener(Listener.class);
    }
}
