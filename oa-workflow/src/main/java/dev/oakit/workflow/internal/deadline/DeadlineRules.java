package dev.oakit.workflow.internal.deadline;

import dev.oakit.core.ValidationException.Problem;
import dev.oakit.workflow.Deadline;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Deploy-time rules of deadlines and timeout ladders; every problem carries its JSON path. */
public final class DeadlineRules {
    static final int MAX_TIMES = 50;
    static final int MAX_RUNGS = 20;

    private DeadlineRules() {
    }

    /**
     * @param calendars names of the known business calendars; null to skip that check
     * @return every problem of the definition's deadlines (the definition's and its approval nodes')
     */
    public static List<Problem> problems(ProcessDefinition d, Set<String> calendars) {
        List<Problem> out = new ArrayList<>();
        check(out, "deadline", d.deadline(), calendars);
        List<Node> nodes = d.nodes() == null ? List.of() : d.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i) instanceof Node.Approval a && a.deadline() != null) {
                check(out, "nodes[" + i + "].deadline", a.deadline(), calendars);
                Deadline merged = a.deadline().orElse(d.deadline());
                if (merged.timeouts() != null && !merged.timeouts().isEmpty() && merged.normal() == null && merged.urgent() == null) {
                    out.add(new Problem("nodes[" + i + "].deadline.normal", "is missing: a timeout ladder counts from a deadline;"
                            + " give a working time such as P1D or PT4H"));
                }
            }
        }
        if (d.deadline() != null && d.deadline().timeouts() != null && !d.deadline().timeouts().isEmpty()
                && d.deadline().normal() == null && d.deadline().urgent() == null) {
            out.add(new Problem("deadline.normal", "is missing: a timeout ladder counts from a deadline; give a working time such as P1D"));
        }
        return out;
    }

    private static void check(List<Problem> out, String path, Deadline d, Set<String> calendars) {
        if (d == null) {
            return;
        }
        if (d.calendar() != null && calendars != null && !calendars.contains(d.calendar())) {
            out.add(new Problem(path + ".calendar", "names no business calendar '" + d.calendar() + "'; known calendars are "
                    + new java.util.TreeSet<>(calendars) + " (configure it under core.calendars)"));
        }
        span(out, path + ".normal", d.normal(), false);
        span(out, path + ".urgent", d.urgent(), false);
        List<Timeout> ladder = d.timeouts() == null ? List.of() : d.timeouts();
        if (ladder.size() > MAX_RUNGS) {
            out.add(new Problem(path + ".timeouts", "has " + ladder.size() + " rungs; at most " + MAX_RUNGS));
        }
        for (int k = 0; k < ladder.size(); k++) {
            Timeout t = ladder.get(k);
            String p = path + ".timeouts[" + k + "]";
            if (t == null || t.action() == null) {
                out.add(new Problem(p + ".action", "is missing; one of REMIND, NOTIFY_MANAGER, ADD_MANAGER, REASSIGN_TO_MANAGER,"
                        + " AUTO_APPROVE, AUTO_REJECT"));
                continue;
            }
            WorkingTime offset = span(out, p + ".offset", t.offset(), true);
            if (offset != null && offset.negative() && offset.days() > 0) {
                out.add(new Problem(p + ".offset", "is '" + t.offset() + "'; an offset before the deadline is counted in working"
                        + " hours or minutes, e.g. -PT4H"));
            }
            if (t.action() == Timeout.Action.REMIND) {
                if (t.times() < 1 || t.times() > MAX_TIMES) {
                    out.add(new Problem(p + ".times", "is " + t.times() + "; remind between 1 and " + MAX_TIMES + " times"));
                }
                if (t.times() > 1 && t.every() == null) {
                    out.add(new Problem(p + ".every", "is missing: " + t.times() + " reminders need an interval such as PT2H"));
                }
                WorkingTime every = span(out, p + ".every", t.every(), false);
                if (every != null && every.isZero()) {
                    out.add(new Problem(p + ".every", "is zero; give an interval such as PT2H"));
                }
            } else {
                if (t.every() != null) {
                    out.add(new Problem(p + ".every", "is only used with REMIND (the action is " + t.action() + "); remove it"));
                }
                if (t.times() != 1) {
                    out.add(new Problem(p + ".times", "is only used with REMIND (the action is " + t.action() + "); remove it"));
                }
            }
        }
    }

    private static WorkingTime span(List<Problem> out, String path, String text, boolean signed) {
        if (text == null) {
            return null;
        }
        try {
            WorkingTime w = WorkingTime.parse(text);
            if (w.negative() && !signed) {
                out.add(new Problem(path, "is '" + text + "'; it must not be negative"));
            }
            return w;
        } catch (IllegalArgumentException e) {
            out.add(new Problem(path, e.getMessage()));
            return null;
        }
    }
}
