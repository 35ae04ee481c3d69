package dev.oakit.ticket;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.form.FormSchema;
import dev.oakit.core.testing.DirectorySeed;
import dev.oakit.core.testing.TestDatabase;
import org.h2.jdbcx.JdbcDataSource;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A help desk for ticket tests, in tenant {@code acme}: queue {@code it} with dispatcher bob and
 * agents carol and dave; queue {@code fac} (facilities) with agent erin; requesters alice and
 * frank; administrator root. Type {@code it} (form: asset, floor) defaults to queue {@code it};
 * categories hw → hw.printer, sw.
 */
public final class TicketFixture {
    public static final String T = "acme";
    public final OaKit oa;
    public final Tickets tickets;
    public final TicketQueries queries;
    public final TicketCatalog catalog;
    public final Queues queues;
    public final Directory directory;
    public final Actor admin = Actor.admin(T, "root");

    public TicketFixture(TestDatabase db) {
        this(db.start(b -> b.plugin(new TicketPlugin())));
    }

    public TicketFixture(TestDatabase db, Consumer<dev.oakit.core.OaKitBuilder> customize) {
        this(db.start(b -> {
            b.plugin(new TicketPlugin());
            customize.accept(b);
        }));
    }

    public TicketFixture(OaKit oa) {
        this.oa = oa;
        tickets = oa.service(Tickets.class);
        queries = oa.service(TicketQueries.class);
        catalog = oa.service(TicketCatalog.class);
        queues = oa.service(Queues.class);
        directory = oa.service(Directory.class);
        setUpTenant(T);
    }

    /** Creates the help desk in a tenant. */
    public void setUpTenant(String tenant) {
        Actor a = Actor.admin(tenant, "root");
        DirectorySeed.of(directory, a).users("root", "alice", "frank", "bob", "carol", "dave", "erin").admins("root");
        queues.saveQueue(a, Queue.of("it", "IT 支持"));
        queues.saveQueue(a, Queue.of("fac", "后勤"));
        queues.setMembers(a, "it", List.of(QueueMember.dispatcher("bob"), QueueMember.agent("carol"), QueueMember.agent("dave")));
        queues.setMembers(a, "fac", List.of(QueueMember.dispatcher("erin")));
        catalog.saveCategory(a, Category.of("hw", null, "硬件"));
        catalog.saveCategory(a, Category.of("hw.printer", "hw", "打印机"));
        catalog.saveCategory(a, Category.of("sw", null, "软件"));
        catalog.saveType(a, TicketType.of("it", "IT 支持").withForm(itForm()).withDefaultQueue("it"));
        catalog.saveType(a, TicketType.of("repair", "报修").withDefaultQueue("fac"));
    }

    public static FormSchema itForm() {
        return FormSchema.builder("it")
                .text("asset", f -> f.maxLength(40))
                .number("floor", f -> f.min("1").max(60))
                .build();
    }

    /** A fresh in-memory H2 database for tests that keep one OAKit for many tries (jqwik properties). */
    public static JdbcDataSource memoryDatabase(String name) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + name + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        ds.setUser("sa");
        return ds;
    }

    /** A help desk on a fresh in-memory H2 database; the caller closes {@link #oa}. */
    public static TicketFixture onMemoryDatabase(String name) {
        return new TicketFixture(OaKit.builder().config("core", dev.oakit.core.testing.TestDatabase.ANY_TENANT).dataSource(memoryDatabase(name)).plugin(new TicketPlugin()).build().start());
    }

    public static Actor user(String id) {
        return Actor.of(T, id);
    }

    /** alice asks IT for help. */
    public Ticket open(String title) {
        return tickets.create(user("alice"), NewTicket.builder("it", title).build());
    }

    /** A ticket of alice's that carol claimed and started. */
    public Ticket started(String title) {
        Ticket t = open(title);
        tickets.claim(user("carol"), t.id());
        return tickets.start(user("carol"), t.id());
    }

    public Ticket ticket(long id) {
        return queries.detail(admin, id).ticket();
    }

    public String state(long id) {
        return ticket(id).state();
    }

    public static Map<String, Object> fields(Object... kv) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
