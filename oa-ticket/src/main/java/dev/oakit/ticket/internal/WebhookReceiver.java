package dev.oakit.ticket.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.core.Actor;
import dev.oakit.core.ConflictException;
import dev.oakit.core.CoreErrors;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.IntegrationException;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.event.WebhookSignature;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.core.spi.DirectoryProvider;
import dev.oakit.ticket.NewTicket;
import dev.oakit.ticket.Priority;
import dev.oakit.ticket.Requester;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketErrors;
import dev.oakit.ticket.Tickets;
import dev.oakit.ticket.TicketChannelsConfig;
import dev.oakit.ticket.webhook.WebhookIntake;
import dev.oakit.ticket.webhook.WebhookMapping;
import dev.oakit.ticket.webhook.WebhookResult;
import dev.oakit.ticket.webhook.WebhookResult.Outcome;
import dev.oakit.ticket.webhook.WebhookSource;
import dev.oakit.ticket.internal.store.Columns;
import dev.oakit.ticket.internal.store.WebhookRefRepository;
import dev.oakit.ticket.internal.store.TicketRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Takes signed webhook / IM requests (docs/ticket-channels.md): verify, map the JSON by the
 * source's pointers, then in one command open a ticket or add a reply and record
 * (source, external id) under a unique index, so a repeated delivery changes nothing.
 */
