package dev.oakit.benchmarks;

/**
 * One engine running the leave life cycle: start → manager → (days &gt; 3) director → end, each
 * assignee finding its task through the engine's todo query. Worker {@code w} starts as initiator
 * {@code u<w>}, whose manager is {@code m<w>}; the director is {@code carol}. Load assignee
 * {@code i} (0 ≤ i &lt; assignees) is manager {@code lm<i>} of initiator {@code le<i>}.
 * Thread-safe after {@link #boot} and {@link #prepare}.
 */
interface LeaveEngine extends AutoCloseable {
    /** @return "oakit", "flowable" or "floor" */
    String name();

    /** Builds the engine on an empty database (schema creation included) and deploys the leave process. */
    void boot() throws Exception;

    /** @return milliseconds the deployment of the leave process took within {@link #boot}, or -1 where nothing is deployed */
    long deployMs();

    /** Gives back connections held across life cycles (the floor's), so that the next ones come from the data source anew. */
    default void releaseConnections() throws Exception {
    }

    /** Creates what the engine needs to know about people: workers and load assignees. */
    void prepare(int workers, int assignees) throws Exception;

    /** One whole life cycle by worker {@code w} (5 days: through manager and director); returns the instance id. */
    String cycle(int w);

    /** @return whether the instance ended approved (checked once, outside the measured loop) */
    boolean endedApproved(String instanceId);

    /** Starts one instance that stays open at the manager {@code lm<assignee>}. */
    void startOpen(int assignee);

    /** Runs the todo query of load assignee {@code assignee} (first page of 20, newest first); returns the rows. */
    int todo(int assignee);

    @Override
    void close() throws Exception;
}
