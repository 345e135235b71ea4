package userapi.production;

import userapi.limits.ServerLimits;
import userapi.logging.LogSetup;
import userapi.jdbc.Database;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Entry point: reads configuration, sets up logging, starts the App and stops it on SIGTERM. Nothing else. With
 * arguments it runs the admin command instead (promote/demote EMAIL) and exits with its code.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            Logger.getLogger("").setLevel(Level.WARNING); // the command's one line is the output, not the pool's chatter
            System.exit(AdminCommand.run(args, System.getenv(), System.out, System.err));
        }
        LogSetup.useShutdownSafeManager();
        Config config;
        try {
            config = Config.fromEnvironment(System.getenv());
        } catch (Config.Invalid e) {
            System.err.println("userapi: cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            LogSetup.configure(Path.of(""));
        } catch (LogSetup.InvalidConfiguration e) {
            System.err.println("userapi: cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        ServerLimits.applyToJdk(); // JVM-wide: the JDK reads these once, when the first HttpServer starts
        try {
            ProductionApp app = ProductionApp.start(config);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                app.close();
                LogSetup.closeHandlers();
            }, "shutdown"));
        } catch (Database.CannotOpen e) {
            System.err.println("userapi: cannot start: " + e.getMessage());
            System.exit(1);
        } catch (BindException e) {
            System.err.println("userapi: cannot start: " + config.host() + ":" + config.port()
                    + " is in use or not an address of this machine (set PORT or HOST)");
            System.exit(1);
        } catch (IOException e) {
            System.err.println("userapi: cannot start: " + e.getMessage());
            System.exit(1);
        }
    }
}
