package userapi.directory;

import userapi.account.InMemoryDisabledAccounts;
import userapi.repository.InMemoryUserRepository;

/** The admin's list contract on the in-memory stores. */
class InMemoryUserDirectoryContractTest extends UserDirectoryContract {
    @Override
    protected Stores openEmpty() {
        InMemoryUserRepository users = new InMemoryUserRepository();
        InMemoryDisabledAccounts disabled = new InMemoryDisabledAccounts(users);
        return new Stores(users, disabled, new InMemoryUserDirectory(users, disabled));
    }
}
