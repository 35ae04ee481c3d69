/**
 * oa-testing: OAKit in a host's JUnit 5 tests. {@link dev.oakit.testing.OaKitTest} (or
 * {@link dev.oakit.testing.OaKitExtension#builder()}) boots OAKit on embedded H2 or the test's DataSource,
 * deploys the process definitions on the class path, runs on a {@link dev.oakit.testing.base.TestClock} and
 * injects {@link dev.oakit.testing.OaTestKit}, {@code OaKit}, the clock and services;
 * {@link dev.oakit.testing.OaAssertions} checks instances against what the engine holds.
 * {@link dev.oakit.testing.OaKitHostExtension} does the same over the OAKit the host builds itself (its builder code,
 * its Guice injector); {@code dev.oakit.testing.spring} over a Spring Boot test's context.
 */
package dev.oakit.testing;
