package userapi.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;
import userapi.account.AccountStoreContract;
import userapi.account.MailOutbox;
import userapi.account.MailOutboxContract;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The account store and outbox contracts on SQLite, a new database file for every test. */
class SqliteAccountStoreContractTest extends AccountStoreContract {
    @TempDir
    Path directory;

    @Override
    protected Stores openEmpty() {
        JdbcUserRepository users = JdbcUserRepository.open("jdbc:sqlite:" + directory.resolve("users.db"), Duration.ofSeconds(5));
        JdbcAccountStore store = new JdbcAccountStore(users.database());
        return new Stores(users, store, store);
    }

    @AfterEach
    void every_connection_went_back_to_the_pool() {
        assertEquals(0, ((JdbcUserRepository) stores.users()).database().connectionsInUse());
    }

    @Nested
    class Outbox extends MailOutboxContract {
        @Override
        protected MailOutbox outbox() {
            return stores.outbox();
        }
    }
}
