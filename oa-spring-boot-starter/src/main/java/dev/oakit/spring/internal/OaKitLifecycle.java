package dev.oakit.spring.internal;

import dev.oakit.core.OaKit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * Starts OAKit with the application context (migrations, tenants, job workers, plugins' start hooks)
 * and closes it when the context stops. Its phase puts it before the web server on start and after
 * it on stop, so requests never meet a stopped OAKit. Destroyed with its context, it closes an OAKit
 * still running (a context whose refresh failed after OAKit started, one the host started itself).
 */
public final class OaKitLifecycle implements SmartLifecycle, DisposableBean {
    /** Below the web server's phase ({@code DEFAULT_PHASE - 1024}): started before it, stopped after it. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 2048;

    private final OaKit oaKit;
    private final boolean autoStartup;

    public OaKitLifecycle(OaKit oaKit, boolean autoStartup) {
        this.oaKit = oaKit;
        this.autoStartup = autoStartup;
    }

    @Override
    public void start() {
        oaKit.start();
    }

    @Override
    public void stop() {
        oaKit.close();
    }

    @Override
    public void destroy() {
        if (oaKit.isRunning()) {
            oaKit.close();
        }
    }

    @Override
    public boolean isRunning() {
        return oaKit.isRunning();
    }

    @Override
    public boolean isAutoStartup() {
        return autoStartup;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
