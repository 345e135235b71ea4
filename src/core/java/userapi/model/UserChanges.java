package userapi.model;

/**
 * The fields one update changes, null for each it leaves as stored: the repository applies just these to the
 * user as it is stored at that moment, so two updates of different fields never undo each other.
 */
public record UserChanges(String name, String email, String passwordHash) {

    /** The user with the fields named here replaced, every other field kept, and the next version. */
    public User applyTo(User user) {
        return new User(user.id(), name == null ? user.name() : name, email == null ? user.email() : email,
                passwordHash == null ? user.passwordHash() : passwordHash, user.role(), user.createdAt(),
                user.version() + 1);
    }

    @Override
    public String toString() { // which fields change, never their values: like User, no hash nor personal data in a log
        return "UserChanges[name=" + shown(name) + ", email=" + shown(email) + ", passwordHash=" + shown(passwordHash) + "]";
    }

    private static String shown(String value) {
        return value == null ? "unchanged" : "***";
    }
}
