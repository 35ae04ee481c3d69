package dev.oakit.testing;

import dev.oakit.workflow.ProcessInstance;
import org.apiguardian.api.API;

/**
 * Fluent assertions on what OAKit holds, read through its public queries at each check. Without a kit
 * argument they use the kit of the test running on this thread ({@link OaKitExtension#current()}).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class OaAssertions {
    private OaAssertions() {
    }

    /** Assertions on an approval instance (its current state is read, not the snapshot passed in). */
    public static InstanceAssert assertThat(ProcessInstance instance) {
        return new InstanceAssert(Current.get(), instance.id());
    }

    public static InstanceAssert assertThat(OaTestKit kit, ProcessInstance instance) {
        return new InstanceAssert(kit, instance.id());
    }

    /** Assertions on the approval instance with this id. */
    public static InstanceAssert assertThatInstance(long instanceId) {
        return new InstanceAssert(Current.get(), instanceId);
    }

    /** Assertions on the approval instance with this id, in the given kit. */
    public static InstanceAssert assertThatInstance(OaTestKit kit, long instanceId) {
        return new InstanceAssert(kit, instanceId);
    }
}
