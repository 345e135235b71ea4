package userapi.service;

/** Turns a password into a self-describing hash and checks a password against one. */
public interface PasswordHasher {
    String hash(String password);

    boolean matches(String password, String storedHash);

    /** True when a stored hash was made with other settings than today's and should be redone at the next login. */
    default boolean needsRehash(String storedHash) {
        return false;
    }
}
