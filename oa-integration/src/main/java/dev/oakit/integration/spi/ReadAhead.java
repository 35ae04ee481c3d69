package dev.oakit.integration.spi;

import org.apiguardian.api.API;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * One reader thread of a sync, so that the next page is read from the remote while the current one is stored: the
 * remote and the database work at the same time. What runs on it must hold no database connection and run in no
 * transaction; the caller stores a page only after every page before it. Close it when the sync ends (the thread
 * is interrupted). Not thread-safe: one sync uses it.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ReadAhead implements AutoCloseable {
    private final ExecutorService reader;

    private ReadAhead(String name) {
        this.reader = Executors.newSingleThreadExecutor(r -> {
            Thread th = new Thread(r, name);
            th.setDaemon(true);
            return th;
        });
    }

    /** @param name the reader thread's name, e.g. {@code oakit-pull-read-erp-Supplier} */
    public static ReadAhead named(String name) {
        return new ReadAhead(name);
    }

    /** Starts a read on the reader thread. @return its result, for {@link #await} */
    public <T> Future<T> read(Callable<T> read) {
        return reader.submit(read);
    }

    /**
     * Waits for a read.
     *
     * @param interrupted the exception to throw when this thread is interrupted meanwhile (its flag is set again)
     * @return what the read returned; a runtime exception or error it threw is thrown as it was
     */
    public static <T> T await(Future<T> read, Function<InterruptedException, RuntimeException> interrupted) {
        try {
            return read.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted.apply(e);
        }
    }

    /** Stops the reader thread, interrupting a read under way. */
    @Override
    public void close() {
        reader.shutdownNow();
    }
}
