package dev.oakit.integration.amqp.internal;

import dev.oakit.integration.amqp.BrokerDeadLetter;
import dev.oakit.integration.ops.DeadLetter;
import dev.oakit.integration.spi.DeadLetterStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.List;

/** The broker's dead letters in the integration's one view and its retention purge; resolved means replayed. */
@Singleton
public final class AmqpDeadLetterStore implements DeadLetterStore {
    private final DeadLetterRepository repo;

    @Inject
    public AmqpDeadLetterStore(DeadLetterRepository repo) {
        this.repo = repo;
    }

    @Override
    public String source() {
        return "amqp";
    }

    @Override
    public List<DeadLetter> newest(Handle h, String tenantId, int limit) {
        return repo.list(h, tenantId, null, limit).stream().map(AmqpDeadLetterStore::of).toList();
    }

    @Override
    public int purge(Handle h, String tenantId, Instant before, boolean unresolvedToo) {
        return repo.purge(h, tenantId, before, unresolvedToo);
    }

    private static DeadLetter of(BrokerDeadLetter d) {
        return new DeadLetter("amqp", d.id(), d.queue(), d.messageId(), d.body(), d.error(), d.at(), d.replayedAt() != null);
    }
}
