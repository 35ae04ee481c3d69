/**
 * OAKit for Spring Boot hosts: the auto-configuration ({@link dev.oakit.spring.OaKitAutoConfiguration})
 * and the {@code oakit.*} properties ({@link dev.oakit.spring.OaKitProperties}).
 */
package dev.oakit.spring;
