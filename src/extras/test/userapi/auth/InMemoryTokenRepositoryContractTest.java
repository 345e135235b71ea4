package userapi.auth;

import userapi.repository.InMemoryUserRepository;

/** The token repository contract on the in-memory store. */
class InMemoryTokenRepositoryContractTest extends TokenRepositoryContract {
    @Override
    protected Stores openEmpty() {
        return new Stores(new InMemoryUserRepository(), new InMemoryTokenRepository());
    }
}
