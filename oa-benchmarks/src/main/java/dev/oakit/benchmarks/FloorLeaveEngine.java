package dev.oakit.benchmarks;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.workflow.ProcessDefinitions;
import dev.oakit.workflow.WorkflowPlugin;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Map;

/**
 * The floor: the very statements of one OAKit leave life cycle (start 4, todo 1, approve 5, todo 1,
 * approve 4; three transactions and two auto-commit reads), issued by hand-written plain JDBC with
 * prepared statements held open on one connection per worker thread. What is left of a life
 * cycle's time here is the database's and the driver's work; OAKit's time over it is the engine's
 * own. The schema and the definition row come from an OAKit boot on the same database, which is
 * closed before any life cycle runs. The JSON values are those OAKit writes for the same cycle.
 * {@code FloorStatementsTest} holds the statements to OAKit's, so a change to either shows.
 * It also creates the open-task load the same way ({@link #startOpen}: the start transaction), so that
 * loaded/empty of the floor shows what the database itself loses to 100,000 open tasks.
 */
final class FloorLeaveEngine implements LeaveEngine {
    static final String INSERT_INSTANCE = """
            INSERT INTO oa_wf_instance (tenant_id, definition_id, def_key, def_version, title, business_key, initiator_id,
                status, priority, form, state, parent_id, parent_node, row_version, started_at, updated_at)
            SELECT ?, ?, ?, ?, ?, ?, ?, 'RUNNING', ?, ?, '{}', ?, ?, 0, ?, ?
            FROM oa_wf_definition d WHERE d.id = ? AND NOT EXISTS
                (SELECT 1 FROM oa_wf_definition n WHERE n.tenant_id = ? AND n.def_key = ? AND n.version > ?)""";
    static final String INSERT_TASK = """
            INSERT INTO oa_wf_task (tenant_id, instance_id, node_id, node_name, round, seq, kind, waiting_for, assignee_id,
                owner_id, status, outcome, acted_by, comment, def_key, title, initiator_id, created_at, completed_at, work_ms,
                due_at, proxy_for, no_due, prio_rank)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                ?, ?, ?, ?)""";
    static final String UPDATE_INSTANCE = "UPDATE oa_wf_instance SET status = ?, form = ?, state = ?, row_version = row_version + 1, "
            + "updated_at = ?, ended_at = ?, timeline = CONCAT(COALESCE(timeline, ''), ?) WHERE id = ?";
    static final String AUDIT = """
            INSERT INTO oa_core_audit (tenant_id, actor_id, on_behalf_of, action, target_type, target_id,
                occurred_at, request_id, summary)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    static final String TODO = "SELECT id, instance_id, node_id, node_name, round, seq, kind, waiting_for, assignee_id, owner_id, status, "
            + "outcome, def_key, title, initiator_id, acted_by, created_at, completed_at, due_at, proxy_for, comment FROM oa_wf_task "
            + "WHERE tenant_id = ? AND assignee_id = ? AND status = 'OPEN' ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?";
    static final String LOCK_AND_LOAD = "SELECT i.id, i.tenant_id, i.definition_id, i.def_key, i.def_version, i.title, i.business_key, "
            + "i.initiator_id, i.status, i.priority, i.form, i.state, i.parent_id, i.parent_node, i.row_version, i.started_at, "
            + "i.ended_at, i.updated_at, t.id AS t_id, t.node_id AS t_node_id, t.node_name AS t_node_name, t.round AS t_round, "
            + "t.seq AS t_seq, t.kind AS t_kind, t.waiting_for AS t_waiting_for, t.assignee_id AS t_assignee_id, "
            + "t.owner_id AS t_owner_id, t.status AS t_status, t.outcome AS t_outcome, t.acted_by AS t_acted_by, "
            + "t.created_at AS t_created_at, t.completed_at AS t_completed_at, t.due_at AS t_due_at, t.proxy_for AS t_proxy_for, "
            + "t.comment AS t_comment "
            + "FROM oa_wf_instance i LEFT JOIN oa_wf_task t ON t.instance_id = i.id AND t.status IN ('OPEN', 'WAITING') "
            + "WHERE i.tenant_id = ? AND i.id = (SELECT instance_id FROM oa_wf_task WHERE id = ?) ORDER BY t.id FOR UPDATE";
    static final String CLOSE_TASK = "UPDATE oa_wf_task SET status = ?, outcome = ?, acted_by = ?, comment = ?, completed_at = ?, "
            + "work_ms = ? WHERE id = ?";

    private static final String T = OakitLeaveEngine.T;
    private static final String FORM = "{\"days\":5,\"type\":\"annual\",\"reason\":\"rest\"}";
    private static final String RUN_OPEN = "{\"round\":1,\"queue\":[],\"anyApproved\":false,\"approvals\":0,\"rejections\":0,"
            + "\"approvedBy\":[],\"decided\":[]}";

    /** One worker's connection and its prepared statements, prepared once. */
    private static final class Session implements AutoCloseable {
        final Connection c;
        final PreparedStatement insertInstance;
        final PreparedStatement insertTask;
        final PreparedStatement updateInstance;
        final PreparedStatement audit;
        final PreparedStatement todo;
        final PreparedStatement lockAndLoad;
        final PreparedStatement closeTask;

        Session(DataSource ds) throws SQLException {
            this(ds.getConnection());
        }

        Session(Connection connection) throws SQLException {
            c = connection;
            insertInstance = c.prepareStatement(INSERT_INSTANCE, new String[]{"id"});
            insertTask = c.prepareStatement(INSERT_TASK, new String[]{"id"});
            updateInstance = c.prepareStatement(UPDATE_INSTANCE);
            audit = c.prepareStatement(AUDIT);
            todo = c.prepareStatement(TODO);
            lockAndLoad = c.prepareStatement(c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres")
                    ? LOCK_AND_LOAD + " OF i" : LOCK_AND_LOAD); // as OAKit: PostgreSQL locks the instance only (outer join)
            closeTask = c.prepareStatement(CLOSE_TASK);
        }

        @Override
        public void close() throws SQLException {
            c.close(); // closes its statements
        }
    }

    private final DataSource dataSource;
    private long definitionId;
    private final WorkerSessions<Session> sessions;

    FloorLeaveEngine(DataSource dataSource) {
        this.dataSource = dataSource;
        this.sessions = new WorkerSessions<>(() -> new Session(dataSource));
    }

    @Override
    public String name() {
        return "floor";
    }

    @Override
    public void boot() throws Exception {
        try (OaKit oa = OaKit.builder().dataSource(dataSource).tenant(OakitLeaveEngine.T, OakitLeaveEngine.T).plugin(new WorkflowPlugin())
                .config("core", Map.of("jobs", Map.of("enabled", false), "audit", Map.of("sealInterval", "PT0S")))
                .config("core", Map.of("tenants", Map.of("requireKnownUsers", false))) /* acts as users it never creates */.build().start()) {
            definitionId = oa.service(ProcessDefinitions.class).deploy(Actor.admin(T, "root"), OakitLeaveEngine.leave()).id();
        }
    }

    @Override
    public long deployMs() {
        return -1; // the floor deploys nothing of its own
    }

    @Override
    public void prepare(int workers, int assignees) {
        // people are plain strings here: u<w> starts, m<w> is the manager, carol the director
    }

    private Session session(int w) {
        return sessions.get(w);
    }

    @Override
    public void releaseConnections() throws Exception {
        sessions.releaseAll();
    }

    @Override
    public String cycle(int w) {
        Session s = session(w);
        try {
            return Long.toString(cycle(s, "u" + w, "m" + w));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long cycle(Session s, String initiator, String manager) throws SQLException {
        Connection c = s.c;
        String title = "请假 - " + initiator;
        long instance = start(s, initiator, manager);
        Timestamp now;

        // the manager finds the task and approves: lock and load, open the director's task, close the own, save, audit
        long found1 = todo(s, manager, instance);
        c.setAutoCommit(false);
        now = now();
        lockAndLoad(s, found1);
        long task2 = insertTask(s, instance, "director", "总监", "carol", title, initiator, now);
        closeTask(s, manager, now, found1);
        String runManagerDone = "{\"round\":1,\"queue\":[],\"anyApproved\":false,\"approvals\":1,\"rejections\":0,\"approvedBy\":[\""
                + manager + "\"],\"decided\":[\"" + manager + "\"]}";
        updateInstance(s, "RUNNING", "{\"active\":[\"director\"],\"joins\":{},\"visited\":[\"manager\"],\"approvedBy\":{\"manager\":[\""
                + manager + "\"]},\"runs\":{\"manager\":" + runManagerDone + ",\"director\":" + RUN_OPEN
                + "},\"chosen\":{},\"returnedFrom\":null,\"lastUrgedAt\":null,\"lastCompleted\":\"manager\",\"openDigest\":\""
                + task2 + ":carol:null:OPEN::null;\",\"timelineChars\":153,\"proxyFor\":{}}", now, null,
                "{\"at\":\"" + now.toInstant() + "\",\"a\":\"approved\",\"u\":\"" + manager + "\",\"n\":\"manager\",\"t\":" + found1 + "}\n",
                instance);
        audit(s, manager, "wf.task.approve", "task", found1, now, "approved task " + found1 + " at 'manager'");
        c.commit();
        c.setAutoCommit(true);

        // the director finds the task and approves, which ends the instance: lock and load, close, save, audit
        long found2 = todo(s, "carol", instance);
        c.setAutoCommit(false);
        now = now();
        lockAndLoad(s, found2);
        closeTask(s, "carol", now, found2);
        updateInstance(s, "APPROVED", "{\"active\":[],\"joins\":{},\"visited\":[\"manager\",\"director\"],\"approvedBy\":{\"manager\":[\""
                + manager + "\"],\"director\":[\"carol\"]},\"runs\":{\"manager\":" + runManagerDone + ",\"director\":{\"round\":1,"
                + "\"queue\":[],\"anyApproved\":false,\"approvals\":1,\"rejections\":0,\"approvedBy\":[\"carol\"],\"decided\":[\"carol\"]}},"
                + "\"chosen\":{},\"returnedFrom\":null,\"lastUrgedAt\":null,\"lastCompleted\":\"director\",\"openDigest\":\"\","
                + "\"timelineChars\":330,\"proxyFor\":{}}", now, now,
                "{\"at\":\"" + now.toInstant() + "\",\"a\":\"approved\",\"u\":\"carol\",\"n\":\"director\",\"t\":" + found2 + "}\n"
                        + "{\"at\":\"" + now.toInstant() + "\",\"a\":\"ended\",\"u\":\"system\",\"n\":\"approved\",\"d\":\"APPROVED\"}\n",
                instance);
        audit(s, "carol", "wf.task.approve", "task", found2, now, "approved task " + found2 + " at 'director'");
        c.commit();
        c.setAutoCommit(true);
        return instance;
    }

    /** The start transaction: insert instance, insert the manager's task, save state and timeline, audit; commit. */
    private long start(Session s, String initiator, String manager) throws SQLException {
        Connection c = s.c;
        String title = "请假 - " + initiator;
        c.setAutoCommit(false);
        Timestamp now = now();
        long instance = insertInstance(s, initiator, title, now);
        long task1 = insertTask(s, instance, "manager", "直属上级", manager, title, initiator, now);
        updateInstance(s, "RUNNING", "{\"active\":[\"manager\"],\"joins\":{},\"visited\":[],\"approvedBy\":{},\"runs\":{\"manager\":"
                + RUN_OPEN + "},\"chosen\":{},\"returnedFrom\":null,\"lastUrgedAt\":null,\"lastCompleted\":null,\"openDigest\":\""
                + task1 + ":" + manager + ":null:OPEN::null;\",\"timelineChars\":72,\"proxyFor\":{}}", now, null,
                "{\"at\":\"" + now.toInstant() + "\",\"a\":\"started\",\"u\":\"" + initiator + "\",\"n\":\"start\"}\n", instance);
        audit(s, initiator, "wf.instance.start", "process-instance", instance, now, "started '" + title + "' (leave v1)");
        c.commit();
        c.setAutoCommit(true);
        return instance;
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }

    private long insertInstance(Session s, String initiator, String title, Timestamp now) throws SQLException {
        PreparedStatement p = s.insertInstance;
        p.setString(1, T);
        p.setLong(2, definitionId);
        p.setString(3, "leave");
        p.setInt(4, 1);
        p.setString(5, title);
        p.setNull(6, Types.VARCHAR);
        p.setString(7, initiator);
        p.setString(8, "normal");
        p.setString(9, FORM);
        p.setNull(10, Types.BIGINT);
        p.setNull(11, Types.VARCHAR);
        p.setTimestamp(12, now);
        p.setTimestamp(13, now);
        p.setLong(14, definitionId);
        p.setString(15, T);
        p.setString(16, "leave");
        p.setInt(17, 1);
        p.execute();
        return generatedId(p);
    }

    private static long insertTask(Session s, long instance, String node, String nodeName, String assignee, String title,
                                   String initiator, Timestamp now) throws SQLException {
        PreparedStatement p = s.insertTask;
        p.setString(1, T);
        p.setLong(2, instance);
        p.setString(3, node);
        p.setString(4, nodeName);
        p.setInt(5, 1);
        p.setInt(6, 0);
        p.setString(7, "APPROVER");
        p.setNull(8, Types.BIGINT);
        p.setString(9, assignee);
        p.setNull(10, Types.VARCHAR);
        p.setString(11, "OPEN");
        p.setNull(12, Types.VARCHAR);
        p.setNull(13, Types.VARCHAR);
        p.setNull(14, Types.VARCHAR);
        p.setString(15, "leave");
        p.setString(16, title);
        p.setString(17, initiator);
        p.setTimestamp(18, now);
        p.setNull(19, Types.OTHER);
        p.setNull(20, Types.BIGINT);
        p.setNull(21, Types.OTHER);
        p.setNull(22, Types.VARCHAR);
        p.setInt(23, 1); // no_due: the leave nodes have no deadline
        p.setInt(24, 1); // prio_rank: a normal instance
        p.execute();
        return generatedId(p);
    }

    private static long generatedId(PreparedStatement p) throws SQLException {
        try (ResultSet rs = p.getGeneratedKeys()) {
            if (!rs.next()) {
                throw new IllegalStateException("no generated id");
            }
            return rs.getLong(1);
        }
    }

    private static void updateInstance(Session s, String status, String state, Timestamp now, Timestamp ended, String timeline,
                                       long instance) throws SQLException {
        PreparedStatement p = s.updateInstance;
        p.setString(1, status);
        p.setString(2, FORM);
        p.setString(3, state);
        p.setTimestamp(4, now);
        if (ended == null) {
            p.setNull(5, Types.OTHER);
        } else {
            p.setTimestamp(5, ended);
        }
        p.setString(6, timeline);
        p.setLong(7, instance);
        p.execute();
        if (p.getUpdateCount() != 1) {
            throw new IllegalStateException("instance " + instance + " not updated");
        }
    }

    private static void audit(Session s, String actor, String action, String targetType, long target, Timestamp now, String summary)
            throws SQLException {
        PreparedStatement p = s.audit;
        p.setString(1, T);
        p.setString(2, actor);
        p.setNull(3, Types.VARCHAR);
        p.setString(4, action);
        p.setString(5, targetType);
        p.setString(6, Long.toString(target));
        p.setTimestamp(7, now);
        p.setNull(8, Types.VARCHAR);
        p.setString(9, summary);
        p.execute();
    }

    /** The assignee's first todo page, read as the engine reads it; returns the task of the instance. */
    private static long todo(Session s, String assignee, long instance) throws SQLException {
        PreparedStatement p = s.todo;
        p.setString(1, T);
        p.setString(2, assignee);
        p.setInt(3, 20);
        p.setInt(4, 0);
        p.execute();
        long found = -1;
        try (ResultSet rs = p.getResultSet()) {
            while (rs.next()) {
                long id = rs.getLong(1);
                if (rs.getLong(2) == instance) {
                    found = id;
                }
                for (int col = 3; col <= 21; col++) {
                    rs.getObject(col);
                }
            }
        }
        if (found < 0) {
            throw new IllegalStateException(assignee + " has no open task for instance " + instance);
        }
        return found;
    }

    private static void lockAndLoad(Session s, long task) throws SQLException {
        PreparedStatement p = s.lockAndLoad;
        p.setString(1, T);
        p.setLong(2, task);
        p.execute();
        int rows = 0;
        try (ResultSet rs = p.getResultSet()) {
            while (rs.next()) {
                rows++;
                for (int col = 1; col <= 35; col++) {
                    rs.getObject(col);
                }
            }
        }
        if (rows == 0) {
            throw new IllegalStateException("no instance for task " + task);
        }
    }

    private static void closeTask(Session s, String actor, Timestamp now, long task) throws SQLException {
        PreparedStatement p = s.closeTask;
        p.setString(1, "DONE");
        p.setString(2, "APPROVED");
        p.setString(3, actor);
        p.setNull(4, Types.VARCHAR);
        p.setTimestamp(5, now);
        p.setLong(6, 1);
        p.setLong(7, task);
        p.addBatch();
        p.executeBatch();
    }

    @Override
    public boolean endedApproved(String instanceId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement p = c.prepareStatement("SELECT status FROM oa_wf_instance WHERE id = ?")) {
            p.setLong(1, Long.parseLong(instanceId));
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() && "APPROVED".equals(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts one instance that stays open at {@code lm<assignee>}: the start transaction of a life cycle (the 4
     * statements and the commit OAKit's start issues), by initiator {@code le<assignee>}.
     */
    @Override
    public void startOpen(int assignee) {
        try (Connection c = dataSource.getConnection()) {
            Session s = new Session(c);
            start(s, "le" + assignee, "lm" + assignee);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The todo statement of load assignee {@code lm<assignee>}, on a connection of the pool; returns the rows. */
    @Override
    public int todo(int assignee) {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(TODO)) {
            p.setString(1, T);
            p.setString(2, "lm" + assignee);
            p.setInt(3, 20);
            p.setInt(4, 0);
            int rows = 0;
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    rows++;
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        releaseConnections();
    }
}
