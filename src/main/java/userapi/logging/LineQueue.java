package userapi.logging;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * A handler's records on their way to its stream, so a request never waits on a log lock or a write: the logging
 * thread only queues the record (no lock), and a writer thread writes what has queued every quarter second, then
 * flushes. A WARNING or worse is written and flushed before {@link #add} returns, with every line queued before it;
 * a full queue is written by the thread that fills it, so the queue stays small whatever the load.
 * <p>
 * Writing a record straight from each request (the JDK's way) made the requests queue on the handler's lock: on
 * two cores, 10 µs of the 62 µs a signed-in GET cost on the in-memory store went to parking and waking them.
 */
final class LineQueue {
    static final long INTERVAL_MILLIS = 250;
    static final int MAX_QUEUED = 4096;

    private final ConcurrentLinkedQueue<LogRecord> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final ReentrantLock writing = new ReentrantLock(); // one writer at a time: lines keep their order
    private final Consumer<LogRecord> write;
    private final Runnable flush;
    private final Thread thread;
    private volatile boolean running = true;

    /** @param write the handler's own publish; @param flush its flush. Both are only called by one thread at a time. */
    LineQueue(String name, Consumer<LogRecord> write, Runnable flush) {
        this.write = write;
        this.flush = flush;
        this.thread = Thread.ofPlatform().daemon().name(name).start(this::loop);
    }

    void add(LogRecord record) {
        queue.add(record);
        boolean urgent = record.getLevel().intValue() >= Level.WARNING.intValue();
        if (urgent || queued.incrementAndGet() > MAX_QUEUED || !running) {
            writeQueued(urgent || !running);
        }
    }

    /** Writes every queued record and flushes: what is left at shutdown. */
    void stop() {
        running = false;
        thread.interrupt();
        writeQueued(true);
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException stopping) {
                return;
            }
            try {
                writeQueued(true);
            } catch (RuntimeException failure) {
                // the JDK's handler reports its own write failures to its ErrorManager; the writer keeps going
            }
        }
    }

    private void writeQueued(boolean thenFlush) {
        writing.lock();
        try {
            int written = 0;
            for (LogRecord record = queue.poll(); record != null; record = queue.poll()) {
                write.accept(record);
                written++;
            }
            queued.addAndGet(-written);
            if (thenFlush) {
                flush.run();
            }
        } finally {
            writing.unlock();
        }
    }
}
