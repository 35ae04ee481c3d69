package dev.oakit.ticket.internal.command;

import dev.oakit.core.form.AttachmentRef;
import dev.oakit.ticket.LinkKind;
import dev.oakit.ticket.NewTicket;
import dev.oakit.ticket.TicketChanges;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * The ticket commands as data: each names its action (the audit log's {@code tk.ticket.<action>}) and the arguments a
 * repeated request id is compared by (docs/tickets.md, "Request ids"). Arguments were checked when the record was made.
 */
public sealed interface TicketCommand {
    /** @return the action, e.g. {@code reply}; the audit action is {@code tk.ticket.} and this */
    String action();

    /** @return what the command does besides its action and ticket, for the request id's fingerprint; nulls allowed */
    List<Object> arguments();

    private static List<Object> args(Object... values) {
        return Arrays.asList(values);
    }

    record Create(NewTicket request) implements TicketCommand {
        public String action() {
            return "create";
        }

        public List<Object> arguments() {
            return args(request);
        }
    }

    /** Any lifecycle action other than assign and claim (start, pend, resume, resolve, accept, refuse, close, reopen, ...). */
    record Act(String name, String comment) implements TicketCommand {
        public String action() {
            return name;
        }

        public List<Object> arguments() {
            return args(comment);
        }
    }

    record Assign(String assigneeId) implements TicketCommand {
        public String action() {
            return "assign";
        }

        public List<Object> arguments() {
            return args(assigneeId);
        }
    }

    record Claim() implements TicketCommand {
        public String action() {
            return "claim";
        }

        public List<Object> arguments() {
            return args();
        }
    }

    record Release() implements TicketCommand {
        public String action() {
            return "release";
        }

        public List<Object> arguments() {
            return args();
        }
    }

    record Reassign(String queue, String assigneeId, String reason) implements TicketCommand {
        public String action() {
            return "reassign";
        }

        public List<Object> arguments() {
            return args(queue, assigneeId, reason);
        }
    }

    record Reply(String body, List<AttachmentRef> attachments) implements TicketCommand {
        public String action() {
            return "reply";
        }

        public List<Object> arguments() {
            return args(body, attachments);
        }
    }

    /** An external contact's reply through a channel (mail, webhook), run as the system. */
    record ContactReply(String email, String channel, String body, List<AttachmentRef> attachments) implements TicketCommand {
        public String action() {
            return "reply";
        }

        public List<Object> arguments() {
            return args(email, channel, body, attachments);
        }
    }

    record Note(String body) implements TicketCommand {
        public String action() {
            return "note";
        }

        public List<Object> arguments() {
            return args(body);
        }
    }

    record Update(TicketChanges changes) implements TicketCommand {
        public String action() {
            return "update";
        }

        public List<Object> arguments() {
            return args(changes);
        }
    }

    record LogTime(int minutes, LocalDate workDate, String note) implements TicketCommand {
        public String action() {
            return "time";
        }

        public List<Object> arguments() {
            return args(minutes, workDate, note);
        }
    }

    record Watch(String userId, boolean watching) implements TicketCommand {
        public String action() {
            return "watch";
        }

        public List<Object> arguments() {
            return args(userId, watching);
        }
    }

    record Rate(int score, String comment) implements TicketCommand {
        public String action() {
            return "rate";
        }

        public List<Object> arguments() {
            return args(score, comment);
        }
    }

    record Link(LinkKind kind, long toId) implements TicketCommand {
        public String action() {
            return "link";
        }

        public List<Object> arguments() {
            return args(kind, toId);
        }
    }

    /** @param parentId the new parent, or null for none */
    record SetParent(Long parentId) implements TicketCommand {
        public String action() {
            return "parent";
        }

        public List<Object> arguments() {
            return args(parentId);
        }
    }

    record Merge(long survivorId, String comment) implements TicketCommand {
        public String action() {
            return "merge";
        }

        public List<Object> arguments() {
            return args(survivorId, comment);
        }
    }

    record Split(String title, String description) implements TicketCommand {
        public String action() {
            return "split";
        }

        public List<Object> arguments() {
            return args(title, description);
        }
    }
}
