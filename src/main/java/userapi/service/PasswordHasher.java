package userapi.service;

/** Turns a password into a self-describing hash and checks a password against one. */
public interface PasswordHasher {
    String hash(String password);

    boolean matches(String password, String storedHash);
}
