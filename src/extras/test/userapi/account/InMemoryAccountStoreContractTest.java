package userapi.account;

import org.junit.jupiter.api.Nested;
import userapi.repository.InMemoryUserRepository;

/** The account store and outbox contracts on the in-memory store, which asks the users' repository for the users. */
class InMemoryAccountStoreContractTest extends AccountStoreContract {
    @Override
    protected Stores openEmpty() {
        InMemoryUserRepository users = new InMemoryUserRepository();
        InMemoryAccountStore store = new InMemoryAccountStore(users);
        return new Stores(users, store, store);
    }

    @Nested
    class Outbox extends MailOutboxContract {
        @Override
        protected MailOutbox outbox() {
            return stores.outbox();
        }
    }
}
