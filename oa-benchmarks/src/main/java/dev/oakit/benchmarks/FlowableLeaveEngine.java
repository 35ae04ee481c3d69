package dev.oakit.benchmarks;

import org.flowable.engine.HistoryService;
import org.flowable.engine.IdentityService;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.history.HistoricProcessInstance;
import org.flowable.task.api.Task;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;

/** The leave life cycle on Flowable 7 embedded (standalone engine, default history level). */
final class FlowableLeaveEngine implements LeaveEngine {
    /** start → userTask manager (assignee from a variable) → exclusive days &gt; 3 → userTask director → end. */
    static final String BPMN = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                         xmlns:flowable="http://flowable.org/bpmn"
                         targetNamespace="http://oakit.dev/bench">
              <process id="leave" name="请假" isExecutable="true">
                <startEvent id="start" flowable:initiator="initiator"/>
                <sequenceFlow id="f1" sourceRef="start" targetRef="manager"/>
                <userTask id="manager" name="直属上级" flowable:assignee="${manager}"/>
                <sequenceFlow id="f2" sourceRef="manager" targetRef="long"/>
                <exclusiveGateway id="long" default="short"/>
                <sequenceFlow id="toDirector" sourceRef="long" targetRef="director">
                  <conditionExpression xsi:type="tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${days > 3}</conditionExpression>
                </sequenceFlow>
                <sequenceFlow id="short" sourceRef="long" targetRef="approved"/>
                <userTask id="director" name="总监" flowable:assignee="${director}"/>
                <sequenceFlow id="f3" sourceRef="director" targetRef="approved"/>
                <endEvent id="approved"/>
              </process>
            </definitions>
            """;

    private final DataSource dataSource;
    private final String schema;
    private ProcessEngine engine;
    private long deployMs;
    private RuntimeService runtime;
    private TaskService tasks;
    private HistoryService history;
    private IdentityService identity;

    /** @param schema the PostgreSQL schema the connections use, or null on H2 */
    FlowableLeaveEngine(DataSource dataSource, String schema) {
        this.dataSource = dataSource;
        this.schema = schema;
    }

    @Override
    public String name() {
        return "flowable";
    }

    @Override
    public void boot() {
        ProcessEngineConfiguration c = ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
                .setDataSource(dataSource)
                .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
                .setAsyncExecutorActivate(false);
        if (schema != null) {
            c.setDatabaseSchema(schema);
        }
        engine = c.buildProcessEngine();
        runtime = engine.getRuntimeService();
        tasks = engine.getTaskService();
        history = engine.getHistoryService();
        identity = engine.getIdentityService();
        long t0 = System.nanoTime();
        engine.getRepositoryService().createDeployment().name("leave").addString("leave.bpmn20.xml", BPMN).deploy();
        deployMs = (System.nanoTime() - t0) / 1_000_000;
    }

    @Override
    public long deployMs() {
        return deployMs;
    }

    @Override
    public void prepare(int workers, int assignees) {
        // assignees are plain strings in Flowable: nothing to create
    }

    @Override
    public String cycle(int w) {
        identity.setAuthenticatedUserId("u" + w);
        String pid;
        try {
            pid = runtime.startProcessInstanceByKey("leave",
                    Map.of("manager", "m" + w, "director", "carol", "days", 5, "type", "annual", "reason", "rest")).getId();
        } finally {
            identity.setAuthenticatedUserId(null);
        }
        tasks.complete(find("m" + w, pid));
        tasks.complete(find("carol", pid));
        return pid;
    }

    private String find(String assignee, String pid) {
        List<Task> todo = tasks.createTaskQuery().taskAssignee(assignee).orderByTaskCreateTime().desc().listPage(0, 20);
        for (Task t : todo) {
            if (t.getProcessInstanceId().equals(pid)) {
                return t.getId();
            }
        }
        throw new IllegalStateException(assignee + " has no open task for instance " + pid + " among " + todo.size());
    }

    @Override
    public boolean endedApproved(String instanceId) {
        HistoricProcessInstance h = history.createHistoricProcessInstanceQuery().processInstanceId(instanceId).singleResult();
        return h != null && h.getEndTime() != null && "approved".equals(h.getEndActivityId());
    }

    @Override
    public void startOpen(int assignee) {
        identity.setAuthenticatedUserId("le" + assignee);
        try {
            runtime.startProcessInstanceByKey("leave",
                    Map.of("manager", "lm" + assignee, "director", "carol", "days", 5, "type", "annual", "reason", "rest"));
        } finally {
            identity.setAuthenticatedUserId(null);
        }
    }

    @Override
    public int todo(int assignee) {
        return tasks.createTaskQuery().taskAssignee("lm" + assignee).orderByTaskCreateTime().desc().listPage(0, 20).size();
    }

    @Override
    public void close() {
        if (engine != null) {
            engine.close();
        }
    }
}
