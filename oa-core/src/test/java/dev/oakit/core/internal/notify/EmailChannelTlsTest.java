package dev.oakit.core.internal.notify;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.oakit.core.IntegrationException;
import dev.oakit.core.NotificationsConfig;
import dev.oakit.core.notify.RenderedMessage;
import dev.oakit.core.spi.Recipient;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * STARTTLS of the email channel: used whenever the server offers it (a host's credentials and mail never cross the
 * network in clear where they need not), required with {@code startTls: true}, never asked for with {@code false}.
 */
class EmailChannelTlsTest {
    private static final RenderedMessage MESSAGE = new RenderedMessage("leave.approved", Locale.CHINA, "请假已批准", "已批准", null);
    private static final Recipient ALICE = new Recipient("acme", "alice", "alice@example.com", "notify-1");

    private static EmailChannel channel(int port, Boolean startTls) {
        return new EmailChannel(new NotificationsConfig.Email(null, "127.0.0.1", port, null, null, "OA <oa@example.com>",
                startTls, null, Duration.ofSeconds(5)));
    }

    @Test
    void aServerThatOffersStartTlsIsAskedForItBeforeAnyMailIsSentByDefault() throws Exception {
        try (OffersStartTls server = new OffersStartTls()) {
            // the scripted server cannot do TLS: it refuses the upgrade, so the channel must not go on in clear
            assertThatThrownBy(() -> channel(server.port(), null).send(ALICE, MESSAGE)).isInstanceOf(IntegrationException.class);

            assertThat(server.commands()).as("what the client said").contains("STARTTLS")
                    .noneMatch(c -> c.startsWith("MAIL FROM") || c.startsWith("RCPT") || c.equals("DATA"));
        }
    }

    @Test
    void startTlsFalseNeverAsksForItAlthoughTheServerOffersIt() throws Exception {
        try (OffersStartTls server = new OffersStartTls()) {
            // an internal relay whose STARTTLS certificate the JVM does not trust: the mail goes in clear, as configured
            channel(server.port(), false).send(ALICE, MESSAGE);

            assertThat(server.commands()).as("what the client said").doesNotContain("STARTTLS")
                    .anyMatch(c -> c.startsWith("MAIL FROM")).contains("DATA");
        }
    }

    @Test
    void aServerWithoutStartTlsGetsTheMailByDefaultButNotWhenStartTlsIsRequired() throws Exception {
        GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        try {
            int port = mail.getSmtp().getPort();
            channel(port, null).send(ALICE, MESSAGE);
            assertThat(mail.getReceivedMessages()).hasSize(1);

            assertThatThrownBy(() -> channel(port, true).send(ALICE, MESSAGE)).isInstanceOf(IntegrationException.class)
                    .hasMessageContaining("STARTTLS");
            assertThat(mail.getReceivedMessages()).hasSize(1);
        } finally {
            mail.stop();
        }
    }

    /** An SMTP server of one connection that offers STARTTLS, refuses it when asked (it has no certificate) and records the commands. */
    private static final class OffersStartTls implements AutoCloseable {
        private final ServerSocket socket;
        private final List<String> commands = new CopyOnWriteArrayList<>();
        private final CompletableFuture<Void> session;

        OffersStartTls() throws IOException {
            socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            session = CompletableFuture.runAsync(this::serve);
        }

        int port() {
            return socket.getLocalPort();
        }

        List<String> commands() throws Exception {
            session.get(10, TimeUnit.SECONDS);
            return commands;
        }

        private void serve() {
            try (Socket client = socket.accept();
                 BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII))) {
                OutputStream out = client.getOutputStream();
                reply(out, "220 localhost ESMTP scripted");
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    commands.add(line);
                    String verb = line.toUpperCase(Locale.ROOT);
                    if (verb.startsWith("EHLO")) {
                        reply(out, "250-localhost\r\n250-8BITMIME\r\n250 STARTTLS");
                    } else if (verb.equals("STARTTLS")) {
                        reply(out, "454 4.7.0 TLS not available");
                    } else if (verb.equals("DATA")) {
                        reply(out, "354 go on");
                        for (String body = in.readLine(); body != null && !body.equals("."); body = in.readLine()) {
                            // the message, up to the lone dot
                        }
                        reply(out, "250 queued");
                    } else if (verb.equals("QUIT")) {
                        reply(out, "221 bye");
                        return;
                    } else {
                        reply(out, "250 ok");
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void reply(OutputStream out, String text) throws IOException {
            out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
