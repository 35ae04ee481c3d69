/**
 * The directory's implementation: {@code DirectoryService} is the facade, {@code DirectoryReads}
 * and {@code DbDirectoryProvider} the read side, one command class per aggregate (users,
 * departments, roles and positions, memberships) plus the bulk import the write side, and one
 * repository per aggregate holds every statement that writes its tables. {@code DirectoryCache}
 * is the one place of the cache's rules.
 */
package dev.oakit.core.internal.directory;
