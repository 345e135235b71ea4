package userapi.error;

/** Expected, 403 CURRENT_PASSWORD_INCORRECT, INFO: changing one's own e-mail or password, with the wrong current password. */
public final class CurrentPasswordIncorrect extends DomainException {
    public CurrentPasswordIncorrect() {
        super("The current password is not correct.");
    }
}
