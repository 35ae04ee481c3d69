package dev.oakit.integration.amqp;

import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/** Skips a jqwik container when RabbitMQ is unreachable, or fails it when {@code CI=true}, as {@link Rabbit#require()} does for JUnit tests. */
public final class RabbitRequired implements SkipExecutionHook {
    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        return Rabbit.unreachable().map(why -> SkipResult.skip(Rabbit.skipOrFail(why))).orElse(SkipResult.doNotSkip());
    }
}
