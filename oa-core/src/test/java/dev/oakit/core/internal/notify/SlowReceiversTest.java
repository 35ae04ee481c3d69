package dev.oakit.core.internal.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.oakit.core.CoreConfig;
import dev.oakit.core.IntegrationException;
import dev.oakit.core.NotificationsConfig;
import dev.oakit.core.event.DomainEvent;
import dev.oakit.core.internal.event.WebhookRelay;
import dev.oakit.core.notify.RenderedMessage;
import dev.oakit.core.spi.Recipient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Every outgoing HTTP call of core (the webhook relay and the three robots) is bounded as a whole:
 * a receiver that drips its answer one byte per 100 ms, or sends a body without end, fails the
 * call (retryable) within the call's timeout or size bound, and the receiver sees the connection
 * closed long before it would have finished. Real HTTP servers in the JVM; no wall-clock asserts.
 */
class SlowReceiversTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A drip of this many bytes, one per 100 ms, would take 15 s; the calls have 1 s. */
    private static final int DRIP_BYTES = 150;
    /** An "endless" body stops here, far beyond the 64 KiB a call reads. */
    private static final long ENDLESS_BYTES = 16L * 1024 * 1024;

    /** The outgoing calls of core, each aimed at one URL with a timeout of one second. */
    enum Caller {
        WEBHOOK, WECOM, DINGTALK, FEISHU;

        void call(String url) {
            Duration timeout = Duration.ofSeconds(1);
            if (this == WEBHOOK) {
                new WebhookRelay(new CoreConfig.Webhook("erp", url, "s3cret-s3cret-s3cret", List.of(), timeout), JSON, Clock.systemUTC())
                        .deliver("e1:erp", new DomainEvent("e1", "acme", "sample.happened", "note", "1", "alice", Instant.now(),
                                JSON.createObjectNode()));
            } else {
                RobotChannel.of(new NotificationsConfig.Robot(name().toLowerCase(Locale.ROOT), NotificationsConfig.RobotKind.valueOf(name()),
                                url, null, null, timeout), JSON, Clock.systemUTC())
                        .send(new Recipient("acme", null, null, "oakit-notify-1"),
                                new RenderedMessage("k", Locale.CHINA, "subject", "body", null));
            }
        }
    }

    /** Answers 200 and then writes its body slowly or without end, noting whether the client hung up. */
    static final class Receiver implements AutoCloseable {
        final AtomicLong written = new AtomicLong();
        volatile boolean clientGone;
        volatile boolean finished;
        private final HttpServer server;
        private final ExecutorService threads = Executors.newCachedThreadPool();

        Receiver(boolean endless) throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(threads);
            server.createContext("/", exchange -> {
                try (InputStream in = exchange.getRequestBody()) {
                    in.readAllBytes();
                }
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, 0); // chunked: no length announced
                try (OutputStream out = exchange.getResponseBody()) {
                    if (endless) {
                        byte[] block = new byte[8192];
                        java.util.Arrays.fill(block, (byte) ' ');
                        while (written.get() < ENDLESS_BYTES) {
                            out.write(block);
                            out.flush();
                            written.addAndGet(block.length);
                        }
                    } else {
                        // a valid, successful answer for every caller, if only it arrived in time
                        byte[] answer = String.format("%" + DRIP_BYTES + "s", "{\"errcode\":0,\"code\":0}").getBytes(StandardCharsets.UTF_8);
                        for (byte b : answer) {
                            out.write(b);
                            out.flush();
                            written.incrementAndGet();
                            Thread.sleep(100);
                        }
                    }
                    finished = true;
                } catch (IOException e) {
                    clientGone = true;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    exchange.close();
                }
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook/send?key=robot-key";
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(Caller.class)
    void aReceiverDrippingItsAnswerFailsTheCallAtItsTimeout(Caller caller) throws Exception {
        try (Receiver receiver = new Receiver(false)) {
            assertTheCallFailsAndHangsUp(caller, receiver, "did not answer completely within PT1S");
            assertThat(receiver.written.get()).isLessThan(DRIP_BYTES);
        }
    }

    @ParameterizedTest
    @EnumSource(Caller.class)
    void aReceiverSendingAnEndlessBodyFailsTheCallAfter64KiB(Caller caller) throws Exception {
        try (Receiver receiver = new Receiver(true)) {
            assertTheCallFailsAndHangsUp(caller, receiver, "more than 64 KiB");
            assertThat(receiver.written.get()).isLessThan(ENDLESS_BYTES);
        }
    }

    /** The call fails as retryable, returns before the receiver finished, and the receiver sees the connection closed. */
    private static void assertTheCallFailsAndHangsUp(Caller caller, Receiver receiver, String why) {
        IntegrationException e = catchThrowableOfType(IntegrationException.class, () -> caller.call(receiver.url()));
        boolean finishedWhenTheCallReturned = receiver.finished;

        assertThat(e).as("the call fails").isNotNull();
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains(why, "will retry").doesNotContain("robot-key");
        assertThat(finishedWhenTheCallReturned).as("the call returned before the receiver finished").isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.clientGone);
    }
}
