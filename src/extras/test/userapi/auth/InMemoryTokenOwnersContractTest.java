package userapi.auth;

import userapi.account.InMemoryAccountStore;
import userapi.account.InMemoryDisabledAccounts;
import userapi.repository.InMemoryUserRepository;

/**
 * The token owners contract on the in-memory stores, put together as ProductionApp does it: StoredTokenOwners over
 * the tokens and the users, asking the account store whether the address is verified (what the account service's
 * isVerified asks) and the disabled accounts whether the user is disabled.
 */
class InMemoryTokenOwnersContractTest extends TokenOwnersContract {
    @Override
    protected Stores openEmpty() {
        InMemoryUserRepository users = new InMemoryUserRepository();
        InMemoryTokenRepository tokens = new InMemoryTokenRepository();
        InMemoryAccountStore accounts = new InMemoryAccountStore(users);
        InMemoryDisabledAccounts disabled = new InMemoryDisabledAccounts(users);
        return new Stores(users, tokens, accounts, disabled, new StoredTokenOwners(tokens, users,
                user -> accounts.isVerified(user.id(), user.email()), disabled::isDisabled));
    }
}
