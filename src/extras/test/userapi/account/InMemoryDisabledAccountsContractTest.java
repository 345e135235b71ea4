package userapi.account;

import userapi.repository.InMemoryUserRepository;

/** The disabled accounts contract on the in-memory store, which asks the users' repository for the users. */
class InMemoryDisabledAccountsContractTest extends DisabledAccountsContract {
    @Override
    protected Stores openEmpty() {
        InMemoryUserRepository users = new InMemoryUserRepository();
        return new Stores(users, new InMemoryDisabledAccounts(users));
    }
}
