package userapi.account;

import userapi.repository.InMemoryUserRepository;

/** The account standings contract on the in-memory stores, read one after the other by StoredAccountStandings. */
class InMemoryAccountStandingsContractTest extends AccountStandingsContract {
    @Override
    protected Stores openEmpty() {
        InMemoryUserRepository users = new InMemoryUserRepository();
        InMemoryAccountStore accounts = new InMemoryAccountStore(users);
        InMemoryDisabledAccounts disabled = new InMemoryDisabledAccounts(users);
        return new Stores(users, accounts, disabled, new StoredAccountStandings(users, accounts, disabled));
    }
}
