package dev.oakit.core.spi;

import org.apiguardian.api.API;

/**
 * Watches the commands and jobs OAKit runs, for metrics and tracing (the Micrometer binding in
 * {@code dev.oakit.core.metrics} is one). Contributed with
 * {@code context.extension(OperationObserver.class, ...)}. Called on the thread that runs the
 * command or job; implementations must be thread-safe, fast, and must not throw.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface OperationObserver {

    /**
     * A command starts (once per call of {@code Commands.execute}, retries included).
     *
     * @param spec the command; never null
     * @return what to call when it ends; never null
     */
    Scope command(CommandSpec spec);

    /**
     * A job attempt starts on a worker.
     *
     * @param type the job type; never null
     * @return what to call when it ends; never null
     */
    default Scope job(String type) {
        return Scope.NONE;
    }

    /** One observed command or job attempt. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    interface Scope {
        /** A scope that records nothing. */
        Scope NONE = failure -> { };

        /**
         * The command or job ended.
         *
         * @param failure what it threw, or null when it succeeded
         */
        void end(Throwable failure);
    }
}
