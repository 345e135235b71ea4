package userapi.limits;

import org.junit.jupiter.api.Test;
import userapi.exception.EmailAlreadyRegistered;
import userapi.http.Handler;
import userapi.http.Request;
import userapi.http.Response;
import userapi.service.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** SignUpLimit: so many sign-ups per client address in any hour, then 429 with the wait, before the handler runs. */
class SignUpLimitTest {
    private static final Instant START = Instant.parse("2026-03-04T05:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final AtomicInteger calls = new AtomicInteger();
    private final Handler created = request -> {
        calls.incrementAndGet();
        return Response.created("/users/1", Map.of());
    };

    private static Request from(String address) {
        return new Request(Map.of(), Map.of(), "application/json", () -> {
            throw new AssertionError("the limit never reads the body");
        }, Map.of(), address);
    }

    @Test
    void lets_an_address_sign_up_as_often_as_the_limit_then_answers_with_the_seconds_until_the_oldest_leaves_the_hour() {
        Handler limited = new SignUpLimit(2, 100, clock).limited(created);
        limited.handle(from("192.0.2.1"));
        clock.advance(Duration.ofMinutes(10));
        limited.handle(from("192.0.2.1"));
        clock.advance(Duration.ofSeconds(30));

        TooManySignUps refused = assertThrows(TooManySignUps.class, () -> limited.handle(from("192.0.2.1")));

        assertEquals(TooManySignUps.Throttled.TOO_MANY_SIGN_UPS, refused.code());
        assertEquals(429, refused.code().status());
        assertEquals(50 * 60 - 30, refused.retryAfterSeconds());
        assertEquals(Map.of("Retry-After", "2970"), refused.headers());
        assertEquals(2, calls.get(), "the refused one never reached the handler");
    }

    @Test
    void counts_each_address_on_its_own() {
        Handler limited = new SignUpLimit(1, 100, clock).limited(created);
        limited.handle(from("192.0.2.1"));
        assertThrows(TooManySignUps.class, () -> limited.handle(from("192.0.2.1")));

        assertEquals(201, limited.handle(from("192.0.2.2")).status());
    }

    @Test
    void the_hour_slides_an_address_signs_up_again_once_its_oldest_sign_up_is_an_hour_old() {
        Handler limited = new SignUpLimit(1, 100, clock).limited(created);
        limited.handle(from("192.0.2.1"));
        clock.advance(SignUpLimit.WINDOW.minusSeconds(1));
        assertEquals(1, assertThrows(TooManySignUps.class, () -> limited.handle(from("192.0.2.1"))).retryAfterSeconds());

        clock.advance(Duration.ofSeconds(1));
        assertEquals(201, limited.handle(from("192.0.2.1")).status());
    }

    @Test
    void a_sign_up_that_fails_gives_its_place_back() {
        Handler refusing = request -> {
            calls.incrementAndGet();
            throw new EmailAlreadyRegistered();
        };
        Handler limited = new SignUpLimit(1, 100, clock).limited(request ->
                calls.get() < 2 ? refusing.handle(request) : created.handle(request));

        assertThrows(EmailAlreadyRegistered.class, () -> limited.handle(from("192.0.2.1")));
        assertThrows(EmailAlreadyRegistered.class, () -> limited.handle(from("192.0.2.1")));
        assertEquals(201, limited.handle(from("192.0.2.1")).status());
        assertThrows(TooManySignUps.class, () -> limited.handle(from("192.0.2.1")));
    }

    @Test
    void an_ipv6_client_is_counted_by_its_64_so_a_fresh_address_of_one_host_does_not_reset_it() {
        Handler limited = new SignUpLimit(1, 100, clock).limited(created);
        limited.handle(from("2001:db8:1:2::1"));

        assertThrows(TooManySignUps.class, () -> limited.handle(from("2001:db8:1:2::ffff")));
        assertEquals(201, limited.handle(from("2001:db8:1:3::1")).status());
    }

    @Test
    void remembers_at_most_so_many_addresses() {
        SignUpLimit limit = new SignUpLimit(1, 3, clock);
        Handler limited = limit.limited(created);
        for (String address : List.of("192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4", "192.0.2.5")) {
            limited.handle(from(address));
        }

        assertEquals(3, limit.addresses());
    }

    @Test
    void without_a_limit_the_handler_is_the_route_s_own() {
        assertSame(created, new SignUpLimit(0, 100, clock).limited(created));
    }
}
