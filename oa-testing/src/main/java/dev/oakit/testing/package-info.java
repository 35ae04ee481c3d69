/**
 * oa-testing: OAKit in a host's JUnit 5 tests. {@link dev.oakit.testing.OaKitTest} (or
 * {@link dev.oakit.testing.OaKitExtension#builder()}) boots OAKit on embedded H2 or the test's DataSource,
 * deploys the process definitions on the class path, runs on a {@link dev.oakit.testing.base.TestClock} and
 * injects {@link dev.oakit.testing.OaTestKit}, {@code OaKit}, the clock and services;
 * {@link dev.oakit.testing.OaAssertions} checks instances against what the engine holds.
 */
package dev.oakit.testing;