@Singleton
public final class WebhookReceiver implements WebhookIntake {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookReceiver.class);
    private static final int RETRIES = 5;

    private final Map<String, WebhookSource> sources = new LinkedHashMap<>();
    private final Commands commands;
    private final Tickets engine;
    private final ChannelDesk desk;
    private final DirectoryProvider directory;
    private final ObjectMapper json;
    private final Clock clock;
    private final MailText storable;
    private final WebhookRefRepository refs;

    @Inject
    public WebhookReceiver(TicketChannelsConfig config, Commands commands, Tickets engine, ChannelDesk desk, DirectoryProvider directory,
                           ObjectMapper json, Clock clock, MailText storable, WebhookRefRepository refs) {
        this.storable = storable;
        this.refs = refs;
        config.webhooks().forEach(s -> sources.put(s.name(), s));
        this.commands = commands;
        this.engine = engine;
        this.desk = desk;
        this.directory = directory;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public List<String> sources() {
        return List.copyOf(sources.keySet());
    }

    /** The mapped values of one payload. */
    private record Payload(String externalId, String title, String description, String requester, String requesterName, String category,
                           Priority priority, String replyTo) {
    }

    @Override
    public WebhookResult receive(String source, Map<String, List<String>> headers, byte[] body) {
        WebhookSource src = source == null ? null : sources.get(source);
        if (src == null) {
            return refuse(Outcome.UNKNOWN_SOURCE, "no webhook source '" + source + "' is configured");
        }
        String timestamp = header(headers, WebhookSignature.TIMESTAMP_HEADER);
        String signature = header(headers, WebhookSignature.SIGNATURE_HEADER);
        Instant now = clock.instant();
        if (timestamp == null || signature == null) {
            return refuse(Outcome.UNAUTHORIZED, "send " + WebhookSignature.TIMESTAMP_HEADER + " and " + WebhookSignature.SIGNATURE_HEADER);
        }
        if (!WebhookSignature.verify(src.secret(), timestamp, body == null ? new byte[0] : body, signature, now, src.tolerance())) {
            LOG.warn("webhook source {}: refused a request with a wrong signature or a timestamp outside {}", source, src.tolerance());
            return refuse(Outcome.UNAUTHORIZED, "signature does not match, or the timestamp is more than " + src.tolerance().toSeconds()
                    + " s from the server's clock");
        }
        Payload p;
        try {
            p = map(src.mapping(), json.readTree(body));
            Boolean known = storable.bmpOnlyIfKnown();
            p = storable(p, known != null ? known : commands.query(storable::bmpOnly));
        } catch (IOException e) {
            return refuse(Outcome.BAD_REQUEST, "the body is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        } catch (ValidationException e) {
            return refuse(Outcome.BAD_REQUEST, e.getMessage());
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return run(src, p);
            } catch (IntegrationException e) {
                // a deadlock inside a nested command (InnoDB rolls back the whole transaction) reaches us
                // translated, so the command chain's own retry does not see it: run the request again
                if (!e.retryable() || attempt >= RETRIES) {
                    throw e;
                }
                LOG.debug("webhook {}: retrying after {}", source, e.getMessage());
                pause(attempt);
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(attempt * 20L + java.util.concurrent.ThreadLocalRandom.current().nextLong(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private WebhookResult run(WebhookSource src, Payload p) {
        try {
            return commands.execute(CommandSpec.of(Actor.system(src.tenant()), "tk.webhook.receive")
                            .withTarget("webhook", Columns.cut(src.name() + ":" + p.externalId(), 128)), WebhookResult.class,
                    ctx -> take(ctx, src, p));
        } catch (ConflictException e) {
            if (CoreErrors.DUPLICATE.equals(e.code())) {
                // a concurrent delivery of the same id committed first; ours was rolled back whole
                return commands.query(h -> seen(h, src, p.externalId())).orElseGet(() -> refuse(Outcome.REJECTED, e.getMessage()));
            }
            return refuse(Outcome.REJECTED, e.getMessage());
        } catch (ValidationException | NotFoundException | ForbiddenException e) {
            return refuse(Outcome.REJECTED, e.getMessage());
        }
    }

    private WebhookResult take(CommandContext ctx, WebhookSource src, Payload p) {
        Handle h = ctx.handle();
        String tenant = src.tenant();
        Optional<WebhookResult> seen = seen(h, src, p.externalId());
        if (seen.isPresent()) {
            return seen.get();
        }
        TicketRepository.Ref target;
        Outcome outcome;
        String note = null;
        if (p.replyTo() != null) {
            target = desk.byNumber(h, tenant, p.replyTo())
                    .or(() -> refTicket(h, src, p.replyTo()).flatMap(id -> desk.byId(h, tenant, id)))
                    .orElseThrow(() -> new NotFoundException(TicketErrors.NOT_FOUND, "replyTo '" + p.replyTo()
                            + "' is neither a ticket number nor the external id of an earlier message of source '" + src.name() + "'"));
            String text = p.description() != null ? p.description() : p.title();
            if (text == null || text.isBlank()) {
                throw ValidationException.of(src.mapping().description(), "a reply needs text at " + src.mapping().description());
            }
            Requester from = requester(h, src, p);
            ChannelDesk.Added added = desk.add(tenant, target, from.userId(), from.contactEmail(), src.name(), Columns.cut(text, 20_000), List.of());
            outcome = Outcome.REPLIED;
            note = added == ChannelDesk.Added.NOTED ? "the sender is no party of the ticket, or it is closed: kept as an internal note" : "replied";
        } else {
            if (p.title() == null || p.title().isBlank()) {
                throw ValidationException.of(src.mapping().title(), "a new ticket needs a title at " + src.mapping().title());
            }
            NewTicket.Builder b = NewTicket.builder(src.type(), Columns.cut(p.title().strip(), 200))
                    .description(p.description() == null ? null : Columns.cut(p.description(), 20_000))
                    .channel(src.name().length() <= 32 ? src.name() : "webhook").requester(requester(h, src, p)).queue(src.queue())
                    .category(p.category() != null ? p.category() : src.category()).priority(p.priority() != null ? p.priority() : src.priority());
            Ticket t = engine.create(Actor.system(tenant), b.build());
            target = new TicketRepository.Ref(t.id(), t.number());
            outcome = Outcome.CREATED;
            note = "created";
        }
        refs.insert(h, tenant, src.name(), p.externalId(), target.id(), outcome.name(), ctx.now());
        ctx.summary("webhook " + src.name() + ":" + p.externalId() + ": " + outcome + " " + target.number());
        return new WebhookResult(outcome, target.id(), target.number(), note);
    }

    /** The payload with what the database cannot store (NUL, lone surrogates, …) replaced, as mail text is. */
    private static Payload storable(Payload p, boolean bmpOnly) {
        return new Payload(MailText.line(p.externalId(), bmpOnly), MailText.line(p.title(), bmpOnly), MailText.text(p.description(), bmpOnly),
                MailText.line(p.requester(), bmpOnly), MailText.line(p.requesterName(), bmpOnly), MailText.line(p.category(), bmpOnly),
                p.priority(), MailText.line(p.replyTo(), bmpOnly));
    }

    private Optional<WebhookResult> seen(Handle h, WebhookSource src, String externalId) {
        return refTicket(h, src, externalId).flatMap(id -> desk.byId(h, src.tenant(), id))
                .map(t -> new WebhookResult(Outcome.DUPLICATE, t.id(), t.number(), "external id '" + externalId + "' was taken before"));
    }

    private Optional<Long> refTicket(Handle h, WebhookSource src, String externalId) {
        return refs.ticketOf(h, src.tenant(), src.name(), externalId);
    }

    /** The payload's requester: an e-mail address (internal user with it, else external contact), a user id, or the source's default. */
    private Requester requester(Handle h, WebhookSource src, Payload p) {
        String v = p.requester() != null ? p.requester().strip() : src.requester();
        if (v == null || v.isBlank()) {
            throw ValidationException.of(String.valueOf(src.mapping().requester()), "the payload names no requester and source '" + src.name()
                    + "' has no default requester; map requester or set ticket-channels.webhooks[].requester");
        }
        if (v.contains("@")) {
            return desk.requester(src.tenant(), p.requesterName(), v.toLowerCase(Locale.ROOT));
        }
        if (directory.findUser(src.tenant(), v).isEmpty()) {
            throw new NotFoundException(TicketErrors.NO_USER, "requester '" + v + "' is no user of tenant '" + src.tenant() + "'");
        }
        return Requester.user(v);
    }

    private static Payload map(WebhookMapping m, JsonNode root) {
        if (root == null || !root.isObject()) {
            throw ValidationException.of("body", "must be a JSON object");
        }
        String externalId = text(root, m.externalId());
        if (externalId == null || externalId.isBlank()) {
            throw ValidationException.of(m.externalId(), "the payload has no external id at " + m.externalId());
        }
        if (externalId.length() > 255) {
            throw ValidationException.of(m.externalId(), "the external id is longer than 255 characters");
        }
        String prio = text(root, m.priority());
        Priority priority = null;
        if (prio != null && !prio.isBlank()) {
            try {
                priority = Priority.valueOf(prio.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ValidationException.of(m.priority(), "priority '" + prio + "' is none of LOW, NORMAL, HIGH, URGENT");
            }
        }
        return new Payload(externalId, text(root, m.title()), text(root, m.description()), text(root, m.requester()), text(root, m.requesterName()),
                text(root, m.category()), priority, text(root, m.replyTo()));
    }

    private static String text(JsonNode root, String pointer) {
        if (pointer == null) {
            return null;
        }
        JsonNode n = root.at(pointer);
        if (n.isMissingNode() || n.isNull()) {
            return null;
        }
        return n.isValueNode() ? n.asText() : n.toString();
    }

    private static String header(Map<String, List<String>> headers, String name) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && e.getValue() != null && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    private static WebhookResult refuse(Outcome outcome, String message) {
        return new WebhookResult(outcome, null, null, message);
    }
}
