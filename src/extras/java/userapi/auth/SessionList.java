package userapi.auth;

import java.util.List;

/** The response model of GET /auth/sessions: the caller's live sessions, newest first. */
public record SessionList(List<Session> items) {
}
