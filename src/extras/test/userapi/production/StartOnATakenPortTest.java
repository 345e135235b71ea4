package userapi.production;

import org.junit.jupiter.api.Test;

import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A server that cannot listen leaves nothing running behind it: no mail sender, no sweeper. */
class StartOnATakenPortTest {
    private static List<String> backgroundThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.equals("mail-outbox-sender") || name.equals("expired-token-sweeper")).toList();
    }

    @Test
    void a_taken_port_fails_the_start_and_stops_what_it_had_started() throws Exception {
        List<String> before = backgroundThreads();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Config config = Config.fromEnvironment(Map.of("HOST", "127.0.0.1", "PORT", Integer.toString(taken.getLocalPort()),
                    "DATABASE_URL", Config.MEMORY, "SHUTDOWN_DRAIN_SECONDS", "0", "PASSWORD_HASH_ITERATIONS", "1000",
                    "MAIL_DIR", System.getProperty("java.io.tmpdir") + "/userapi-taken-port-mail"));

            assertThrows(BindException.class, () -> ProductionApp.start(config));
        }
        assertEquals(before, backgroundThreads());
    }
}
