package userapi.jdbc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.util.LibraryLoaderUtil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SqliteNativeLibrary: one copy of the driver's native library, written once, and no harm where it cannot be. */
class SqliteNativeLibraryTest {
    @TempDir
    Path directory;

    private static Path library(Path folder) {
        return folder.resolve(LibraryLoaderUtil.getNativeLibName());
    }

    @Test
    void copies_the_library_once_and_leaves_an_identical_copy_untouched() throws Exception {
        Path folder = SqliteNativeLibrary.copyUnder(directory).orElseThrow();
        assertTrue(folder.startsWith(directory));
        assertTrue(Files.size(library(folder)) > 0);
        FileTime old = FileTime.fromMillis(1_000_000);
        Files.setLastModifiedTime(library(folder), old);

        assertEquals(Optional.of(folder), SqliteNativeLibrary.copyUnder(directory));

        assertEquals(old, Files.getLastModifiedTime(library(folder)), "an identical copy was written again");
        try (var files = Files.list(folder)) {
            assertEquals(1, files.count(), "a partial file was left behind");
        }
    }

    @Test
    void replaces_a_damaged_copy() throws Exception {
        Path folder = SqliteNativeLibrary.copyUnder(directory).orElseThrow();
        long size = Files.size(library(folder));
        Files.write(library(folder), new byte[(int) size]); // same size, other bytes

        assertEquals(Optional.of(folder), SqliteNativeLibrary.copyUnder(directory));

        assertTrue(Files.readAllBytes(library(folder))[0] != 0, "the damaged copy was kept");
    }

    @Test
    void a_place_that_cannot_be_written_leaves_the_driver_its_own_way() throws Exception {
        Path notADirectory = Files.writeString(directory.resolve("file"), "x");

        assertEquals(Optional.empty(), SqliteNativeLibrary.copyUnder(notADirectory.resolve("native")));
    }
}
