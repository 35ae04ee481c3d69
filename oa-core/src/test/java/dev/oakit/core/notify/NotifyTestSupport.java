package dev.oakit.core.notify;

import com.sun.net.httpserver.HttpServer;
import dev.oakit.core.spi.AddressKind;
import dev.oakit.core.spi.NotificationChannel;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import dev.oakit.core.spi.Recipient;
import dev.oakit.core.spi.RecipientResolver;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Shared fixtures of the notification tests: a plugin with templates, an address book and recording channels; a robot server. */
final class NotifyTestSupport {
    private NotifyTestSupport() {
    }

    /** The {@code core} config: the fast jobs of the test database plus the given notifications config. */
    static Map<String, Object> core(Map<String, Object> notifications) {
        Map<String, Object> core = new LinkedHashMap<>();
        core.put("jobs", Map.of("pollInterval", "PT0.05S", "backoffBase", "PT0.05S", "backoffMax", "PT0.2S"));
        core.put("notifications", notifications);
        return core;
    }

    /** A channel that records what it was asked to send. */
    static final class RecordingChannel implements NotificationChannel {
        final String id;
        final List<String> sent = new CopyOnWriteArrayList<>();

        RecordingChannel(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public AddressKind addressKind() {
            return AddressKind.USER_ID;
        }

        @Override
        public void send(Recipient recipient, RenderedMessage message) {
            sent.add(recipient.userId() + ":" + message.subject());
        }
    }

    /** Templates, an address book replacing the directory resolver, and two recording channels. */
    static final class NotifyPlugin implements OaPlugin {
        final RecordingChannel inbox = new RecordingChannel("inbox");
        final RecordingChannel sms = new RecordingChannel("sms");
        final Map<String, String> emails = Map.of("alice", "alice@example.com", "bob", "bob@example.com");

        @Override
        public String id() {
            return "notify-test";
        }

        @Override
        public void configure(OaPluginContext context) {
            context.extension(NotificationTemplate.class, NotificationTemplate.of("leave.approved", "zh-CN",
                    "请假已批准：{{name}}", "{{name}}，您 {{days}} 天的请假申请已由 {{approver}} 批准。"));
            context.extension(NotificationTemplate.class, NotificationTemplate.of("leave.approved", "en",
                    "Leave approved: {{name}}", "{{name}}, your {{days}}-day leave was approved by {{approver}}."));
            context.extension(NotificationTemplate.class, NotificationTemplate.of("ticket.assigned", "en",
                    "Ticket {{ticket.no}}", "Ticket {{ticket.no}} is yours."));
            context.extension(NotificationChannel.class, inbox);
            context.extension(NotificationChannel.class, sms);
            context.replace(RecipientResolver.class, (RecipientResolver) (tenant, user, kind) ->
                    kind == AddressKind.EMAIL ? Optional.ofNullable(emails.get(user)) : Optional.empty());
        }
    }

    /** A robot endpoint on 127.0.0.1: answers from a script (status, body), records each request. */
    static final class RobotServer implements AutoCloseable {
        record Request(String uri, String body) {
        }

        record Answer(int status, String body) {
        }

        final List<Request> requests = new CopyOnWriteArrayList<>();
        private final Deque<Answer> script = new ArrayDeque<>();
        private volatile Answer last;
        private final HttpServer server;

        RobotServer(Answer last, Answer... first) throws IOException {
            this.last = last;
            script.addAll(List.of(first));
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                try (InputStream in = exchange.getRequestBody()) {
                    requests.add(new Request(exchange.getRequestURI().toString(), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
                Answer a;
                synchronized (script) {
                    a = script.isEmpty() ? this.last : script.poll();
                }
                byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(a.status(), bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
        }

        /** Answers every later request (after the script) with this. */
        void answer(Answer answer) {
            this.last = answer;
        }

        String url(String pathAndQuery) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
