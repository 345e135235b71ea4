package userapi.service;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Unit tests of EmailAddresses: one canonical form for every spelling of an address, the same for every caller. */
class EmailAddressesTest {

    @Test
    void lower_cases_the_address_and_maps_its_domain_by_idna() {
        assertEquals("ada@ex\u00e4mple.com", EmailAddresses.canonical("Ada@EX\u00c4MPLE.com."));
        assertEquals("ada@ex\u00e4mple.com", EmailAddresses.canonical("ada@xn--exmple-cua.com"));
    }

    @Test
    void gives_a_full_width_or_compatibility_spelling_the_form_of_the_plain_address() {
        for (String email : List.of("d\uFF41ve@example.com", "\uFF24AVE@example.com", "dave\uFF20example.com",
                "dave@\uFF45xample.com", "dave@example\uFF0Ecom")) {
            assertEquals("dave@example.com", EmailAddresses.canonical(email), email);
        }
        assertEquals("kate@example.com", EmailAddresses.canonical("\u212Aate@example.com")); // the Kelvin sign
        assertEquals("office@example.com", EmailAddresses.canonical("o\uFB03ce@example.com")); // the ffi ligature
    }

    @Test
    void keeps_a_look_alike_from_another_script_apart() { // the request models refuse it; login just finds no one
        assertEquals("d\u0430ve@example.com", EmailAddresses.canonical("D\u0410ve@example.com"));
    }

    @Test
    void leaves_an_ascii_address_stored_before_as_it_was() {
        for (String stored : List.of("ada@example.com", "a.b+tag@sub.example.org", "\"quoted\"@example.com",
                "ada@[192.0.2.1]", "o'brien@example.com")) {
            assertEquals(stored, EmailAddresses.canonical(stored), stored);
        }
    }

    @Test
    void reads_the_ascii_domain_of_a_full_width_address_for_the_block_list() {
        assertEquals("mailinator.com", EmailAddresses.asciiDomainOf("eve\uFF20\uFF4Dailinator.com"));
    }
}
