package dev.oakit.ticket.internal;

import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.ValidationException;
import dev.oakit.ticket.PartCheck;
import dev.oakit.ticket.PartStock;
import dev.oakit.ticket.SpareParts;
import dev.oakit.ticket.TicketConfig;
import dev.oakit.ticket.TicketQueries;
import dev.oakit.ticket.spi.PartAvailability;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@link SpareParts}: reads the ticket (its own short read), then asks the source with no transaction open. The
 * source runs on a daemon thread so that one that ignores its timeout still cannot hold the ticket's caller past it.
 */
@Singleton
public final class SparePartsService implements SpareParts {
    private static final ExecutorService CALLS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "oakit-ticket-parts");
        t.setDaemon(true);
        return t;
    });

    private final PartAvailability source;
    private final TicketQueries queries;
    private final Duration timeout;

    @Inject
    public SparePartsService(PartAvailability source, TicketQueries queries, TicketConfig config) {
        this.source = source;
        this.queries = queries;
        this.timeout = config.partsTimeout();
    }

    @Override
    public PartStock stock(Actor actor, String item, String warehouse) {
        Checks.notNull("actor", actor);
        Checks.text("item", item, 140);
        Checks.text("warehouse", warehouse, 140);
        return ask(actor.tenantId(), item, warehouse);
    }

    @Override
    public PartCheck check(Actor actor, long ticketId, String warehouse) {
        Checks.notNull("actor", actor);
        Object parts = queries.detail(actor, ticketId).ticket().fields().get(FIELD);
        List<PartCheck.Line> lines = new ArrayList<>();
        if (parts == null) {
            return new PartCheck(ticketId, lines);
        }
        if (!(parts instanceof List<?> list)) {
            throw ValidationException.of("fields." + FIELD, "of ticket " + ticketId + " is not a list; give a list of {\"item\": ..., \"quantity\": ...}");
        }
        for (int i = 0; i < list.size(); i++) {
            String path = "fields." + FIELD + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> part) || !(part.get("item") instanceof String item) || item.isBlank()) {
                throw ValidationException.of(path + ".item", "of ticket " + ticketId + " is missing; each part names its item code");
            }
            BigDecimal quantity = quantity(path, part.get("quantity"));
            String where = part.get("warehouse") instanceof String w && !w.isBlank() ? w : warehouse;
            if (where == null || where.isBlank()) {
                throw ValidationException.of(path + ".warehouse", "is missing and no default warehouse was given; name one");
            }
            PartStock stock = ask(actor.tenantId(), item, where);
            PartCheck.Status status = !stock.known() ? PartCheck.Status.UNKNOWN
                    : stock.available().compareTo(quantity) >= 0 ? PartCheck.Status.AVAILABLE : PartCheck.Status.SHORT;
            lines.add(new PartCheck.Line(item, quantity, stock, status));
        }
        return new PartCheck(ticketId, lines);
    }

    private static BigDecimal quantity(String path, Object q) {
        if (q == null) {
            return BigDecimal.ONE;
        }
        try {
            BigDecimal d = new BigDecimal(String.valueOf(q));
            if (d.signum() > 0) {
                return d.stripTrailingZeros();
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ValidationException.of(path + ".quantity", "is '" + q + "'; give a positive number");
    }

    private PartStock ask(String tenantId, String item, String warehouse) {
        CompletableFuture<PartStock> answer = CompletableFuture.supplyAsync(() -> source.available(tenantId, item, warehouse, timeout), CALLS);
        try {
            // a little more than the source's own timeout, so that a source keeping to it gives its own reason
            PartStock stock = answer.get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
            return stock != null ? stock : PartStock.unknown(item, warehouse, "the stock system gave no answer");
        } catch (TimeoutException e) {
            answer.cancel(true);
            return PartStock.unknown(item, warehouse, "the stock system did not answer within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PartStock.unknown(item, warehouse, "interrupted while waiting for the stock system");
        } catch (java.util.concurrent.ExecutionException e) {
            return PartStock.unknown(item, warehouse, "the stock system failed: " + e.getCause());
        }
    }
}
