package userapi.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Unit tests of Page: an immutable slice that keeps total, limit and offset when its items are mapped. */
class PageTest {

    @Test
    void copies_its_items_so_the_caller_cannot_change_them() {
        List<String> items = new ArrayList<>(List.of("a", "b"));
        Page<String> page = new Page<>(items, 5, 2, 0);

        items.add("c");

        assertEquals(List.of("a", "b"), page.items());
        assertThrows(UnsupportedOperationException.class, () -> page.items().add("d"));
    }

    @Test
    void map_converts_items_and_keeps_total_limit_and_offset() {
        Page<Integer> lengths = new Page<>(List.of("a", "bbb"), 7, 2, 4).map(String::length);

        assertEquals(new Page<>(List.of(1, 3), 7, 2, 4), lengths);
    }
}
