package dev.oakit.crm.deal;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.oakit.core.notify.Delivery;
import dev.oakit.core.notify.DeliveryQuery;
import dev.oakit.core.notify.Notifications;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.crm.ApprovalRequest;
import dev.oakit.crm.CrmTemplateKeys;
import dev.oakit.crm.DealRequest;
import dev.oakit.crm.DealStatus;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.oakit.crm.deal.DealFixture.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A decided deal reaches the CRM user who asked through OAKit notifications, on the channels of their preference: here e-mail, to an SMTP server in the test JVM. */
class DealNotificationTest {
    @DbTest
    void theRequesterGetsTheDecisionByEMailAsTheirPreferenceSays(TestDatabase db) throws Exception {
        GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        db.closeLater(mail::stop);
        DealFixture f = DealFixture.start(db, null, null, b -> b.config("core", Map.of("jobs", Map.of("lease", "PT5S"), "notifications",
                Map.of("email", Map.of("host", "127.0.0.1", "port", mail.getSmtp().getPort(), "from", "OAKit <oakit@acme.test>")))));
        Notifications notifications = f.oa.service(Notifications.class);
        notifications.setPreference(ADMIN, "alice", CrmTemplateKeys.DEAL_DECIDED, List.of("email"));

        String quote = f.quote("Q-300 Acme", "15");
        f.pull();
        DealRequest round = f.await(ApprovalRequest.Kind.DISCOUNT, quote, 1, DealStatus.IN_APPROVAL);
        f.kit.as("sara").awaitOpenTask(round.instanceId(), DealFixture.WAIT).reject(round.instanceId(), "too generous for this volume");
        f.awaitRound(round.instanceId(), DealStatus.WRITTEN);

        await().atMost(Duration.ofSeconds(30)).until(() -> mail.getReceivedMessages().length > 0);
        MimeMessage m = mail.getReceivedMessages()[0];
        assertThat(Arrays.stream(m.getAllRecipients()).map(Object::toString)).containsExactly("alice@example.com");
        assertThat(m.getSubject()).isEqualTo("Deal rejected: Q-300 Acme");
        assertThat(GreenMailUtil.getBody(m)).contains("too generous for this volume", "Salesforce");
        assertThat(notifications.deliveries(ADMIN, DeliveryQuery.all())).filteredOn(d -> d.templateKey().equals(CrmTemplateKeys.DEAL_DECIDED))
                .extracting(Delivery::channel).containsExactly("email");
    }
}
