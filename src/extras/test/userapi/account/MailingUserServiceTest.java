package userapi.account;

import org.junit.jupiter.api.Test;
import userapi.exception.StorageUnavailable;
import userapi.model.Page;
import userapi.model.Role;
import userapi.model.User;
import userapi.model.UserChanges;
import userapi.model.UserCreateRequest;
import userapi.model.UserUpdateRequest;
import userapi.service.UserService;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The decorator that mails about addresses: when it asks for a mail, and that a failure to queue one loses no change. */
class MailingUserServiceTest {
    private static final User ADA = new User(UUID.fromString("3f2b8c4e-1d2a-4b5c-9e8f-0a1b2c3d4e5f"), "Ada",
            "ada@example.com", "hashed:x", Role.USER, Instant.parse("2026-12-04T10:00:00Z"));

    /** One user, changed as asked. */
    private static final class OneUserService implements UserService {
        User user = ADA;

        @Override
        public User create(UserCreateRequest request) {
            return user;
        }

        @Override
        public User get(UUID id) {
            return user;
        }

        @Override
        public Page<User> list(int limit, int offset) {
            return new Page<>(List.of(user), 1, limit, offset);
        }

        @Override
        public User update(UUID id, UserUpdateRequest request, OptionalLong expectedVersion) {
            user = new UserChanges(request.name(), request.email(), null).applyTo(user);
            return user;
        }

        @Override
        public void delete(UUID id, OptionalLong expectedVersion) {
        }
    }

    /** Writes down what it was told; fails while the store is down. */
    private static final class RecordingMails implements VerificationMails {
        final List<String> told = new ArrayList<>();
        boolean storeDown;

        @Override
        public void signedUp(User user) {
            failIfDown();
            told.add("signed up " + user.email());
        }

        @Override
        public void addressChanged(User before, User after) {
            failIfDown();
            told.add("changed " + before.email() + " -> " + after.email());
        }

        private void failIfDown() {
            if (storeDown) {
                throw new StorageUnavailable(new SQLException("down"));
            }
        }
    }

    private final OneUserService users = new OneUserService();
    private final RecordingMails mails = new RecordingMails();
    private final MailingUserService service = new MailingUserService(users, mails);

    @Test
    void a_sign_up_asks_for_a_verification_mail() {
        service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));

        assertEquals(List.of("signed up ada@example.com"), mails.told);
    }

    @Test
    void a_new_address_asks_for_mails_to_both_addresses_and_other_changes_ask_for_none() {
        service.update(ADA.id(), new UserUpdateRequest("Ada Lovelace", null, null));
        service.update(ADA.id(), new UserUpdateRequest(null, "ada@example.com", null)); // the same address again
        service.update(ADA.id(), new UserUpdateRequest(null, "ada@lovelace.example", null), OptionalLong.of(3));

        assertEquals(List.of("changed ada@example.com -> ada@lovelace.example"), mails.told);
    }

    @Test
    void a_sign_up_or_a_change_stands_when_its_mail_cannot_be_queued() {
        mails.storeDown = true;

        User created = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));
        User changed = service.update(ADA.id(), new UserUpdateRequest(null, "ada@lovelace.example", null));

        assertEquals(ADA, created);
        assertEquals("ada@lovelace.example", changed.email());
    }
}
