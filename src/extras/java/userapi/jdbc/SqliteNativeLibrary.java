package userapi.jdbc;

import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * sqlite-jdbc's native library kept in one stable place beside the database, written once: left to itself the
 * driver writes a new copy into java.io.tmpdir on every start, and a killed process leaves its copy there.
 * Anything that goes wrong here leaves the driver to do as it always did.
 */
final class SqliteNativeLibrary {
    private static final Logger LOG = Logger.getLogger(SqliteNativeLibrary.class.getName());
    /** Where the driver looks first (SQLiteJDBCLoader.loadSQLiteNativeLibrary); an operator's own setting wins. */
    static final String PATH_PROPERTY = "org.sqlite.lib.path";

    private SqliteNativeLibrary() {
    }

    /**
     * Points the driver at the copy under directory, writing it first if missing or different. Takes effect only
     * if the driver has not loaded its library yet in this process (the first SQLite connection loads it).
     */
    static void useCopyUnder(Path directory) {
        if (System.getProperty(PATH_PROPERTY) != null || System.getProperty("org.sqlite.lib.name") != null) {
            return;
        }
        copyUnder(directory).ifPresent(folder -> System.setProperty(PATH_PROPERTY, folder.toString()));
    }

    /**
     * directory/sqlite-jdbc-VERSION/OS/ARCH/libsqlitejdbc.so (name per platform), the same bytes as in the jar;
     * written to a temporary file and renamed into place, so a crash or a second process never sees half a file.
     *
     * @return the folder holding the copy; empty if the jar has no library for this platform or it cannot be written
     */
    static Optional<Path> copyUnder(Path directory) {
        String resourceFolder = LibraryLoaderUtil.getNativeLibResourcePath(); // /org/sqlite/native/Linux/x86_64
        String name = LibraryLoaderUtil.getNativeLibName();
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resourceFolder + "/" + name)) {
            if (in == null) {
                return Optional.empty(); // no bundled library for this platform: the driver searches java.library.path
            }
            byte[] library = in.readAllBytes();
            Path folder = directory.resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion()
                    + resourceFolder.substring("/org/sqlite/native".length())).toAbsolutePath();
            Path file = folder.resolve(name);
            if (Files.isRegularFile(file) && Files.size(file) == library.length
                    && Arrays.equals(Files.readAllBytes(file), library)) {
                return Optional.of(folder);
            }
            Files.createDirectories(folder);
            Path partial = Files.createTempFile(folder, name, ".partial");
            try {
                Files.write(partial, library);
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
            return Optional.of(folder);
        } catch (IOException | RuntimeException e) {
            LOG.fine(() -> "cannot keep SQLite's native library under " + directory + " (" + e
                    + "): the driver extracts it into java.io.tmpdir");
            return Optional.empty();
        }
    }
}
