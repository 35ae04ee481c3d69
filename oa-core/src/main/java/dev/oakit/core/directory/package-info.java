/**
 * The organisation directory (通讯录): users, departments as a tree with heads, roles,
 * positions and memberships, the manager rule that approval routing uses, and bulk import.
 * The entry point is {@link dev.oakit.core.directory.Directory}, obtained with
 * {@code oaKit.service(Directory.class)}. Value types are immutable records; every method
 * rejects null arguments with a {@link dev.oakit.core.ValidationException} unless documented
 * otherwise.
 */
package dev.oakit.core.directory;
