package userapi.logging;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * BufferedFileHandler: batches ordinary records, writes warnings at once after what came before, loses nothing on
 * close, and writes the request id of the thread that logged, not of the thread that writes.
 */
class BufferedFileHandlerTest {
    @TempDir
    Path directory;

    private BufferedFileHandler open() throws IOException {
        String config = "userapi.logging.BufferedFileHandler.pattern = " + directory.toString().replace('\\', '/') + "/app.%g.log\n"
                + "userapi.logging.BufferedFileHandler.formatter = userapi.logging.LineFormatter\n"
                + "userapi.logging.BufferedFileHandler.encoding = UTF-8\n";
        LogManager.getLogManager().readConfiguration(new ByteArrayInputStream(config.getBytes(StandardCharsets.UTF_8)));
        return new BufferedFileHandler();
    }

    @AfterEach
    void restoreLogging() throws IOException {
        LogManager.getLogManager().readConfiguration();
    }

    private String file() throws IOException {
        return Files.readString(directory.resolve("app.0.log"), StandardCharsets.UTF_8);
    }

    @Test
    void writes_a_warning_to_the_file_before_publish_returns() throws IOException {
        BufferedFileHandler handler = open();
        try {
            handler.publish(new LogRecord(Level.WARNING, "disk almost full"));

            assertTrue(file().contains("WARNING"), file());
            assertTrue(file().contains("disk almost full"), file());
        } finally {
            handler.close();
        }
    }

    @Test
    void writes_ordinary_records_within_a_moment_without_being_closed() throws Exception {
        BufferedFileHandler handler = open();
        try {
            handler.publish(new LogRecord(Level.INFO, "GET /health 200"));

            long deadline = System.nanoTime() + 10_000_000_000L; // generous: the flusher runs every 250 ms
            while (!file().contains("GET /health 200") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(file().contains("GET /health 200"), "flushed by the batch flusher: " + file());
        } finally {
            handler.close();
        }
    }

    @Test
    void loses_no_record_when_closed() throws IOException {
        BufferedFileHandler handler = open();
        for (int i = 0; i < 1000; i++) {
            handler.publish(new LogRecord(Level.INFO, "record " + i));
        }
        handler.close();

        String written = file();
        for (int i = 0; i < 1000; i++) {
            assertTrue(written.contains("record " + i + System.lineSeparator()), "record " + i);
        }
    }

    @Test
    void writes_a_warning_after_the_ordinary_records_logged_before_it() throws IOException {
        BufferedFileHandler handler = open();
        try {
            handler.publish(new LogRecord(Level.INFO, "first"));
            handler.publish(new LogRecord(Level.INFO, "second"));
            handler.publish(new LogRecord(Level.WARNING, "third"));

            String written = file();
            assertTrue(written.indexOf("first") < written.indexOf("second") && written.indexOf("second") < written.indexOf("third")
                    && written.indexOf("first") >= 0, written);
        } finally {
            handler.close();
        }
    }

    @Test
    void writes_the_request_id_of_the_thread_that_logged_the_record() throws IOException {
        BufferedFileHandler handler = open();
        LogContext.setRequestId("req-7");
        try {
            handler.publish(new LogRecord(Level.INFO, "GET /users/me 200"));
        } finally {
            LogContext.clear();
        }
        handler.close();

        assertTrue(file().contains("[req-7] GET /users/me 200"), file());
    }

    @Test
    void formats_a_record_once_for_the_console_and_the_file() {
        LineFormatter console = new LineFormatter();
        LineFormatter file = new LineFormatter();
        LogRecord record = new LogRecord(Level.INFO, "GET /health 200");

        LogRecord first = FormattedRecord.of(record, console);
        LogRecord second = FormattedRecord.of(record, file);

        assertSame(first, second, "the second handler reuses the first one's line");
        assertTrue(file.format(second).contains("INFO null [-] GET /health 200"), file.format(second));
        assertNotSame(first, FormattedRecord.of(new LogRecord(Level.INFO, "GET /health 200"), file), "a new record is formatted anew");
    }
}
