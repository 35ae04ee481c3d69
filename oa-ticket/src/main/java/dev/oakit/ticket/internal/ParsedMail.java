package dev.oakit.ticket.internal;

import dev.oakit.core.form.AttachmentRef;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One mail read into what a ticket needs: ids for de-duplication and threading, sender, subject,
 * the text (the text/plain part, else the HTML part turned into text) and attachment metadata.
 * The bytes of attachments stay on the IMAP server; their references say where.
 *
 * @param singleFrom true when the From header names exactly one address
 * @param htmlCut true when the text comes from an HTML part longer than the mailbox's {@code maxHtmlChars}, read only that far
 * @param topAuthResults the topmost Authentication-Results header, unfolded, or null (see {@link SenderCheck})
 */
record ParsedMail(String messageId, Set<String> threadIds, String fromName, String fromEmail, boolean singleFrom, String subject, String text,
                  List<AttachmentRef> attachments, boolean htmlOnly, boolean htmlCut, String topAuthResults) {
    private static final Pattern ID = Pattern.compile("<[^<>\\s]{1,250}>");

    /** @param maxHtmlChars the most characters of an HTML part turned into text ({@link HtmlText}) */
    static ParsedMail parse(MimeMessage m, String attachmentPrefix, int maxHtmlChars) throws MessagingException, IOException {
        String messageId = firstId(m.getMessageID());
        if (messageId == null) {
            messageId = derivedId(m);
        }
        Set<String> thread = new LinkedHashSet<>();
        ids(m.getHeader("In-Reply-To"), thread);
        ids(m.getHeader("References"), thread);
        thread.remove(messageId);
        String fromName = null;
        String fromEmail = null;
        Address[] from = m.getFrom();
        if (from != null && from.length > 0 && from[0] instanceof InternetAddress a && a.getAddress() != null) {
            fromEmail = a.getAddress().strip().toLowerCase(Locale.ROOT);
            fromName = a.getPersonal();
        }
        String[] verdicts = m.getHeader("Authentication-Results");
        String topAuthResults = verdicts == null || verdicts.length == 0 ? null : verdicts[0].replaceAll("\r?\n", "");
        Body body = new Body(attachmentPrefix);
        body.walk(m);
        String text = body.plain != null ? body.plain : body.html != null ? HtmlText.toText(body.html, maxHtmlChars) : "";
        String subject = m.getSubject() == null ? "" : m.getSubject().strip();
        return new ParsedMail(messageId, thread, fromName, fromEmail, from != null && from.length == 1, subject, text.strip(),
                List.copyOf(body.files), body.plain == null && body.html != null,
                body.plain == null && body.html != null && body.html.length() > maxHtmlChars, topAuthResults);
    }

    /** @return this mail with every value a database could refuse made storable ({@link MailText}) */
    ParsedMail storable(boolean bmpOnly) {
        Set<String> thread = new LinkedHashSet<>();
        threadIds.forEach(id -> thread.add(MailText.line(id, bmpOnly)));
        List<AttachmentRef> files = attachments.stream()
                .map(a -> new AttachmentRef(MailText.line(a.id(), bmpOnly), MailText.line(a.name(), bmpOnly), a.size())).toList();
        return new ParsedMail(MailText.line(messageId, bmpOnly), thread, MailText.line(fromName, bmpOnly), MailText.line(fromEmail, bmpOnly),
                singleFrom, MailText.line(subject, bmpOnly), MailText.text(text, bmpOnly), files, htmlOnly, htmlCut, topAuthResults);
    }

    /** A message without a Message-ID gets one from its content, so fetching it again is still a duplicate. */
    private static String derivedId(MimeMessage m) throws MessagingException, IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        m.writeTo(raw);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(raw.toByteArray());
            return "<" + HexFormat.of().formatHex(hash, 0, 20) + "@no-message-id.oakit>";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JVM", e);
        }
    }

    private static String firstId(String header) {
        if (header == null) {
            return null;
        }
        Matcher x = ID.matcher(header);
        return x.find() ? x.group() : null;
    }

    private static void ids(String[] headers, Set<String> into) {
        if (headers == null) {
            return;
        }
        for (String h : headers) {
            Matcher x = ID.matcher(h);
            while (x.find()) {
                into.add(x.group());
            }
        }
    }

    /** Collects the first text/plain and text/html parts and every attachment. */
    private static final class Body {
        final String prefix;
        String plain;
        String html;
        final List<AttachmentRef> files = new ArrayList<>();

        Body(String prefix) {
            this.prefix = prefix;
        }

        void walk(Part p) throws MessagingException, IOException {
            String disposition = p.getDisposition();
            boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(disposition)
                    || (p.getFileName() != null && !p.isMimeType("multipart/*"));
            if (attachment) {
                files.add(new AttachmentRef(prefix + (files.size() + 1), p.getFileName(), size(p)));
            } else if (p.isMimeType("multipart/*")) {
                Multipart mp = (Multipart) p.getContent();
                for (int i = 0; i < mp.getCount(); i++) {
                    walk(mp.getBodyPart(i));
                }
            } else if (p.isMimeType("message/rfc822")) {
                files.add(new AttachmentRef(prefix + (files.size() + 1), "forwarded.eml", size(p)));
            } else if (p.isMimeType("text/plain") && plain == null) {
                plain = text(p);
            } else if (p.isMimeType("text/html") && html == null) {
                html = text(p);
            }
        }

        private static String text(Part p) throws MessagingException, IOException {
            Object c = p.getContent();
            if (c instanceof String s) {
                return s;
            }
            try (InputStream in = p.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }

        private static long size(Part p) throws MessagingException, IOException {
            int s = p.getSize();
            if (s >= 0) {
                return s;
            }
            try (InputStream in = p.getInputStream()) {
                return in.transferTo(OutputStreamNull.INSTANCE);
            }
        }
    }

    /** Counts without keeping. */
    private static final class OutputStreamNull extends java.io.OutputStream {
        static final OutputStreamNull INSTANCE = new OutputStreamNull();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }

    /** @return true when a From address was found */
    boolean hasSender() {
        return fromEmail != null;
    }
}
