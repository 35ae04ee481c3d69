package dev.oakit.workflow.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.core.Actor;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.directory.User;
import dev.oakit.core.event.DomainEvent;
import dev.oakit.core.notify.NotificationRequest;
import dev.oakit.core.notify.Notifications;
import dev.oakit.core.spi.Commands;
import dev.oakit.core.spi.EventListener;
import dev.oakit.workflow.WorkflowConfig;
import dev.oakit.workflow.WorkflowTemplateKeys;
import dev.oakit.workflow.internal.store.InstanceRepository;
import dev.oakit.workflow.internal.store.TaskRepository;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the engine's committed events into notifications (with {@code workflow.notifications}): a task
 * assigned or offered, an instance returned, approved, rejected, withdrawn or cc'd. It runs after
 * the command committed, through oa-core's durable listener job, so a failing channel (or a
 * failing send) never touches the approval. Each recipient gets the template in the locale of
 * their directory attribute {@code locale}, else the configured default; their channel
 * preferences are oa-core's, per template key.
 */
public final class WorkflowNotifier implements EventListener {
    private static final Set<String> TYPES = Set.of("wf.task.assigned", "wf.task.offered", "wf.instance.returned",
            "wf.instance.ended", "wf.instance.withdrawn", "wf.instance.cc");

    private final WorkflowConfig config;
    private final Notifications notifications;
    private final Directory directory;
    private final Commands commands;
    private final TaskRepository tasks;
    private final InstanceRepository instances;

    @Inject
    private WorkflowNotifier(WorkflowConfig config, Notifications notifications, Directory directory, Commands commands,
                            TaskRepository tasks, InstanceRepository instances) {
        this.tasks = tasks;
        this.instances = instances;
        this.config = config;
        this.notifications = notifications;
        this.directory = directory;
        this.commands = commands;
    }

    @Override
    public boolean accepts(String eventType) {
        return config.notifications() && TYPES.contains(eventType);
    }

    @Override
    public void onEvent(DomainEvent e) {
        JsonNode p = e.payload();
        String tenant = e.tenantId();
        switch (e.type()) {
            case "wf.task.assigned" -> {
                long taskId = Long.parseLong(e.aggregateId());
                send(tenant, WorkflowTemplateKeys.ASSIGNED, List.of(p.path("assigneeId").asText()), taskVars(tenant, taskId, p));
            }
            case "wf.task.offered" -> {
                long taskId = Long.parseLong(e.aggregateId());
                send(tenant, WorkflowTemplateKeys.ASSIGNED, strings(p.path("candidates")), taskVars(tenant, taskId, p));
            }
            case "wf.instance.returned" -> send(tenant, WorkflowTemplateKeys.RETURNED, List.of(p.path("initiatorId").asText()),
                    instanceVars(tenant, e, p));
            case "wf.instance.ended" -> {
                String outcome = p.path("outcome").asText();
                String template = "APPROVED".equals(outcome) ? WorkflowTemplateKeys.APPROVED
                        : "REJECTED".equals(outcome) ? WorkflowTemplateKeys.REJECTED : null;
                if (template != null) {
                    send(tenant, template, List.of(p.path("initiatorId").asText()), instanceVars(tenant, e, p));
                }
            }
            case "wf.instance.withdrawn" -> send(tenant, WorkflowTemplateKeys.WITHDRAWN, strings(p.path("approvers")),
                    instanceVars(tenant, e, p));
            case "wf.instance.cc" -> {
                Map<String, Object> vars = instanceVars(tenant, e, p);
                vars.put("by", p.path("initiatorId").asText());
                send(tenant, WorkflowTemplateKeys.CC, strings(p.path("recipients")), vars);
            }
            default -> { }
        }
    }

    private Map<String, Object> taskVars(String tenant, long taskId, JsonNode p) {
        long instanceId = p.path("instanceId").asLong();
        String node = commands.query(h -> tasks.nodeName(h, tenant, taskId).orElse(null));
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("title", p.path("title").asText());
        vars.put("node", node == null ? p.path("nodeId").asText() : node);
        vars.put("link", config.linkFor(instanceId, taskId));
        return vars;
    }

    private Map<String, Object> instanceVars(String tenant, DomainEvent e, JsonNode p) {
        long instanceId = Long.parseLong(e.aggregateId());
        String title = p.hasNonNull("title") ? p.get("title").asText()
                : commands.query(h -> instances.title(h, tenant, instanceId).orElse(""));
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("title", title);
        vars.put("by", p.hasNonNull("by") ? p.get("by").asText() : e.actorId());
        vars.put("link", config.linkFor(instanceId, null));
        return vars;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Sends per locale group, so every recipient reads their own language. */
    private void send(String tenant, String template, List<String> recipients, Map<String, Object> vars) {
        Actor system = Actor.system(tenant);
        Map<Locale, List<String>> byLocale = new LinkedHashMap<>();
        for (String u : recipients) {
            if (u == null || u.isBlank()) {
                continue;
            }
            String tag = directory.findUser(system, u).map(User::attributes).map(a -> a.get("locale")).orElse(null);
            byLocale.computeIfAbsent(tag == null ? null : Locale.forLanguageTag(tag), k -> new ArrayList<>()).add(u);
        }
        byLocale.forEach((locale, users) -> {
            NotificationRequest request = NotificationRequest.of(template, users, vars);
            notifications.send(system, locale == null ? request : request.withLocale(locale));
        });
    }
}
