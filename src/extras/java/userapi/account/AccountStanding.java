package userapi.account;

/** What the extras keep of an account beside its user: whether its present address is verified, and whether an admin has disabled it. */
public record AccountStanding(boolean emailVerified, boolean disabled) {
}
