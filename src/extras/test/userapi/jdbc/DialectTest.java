package userapi.jdbc;

import com.zaxxer.hikari.HikariConfig;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dialect's pool settings: DB_POOL_SIZE or the database's default, the password beside the URL, multi-host URLs;
 * and which failure means a table of ours is missing.
 */
class DialectTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final String MULTI_HOST = "jdbc:postgresql://a:5432,b:5433/db?targetServerType=primary&user=app";

    @Test
    void uses_each_databases_default_pool_size_unless_one_is_given() {
        assertEquals(4, Dialect.SQLITE.poolConfig("jdbc:sqlite:x.db", null, 0, TIMEOUT).getMaximumPoolSize());
        assertEquals(10, Dialect.POSTGRESQL.poolConfig("jdbc:postgresql://db/users", null, 0, TIMEOUT).getMaximumPoolSize());
        assertEquals(3, Dialect.POSTGRESQL.poolConfig("jdbc:postgresql://db/users", null, 3, TIMEOUT).getMaximumPoolSize());
    }

    @Test
    void hands_postgresql_the_password_beside_the_url_never_in_it() {
        HikariConfig pool = Dialect.POSTGRESQL.poolConfig("jdbc:postgresql://db/users?user=app", "s3cret", 0, TIMEOUT);

        assertEquals("s3cret", pool.getPassword());
        assertEquals("jdbc:postgresql://db/users?user=app", pool.getJdbcUrl());
    }

    @Test
    void gives_sqlite_no_password_which_its_driver_would_take_as_an_encryption_key() {
        HikariConfig pool = Dialect.SQLITE.poolConfig("jdbc:sqlite:x.db", "s3cret", 0, TIMEOUT);

        assertNull(pool.getPassword());
        assertFalse(pool.getDataSourceProperties().containsValue("s3cret"));
    }

    @Test
    void takes_a_multi_host_postgresql_url_as_postgresql_and_the_driver_reads_both_hosts() throws SQLException {
        HikariConfig pool = Dialect.of(MULTI_HOST).poolConfig(MULTI_HOST, null, 0, TIMEOUT);
        Properties parsed = org.postgresql.Driver.parseURL(pool.getJdbcUrl(), new Properties());

        assertEquals(Dialect.POSTGRESQL, Dialect.of(MULTI_HOST));
        assertNotNull(parsed, "the driver refuses the URL");
        assertEquals("a,b", parsed.getProperty("PGHOST"));
        assertEquals("5432,5433", parsed.getProperty("PGPORT"));
        assertEquals("primary", parsed.getProperty("targetServerType"));
    }

    @Test
    void takes_only_postgresqls_undefined_table_for_a_missing_table() {
        assertTrue(Dialect.POSTGRESQL.isMissingTable(new SQLException("relation \"users\" does not exist", "42P01")));
        assertTrue(Dialect.POSTGRESQL.isMissingTable(new SQLException("wrapped", "XX000",
                new SQLException("relation \"users\" does not exist", "42P01"))));
        for (String other : new String[] {"42703", "42P02", "42P07", "3D000", "08006", "57P01", "23505", "42601"}) {
            assertFalse(Dialect.POSTGRESQL.isMissingTable(new SQLException("other", other)), other);
        }
        assertFalse(Dialect.POSTGRESQL.isMissingTable(new SQLException("no state")));
    }

    @Test
    void never_takes_a_sqlite_failure_for_a_missing_table() {
        assertFalse(Dialect.SQLITE.isMissingTable(new SQLException("[SQLITE_ERROR] SQL error or missing database (no such table: users)")));
    }
}
