package userapi;

import userapi.logging.LogSetup;
import userapi.service.DefaultUserService;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Entry point of the lecture's server (make run-core): sets up logging from logging.properties, starts the App on
 * HOST:PORT (default 127.0.0.1:8080) and stops it on Ctrl-C or SIGTERM. Nothing else.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        LogSetup.useShutdownSafeManager();
        String host = System.getenv().getOrDefault("HOST", "127.0.0.1");
        int port;
        try {
            port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080").strip());
        } catch (NumberFormatException e) {
            System.err.println("userapi: cannot start: PORT must be a whole number from 0 to 65535");
            System.exit(2);
            return;
        }
        try {
            LogSetup.configure(Path.of(""));
            App app = App.start(host, port, Set.copyOf(DefaultUserService.DEFAULT_BLOCKED_DOMAINS));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                app.close();
                LogSetup.closeHandlers();
            }, "shutdown"));
        } catch (LogSetup.InvalidConfiguration | IOException | IllegalArgumentException e) {
            System.err.println("userapi: cannot start: " + e.getMessage());
            System.exit(e instanceof IOException ? 1 : 2);
        }
    }
}
