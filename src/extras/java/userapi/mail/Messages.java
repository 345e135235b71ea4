package userapi.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import userapi.account.Mail;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Builds the one message both mailers deliver, so an .eml file is what SMTP would have sent: From, To, Subject,
 * Date, Message-ID and a plain-text UTF-8 body, each header encoded as RFC 5322 and RFC 2047 want it.
 */
final class Messages {
    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    private final InternetAddress from;
    private final String idDomain;

    /** @param from an address, or "Name &lt;address&gt;" (the name may be any Unicode) */
    Messages(String from) {
        try {
            InternetAddress parsed = new InternetAddress(from, true);
            this.from = new InternetAddress(parsed.getAddress(), parsed.getPersonal(), UTF_8);
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new IllegalArgumentException("not a mail address: " + from, e);
        }
        String address = this.from.getAddress();
        this.idDomain = address.substring(address.lastIndexOf('@') + 1);
    }

    /** The message, headers final (saveChanges done); sending or writing it again keeps its Message-ID. */
    MimeMessage build(Session session, Mail mail, Instant date) throws MessagingException {
        MimeMessage message = new IdentifiedMessage(session, "<" + UUID.randomUUID() + "@" + idDomain + ">");
        message.setFrom(from);
        message.setRecipients(Message.RecipientType.TO, new InternetAddress[] {new InternetAddress(mail.to(), true)});
        message.setSubject(mail.subject(), UTF_8);
        message.setSentDate(Date.from(date));
        message.setText(mail.text().replaceAll("\\r?\\n", "\r\n"), UTF_8); // RFC 5322 lines end in CRLF, in a file too
        message.saveChanges();
        return message;
    }

    /**
     * A MimeMessage with a Message-ID chosen up front: MimeMessage's own asks the machine's host name, which can
     * take a DNS lookup, and would be made anew by every saveChanges.
     */
    private static final class IdentifiedMessage extends MimeMessage {
        private final String messageId;

        IdentifiedMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
