package userapi.repository;

/** The repository contract on the in-memory store. */
class InMemoryUserRepositoryContractTest extends UserRepositoryContract {
    @Override
    protected UserRepository openEmpty() {
        return new InMemoryUserRepository();
    }

    @Override
    protected int updateRaceRounds() {
        return 2_000;
    }
}
