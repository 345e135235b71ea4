package userapi.limits;

import org.junit.jupiter.api.Test;
import userapi.http.Request;
import userapi.http.Response;
import userapi.logging.LogContext;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unit tests of TrustedProxies: the list it reads, and which client a peer and its X-Forwarded-For name. */
class TrustedProxiesTest {
    private static final TrustedProxies LOOPBACK_AND_LAN = TrustedProxies.parse("127.0.0.1, 10.0.0.0/8, ::1, fd00::/8");

    private static Optional<String> xff(String value) {
        return Optional.of(value);
    }

    @Test
    void trusts_single_addresses_and_cidr_networks_of_both_families() {
        assertTrue(LOOPBACK_AND_LAN.trusts("127.0.0.1"));
        assertFalse(LOOPBACK_AND_LAN.trusts("127.0.0.2"));
        assertTrue(LOOPBACK_AND_LAN.trusts("10.255.0.1"));
        assertFalse(LOOPBACK_AND_LAN.trusts("11.0.0.1"));
        assertTrue(LOOPBACK_AND_LAN.trusts("0:0:0:0:0:0:0:1"));
        assertTrue(LOOPBACK_AND_LAN.trusts("fd12:3456::1"));
        assertFalse(LOOPBACK_AND_LAN.trusts("fe80::1"));
        assertFalse(LOOPBACK_AND_LAN.trusts("2001:db8::1"));
    }

    @Test
    void a_prefix_that_is_not_a_whole_byte_is_matched_bit_by_bit() {
        TrustedProxies network = TrustedProxies.parse("192.168.4.0/22");

        assertTrue(network.trusts("192.168.7.255"));
        assertFalse(network.trusts("192.168.8.0"));
        assertFalse(network.trusts("192.168.3.255"));
    }

    @Test
    void an_ipv4_mapped_ipv6_peer_is_the_ipv4_address() {
        assertTrue(LOOPBACK_AND_LAN.trusts("::ffff:127.0.0.1"));
    }

    @Test
    void refuses_an_entry_it_cannot_read_naming_it() {
        for (String bad : List.of("localhost", "10.0.0.0/33", "::1/129", "300.1.1.1", "10.0.0.0/", "1.2.3.4/x", "example.com")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse(bad), bad);
            assertTrue(refused.getMessage().contains(bad), refused.getMessage());
        }
    }

    @Test
    void blank_is_none_and_then_the_peer_is_always_the_client() {
        TrustedProxies none = TrustedProxies.parse(" ");

        assertTrue(none.isEmpty());
        assertEquals("127.0.0.1", none.clientAddress("127.0.0.1", xff("203.0.113.9")));
    }

    @Test
    void a_spoofed_x_forwarded_for_from_a_peer_that_is_not_trusted_is_ignored() {
        assertEquals("198.51.100.7", LOOPBACK_AND_LAN.clientAddress("198.51.100.7", xff("203.0.113.9")));
    }

    @Test
    void behind_a_trusted_proxy_the_client_is_the_last_address_it_appended() {
        assertEquals("203.0.113.9", LOOPBACK_AND_LAN.clientAddress("127.0.0.1", xff("203.0.113.9")));
    }

    @Test
    void a_trusted_peer_without_the_header_is_itself_the_client() {
        assertEquals("127.0.0.1", LOOPBACK_AND_LAN.clientAddress("127.0.0.1", Optional.empty()));
    }

    @Test
    void through_a_chain_of_proxies_the_right_most_address_that_is_not_trusted_is_the_client() {
        // the client wrote a fake first entry; our two proxies appended what they saw
        assertEquals("203.0.113.9",
                LOOPBACK_AND_LAN.clientAddress("127.0.0.1", xff("1.1.1.1, 203.0.113.9, 10.0.0.5")));
    }

    @Test
    void when_every_hop_is_trusted_the_left_most_one_is_the_client() {
        assertEquals("10.0.0.7", LOOPBACK_AND_LAN.clientAddress("127.0.0.1", xff("10.0.0.7, 10.0.0.5")));
    }

    @Test
    void a_malformed_entry_ends_the_walk_at_the_last_trusted_hop() {
        assertEquals("10.0.0.5", LOOPBACK_AND_LAN.clientAddress("127.0.0.1", xff("203.0.113.9, garbage, 10.0.0.5")));
        assertEquals("127.0.0.1", LOOPBACK_AND_LAN.clientAddress("127.0.0.1", xff("203.0.113.9, unknown")));
        assertEquals("127.0.0.1", LOOPBACK_AND_LAN.clientAddress("127.0.0.1", xff("evil.example.com")));
        assertEquals("127.0.0.1", LOOPBACK_AND_LAN.clientAddress("127.0.0.1", xff("")));
    }

    @Test
    void entries_with_ports_and_every_spelling_of_ipv6_come_out_in_one_form() {
        assertEquals("203.0.113.9", LOOPBACK_AND_LAN.clientAddress("127.0.0.1", xff("203.0.113.9:51234")));
        assertEquals("2001:db8:0:0:0:0:0:1", LOOPBACK_AND_LAN.clientAddress("127.0.0.1", xff("[2001:DB8::1]:443")));
        assertEquals("2001:db8:0:0:0:0:0:1", LOOPBACK_AND_LAN.clientAddress("::1", xff("2001:db8::1")));
        assertEquals("2001:db8:0:0:0:0:0:1", LOOPBACK_AND_LAN.clientAddress("2001:db8::1", Optional.empty()));
    }

    @Test
    void a_peer_that_is_no_address_is_kept_as_it_is() {
        assertEquals(Request.UNKNOWN_CLIENT, LOOPBACK_AND_LAN.clientAddress(Request.UNKNOWN_CLIENT, xff("203.0.113.9")));
    }

    @Test
    void an_ipv6_address_is_counted_by_its_64_bit_network_and_an_ipv4_one_by_itself() {
        assertEquals("2001:db8:1:2:0:0:0:0/64", TrustedProxies.network64("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
        assertEquals(TrustedProxies.network64("2001:db8:1:2::1"), TrustedProxies.network64("2001:db8:1:2::ffff"));
        assertEquals("203.0.113.9", TrustedProxies.network64("203.0.113.9"));
    }

    @Test
    void the_decorator_hands_the_handler_the_resolved_client_and_names_it_for_the_access_line() {
        AtomicReference<String> seen = new AtomicReference<>();
        AtomicReference<String> logged = new AtomicReference<>();
        Request request = new Request(Map.of(), Map.of(), null, () -> new byte[0],
                Map.of(TrustedProxies.FORWARDED_FOR, "203.0.113.9"), "127.0.0.1");
        try {
            LOOPBACK_AND_LAN.around(r -> {
                seen.set(r.clientAddress());
                logged.set(LogContext.clientAddress());
                return Response.noContent();
            }).handle(request);
        } finally {
            LogContext.clear();
        }

        assertEquals("203.0.113.9", seen.get());
        assertEquals("203.0.113.9", logged.get());
    }
}
