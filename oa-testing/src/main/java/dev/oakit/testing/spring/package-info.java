/**
 * oa-testing in a Spring Boot host's tests: {@link dev.oakit.testing.spring.OaKitSpringTest} next to
 * {@code @SpringBootTest} puts a {@link dev.oakit.testing.base.TestClock} under the starter's OAKit and an
 * {@link dev.oakit.testing.OaTestKit} over it into the context, and makes it the current kit of each test method.
 * Needs {@code spring-test} and {@code spring-context} (every Spring Boot test has them).
 */
package dev.oakit.testing.spring;
