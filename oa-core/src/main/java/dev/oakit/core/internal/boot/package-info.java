/**
 * The bootstrap both doors run ({@code OaKit.builder()} and {@code OaKitModule}): the plan of
 * plugins in dependency order ({@code BootPlan}), the Guice wiring of the kernel ({@code CoreModule}),
 * the running instance ({@code OaKitImpl}) and the periodic work every node does (retention,
 * audit sealing).
 */
package dev.oakit.core.internal.boot;
