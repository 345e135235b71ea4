package userapi.production;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DATABASE_URL: a SQLite file by default, PostgreSQL or memory on request, anything else refused clearly. */
class ConfigDatabaseUrlTest {
    private static String databaseUrl(String value) {
        return Config.fromEnvironment(value == null ? Map.of() : Map.of("DATABASE_URL", value)).databaseUrl();
    }

    @Test
    void defaults_to_the_sqlite_file_data_users_db() {
        assertEquals("jdbc:sqlite:data/users.db", databaseUrl(null));
        assertEquals("jdbc:sqlite:data/users.db", databaseUrl("  "));
    }

    @Test
    void accepts_memory_another_sqlite_file_and_postgresql() {
        assertEquals("memory", databaseUrl("memory"));
        assertEquals("jdbc:sqlite:/var/lib/userapi/users.db", databaseUrl(" jdbc:sqlite:/var/lib/userapi/users.db "));
        assertEquals("jdbc:postgresql://db:5432/users?user=app", databaseUrl("jdbc:postgresql://db:5432/users?user=app"));
    }

    @Test
    void accepts_a_multi_host_postgresql_url_for_fail_over() {
        String url = "jdbc:postgresql://a:5432,b:5432/db?targetServerType=primary";

        assertEquals(url, databaseUrl(url));
    }

    @Test
    void refuses_an_in_memory_sqlite_database_and_points_to_memory() {
        for (String url : new String[] {"jdbc:sqlite:", "jdbc:sqlite::memory:", "jdbc:sqlite:file:x?mode=memory"}) {
            Config.Invalid invalid = assertThrows(Config.Invalid.class, () -> databaseUrl(url));
            assertTrue(invalid.getMessage().contains("DATABASE_URL=memory"), invalid.getMessage());
        }
    }

    @Test
    void refuses_other_urls_without_repeating_a_password() {
        Config.Invalid invalid = assertThrows(Config.Invalid.class,
                () -> databaseUrl("postgres://app:s3cret@db:5432/users?password=s3cret"));

        assertEquals("DATABASE_URL must be jdbc:sqlite:FILE (default jdbc:sqlite:data/users.db), "
                + "jdbc:postgresql://HOST:PORT/DATABASE?user=..., or memory; not 'postgres://***@db:5432/users?password=***'",
                invalid.getMessage());
        assertFalse(invalid.getMessage().contains("s3cret"));
    }
}
