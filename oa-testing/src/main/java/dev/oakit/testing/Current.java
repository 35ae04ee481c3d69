package dev.oakit.testing;

/** The kit of the test running on each thread, set by {@link OaKitExtension} around each test method. */
final class Current {
    private static final ThreadLocal<OaTestKit> KIT = new ThreadLocal<>();

    private Current() {
    }

    static OaTestKit get() {
        OaTestKit kit = KIT.get();
        if (kit == null) {
            throw new IllegalStateException("no OAKit test is running on this thread: annotate the class with @OaKitTest "
                    + "or register OaKitExtension, or pass the kit: OaAssertions.assertThat(kit, instance)");
        }
        return kit;
    }

    static void set(OaTestKit kit) {
        if (kit == null) {
            KIT.remove();
        } else {
            KIT.set(kit);
        }
    }
}
