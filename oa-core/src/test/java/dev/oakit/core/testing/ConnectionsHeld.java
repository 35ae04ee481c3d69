package dev.oakit.core.testing;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;

/**
 * A data source that counts, per thread, the connections handed out and not closed yet: a test
 * checks that code running on a thread (a job handler calling a remote system) holds none.
 */
public final class ConnectionsHeld {
    private static final ThreadLocal<int[]> OPEN = ThreadLocal.withInitial(() -> new int[1]);

    private ConnectionsHeld() {
    }

    /** @return connections the current thread took from a tracking data source and has not closed */
    public static int byThisThread() {
        return OPEN.get()[0];
    }

    /** @return a data source over {@code target} that counts connections per thread */
    public static DataSource tracking(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[]{DataSource.class}, (p, m, args) -> {
            Object r = invoke(m, target, args);
            if (!(r instanceof Connection c)) {
                return r;
            }
            int[] counter = OPEN.get();
            counter[0]++;
            boolean[] closed = {false};
            return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class}, (cp, cm, cargs) -> {
                if (cm.getName().equals("close") && !closed[0]) {
                    closed[0] = true;
                    counter[0]--;
                }
                return invoke(cm, c, cargs);
            });
        });
    }

    private static Object invoke(java.lang.reflect.Method m, Object target, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
