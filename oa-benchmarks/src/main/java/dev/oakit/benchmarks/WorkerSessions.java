package dev.oakit.benchmarks;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The floors' per-thread sessions: worker {@code w} gets its own session (a connection and the statements it prepared
 * once), opened on first use and kept; {@link #releaseAll} closes them together (the statement tests swap the data
 * source underneath, the benchmarks close between phases).
 *
 * @param <S> a floor's session
 */
final class WorkerSessions<S extends AutoCloseable> implements AutoCloseable {
    /** Opens one worker's session. */
    interface Opener<S> {
        S open() throws SQLException;
    }

    private final Opener<S> opener;
    private List<S> sessions = new ArrayList<>();

    WorkerSessions(Opener<S> opener) {
        this.opener = opener;
    }

    /** @return worker {@code w}'s session, opened now if it has none */
    synchronized S get(int w) {
        while (sessions.size() <= w) {
            sessions.add(null);
        }
        if (sessions.get(w) == null) {
            try {
                sessions.set(w, opener.open());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return sessions.get(w);
    }

    /** Closes every session; the next {@link #get} opens a new one. */
    void releaseAll() throws Exception {
        List<S> held;
        synchronized (this) {
            held = sessions;
            sessions = new ArrayList<>();
        }
        for (S s : held) {
            if (s != null) {
                s.close();
            }
        }
    }

    @Override
    public void close() throws Exception {
        releaseAll();
    }
}
