/**
 * oa-testing-base: the part of OAKit's test kit that needs nothing of OAKit, shared by hosts (through oa-testing)
 * and OAKit's own modules. {@link dev.oakit.testing.base.DatabaseTest} runs a test method or a whole test class
 * once per {@link dev.oakit.testing.base.Database} of the matrix, each on a fresh
 * {@link dev.oakit.testing.base.TestSchema}; {@link dev.oakit.testing.base.TestClock} is the clock a test moves.
 */
package dev.oakit.testing.base;
